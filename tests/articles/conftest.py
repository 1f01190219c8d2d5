"""Fixtures of the review-cycle tests: a frozen day, the editorial roles over an
English and a Korean article index, and articles due on chosen dates."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from articles.translation.roles import setup_roles
from tests.factories import ArticlePageFactory, publish

# Noon in the hospital's time zone: `timezone.localdate()` is this date.
TODAY = date(2026, 12, 3)
NOON = datetime(2026, 12, 3, 12, 0, tzinfo=ZoneInfo("Asia/Seoul"))


def days_from_today(days: int):
    """A clock `days` after TODAY at noon, for `time_machine.travel`."""
    return time_machine.travel(NOON + timedelta(days=days), tick=False)


@pytest.fixture
def frozen_today():
    with days_from_today(0):
        yield TODAY


@pytest.fixture
def ko_index(index_page, locales):
    """The Korean article index, a translation of the English one (under no site)."""
    return publish(index_page.copy_for_translation(locales["ko"]).specific)


@pytest.fixture
def roles(index_page, ko_index):
    """Editors, Medical reviewers and Translators groups (`setup_roles`)."""
    setup_roles()


@pytest.fixture
def due_article(index_page):
    """A published article whose next review is due `due` (None: never scheduled):
    due_article(TODAY + timedelta(days=10), title=...)."""

    def make(due: date | None, *, parent=None, **fields):
        parent = parent or index_page
        fields.setdefault("last_reviewed", due - timedelta(days=365) if due else None)
        page = ArticlePageFactory(
            parent=parent,
            locale=parent.locale,
            next_review_due=due,
            first_published_at=timezone.now(),
            **fields,
        )
        page.refresh_from_db()
        return page

    return make
