"""Where each article stands in each language: the matrix behind the "Translation
status" report and the `translation_status` command.

Source articles
    An article's source is the `ArticlePage` in the locale of its first (earliest
    created) `TranslationSource`: wagtail-localize's frozen copy of what was sent for
    translation. An article never submitted to wagtail-localize is sourced in the
    default language (`settings.LANGUAGE_CODE`). Each article (translation key) is one
    row.

Cells: for each source article and each target locale, the first rule that holds wins.

    source            the locale is the article's own.
    missing           no page in the locale (an alias of another locale's page does
                      not count: it shows the source's words) and no enabled
                      `Translation`.
    outdated          a `TranslationDrift` exists for the translation (its source was
                      published with changes since) and the page is live, or exists
                      with every segment translated. Shows `source_changed_at` and
                      `changed_segments`.
    in_progress       an enabled `Translation` exists and either its page is not saved
                      yet or fewer than 100% of its string segments are translated.
                      `percent` = string segments with an error-free
                      `StringTranslation` in the locale (same string, same context) /
                      all string segments of the source, rounded down, so 100 means
                      done; a source without string segments is 100.
    awaiting_review   the page exists, fully translated (or translated by hand, without
                      wagtail-localize), but is not live, has unpublished changes, or
                      has a workflow in progress.
    published         the page is live, with nothing pending.

`percent` is reported wherever an enabled translation exists (None for pages
translated by hand). Each cell also counts its translation's `StaleSegmentTranslation`
rows, kept segment translations a translator should confirm; they do not change the
state.

Cost: `translation_status()` runs the same five queries whatever the number of
articles and locales (the articles, their pages in the target locales, the
translations with their drift, and two grouped COUNTs over the sources' string
segments); never a query per cell.
"""

from __future__ import annotations

import enum
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    FilteredRelation,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Cast, Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import (
    StringSegment,
    Translation,
    TranslationSource,
)

from ..locales import content_language_codes, default_language_code
from ..models import ArticlePage, ArticlePageTopic

# Above this many articles the related queries select them with a subquery rather than
# a list of keys, so a whole-site scan never meets a database's parameter limit.
KEY_LIST_LIMIT = 500


class CellState(enum.StrEnum):
    SOURCE = "source"
    MISSING = "missing"
    IN_PROGRESS = "in_progress"
    AWAITING_REVIEW = "awaiting_review"
    PUBLISHED = "published"
    OUTDATED = "outdated"

    @property
    def label(self) -> str:
        return str(STATE_LABELS[self])


STATE_LABELS = {
    CellState.SOURCE: _("Source"),
    CellState.MISSING: _("Missing"),
    CellState.IN_PROGRESS: _("In progress"),
    CellState.AWAITING_REVIEW: _("Translated, awaiting review"),
    CellState.PUBLISHED: _("Published"),
    CellState.OUTDATED: _("Outdated"),
}


@dataclass(frozen=True)
class CellStatus:
    """One article in one locale."""

    language_code: str
    state: CellState
    percent: int | None = None  # only where wagtail-localize tracks the segments
    source_changed_at: datetime | None = None
    changed_segments: int | None = None
    stale_segments: int = 0  # kept segment translations waiting to be confirmed
    page_id: int | None = None  # the page in this locale, if any
    translation_id: int | None = None  # the enabled wagtail-localize translation
    in_workflow: bool = False


@dataclass
class ArticleStatusRow:
    page_id: int
    title: str
    slug: str
    translation_key: UUID
    language_code: str  # the source's
    live: bool
    cells: list[CellStatus] = field(default_factory=list)

    def has_state(self, state: CellState) -> bool:
        return any(cell.state == state for cell in self.cells)


# Selectors ------------------------------------------------------------------------


def source_articles(*, topic_key: UUID | str | None = None) -> QuerySet[ArticlePage]:
    """Source articles (see the module docstring), title order, with only the columns
    the report reads (bodies are large)."""
    first_source_locale = (
        TranslationSource.objects.filter(object_id=OuterRef("translation_key"))
        .order_by("pk")  # creation order, read straight off the object_id index
        .values("locale_id")[:1]
    )
    default_locale = Locale.objects.filter(
        language_code=default_language_code()
    ).values("pk")[:1]
    articles = (
        ArticlePage.objects.annotate(
            source_locale_id=Coalesce(
                Subquery(first_source_locale),
                Subquery(default_locale),
                output_field=IntegerField(),
            )
        )
        .filter(locale_id=F("source_locale_id"))
        .select_related("locale")
        .only(
            "id",
            "title",
            "slug",
            "translation_key",
            "live",
            "has_unpublished_changes",
            "locale__language_code",
        )
        .order_by("title", "pk")
    )
    if topic_key:
        articles = articles.filter(
            Exists(
                ArticlePageTopic.objects.filter(
                    page_id=OuterRef("pk"), topic__translation_key=topic_key
                )
            )
        )
    return articles


