"""Translations start from the memory: each segment whose source text was translated
and approved before into the same language gets that translation, marked as coming
from the memory (the translator and the reviewer still see it). A match used in the
same context (the same segments before and after) wins over a plain exact match; then
the most recently approved.

A new translation is filled when it is made; an existing one whenever its source's
segments are refreshed (`keep_in_step.refresh`), so a sentence an editor adds to the
source arrives translated where the memory knows it. Only segments with nothing at
their place are filled: a translation kept from the segment's previous text (flagged
for review) and a translator's own work are never replaced."""

from __future__ import annotations

from collections.abc import Sequence

from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from ...models import MemoryUnit
from .keys import memory_key

MEMORY_TOOL_NAME = "Translation memory"


def prefill_from_memory(translation: Translation) -> int:
    """Translate the untranslated segments of `translation` from the memory. Returns
    how many were filled; two queries when the memory has nothing."""
    return fill_from_memory(translation.source, [translation])


def fill_from_memory(
    source: TranslationSource, translations: Sequence[Translation]
) -> int:
    """Translate the untranslated segments of each of `translations` (of `source`)
    from the memory, in as many queries whatever their number: two when the memory
    has nothing for them. Returns how many segments were filled in all."""
    locale_ids = {translation.target_locale_id for translation in translations}
    if not locale_ids:
        return 0
    segments = list(
        StringSegment.objects.filter(source=source)
        .select_related("string")
        .order_by("order")
    )
    keys = [memory_key(segment.string.data) for segment in segments]
    candidates: dict[tuple[int, str], list[MemoryUnit]] = {}
    for unit in MemoryUnit.objects.filter(
        source_locale_id=source.locale_id,
        target_locale_id__in=locale_ids,
        source_key__in=set(keys),
    ).order_by("-approved_at", "-id"):
        candidates.setdefault((unit.target_locale_id, unit.source_key), []).append(unit)
    if not candidates:
        return 0
    done = set(
        StringTranslation.objects.filter(
            locale_id__in=locale_ids, context__object_id=source.object_id
        ).values_list("locale_id", "translation_of_id", "context_id")
    )
    filled = []
    for locale_id in sorted(locale_ids):
        for n, segment in enumerate(segments):
            units = candidates.get((locale_id, keys[n]))
            place = (locale_id, segment.string_id, segment.context_id)
            if not units or place in done:
                continue
            before = keys[n - 1] if n else ""
            after = keys[n + 1] if n + 1 < len(keys) else ""
            best = max(
                units,
                key=lambda unit: unit.previous_key == before and unit.next_key == after,
            )
            done.add(place)
            filled.append(
                StringTranslation(
                    translation_of_id=segment.string_id,
                    locale_id=locale_id,
                    context_id=segment.context_id,
                    data=best.target_text,
                    translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                    tool_name=MEMORY_TOOL_NAME,
                )
            )
    StringTranslation.objects.bulk_create(filled, ignore_conflicts=True)
    return len(filled)
