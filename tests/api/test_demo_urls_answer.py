"""Every absolute URL in every demo article's detail, in every locale, answers 200
from the embedded default served on a port that is not 8000 (as `make run PORT=...`
would): the documents were built by another process (the demo loader), which could
not know that port."""

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from tests.services import free_port

ROOT = Path(__file__).resolve().parents[2]
URL = re.compile(r"https?://[^\s\"'<>\\)]+")

pytestmark = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "sqlite").startswith("sqlite"),
    reason="about the embedded default (SQLite); runs once, in the SQLite pass",
)


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    work = tmp_path_factory.mktemp("demo")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "DJANGO_MEDIA_ROOT": str(work / "media"),
        "REDIS_URL": "",
        "CACHE_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
    }
    env.pop("PYTEST_ADDOPTS", None)
    for command in (["migrate", "-v0"], ["load_demo", "--no-admin"]):
        done = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *command],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-2000:]
    port = free_port()
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(f"{base}/api/v1/locales/", timeout=2)  # noqa: S310
            break
        except OSError:
            if time.monotonic() > deadline:
                server.kill()
                raise
            time.sleep(0.2)
    yield base
    server.terminate()
    server.wait(timeout=10)


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