def content_locales(codes: Iterable[str] | None = None) -> list[Locale]:
    """The content locales named by `codes` (all of them by default), in the
    configured order. Unknown codes are the caller's to reject first."""
    order = content_language_codes()
    wanted = set(order if codes is None else codes)
    locales = Locale.objects.filter(language_code__in=wanted)
    return sorted(locales, key=lambda locale: order.index(locale.language_code))


def actionable_locales(user) -> list[Locale]:
    """The locales in which `user` may act from the report (edit, translate): those
    their role translates into (every locale for editors of the source and admins)."""
    from .roles import can_translate_into

    return [locale for locale in content_locales() if can_translate_into(user, locale)]


# The matrix -----------------------------------------------------------------------


@dataclass(frozen=True)
class TargetPageFacts:
    """What the rules need to know of an article's page in a target locale."""

    id: int
    live: bool
    has_unpublished_changes: bool
    is_alias: bool
    in_workflow: bool


@dataclass(frozen=True)
class TranslationFacts:
    """What the rules need to know of a wagtail-localize translation."""

    id: int
    source_id: int
    source_locale_id: int
    enabled: bool
    source_changed_at: datetime | None
    changed_segments: int | None
    stale_segments: int


def translation_status(
    articles: QuerySet[ArticlePage] | Iterable[int],
    locales: Sequence[Locale],
) -> list[ArticleStatusRow]:
    """The status of each source article (a queryset, e.g. a page of
    `source_articles()`, or page ids, kept in their order) in each of `locales`, in
    five queries whatever their numbers."""
    if not isinstance(articles, QuerySet):
        ids = list(articles)
        by_id = {page.pk: page for page in source_articles().filter(pk__in=ids)}
        pages = [by_id[pk] for pk in ids if pk in by_id]
        key_filter: object = [page.translation_key for page in pages]
    else:
        pages = list(articles)
        key_filter = [page.translation_key for page in pages]
        if len(pages) > KEY_LIST_LIMIT and not articles.query.is_sliced:
            key_filter = articles.order_by().values("translation_key")
    if not pages or not locales:
        return [_row(page, []) for page in pages]

    locale_ids = [locale.pk for locale in locales]
    targets = _target_pages(key_filter, locale_ids)
    translations = _translations(key_filter, locale_ids)
    totals, translated = _segment_counts(key_filter, locale_ids)

    rows = []
    for page in pages:
        cells = []
        for locale in locales:
            if locale.pk == page.locale_id:
                cells.append(CellStatus(locale.language_code, CellState.SOURCE))
                continue
            key = (page.translation_key, locale.pk)
            translation = _pick_translation(translations.get(key, []), page.locale_id)
            percent = None
            if translation is not None and translation.enabled:
                total = totals.get(translation.source_id, 0)
                done = translated.get((translation.source_id, locale.pk), 0)
                percent = 100 if total == 0 else done * 100 // total
            cells.append(
                cell_status(
                    language_code=locale.language_code,
                    page=targets.get(key),
                    translation=translation,
                    percent=percent,
                )
            )
        rows.append(_row(page, cells))
    return rows


def cell_status(
    *,
    language_code: str,
    page: TargetPageFacts | None,
    translation: TranslationFacts | None,
    percent: int | None,
) -> CellStatus:
    """The rules of the module docstring, for one cell."""
    active = translation if translation is not None and translation.enabled else None
    if page is not None and page.is_alias and active is None:
        page = None  # an alias shows another locale's words: nothing translated yet
    drift = translation is not None and translation.source_changed_at is not None
    details = {
        "language_code": language_code,
        "percent": percent,
        "page_id": page.id if page else None,
        "translation_id": active.id if active else None,
        "in_workflow": bool(page and page.in_workflow),
        "stale_segments": translation.stale_segments if translation else 0,
    }
    if page is None and active is None:
        return CellStatus(state=CellState.MISSING, **details)
    fully_translated = page is not None and (active is None or percent == 100)
    if drift and page is not None and (page.live or fully_translated):
        return CellStatus(
            state=CellState.OUTDATED,
            source_changed_at=translation.source_changed_at,
            changed_segments=translation.changed_segments,
            **details,
        )
    if not fully_translated:
        return CellStatus(state=CellState.IN_PROGRESS, **details)
    if not page.live or page.has_unpublished_changes or page.in_workflow:
        return CellStatus(state=CellState.AWAITING_REVIEW, **details)
    return CellStatus(state=CellState.PUBLISHED, **details)


def _row(page: ArticlePage, cells: list[CellStatus]) -> ArticleStatusRow:
    return ArticleStatusRow(
        page_id=page.pk,
        title=page.title,
        slug=page.slug,
        translation_key=page.translation_key,
        language_code=page.locale.language_code,
        live=page.live,
        cells=cells,
    )


def _pick_translation(
    candidates: list[TranslationFacts], source_locale_id: int
) -> TranslationFacts | None:
    """A locale is normally translated from one source; if several sources target it,
    prefer the enabled one, then the one from the article's source locale."""
    if not candidates:
        return None
    return max(
        candidates,
        key=lambda t: (t.enabled, t.source_locale_id == source_locale_id, t.id),
    )


