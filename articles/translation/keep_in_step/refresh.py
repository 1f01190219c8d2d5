"""Keeping translations in step with their source: what happens to translations
when their source changes.

wagtail-localize keys a segment translation on the source text (a `String`) and its
position (a `TranslationContext`). When an editor changes the text at a position, the
position gets a new String with no translation, and the translator's work seems lost
(wagtail-localize issue #502); nothing says a translation is out of date unless someone
syncs by hand (#832). Here, whenever a source's segments are refreshed (on publish, on
"Sync translated pages", on submission):

- a segment whose text changed keeps its previous translation, copied onto the new text
  and flagged for review (`StaleSegmentTranslation`) with the text it was made for;
- unchanged segments keep their translations (they were never touched);
- a segment with no translation gets the memory's, where it knows the text
  (`memory.prefill`);
- every translation that the change leaves behind gets a `TranslationDrift` naming
  the sections that need work, until it is back in step (a stopped one too).
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.db import models, transaction
from django.utils import timezone
from wagtail.models import Page
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import (
    String,
    StringTranslation,
    Translation,
    TranslationSource,
    get_schema_version,
)
from wagtail_localize.strings import StringValue, validate_translation_links

from ...models import Release, StaleSegmentTranslation, TranslationDrift
from ..memory.prefill import fill_from_memory
from ..segments.extract import SegmentRefresh, StringPosition, refresh_segments_in_bulk
from ..selectors import source_of_any_translation
from .drift import section_names, update_drifts


@dataclass
class SourceUpdate:
    """The outcome of bringing a TranslationSource up to date with its object."""

    source: TranslationSource
    changed: bool
    carried_forward: list[StaleSegmentTranslation] = field(default_factory=list)
    drifts: list[TranslationDrift] = field(default_factory=list)


# Publishing and refreshing -----------------------------------------------------------


def record_source_change(page: Page) -> list[TranslationDrift]:
    """Called when `page` is published. If it is the source of translations (stopped
    ones included), bring their TranslationSource up to date (carrying changed
    segments' translations forward) and return the drift of every translation left
    behind."""
    source = source_of_any_translation(page)
    # A published translation has no source in its own locale: nothing to do.
    if source is None:
        return []
    return update_translation_source(source).drifts


@transaction.atomic
def update_translation_source(
    source: TranslationSource,
    *,
    instance: models.Model | None = None,
    release: Release | None = None,
    record_drift: bool = True,
    assume_changed: bool = False,
) -> SourceUpdate:
    """`TranslationSource.update_from_db()`, keeping translations of changed segments
    (flagged) and recording which translations are now out of date. `instance` is
    what translations are made from (the live object by default; a release's held
    revision); the drifts a held change starts belong to its `release`. Without
    `record_drift`, no drift starts (a release cancelled: back to the live text);
    with `assume_changed`, every translation drifts (a release overtaken by a
    publication: what translators were shown was not what went live)."""
    if instance is None:
        instance = source.get_source_instance()
    previous_json = source.content_json
    source.content_json = _content_json(instance)
    source.schema_version = get_schema_version(instance._meta.app_label)
    source.object_repr = str(instance)[:200]
    source.last_updated_at = timezone.now()
    source.save(
        update_fields=[
            "content_json",
            "schema_version",
            "object_repr",
            "last_updated_at",
        ]
    )
    return refresh_and_carry_forward(
        source,
        instance=instance,
        content_changed=assume_changed
        or _copied_fields_differ(type(instance), previous_json, source.content_json),
        release=release,
        record_drift=record_drift,
    )


@transaction.atomic
def refresh_and_carry_forward(
    source: TranslationSource,
    *,
    instance: models.Model | None = None,
    content_changed: bool = False,
    release: Release | None = None,
    record_drift: bool = True,
) -> SourceUpdate:
    """Refresh the segment rows of `source` from its `content_json` (in bulk), carry
    forward the translations of segments whose text changed, and record drift. This
    is what `TranslationSource.refresh_segments()` does once the patch is
    installed, so wagtail-localize's own views keep translations too."""
    refresh = refresh_segments_in_bulk(source, instance=instance)
    every_translation = list(
        Translation.objects.filter(source=source).select_related("target_locale")
    )
    # A stopped translation ("Stop synced translation") is no longer made from its
    # source, so nothing is carried into it; but it is still told that the source
    # moved on, or its page would stay live, unmarked, with what the source no
    # longer says. Its drift ends as any's does: started again, and back in step.
    translations = [t for t in every_translation if t.enabled]
    result = SourceUpdate(source=source, changed=refresh.changed or content_changed)
    if not every_translation:
        return result
    sections = section_names(refresh.instance, refresh.context_paths)
    if translations:
        result.carried_forward = _carry_forward(refresh, translations, sections)
    _forget_flags_of_removed_segments(source, refresh.after)
    if result.changed and record_drift:
        result.drifts = update_drifts(
            source,
            every_translation,
            refresh.after,
            sections,
            changed=True,
            release=release,
        )
    if refresh.changed and translations:
        # After the drift is counted: the live translations lack the new text, so
        # readers are told its sections are outdated, and the translator is shown
        # them, to check what the memory filled in.
        fill_from_memory(source, translations)
    return result


def _content_json(instance: models.Model) -> str:
    # The same serialisation as TranslationSource.update_from_db().
    return instance.to_json()


def _copied_fields_differ(model: type[models.Model], before: str, after: str) -> bool:
    """Whether a field that translations take from their source (translated or kept in
    sync) differs: a change of level, date or image outdates translations too, though
    it has no segment."""
    before_data, after_data = json.loads(before), json.loads(after)
    for translatable in get_translatable_fields(model):
        name = translatable.field_name
        if _decoded(before_data.get(name)) != _decoded(after_data.get(name)):
            return True
    return False


def _decoded(value):
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


# Carrying translations forward --------------------------------------------------------


def _carry_forward(
    refresh: SegmentRefresh,
    translations: list[Translation],
    sections: dict[int, str],
) -> list[StaleSegmentTranslation]:
    pairs = changed_text_pairs(refresh.before, refresh.after)
    if not pairs:
        return []
    by_locale = {t.target_locale_id: t for t in translations}
    contexts = {context_id for context_id, _old, _new in pairs}
    existing = {
        (st.locale_id, st.translation_of_id, st.context_id): st
        for st in StringTranslation.objects.filter(
            locale_id__in=list(by_locale), context_id__in=list(contexts)
        ).select_related("staleness")
    }
    old_text = dict(
        String.objects.filter(
            id__in={old for _context, old, _new in pairs}
        ).values_list("id", "data")
    )
    new_translations, flags = [], []
    for locale_id, translation in by_locale.items():
        for context_id, old_id, new_id in pairs:
            if (locale_id, new_id, context_id) in existing:
                continue  # the new text was translated here before (a revert)
            previous = existing.get((locale_id, old_id, context_id))
            if previous is None:
                continue  # nothing to keep: the segment simply needs translating
            new_text = refresh.string_data[new_id]
            kept = StringTranslation(
                translation_of_id=new_id,
                locale_id=locale_id,
                context_id=context_id,
                data=previous.data,
                translation_type=previous.translation_type,
                tool_name=previous.tool_name,
                last_translated_by_id=previous.last_translated_by_id,
                # A kept translation that no longer fits (a link the new text lost)
                # must not reach the page; the translator sees the error instead.
                has_error=not _fits(new_text, previous.data),
            )
            existing[(locale_id, new_id, context_id)] = kept
            new_translations.append(kept)
            staleness = getattr(previous, "staleness", None)
            flags.append(
                StaleSegmentTranslation(
                    translation=translation,
                    string_translation=kept,
                    # A translation kept twice was still made for the first text.
                    previous_source_text=(
                        staleness.previous_source_text
                        if staleness is not None
                        else old_text[old_id]
                    ),
                    section_anchor=sections.get(context_id, ""),
                )
            )
    if not new_translations:
        return []
    StringTranslation.objects.bulk_create(new_translations, batch_size=500)
    if any(st.pk is None for st in new_translations):  # backends without RETURNING
        _fetch_ids(new_translations)
    for flag in flags:
        flag.string_translation_id = flag.string_translation.pk
    return StaleSegmentTranslation.objects.bulk_create(flags, batch_size=500)


def changed_text_pairs(
    before: list[StringPosition], after: list[StringPosition]
) -> list[tuple[int, int, int]]:
    """(context, old string, new string) for each segment whose text changed in place.

    A context (a field, a block, a list item) may hold several strings (the paragraphs
    of a rich text block); its old and new strings are aligned the way a diff aligns
    lines, and strings replaced one for one are the changed ones. Inserted strings are
    new segments, deleted ones removed segments."""
    old_by_context, new_by_context = defaultdict(list), defaultdict(list)
    for position in before:
        old_by_context[position.context_id].append(position.string_id)
    for position in after:
        new_by_context[position.context_id].append(position.string_id)
    pairs = []
    for context_id, new in new_by_context.items():
        old = old_by_context.get(context_id, [])
        if old == new or not old:
            continue
        matcher = SequenceMatcher(None, old, new, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "replace":
                pairs.extend(
                    (context_id, old_id, new_id)
                    for old_id, new_id in zip(old[i1:i2], new[j1:j2], strict=False)
                )
    return pairs


def _fits(source_text: str, translated: str) -> bool:
    try:
        StringValue.from_translated_html(translated)
        validate_translation_links(source_text, translated)
    except ValueError:
        return False
    return True


def _fetch_ids(string_translations: list[StringTranslation]) -> None:
    keys = {
        (st.locale_id, st.translation_of_id, st.context_id): st
        for st in string_translations
    }
    for pk, locale_id, string_id, context_id in StringTranslation.objects.filter(
        locale_id__in={k[0] for k in keys},
        translation_of_id__in={k[1] for k in keys},
        context_id__in={k[2] for k in keys},
    ).values_list("pk", "locale_id", "translation_of_id", "context_id"):
        if (locale_id, string_id, context_id) in keys:
            keys[(locale_id, string_id, context_id)].pk = pk


def _forget_flags_of_removed_segments(
    source: TranslationSource, after: list[StringPosition]
) -> None:
    """A flag whose segment left the source (removed, or changed again and carried
    forward anew) has nothing left to review."""
    current = {(p.string_id, p.context_id) for p in after}
    gone = [
        flag_id
        for flag_id, string_id, context_id in StaleSegmentTranslation.objects.filter(
            translation__source=source
        ).values_list(
            "id",
            "string_translation__translation_of_id",
            "string_translation__context_id",
        )
        if (string_id, context_id) not in current
    ]
    if gone:
        StaleSegmentTranslation.objects.filter(id__in=gone).delete()
