"""The translation status matrix: its queries (see `cells` for the rules of each
cell). Five queries whatever the number of articles and locales."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
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
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import (
    StringSegment,
    Translation,
    TranslationSource,
)

from ...locales import content_language_codes, default_language_code
from ...models import ArticlePage, ArticlePageTopic
from ..permissions import can_translate_into
from .cells import (
    ArticleStatusRow,
    CellState,
    CellStatus,
    TargetPageFacts,
    TranslationFacts,
    cell_status,
    pick_translation,
)

# Above this many articles the related queries select them with a subquery rather than
# a list of keys, so a whole-site scan never meets a database's parameter limit.
KEY_LIST_LIMIT = 500


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
    return [locale for locale in content_locales() if can_translate_into(user, locale)]


# The matrix -----------------------------------------------------------------------


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
            translation = pick_translation(translations.get(key, []), page.locale_id)
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
            "drift__release_id",
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
                    held_for_release=row["drift__release_id"] is not None,
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
        return articles.filter(
            Exists(
                translations.filter(drift__isnull=False, drift__release__isnull=True)
            )
        )
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