def _in_workflow() -> Exists:
    """Whether the outer query's page has a moderation workflow in progress."""
    return Exists(
        WorkflowState.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),  # cached
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
            status=WorkflowState.STATUS_IN_PROGRESS,
        )
    )


def _target_pages(key_filter, locale_ids: list[int]) -> dict[tuple, TargetPageFacts]:
    rows = (
        Page.objects.filter(translation_key__in=key_filter, locale_id__in=locale_ids)
        .annotate(in_workflow=_in_workflow())
        .values(
            "pk",
            "translation_key",
            "locale_id",
            "live",
            "has_unpublished_changes",
            "alias_of_id",
            "in_workflow",
        )
        .order_by()
    )
    return {
        (row["translation_key"], row["locale_id"]): TargetPageFacts(
            id=row["pk"],
            live=row["live"],
            has_unpublished_changes=row["has_unpublished_changes"],
            is_alias=row["alias_of_id"] is not None,
            in_workflow=row["in_workflow"],
        )
        for row in rows
    }


def _translations(key_filter, locale_ids: list[int]) -> dict[tuple, list]:
    rows = (
        # Not filtered by locale in SQL: an article has a handful of translations,
        # and a locale filter lures SQLite into scanning every translation of it.
        Translation.objects.filter(source__object_id__in=key_filter)
        .values(
            "pk",
            "source_id",
            "source__object_id",
            "source__locale_id",
            "target_locale_id",
            "enabled",
            "drift__source_changed_at",
            "drift__changed_segments",
        )
        .annotate(stale_segments=Count("stale_segments"))
        .order_by()
    )
    translations: dict[tuple, list[TranslationFacts]] = defaultdict(list)
    for row in rows:
        if row["target_locale_id"] in locale_ids:
            translations[(row["source__object_id"], row["target_locale_id"])].append(
                TranslationFacts(
                    id=row["pk"],
                    source_id=row["source_id"],
                    source_locale_id=row["source__locale_id"],
                    enabled=row["enabled"],
                    source_changed_at=row["drift__source_changed_at"],
                    changed_segments=row["drift__changed_segments"],
                    stale_segments=row["stale_segments"],
                )
            )
    return translations


def _segment_counts(key_filter, locale_ids: list[int]) -> tuple[dict, dict]:
    """String segments per source, and those translated per (source, locale): two
    grouped COUNTs. A segment is translated into a locale when an error-free
    translation of its string exists there in the same context (wagtail-localize's
    own test, in `Translation.get_progress()`). Both are driven from the sources'
    segments, so they read only those rows whatever the size of the translation
    memory (a per-locale EXISTS lets PostgreSQL hash every translation of a locale;
    a locale filter lets SQLite scan them)."""
    segments = StringSegment.objects.filter(source__object_id__in=key_filter)
    totals = dict(
        segments.values("source_id")
        .annotate(n=Count("pk"))
        .values_list("source_id", "n")
        .order_by()
    )
    translated_rows = (
        segments.annotate(
            done=FilteredRelation(
                "string__translations",
                condition=Q(
                    string__translations__context_id=F("context_id"),
                    string__translations__has_error=False,
                ),
            )
        )
        .values("source_id", "done__locale_id")
        .annotate(n=Count("pk"))
        .values_list("source_id", "done__locale_id", "n")
        .order_by()
    )
    translated = {
        (source_id, locale_id): n
        for source_id, locale_id, n in translated_rows
        if locale_id in locale_ids
    }
    return totals, translated


def rows_in_state(
    rows: Iterable[ArticleStatusRow], state: CellState | str
) -> list[ArticleStatusRow]:
    """The rows with at least one cell in `state`."""
    return [row for row in rows if row.has_state(CellState(state))]


def articles_possibly_in_state(
    articles: QuerySet[ArticlePage], state: CellState | str, locales: Sequence[Locale]
) -> QuerySet[ArticlePage]:
    """`articles` narrowed in SQL to those that may have a cell in `state` among
    `locales`: a superset, cheap to find, so that the exact rules run on fewer rows
    when the report is filtered by state. Missing and published are too common to
    be worth narrowing."""
    state = CellState(state)
    locale_ids = [locale.pk for locale in locales]
    translations = Translation.objects.filter(
        source__object_id=OuterRef("translation_key"),
        target_locale_id__in=locale_ids,
    )
    if state == CellState.OUTDATED:
        return articles.filter(Exists(translations.filter(drift__isnull=False)))
    if state == CellState.IN_PROGRESS:
        return articles.filter(Exists(translations.filter(enabled=True)))
    if state == CellState.AWAITING_REVIEW:
        pending = Page.objects.filter(
            Q(live=False) | Q(has_unpublished_changes=True) | Q(_in_workflow()),
            translation_key=OuterRef("translation_key"),
            locale_id__in=locale_ids,
        )
        return articles.filter(Exists(pending))
    return articles
