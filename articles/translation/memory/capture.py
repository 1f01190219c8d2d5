"""Remembering what medical review approved: each segment of the approved revision of
a translated page, beside its source, with where it was used (article, section,
neighbouring segments). Only approved text: the revision the reviewer approved, not
the translator's later edits, and never a rejected or unreviewed draft."""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from wagtail.models import Page
from wagtail_localize.models import StringSegment, Translation

from ...models import MedicalReviewRecord, MemoryUnit
from ..keep_in_step.drift import section_names
from ..segments.extract import texts_by_path
from .index import index_missing
from .keys import memory_key


def remember_approved_translation(record: MedicalReviewRecord) -> int:
    """Keep the segments of the revision `record` approved, if it is a translation,
    and index them for fuzzy matches. Returns how many segments were offered."""
    if record.revision_id is None:
        return 0
    page = Page.objects.filter(pk=record.page_id).first()
    if page is None:
        return 0
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key,
            target_locale_id=page.locale_id,
            enabled=True,
        )
        .select_related("source")
        .first()
    )
    if translation is None:
        return 0  # a source article: nothing translated to remember
    return _remember(translation, record)


@transaction.atomic
def _remember(translation: Translation, record: MedicalReviewRecord) -> int:
    source = translation.source
    segments = list(
        StringSegment.objects.filter(source=source)
        .select_related("string", "context")
        .order_by("order")
    )
    approved = texts_by_path(record.revision.as_object())
    by_path: dict[str, list[StringSegment]] = defaultdict(list)
    for segment in segments:
        by_path[segment.context.path].append(segment)
    sections = section_names(
        source.as_instance(), {s.context_id: s.context.path for s in segments}
    )
    keys = [memory_key(segment.string.data) for segment in segments]
    position = {segment.pk: n for n, segment in enumerate(segments)}
    units = []
    for path, sources in by_path.items():
        targets = approved.get(path, [])
        # Pair by place only where the approved page has as many texts there.
        if path == "slug" or len(targets) != len(sources):
            continue
        for segment, target in zip(sources, targets, strict=True):
            n = position[segment.pk]
            if not target.strip() or target == segment.string.data:
                continue  # untranslated: the source's own words
            units.append(
                MemoryUnit(
                    source_locale_id=source.locale_id,
                    target_locale_id=translation.target_locale_id,
                    source_text=segment.string.data,
                    target_text=target,
                    source_key=keys[n],
                    previous_key=keys[n - 1] if n else "",
                    next_key=keys[n + 1] if n + 1 < len(keys) else "",
                    target_key=memory_key(target),
                    translation_key=source.object_id,
                    section_anchor=sections.get(segment.context_id, "")[:255],
                    approved_at=record.reviewed_at,
                )
            )
    MemoryUnit.objects.bulk_create(units, ignore_conflicts=True)
    # Units already remembered (the same use approved again) were left as they are.
    index_missing(
        source_locale_id=source.locale_id,
        target_locale_id=translation.target_locale_id,
        translation_key=source.object_id,
    )
    return len(units)
