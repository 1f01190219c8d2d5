"""The embedded default (SQLite, no Redis) is as fresh as production: what one process
publishes or changes, a server running in another process serves at its next
request. Real processes: a server, and `manage.py shell` as the publisher. The same
with Redis as the shared cache, where each process keeps the generations it read
and Redis announces changes (`api.generations`)."""

import shutil
import textwrap
import urllib.request

import pytest

from tests.embedded import EmbeddedSite, only_on_sqlite
from tests.services import RedisServer, free_port

pytestmark = only_on_sqlite

SETUP = """
from tests.conftest import make_index_page, make_locales
from tests.factories import ArticlePageFactory, publish
index = make_index_page(make_locales())
publish(ArticlePageFactory(parent=index, slug="knee", title="Knee cartilage"))
"""


@pytest.fixture(scope="module", params=["files", "redis"])
def embedded(request, tmp_path_factory):
    """A migrated SQLite database, its own cache namespace, and a server on it; the
    cache in files (the embedded default) or in a Redis of its own."""
    redis = None
    env = {}
    if request.param == "redis":
        if not shutil.which("redis-server"):
            pytest.skip("needs redis-server")
        redis = RedisServer(free_port())
        redis.start()
        env["REDIS_URL"] = f"redis://127.0.0.1:{redis.port}/0"
    site = EmbeddedSite(
        tmp_path_factory.mktemp("embedded"),
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,clinic.example",
        **env,
    )
    try:
        site.manage("migrate", "-v0")
        site.manage("shell", stdin=SETUP)
        with site.server() as base:
            yield base, site.manage
    finally:
        if redis is not None:
            redis.stop()


def get(url: str, host: str | None = None):
    request = urllib.request.Request(url, headers={"Host": host} if host else {})  # noqa: S310
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
        return response.headers, response.read().decode()


def test_a_publish_from_another_process_is_served_at_the_next_request(embedded):
    base, manage = embedded
    get(f"{base}/api/v1/articles/")
    headers, body = get(f"{base}/api/v1/articles/")
    assert headers["X-Cache"] == "HIT" and "Knee cartilage" in body
    get(f"{base}/api/v1/articles/knee/")

    manage(
        "shell",
        stdin=textwrap.dedent(
            """
            from articles.models import ArticlePage
            page = ArticlePage.objects.get(slug="knee")
            page.title = "Knee cartilage repair"
            page.save_revision().publish()
            """
        ),
    )

    _, listing = get(f"{base}/api/v1/articles/")
    assert "Knee cartilage repair" in listing
    _, detail = get(f"{base}/api/v1/articles/knee/")
    assert "Knee cartilage repair" in detail


def test_a_site_added_in_another_process_is_used_at_the_next_request(embedded):
    base, manage = embedded
    get(f"{base}/api/v1/articles/", host="clinic.example")
    headers, before = get(f"{base}/api/v1/articles/", host="clinic.example")
    # The default site answers for an unknown host (and the answer is cached).
    assert headers["X-Cache"] == "HIT" and "knee" in before

    manage(
        "shell",
        stdin=textwrap.dedent(
            """
            from wagtail.models import Page, Site
            from tests.factories import ArticleIndexPageFactory
            from wagtail.models import Locale
            empty = ArticleIndexPageFactory(
                parent=Page.get_first_root_node(),
                locale=Locale.objects.get(language_code="en"),
                slug="clinic",
            )
            Site.objects.create(hostname="clinic.example", port=80, root_page=empty)
            """
        ),
    )

    _, after = get(f"{base}/api/v1/articles/", host="clinic.example")
    assert "knee" not in after
