"""A new translation starts from the memory: each segment whose source text was
translated and approved before into the same language gets that translation, marked
as coming from the memory (the translator and the reviewer still see it). A match
used in the same context (the same segments before and after) wins over a plain
exact match; then the most recently approved."""

from __future__ import annotations

from wagtail_localize.models import StringSegment, StringTranslation, Translation

from ...models import MemoryUnit
from .keys import memory_key

MEMORY_TOOL_NAME = "Translation memory"


def prefill_from_memory(translation: Translation) -> int:
    """Translate the untranslated segments of `translation` from the memory. Returns
    how many were filled; two queries when the memory has nothing."""
    source = translation.source
    segments = list(
        StringSegment.objects.filter(source=source)
        .select_related("string")
        .order_by("order")
    )
    keys = [memory_key(segment.string.data) for segment in segments]
    candidates: dict[str, list[MemoryUnit]] = {}
    for unit in MemoryUnit.objects.filter(
        source_locale_id=source.locale_id,
        target_locale_id=translation.target_locale_id,
        source_key__in=set(keys),
    ).order_by("-approved_at", "-id"):
        candidates.setdefault(unit.source_key, []).append(unit)
    if not candidates:
        return 0
    done = set(
        StringTranslation.objects.filter(
            locale_id=translation.target_locale_id,
            context__object_id=source.object_id,
        ).values_list("translation_of_id", "context_id")
    )
    filled, seen = [], set()
    for n, segment in enumerate(segments):
        units = candidates.get(keys[n])
        place = (segment.string_id, segment.context_id)
        if not units or place in done or place in seen:
            continue
        before = keys[n - 1] if n else ""
        after = keys[n + 1] if n + 1 < len(keys) else ""
        best = max(
            units,
            key=lambda unit: unit.previous_key == before and unit.next_key == after,
        )
        seen.add(place)
        filled.append(
            StringTranslation(
                translation_of_id=segment.string_id,
                locale_id=translation.target_locale_id,
                context_id=segment.context_id,
                data=best.target_text,
                translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
                tool_name=MEMORY_TOOL_NAME,
            )
        )
    StringTranslation.objects.bulk_create(filled, ignore_conflicts=True)
    return len(filled)
