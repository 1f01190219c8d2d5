"""Every absolute URL in every demo article's detail, in every locale, answers 200
from the embedded default served on a port that is not 8000 (as `make run PORT=...`
would): the documents were built by another process (the demo loader), which could
not know that port."""

import json
import re
import urllib.error
import urllib.request

import pytest

from tests.embedded import EmbeddedSite, only_on_sqlite

URL = re.compile(r"https?://[^\s\"'<>\\)]+")

pytestmark = only_on_sqlite


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    site = EmbeddedSite(tmp_path_factory.mktemp("demo"))
    site.manage("migrate", "-v0")
    site.manage("load_demo", "--no-admin")
    with site.server() as base:
        yield base


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def fetch_json(url: str):
    with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
        return json.load(response)


def test_every_url_in_every_demo_detail_answers(demo_server):
    locales = [
        entry["code"]
        for entry in fetch_json(f"{demo_server}/api/v1/locales/")["locales"]
    ]
    checked, failed = set(), []
    for locale in locales:
        listing = fetch_json(f"{demo_server}/api/v1/articles/?locale={locale}")
        for item in listing["results"]:
            detail = fetch_json(
                f"{demo_server}/api/v1/articles/{item['slug']}/?locale={locale}"
            )
            text = json.dumps(detail, ensure_ascii=False)
            for url in set(URL.findall(text)):
                if not url.startswith(demo_server) or url in checked:
                    continue  # other sites (DOIs, studies) are not ours to serve
                checked.add(url)
                if (status := status_of(url)) != 200:
                    failed.append((status, url))
    assert len(checked) > 20  # pages in every locale, images and renditions
    assert not failed, failed
