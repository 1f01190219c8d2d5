"""Every API URL that a change can affect is purged from the CDN, by the background
worker, with Wagtail's HTTP purge backend (tested against a receiver on 127.0.0.1)."""

import pytest

from api.invalidation import api_urls
from tests.background import run_background_tasks
from tests.factories import ArticlePageFactory, publish, translate
from tests.receiver import Receiver

pytestmark = pytest.mark.django_db
API = "https://api.hospital.example"


@pytest.fixture
def cdn(settings):
    receiver = Receiver().start()
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": receiver.url,
        }
    }
    settings.CMS_API_PUBLIC_URL = API
    yield receiver
    receiver.stop()


def run_worker() -> None:
    run_background_tasks()


def purged(cdn) -> set[str]:
    assert all(r.method == "PURGE" for r in cdn.requests)
    assert {r.headers["Host"] for r in cdn.requests} == {"api.hospital.example"}
    return {r.path for r in cdn.requests}


def test_publishing_purges_details_listings_and_fallback_locales(
    cdn, index_page, locales, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(ArticlePageFactory(parent=index_page, slug="a"))
    assert cdn.requests == []  # publishing only queued the purge
    run_worker()
    paths = purged(cdn)
    assert {
        "/api/v1/articles/a/",
        "/api/v1/articles/a/?locale=en",
        "/api/v1/articles/a/?locale=zh-hant",  # falls back to en
        "/api/v1/articles/?locale=en",
        "/api/v1/articles/?locale=ko&fallback=true",  # ko falls back to en
        "/api/v1/topics/?locale=en",
        "/api/v1/articles/",
    } <= paths

    cdn.requests.clear()
    with django_capture_on_commit_callbacks(execute=True):
        translate(page, locales["zh-hans"], slug="a-zh")
    run_worker()
    paths = purged(cdn)
    # The new version's slug, the source's slug (its `translations` changed), and
    # zh-hant, which now falls back to zh-hans.
    assert {
        "/api/v1/articles/a-zh/?locale=zh-hant",
        "/api/v1/articles/a/?locale=en",
        "/api/v1/articles/?locale=zh-hant&fallback=true",
        "/api/v1/articles/?locale=zh-hans",
    } <= paths


def test_without_a_cdn_nothing_is_queued(
    index_page, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        publish(ArticlePageFactory(parent=index_page, slug="a"))
    assert callbacks  # the response cache is still bumped on commit
    from django_tasks_db.models import DBTaskResult

    assert not DBTaskResult.objects.filter(
        task_path__endswith="purge_api_urls"
    ).exists()


def test_purge_list_covers_every_locale_of_every_slug(settings):
    settings.CMS_API_PUBLIC_URL = API
    urls = api_urls(slugs=["a"], locales=["ar"])
    assert f"{API}/api/v1/articles/a/?locale=ko" in urls
    assert f"{API}/api/v1/articles/?locale=ar" in urls
