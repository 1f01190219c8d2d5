"""Review states move with the calendar, not only at publish: an article becomes due
soon, then overdue, on a date no editor acts on. The worker looks for documents whose
stored `review.status` the date has changed and rebuilds them (so detail, listings,
the `review_status` filter, caches, delta sync and webhooks all learn of it the way
they learn of a publish), and, where a site's policy says so, unpublishes articles
overdue past their grace period through Wagtail's own unpublish (tombstones,
webhooks, CDN purges)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from wagtail.models import Site

from articles.models import ArticlePage, ReviewSettings
from articles.models.review import OverduePolicy

from .documents import build_article_document
from .models import ArticleDocument

logger = logging.getLogger(__name__)


@dataclass
class ReviewStatesReport:
    rebuilt: list[int] = field(default_factory=list)
    unpublished: list[int] = field(default_factory=list)


def status_conditions(*, today: date, due_soon_days: int) -> dict[str, Q]:
    """Which next_review_due gives each status on `today` (`review_status`'s rule)."""
    soon = today + timedelta(days=due_soon_days)
    return {
        "overdue": Q(next_review_due__lt=today) | Q(next_review_due__isnull=True),
        "due_soon": Q(next_review_due__gte=today, next_review_due__lte=soon),
        "current": Q(next_review_due__gt=soon),
    }


def refresh_review_states() -> ReviewStatesReport:
    today = timezone.localdate()
    report = ReviewStatesReport()
    for site in Site.objects.all():
        cycle = ReviewSettings.for_site(site)
        conditions = status_conditions(today=today, due_soon_days=cycle.due_soon_days)
        changed = Q()
        for status, condition in conditions.items():
            changed |= condition & ~Q(review_status=status)
        page_ids = list(
            ArticleDocument.objects.filter(site=site)
            .filter(changed)
            .values_list("page_id", flat=True)
        )
        for page_id in page_ids:
            build_article_document(page_id)
        report.rebuilt += page_ids
        if cycle.overdue_policy == OverduePolicy.UNPUBLISH:
            report.unpublished += unpublish_overdue(
                site=site,
                before=today - timedelta(days=cycle.unpublish_grace_days),
            )
    if report.rebuilt or report.unpublished:
        logger.info(
            "Review states: %d documents rebuilt, %d articles unpublished",
            len(report.rebuilt),
            len(report.unpublished),
        )
    return report


def unpublish_overdue(*, site: Site, before: date) -> list[int]:
    """Unpublish the site's live articles whose review was due before `before`. An
    article with no review date is flagged but never unpublished: nobody set the
    date its grace period would run from."""
    page_ids = ArticleDocument.objects.filter(
        site=site, next_review_due__lt=before
    ).values_list("page_id", flat=True)
    unpublished = []
    for page in ArticlePage.objects.live().filter(pk__in=list(page_ids)):
        page.unpublish(log_action="wagtail.unpublish")
        unpublished.append(page.pk)
    return unpublished


def review_states_interval() -> timedelta:
    return timedelta(seconds=getattr(settings, "CMS_REVIEW_STATES_SECONDS", 3600))
