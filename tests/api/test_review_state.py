"""Every article says where its medical review stands: `review` (last and next review,
status current / due_soon / overdue, flagged) on the detail and in listings, and the
`review_status` listing filter. The status moves with the calendar: the worker
rebuilds the documents whose status the date has changed, and a site whose policy is
to unpublish overdue articles has them unpublished after the grace period."""

from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone
from wagtail.models import Site

from api.models import ArticleDocument, ArticleTombstone
from api.review_states import refresh_review_states
from articles.models import ArticlePage, ReviewSettings
from articles.models.review import review_status
from tests.background import run_background_tasks

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 3)


@pytest.fixture
def today():
    return timezone.localdate()


def detail(api, slug) -> dict:
    response = api.get(f"/api/v1/articles/{slug}/", {"locale": "en"})
    assert response.status_code == 200
    return response.json()


def listed(api, **params) -> list[str]:
    response = api.get("/api/v1/articles/", {"locale": "en", **params})
    assert response.status_code == 200, response.json()
    return [item["slug"] for item in response.json()["results"]]


def cycle(**fields) -> ReviewSettings:
    settings = ReviewSettings.for_site(Site.objects.get(is_default_site=True))
    for name, value in fields.items():
        setattr(settings, name, value)
    settings.save()
    return settings


@pytest.mark.parametrize(
    ("due", "status"),
    [
        (TODAY + timedelta(days=31), "current"),
        (TODAY + timedelta(days=30), "due_soon"),
        (TODAY, "due_soon"),
        (TODAY - timedelta(days=1), "overdue"),
        (None, "overdue"),
    ],
)
def test_status_follows_the_next_review_date(due, status):
    assert review_status(due, today=TODAY, due_soon_days=30) == status


def test_detail_and_listing_say_where_the_review_stands(api, published_article, today):
    published_article(
        slug="knee",
        last_reviewed=today - timedelta(days=300),
        next_review_due=today + timedelta(days=65),
    )

    review = detail(api, "knee")["review"]
    item = api.get("/api/v1/articles/", {"locale": "en"}).json()["results"][0]

    assert review == {
        "last_reviewed": (today - timedelta(days=300)).isoformat(),
        "next_review_due": (today + timedelta(days=65)).isoformat(),
        "status": "current",
        "flagged": False,
    }
    assert item["review"] == review


def test_listing_filters_by_review_status(api, published_article, today):
    published_article(slug="current", next_review_due=today + timedelta(days=200))
    published_article(slug="soon", next_review_due=today + timedelta(days=10))
    published_article(slug="late", next_review_due=today - timedelta(days=10))
    published_article(slug="never", last_reviewed=None, next_review_due=None)

    assert listed(api, review_status="current") == ["current"]
    assert listed(api, review_status="due_soon") == ["soon"]
    assert sorted(listed(api, review_status="overdue")) == ["late", "never"]


def test_an_unknown_review_status_is_a_clear_error(api, published_article):
    response = api.get("/api/v1/articles/", {"locale": "en", "review_status": "late"})

    assert response.status_code == 400
    assert "review_status" in str(response.json())


def test_overdue_articles_are_flagged_when_the_site_says_so(
    api, published_article, today, django_capture_on_commit_callbacks
):
    published_article(slug="late", next_review_due=today - timedelta(days=1))
    assert detail(api, "late")["review"]["flagged"] is True  # the default policy

    with django_capture_on_commit_callbacks(execute=True):
        cycle(overdue_policy="serve")  # saving the setting queues a rebuild
    run_background_tasks()

    review = detail(api, "late")["review"]
    assert (review["status"], review["flagged"]) == ("overdue", False)


def test_the_worker_moves_documents_on_as_the_dates_pass(api, published_article, today):
    published_article(slug="knee", next_review_due=today + timedelta(days=40))
    before = ArticleDocument.objects.get(slug="knee").sequence

    report = refresh_review_states()
    assert report.rebuilt == []  # nothing changed today

    with time_machine.travel(today + timedelta(days=15), tick=False):
        refresh_review_states()
    document = ArticleDocument.objects.get(slug="knee")
    assert document.review_status == "due_soon"
    assert document.sequence > before  # delta sync hands it out again
    assert detail(api, "knee")["review"]["status"] == "due_soon"
    assert listed(api, review_status="due_soon") == ["knee"]

    with time_machine.travel(today + timedelta(days=41), tick=False):
        refresh_review_states()
    assert detail(api, "knee")["review"]["status"] == "overdue"


def test_a_site_that_unpublishes_overdue_articles_waits_for_the_grace_period(
    api, published_article, today
):
    page = published_article(slug="late", next_review_due=today - timedelta(days=20))
    published_article(slug="never", last_reviewed=None, next_review_due=None)
    cycle(overdue_policy="unpublish", unpublish_grace_days=30)

    assert refresh_review_states().unpublished == []

    with time_machine.travel(today + timedelta(days=11), tick=False):
        report = refresh_review_states()

    assert report.unpublished == [page.pk]
    assert not ArticlePage.objects.get(pk=page.pk).live
    assert ArticleTombstone.objects.filter(page_id=page.pk).exists()
    assert api.get("/api/v1/articles/late/", {"locale": "en"}).status_code == 404
    # No review date: flagged, never unpublished (there is no date to count from).
    assert ArticlePage.objects.get(slug="never").live


def test_review_interval_days_must_be_positive():
    settings = ReviewSettings(review_interval_days=0)
    with pytest.raises(Exception, match="greater than or equal to 1"):
        settings.full_clean(exclude=["site"])
