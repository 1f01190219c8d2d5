"""Go-live and expiry dates take effect at the worker's next scheduler tick: an
expired article leaves detail, listings, search and sync (a tombstone), with the
webhook and the CDN purge queued; an article due to go live appears. Each object is
published in a transaction of its own: a failure loses no schedule and holds up no
other article."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.db.models.signals import pre_save
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from api.models import PeriodicJob, WebhookSubscription
from api.periodic import (
    ScheduledPublishingFailed,
    Scheduler,
    periodic_jobs,
    publish_scheduled,
)
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


def schedule(index_page, slug: str, *, due: timedelta = AN_HOUR_AGO) -> ArticlePage:
    """An article approved to go live at now + `due`, as the admin leaves it."""
    page = ArticlePageFactory(
        parent=index_page, slug=slug, live=False, go_live_at=timezone.now() + due
    )
    page.save_revision(approved_go_live_at=timezone.now() + due)
    return page


def state(*pages) -> dict[str, tuple]:
    """Each page's (live, expired, still scheduled) and the log actions it has."""
    result = {}
    for page in pages:
        page.refresh_from_db()
        scheduled = Revision.objects.filter(
            object_id=str(page.pk), approved_go_live_at__isnull=False
        ).exists()
        actions = sorted(
            PageLogEntry.objects.filter(
                page=page, action__contains="scheduled"
            ).values_list("action", flat=True)
        )
        result[page.slug] = (page.live, page.expired, scheduled, actions)
    return result


@pytest.fixture
def locked_saves():
    """The next save of each named article fails as a locked SQLite database does."""
    failing: set[str] = set()

    def fail(sender, instance, **kwargs):
        if getattr(instance, "slug", None) in failing:
            failing.discard(instance.slug)
            raise OperationalError("database is locked")

    # Any sender: scheduled expiry saves the page as a plain `Page`.
    pre_save.connect(fail, dispatch_uid="locked-saves")
    yield failing
    pre_save.disconnect(dispatch_uid="locked-saves")


@pytest.mark.parametrize(
    "run",
    [publish_scheduled, lambda: call_command("publish_scheduled")],
    ids=["ours", "wagtail"],
)
def test_the_job_does_what_wagtails_command_does(index_page, run):
    expired = publish(ArticlePageFactory(parent=index_page, slug="old"))
    expire(expired)
    due = schedule(index_page, "knee")
    later = schedule(index_page, "hip", due=timedelta(hours=1))

    run()

    assert state(expired, due, later) == {
        "old": (False, True, False, ["wagtail.unpublish.scheduled"]),
        "knee": (True, False, False, ["wagtail.publish.scheduled"]),
        "hip": (False, False, True, []),
    }


def test_wagtails_command_loses_the_schedule_of_a_page_whose_save_failed(
    index_page, locked_saves
):
    """Why the job does not call the command: it clears the go-live time, commits,
    then saves the page. When Wagtail no longer does, the job can call it again."""
    page = schedule(index_page, "knee")
    locked_saves.add("knee")
    with pytest.raises(OperationalError):
        call_command("publish_scheduled")
    assert state(page)["knee"][:3] == (False, False, False)  # never goes live


def test_a_go_live_that_failed_is_kept_and_published_at_the_next_run(
    api, index_page, locked_saves
):
    page = schedule(index_page, "knee")
    locked_saves.add("knee")

    with pytest.raises(ScheduledPublishingFailed, match="1 failed"):
        publish_scheduled()
    assert state(page)["knee"] == (False, False, True, [])
    assert api.get("/api/v1/articles/knee/").status_code == 404

    publish_scheduled()
    assert state(page)["knee"] == (True, False, False, ["wagtail.publish.scheduled"])
    assert api.get("/api/v1/articles/knee/").status_code == 200


def test_one_failure_holds_up_no_other_expiry_or_go_live(index_page, locked_saves):
    expired = publish(ArticlePageFactory(parent=index_page, slug="old"))
    expire(expired)
    first = schedule(index_page, "knee", due=2 * AN_HOUR_AGO)
    second = schedule(index_page, "hip")
    locked_saves.update({"old", "knee"})

    with pytest.raises(ScheduledPublishingFailed, match="2 failed"):
        publish_scheduled()

    assert state(expired, first, second) == {
        "old": (True, False, False, []),
        "knee": (False, False, True, []),
        "hip": (True, False, False, ["wagtail.publish.scheduled"]),
    }


def test_a_failed_run_is_recorded_on_the_jobs_row_and_the_next_tick_succeeds(
    index_page, tick, locked_saves
):
    page = schedule(index_page, "knee")
    locked_saves.add("knee")
    assert tick() == ["publish_scheduled"]
    [row] = PeriodicJob.objects.filter(name="publish_scheduled")
    assert "ScheduledPublishingFailed" in row.last_error
    assert "database is locked" not in row.last_error  # logged, not on the row

    PeriodicJob.objects.filter(pk=row.pk).update(next_run_at=timezone.now())
    assert tick() == ["publish_scheduled"]
    row.refresh_from_db()
    assert row.last_error == ""
    assert state(page)["knee"] == (True, False, False, ["wagtail.publish.scheduled"])
