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
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from django.utils.translation import gettext_lazy as _


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
    # The source change is held in a release, not live: work to do, not outdated.
    held_for_release: bool = False


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
    drift = (
        translation is not None
        and translation.source_changed_at is not None
        and not translation.held_for_release
    )
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
    held_work = (
        translation is not None
        and translation.held_for_release
        and bool(translation.changed_segments)
    )
    if not fully_translated or held_work:
        return CellStatus(state=CellState.IN_PROGRESS, **details)
    if not page.live or page.has_unpublished_changes or page.in_workflow:
        return CellStatus(state=CellState.AWAITING_REVIEW, **details)
    return CellStatus(state=CellState.PUBLISHED, **details)


def pick_translation(
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
