"""Checking segment translations kept across a change of their source text.

A kept translation is used on the translated page (it was right for the old text and
is usually nearly right for the new), so wagtail-localize's editor shows the segment as
translated. What it cannot show is the old text; the review page lists each flagged
segment with the text it was translated from, the new text and the kept translation.
The translator either confirms it or edits it in wagtail-localize's editor; either way
the flag goes, and the translation's drift is recounted.
"""

from dataclasses import dataclass

from django.db import transaction
from wagtail_localize.models import StringSegment, StringTranslation, Translation

from ...models import StaleSegmentTranslation
from ..qa.base import plain_text
from .drift import refresh_drifts_of, refresh_translation_drift
from .word_diff import DiffPart, gained_words, word_diff


@dataclass(frozen=True)
class StaleSegmentRow:
    """One flagged segment, as the review page shows it."""

    id: int
    section: str
    previous_source_text: str
    source_text: str
    kept_translation: str
    has_error: bool
    order: int
    diff: tuple[DiffPart, ...] = ()
    gained_words: bool = False  # confirming needs an explicit "still correct"


def stale_segments_for_review(translation: Translation) -> list[StaleSegmentRow]:
    """The flagged segments of `translation`, in page order."""
    flags = list(
        StaleSegmentTranslation.objects.filter(translation=translation).select_related(
            "string_translation__translation_of"
        )
    )
    orders = {
        (string_id, context_id): order
        for string_id, context_id, order in StringSegment.objects.filter(
            source_id=translation.source_id
        ).values_list("string_id", "context_id", "order")
    }
    rows = []
    for flag in flags:
        kept = flag.string_translation
        # Words, not markup: a link's id is not something the editor wrote.
        diff = word_diff(
            plain_text(flag.previous_source_text), plain_text(kept.translation_of.data)
        )
        rows.append(
            StaleSegmentRow(
                id=flag.pk,
                section=flag.section_anchor,
                previous_source_text=flag.previous_source_text,
                source_text=kept.translation_of.data,
                kept_translation=kept.data,
                has_error=kept.has_error,
                order=orders.get((kept.translation_of_id, kept.context_id), 0),
                diff=tuple(diff),
                gained_words=gained_words(diff),
            )
        )
    return sorted(rows, key=lambda row: (row.order, row.id))


@transaction.atomic
def confirm_stale_segments(
    *,
    translation: Translation,
    flag_ids: list[int] | None = None,
    still_correct: set[int] | frozenset[int] = frozenset(),
) -> int:
    """The translator confirms kept translations still fit their new text: drop the
    flags (all of the translation's, or those in `flag_ids`). Returns how many. A kept
    translation that no longer fits (`has_error`) cannot be confirmed, only edited;
    one whose source gained words is confirmed only when its flag is in
    `still_correct` (the translator said so for that segment)."""
    rows = {
        row.id: row
        for row in stale_segments_for_review(translation)
        if not row.has_error and (flag_ids is None or row.id in flag_ids)
    }
    confirmable = [
        flag_id
        for flag_id, row in rows.items()
        if not row.gained_words or flag_id in still_correct
    ]
    flags = StaleSegmentTranslation.objects.filter(
        translation=translation, pk__in=confirmable
    )
    confirmed, _by_model = flags.delete()
    if confirmed:
        refresh_translation_drift(translation)
    return confirmed


def segment_translation_saved(string_translation: StringTranslation) -> None:
    """A translator saved a translation (in the editor, from a file, by machine): if
    the segment was flagged it is reviewed now, and a drifted translation has one
    segment less to do."""
    StaleSegmentTranslation.objects.filter(
        string_translation=string_translation
    ).delete()
    refresh_drifts_of(
        context_id=string_translation.context_id,
        locale_id=string_translation.locale_id,
    )
