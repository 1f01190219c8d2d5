"""How far each translation has drifted from its source (`TranslationDrift`): which
segments still need work in a locale, and which sections they sit in."""

from django.db import models
from django.db.models import Max, Subquery
from django.utils import timezone
from wagtail.models import Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationContext,
    TranslationLog,
    TranslationSource,
)

from ...models import Release, StaleSegmentTranslation, TranslationDrift
from ..segments.extract import StringPosition
from ..signals import translation_outdated_changed


def section_names(
    instance: models.Model, context_paths: dict[int, str]
) -> dict[int, str]:
    """Context id -> the section a segment belongs to: the anchor of its body section
    (`body.<section block id>...`), or the field name outside the body."""
    anchors = {}
    body = getattr(instance, "body", None)
    for child in body or []:
        value = child.value
        if isinstance(value, dict) or hasattr(value, "get"):
            anchors[child.id] = value.get("anchor") or child.id
    names = {}
    for context_id, path in context_paths.items():
        field_name, _dot, rest = path.partition(".")
        block_id = rest.partition(".")[0]
        if field_name == "body" and block_id in anchors:
            names[context_id] = anchors[block_id]
        else:
            names[context_id] = field_name
    return names


# Drift --------------------------------------------------------------------------------


def update_drifts(
    source: TranslationSource,
    translations: list[Translation],
    positions: list[StringPosition],
    sections: dict[int, str],
    *,
    changed: bool,
    release: Release | None = None,
) -> list[TranslationDrift]:
    """Create (when the source `changed`), update or delete the drift of each of
    `translations`. A segment needs work in a locale while it has no usable
    translation there or its kept translation is flagged. A translation is back in
    step only once a page made from the new source is live: nothing needs work, its
    page was rebuilt since the source changed, and a revision made since then is what
    readers see (medical review's approval publishes it). Confirming segments or
    saving a draft does not end a drift. A drift started by a change held in a
    `release` belongs to it: readers are told nothing until the release is out."""
    locale_ids = [t.target_locale_id for t in translations]
    translated = set(
        StringTranslation.objects.filter(
            locale_id__in=locale_ids,
            context_id__in={p.context_id for p in positions},
            has_error=False,
        ).values_list("locale_id", "translation_of_id", "context_id")
    )
    flagged = set(
        StaleSegmentTranslation.objects.filter(
            translation__in=translations
        ).values_list(
            "translation_id",
            "string_translation__translation_of_id",
            "string_translation__context_id",
        )
    )
    rebuilt_at = dict(
        TranslationLog.objects.filter(source=source, locale_id__in=locale_ids)
        .values("locale_id")
        .annotate(latest=Max("created_at"))
        .values_list("locale_id", "latest")
    )
    live_since = dict(
        Page.objects.filter(
            translation_key=source.object_id, locale_id__in=locale_ids, live=True
        ).values_list("locale_id", "live_revision__created_at")
    )
    drifts = {
        d.translation_id: d
        for d in TranslationDrift.objects.filter(translation__in=translations)
    }
    now = timezone.now()
    kept, to_delete, announced = [], [], []
    for translation in translations:
        pending = [
            p
            for p in positions
            if (translation.target_locale_id, p.string_id, p.context_id)
            not in translated
            or (translation.pk, p.string_id, p.context_id) in flagged
        ]
        drift = drifts.get(translation.pk)
        rebuilt = rebuilt_at.get(translation.target_locale_id)
        live = live_since.get(translation.target_locale_id)
        in_step = (
            not changed
            and not pending
            and rebuilt is not None
            and rebuilt >= source.last_updated_at
            and live is not None
            and live >= source.last_updated_at
        )
        if drift is None and not changed:
            continue
        if in_step:
            to_delete.append(drift.pk)
            announced.append(translation)
            continue
        if drift is None:
            drift = TranslationDrift(
                translation=translation, source_changed_at=now, release=release
            )
        drift.changed_segments = len(pending)
        drift.changed_sections = list(
            dict.fromkeys(sections.get(p.context_id, "") for p in pending)
        )
        if changed:
            drift.outdated_sections = _in_body_order(
                {*drift.outdated_sections, *drift.changed_sections}, positions, sections
            )
        drift.save()
        kept.append(drift)
        if changed and drift.release_id is None:
            announced.append(translation)
    if to_delete:
        TranslationDrift.objects.filter(pk__in=to_delete).delete()
    # What readers are told changes when the source moves on or a translation
    # catches up, not while a translator works on a draft.
    for translation in announced:
        translation_outdated_changed.send(
            sender=TranslationDrift,
            translation_key=source.object_id,
            locale_id=translation.target_locale_id,
        )
    return kept


def _in_body_order(
    names: set[str], positions: list[StringPosition], sections: dict[int, str]
) -> list[str]:
    order = list(dict.fromkeys(sections.get(p.context_id, "") for p in positions))
    # A section the source no longer has goes last: it changed too (it went).
    return [n for n in order if n in names] + sorted(names - set(order))


def refresh_translation_drift(translation: Translation) -> TranslationDrift | None:
    """Recount what a drifted translation still needs, deleting its drift once it is
    back in step. Returns the drift, or None if there is none (any more)."""
    if not TranslationDrift.objects.filter(translation=translation).exists():
        return None
    source = translation.source
    positions = [
        StringPosition(context_id, string_id, order)
        for context_id, string_id, order in StringSegment.objects.filter(source=source)
        .order_by("order")
        .values_list("context_id", "string_id", "order")
    ]
    paths = dict(
        StringSegment.objects.filter(source=source).values_list(
            "context_id", "context__path"
        )
    )
    sections = section_names(source.as_instance(), paths)
    drifts = update_drifts(source, [translation], positions, sections, changed=False)
    return drifts[0] if drifts else None


def refresh_drifts_of(
    *, locale_id: int, context_id: int | None = None, source_id: int | None = None
) -> None:
    """Refresh the drifts into one locale of the translations of the object a
    segment context belongs to, or of one source (after a segment translation or a
    rebuilt page). One query when nothing drifted."""
    translations = Translation.objects.filter(
        target_locale_id=locale_id, drift__isnull=False
    )
    if source_id is not None:
        translations = translations.filter(source_id=source_id)
    else:
        translations = translations.filter(
            source__object_id=Subquery(
                TranslationContext.objects.filter(pk=context_id).values("object_id")[:1]
            )
        )
    for translation in translations.select_related("source"):
        refresh_translation_drift(translation)


def refresh_drifts_of_published_translation(page: Page) -> None:
    """After `page` is published: if it translates a source it drifted from, recount
    (ending the drift when what went live was made from the new source). One query
    when nothing drifted."""
    for translation in Translation.objects.filter(
        source__object_id=page.translation_key,
        target_locale_id=page.locale_id,
        drift__isnull=False,
    ).select_related("source"):
        refresh_translation_drift(translation)
