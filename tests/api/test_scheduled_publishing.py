"""Go-live and expiry dates take effect at the worker's next scheduler tick: an
expired article leaves detail, listings, search and sync (a tombstone), with the
webhook and the CDN purge queued; an article due to go live appears."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from api.models import WebhookSubscription
from api.periodic import Scheduler, periodic_jobs
from articles.models import ArticlePage
from tests.background import run_background_tasks
from tests.factories import ArticlePageFactory, publish

pytestmark = pytest.mark.django_db
API = "https://api.hospital.example"
AN_HOUR_AGO = timedelta(hours=-1)


@pytest.fixture
def tick(django_capture_on_commit_callbacks):
    """One tick of the worker's scheduler, running scheduled publishing only."""
    scheduler = Scheduler(
        [job for job in periodic_jobs() if job.name == "publish_scheduled"]
    )

    def run() -> list[str]:
        with django_capture_on_commit_callbacks(execute=True):
            return scheduler.tick()

    return run


def found(api, **params) -> list[str]:
    response = api.get("/api/v1/articles/", {"locale": "en", **params})
    assert response.status_code == 200
    return [article["slug"] for article in response.json()["results"]]


def sync(api, **params) -> dict:
    response = api.get("/api/v1/sync/", {"locale": "en", **params})
    assert response.status_code == 200
    return response.json()


def expire(page) -> None:
    """The article's expiry date has passed (set while it was live, as editors do)."""
    ArticlePage.objects.filter(pk=page.pk).update(
        expire_at=timezone.now() + AN_HOUR_AGO
    )


def test_an_expired_article_leaves_detail_listing_search_and_sync_after_a_tick(
    api, index_page, tick
):
    page = publish(
        ArticlePageFactory(parent=index_page, slug="knee", title="Knee cartilage")
    )
    publish(ArticlePageFactory(parent=index_page, slug="hip", title="Hip cartilage"))
    token = sync(api)["next_sync_token"]
    expire(page)
    # Until the tick, the API still serves it (from its cache, too).
    assert api.get("/api/v1/articles/knee/").status_code == 200
    assert sorted(found(api)) == ["hip", "knee"]

    assert tick() == ["publish_scheduled"]

    page.refresh_from_db()
    assert (page.live, page.expired) == (False, True)
    assert api.get("/api/v1/articles/knee/").status_code == 404
    assert api.get("/api/v1/articles/knee/", {"locale": "ko"}).status_code == 404
    assert found(api) == ["hip"]
    assert found(api, search="cartilage") == ["hip"]
    changes = sync(api, sync_token=token)
    assert changes["articles"] == []
    assert changes["deleted"] == [
        {"id": page.pk, "translation_key": str(page.translation_key)}
    ]


def test_expiry_queues_the_webhook_and_the_cdn_purge(
    settings, index_page, tick, receiver, django_capture_on_commit_callbacks
):
    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": receiver.url,
        }
    }
    settings.CMS_API_PUBLIC_URL = API
    WebhookSubscription.objects.create(name="Website", url=receiver.url + "/hook")
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(ArticlePageFactory(parent=index_page, slug="knee"))
    run_background_tasks()
    receiver.requests.clear()
    expire(page)

    tick()
    assert receiver.requests == []  # queued for the worker, not sent by the tick
    run_background_tasks()

    [hook] = [r for r in receiver.requests if r.method == "POST"]
    event = json.loads(hook.body)
    assert (event["event"], event["id"], event["slug"]) == (
        "article.unpublished",
        page.pk,
        "knee",
    )
    purged = {r.path for r in receiver.requests if r.method == "PURGE"}
    assert {"/api/v1/articles/knee/", "/api/v1/articles/?locale=en"} <= purged


def test_an_article_due_to_go_live_appears_after_a_tick(api, index_page, tick):
    publish(ArticlePageFactory(parent=index_page, slug="hip"))
    token = sync(api)["next_sync_token"]
    # Scheduled an hour ago for a moment that has now passed (Wagtail's own set-up:
    # the page's go-live date and the revision approved for it).
    page = ArticlePageFactory(
        parent=index_page,
        slug="knee",
        live=False,
        go_live_at=timezone.now() + AN_HOUR_AGO,
    )
    page.save_revision(approved_go_live_at=timezone.now() + AN_HOUR_AGO)
    assert api.get("/api/v1/articles/knee/").status_code == 404
    assert found(api) == ["hip"]

    assert tick() == ["publish_scheduled"]

    assert api.get("/api/v1/articles/knee/").status_code == 200
    assert sorted(found(api)) == ["hip", "knee"]
    changes = sync(api, sync_token=token)
    assert [a["slug"] for a in changes["articles"]] == ["knee"]
    assert changes["deleted"] == []


def test_a_tick_before_the_dates_changes_nothing(api, index_page, tick):
    page = publish(ArticlePageFactory(parent=index_page, slug="knee"))
    ArticlePage.objects.filter(pk=page.pk).update(
        expire_at=timezone.now() + timedelta(hours=1)
    )
    tick()
    assert api.get("/api/v1/articles/knee/").status_code == 200
