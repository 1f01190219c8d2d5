"""Which articles are due for medical review, read for the *Reviews due* report, its
dashboard panel and the reminder emails.

A review state depends on the article's site: its `ReviewSettings.due_soon_days`
says how early "due soon" starts. `ReviewCycles` reads every site's window once (two
queries, whatever the number of articles), and the queryset below carries each
article's state rank in SQL, so the report can filter, order and paginate in the
database. `state_of` gives the state of one loaded article with `review_status`, the
rule the delivery API uses; both read the same windows, so they agree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import (
    Case,
    Count,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from .locales import default_language_code
from .models import ArticlePage, ArticlePageTopic, ReviewSettings, Topic
from .models.review import review_status
from .translation.roles import EDITORS_GROUP, REVIEWERS_GROUP

# Most urgent first: the rank each state has in the queryset's `review_rank`.
STATE_RANKS = {"overdue": 0, "due_soon": 1, "current": 2}

# Lazy labels, translated into each admin user's language.
STATE_LABELS = {
    "current": _("Current"),
    "due_soon": _("Due soon"),
    "overdue": _("Overdue"),
}

# The groups whose members see the report and the panel (superusers too).
REVIEWS_DUE_GROUPS = (EDITORS_GROUP, REVIEWERS_GROUP)
_CACHE_ATTRIBUTE = "_may_see_reviews_due"


def may_see_reviews_due(user) -> bool:
    """Medical reviewers, editors and superusers: those who act on due reviews. Not
    translators, who review nothing. Remembered on the user object, which lives for
    one request (the menu, the panel and the view all ask)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is None:
        cached = user.groups.filter(name__in=REVIEWS_DUE_GROUPS).exists()
        setattr(user, _CACHE_ATTRIBUTE, cached)
    return cached


@dataclass(frozen=True)
class ReviewCycles:
    """Every site's due-soon window, read once: `windows` is (root page path, days),
    deepest site first, so the first match is the page's own site; `default_days`
    serves pages under no site (the default site's window, else the setting's
    default)."""

    windows: tuple[tuple[str, int], ...]
    default_days: int

    @classmethod
    def load(cls) -> ReviewCycles:
        sites = list(
            Site.objects.values_list("pk", "root_page__path", "is_default_site")
        )
        days = dict(
            ReviewSettings.objects.filter(
                site_id__in=[pk for pk, _path, _default in sites]
            ).values_list("site_id", "due_soon_days")
        )
        fallback = ReviewSettings._meta.get_field("due_soon_days").get_default()
        default_days = next(
            (days.get(pk, fallback) for pk, _path, is_default in sites if is_default),
            fallback,
        )
        windows = sorted(
            ((path, days.get(pk, fallback)) for pk, path, _default in sites),
            key=lambda window: len(window[0]),
            reverse=True,
        )
        return cls(windows=tuple(windows), default_days=default_days)

    def due_soon_days_for(self, path: str) -> int:
        return next(
            (days for root, days in self.windows if path.startswith(root)),
            self.default_days,
        )

    def state_of(self, page: ArticlePage, *, today: date) -> str:
        return review_status(
            page.next_review_due,
            today=today,
            due_soon_days=self.due_soon_days_for(page.path),
        )

    def soon_limit(self, today: date) -> Case:
        """SQL: the last date that is still "due soon" for each page, by its site."""
        return Case(
            *[
                When(path__startswith=root, then=Value(today + timedelta(days=days)))
                for root, days in self.windows
            ],
            default=Value(today + timedelta(days=self.default_days)),
            output_field=DateField(),
        )


@dataclass(frozen=True)
class ReviewRow:
    """An article as the report and the panel show it."""

    page: ArticlePage
    state: str

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])


def review_rows(
    pages: Iterable[ArticlePage], *, today: date, cycles: ReviewCycles
) -> list[ReviewRow]:
    return [
        ReviewRow(page=page, state=cycles.state_of(page, today=today)) for page in pages
    ]


def articles_by_urgency(*, today: date, cycles: ReviewCycles) -> QuerySet[ArticlePage]:
    """Articles that have been published (live, or unpublished since, for instance
    when overdue under the site's policy), in every locale, with `review_rank` (0
    overdue, 1 due soon, 2 current), most urgent first: by state, then by due date,
    never-scheduled ones first."""
    return (
        ArticlePage.objects.filter(first_published_at__isnull=False)
        .annotate(review_soon_limit=cycles.soon_limit(today))
        .annotate(
            review_rank=Case(
                When(
                    Q(next_review_due__isnull=True) | Q(next_review_due__lt=today),
                    then=Value(STATE_RANKS["overdue"]),
                ),
                When(
                    next_review_due__lte=F("review_soon_limit"),
                    then=Value(STATE_RANKS["due_soon"]),
                ),
                default=Value(STATE_RANKS["current"]),
                output_field=IntegerField(),
            )
        )
        .order_by(
            "review_rank", F("next_review_due").asc(nulls_first=True), "title", "pk"
        )
    )


def in_state(queryset: QuerySet[ArticlePage], state: str) -> QuerySet[ArticlePage]:
    """Those of `articles_by_urgency` in `state` (current, due_soon or overdue)."""
    return queryset.filter(review_rank=STATE_RANKS[state])


def due(queryset: QuerySet[ArticlePage]) -> QuerySet[ArticlePage]:
    """Those of `articles_by_urgency` due soon or overdue."""
    return queryset.filter(review_rank__lt=STATE_RANKS["current"])


def on_topic(queryset: QuerySet[ArticlePage], topic_key: str) -> QuerySet[ArticlePage]:
    """Articles on the topic with this translation key, in whichever locale."""
    return queryset.filter(
        Exists(
            ArticlePageTopic.objects.filter(
                page=OuterRef("pk"), topic__translation_key=topic_key
            )
        )
    )


def topic_choices() -> list[tuple[str, str]]:
    """Topics by translation key, named in the default language, so that one choice
    matches the topic's translations in every locale."""
    topics = Topic.objects.filter(locale__language_code=default_language_code())
    return [
        (str(key), name) for key, name in topics.values_list("translation_key", "name")
    ]


def due_counts(queryset: QuerySet[ArticlePage]) -> dict[str, int]:
    """{"overdue": n, "due_soon": n} of `articles_by_urgency`, in one query."""
    ranks = dict(
        due(queryset)
        .order_by()
        .values("review_rank")
        .annotate(count=Count("pk"))
        .values_list("review_rank", "count")
    )
    return {
        state: ranks.get(STATE_RANKS[state], 0) for state in ("overdue", "due_soon")
    }
