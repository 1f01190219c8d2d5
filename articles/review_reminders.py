"""Reminder emails to medical reviewers: the worker (`api.periodic`) calls
`send_review_reminders` on a schedule, daily by default.

A live article is announced once when it becomes due soon and once when it becomes
overdue, and never again for the same state and due date: each announcement is kept
as a `ReviewReminder`. An approval moves the due date on, so the next cycle is
announced afresh. Each reviewer gets one email per run listing every article
announced, written in their admin language, with absolute links to the articles'
edit views.

Who is told: the members of the Medical reviewers group. An article's own medical
reviewer is a `Clinician` snippet, which has no link to a user account, so the group
is everyone there is to tell.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import ngettext
from wagtail.admin.localization import get_available_admin_languages
from wagtail.models import Site

from .models import ArticlePage, ReviewReminder
from .reviews_due import ReviewCycles, articles_by_urgency, due
from .translation.roles import REVIEWERS_GROUP

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Announcement:
    """An article to announce as `kind` (due_soon or overdue) for `due_date`."""

    page: ArticlePage
    kind: str
    due_date: date | None


def announcements_due(*, today: date) -> list[Announcement]:
    """Live articles due soon or overdue today whose reminder for that state and due
    date has not gone out yet, most urgent first (two queries, plus the sites')."""
    cycles = ReviewCycles.load()
    pages = list(
        due(articles_by_urgency(today=today, cycles=cycles))
        .filter(live=True)
        .select_related("locale")
    )
    sent = set(
        ReviewReminder.objects.filter(page_id__in=[page.pk for page in pages])
        .values_list("page_id", "kind", "due_date")
        .distinct()
    )
    announcements = [
        Announcement(
            page=page,
            kind=cycles.state_of(page, today=today),
            due_date=page.next_review_due,
        )
        for page in pages
    ]
    return [
        item
        for item in announcements
        if (item.page.pk, item.kind, item.due_date) not in sent
    ]


def reminder_recipients() -> list:
    """Active members of the Medical reviewers group who have an email address."""
    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=REVIEWERS_GROUP)
        .exclude(email="")
        .select_related("wagtail_userprofile")
        .distinct()
        .order_by("pk")
    )


def admin_language(user) -> str:
    """The language the user reads the admin in: their profile's choice when Wagtail
    offers it, else the site's default (a worker has no request to negotiate from)."""
    profile = getattr(user, "wagtail_userprofile", None)
    preferred = profile.preferred_language if profile is not None else ""
    if preferred and preferred in dict(get_available_admin_languages()):
        return preferred
    return settings.LANGUAGE_CODE


def admin_base_url() -> str:
    """Where the admin is reached from outside: WAGTAILADMIN_BASE_URL, else the
    default site's root URL."""
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "")
    if not base:
        site = Site.objects.filter(is_default_site=True).first()
        base = site.root_url if site else ""
    return base.rstrip("/")


def reminder_email(
    *, user, announcements: Sequence[Announcement], base_url: str
) -> EmailMessage:
    """One reviewer's email listing `announcements`, in the reviewer's admin
    language."""
    with translation.override(admin_language(user)):
        count = len(announcements)
        subject = ngettext(
            "Medical review due: %(count)d article",
            "Medical reviews due: %(count)d articles",
            count,
        ) % {"count": count}
        body = render_to_string(
            "articles/reviews/reminder_email.txt",
            {
                "name": user.get_full_name() or user.get_username(),
                "overdue": [
                    entry(item, base_url)
                    for item in announcements
                    if item.kind == "overdue"
                ],
                "due_soon": [
                    entry(item, base_url)
                    for item in announcements
                    if item.kind == "due_soon"
                ],
                "report_url": base_url + reverse("articles_reviews_due"),
            },
        )
    return EmailMessage(subject=subject, body=body, to=[user.email])


def entry(item: Announcement, base_url: str) -> dict:
    return {
        "title": item.page.title,
        "language": item.page.locale.get_display_name(),
        "due_date": item.due_date,
        "edit_url": base_url + reverse("wagtailadmin_pages:edit", args=[item.page.pk]),
    }


def record_announcements(announcements: Iterable[Announcement]) -> None:
    now = timezone.now()
    ReviewReminder.objects.bulk_create(
        [
            ReviewReminder(
                page=item.page, kind=item.kind, due_date=item.due_date, sent_at=now
            )
            for item in announcements
        ],
        ignore_conflicts=True,
    )


def send_review_reminders() -> int:
    """Email each medical reviewer the articles that became due soon or overdue
    since the last run; the number of emails sent. A send that fails is logged and
    the others go on; the articles are recorded as announced once any reviewer got
    them (all failing, the next run tries again)."""
    announcements = announcements_due(today=timezone.localdate())
    if not announcements:
        return 0
    base_url = admin_base_url()
    sent = 0
    for user in reminder_recipients():
        try:
            reminder_email(
                user=user, announcements=announcements, base_url=base_url
            ).send()
        except Exception:
            logger.exception(
                "The review reminder to user %s could not be sent", user.pk
            )
            continue
        sent += 1
    if sent:
        record_announcements(announcements)
    logger.info(
        "Review reminders: %d articles announced to %d reviewers",
        len(announcements) if sent else 0,
        sent,
    )
    return sent
