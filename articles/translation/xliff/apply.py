"""Applying an agency's XLIFF file to a translation's segment translations.

Importing saves segment translations only, the way wagtail-localize's PO upload does:
the translated page or snippet changes when a reviewer publishes the translation.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.strings import StringValue

from ...models import StaleSegmentTranslation
from ..keep_in_step.drift import refresh_drifts_of
from .file import ParsedUnit, check_file_matches, parse_xliff, read_units
from .inline import InlineMarkupError, inline_to_html, placeholders_of
from .report import APPLIED, REJECTED, SKIPPED, UNCHANGED, ImportReport, SegmentResult
from .units import SourceSegment, unique_segments

TOOL_NAME = "XLIFF"


def import_xliff(translation: Translation, data: bytes, user) -> ImportReport:
    """Apply the valid targets of an XLIFF file to `translation`'s segment translations.

    The file is refused whole (XliffError, nothing changed) when it is not safe,
    well-formed XLIFF 1.2 for this translation's languages. Otherwise each segment is
    checked on its own; valid ones are saved in one transaction with bulk queries,
    invalid ones are reported and left alone. Nothing is published.
    """
    file_el = parse_xliff(data)
    check_file_matches(file_el, translation)
    units = read_units(file_el)
    known = {segment.id: segment for segment in unique_segments(translation)}
    report = ImportReport()
    with transaction.atomic():
        existing = {
            (row.translation_of_id, row.context_id): row
            for row in StringTranslation.objects.select_for_update(of=("self",)).filter(
                locale_id=translation.target_locale_id,
                context__object_id=translation.source.object_id,
            )
        }
        now = timezone.now()
        to_create, to_update, seen = [], [], set()
        for unit in units:
            result, html = check_unit(unit, known, seen)
            if result is not None:
                report.results.append(result)
                continue
            segment = known[unit.segment_id]
            current = existing.get((segment.string_id, segment.context_id))
            if current is not None and current.data == html and not current.has_error:
                report.results.append(SegmentResult(unit.segment_id, UNCHANGED))
                continue
            if current is None:
                current = StringTranslation(
                    translation_of_id=segment.string_id,
                    locale_id=translation.target_locale_id,
                    context_id=segment.context_id,
                )
                to_create.append(current)
            else:
                to_update.append(current)
            current.data = html
            current.translation_type = StringTranslation.TRANSLATION_TYPE_MANUAL
            current.tool_name = TOOL_NAME
            current.last_translated_by = user
            current.updated_at = now
            current.has_error = False
            current.field_error = ""
            report.results.append(SegmentResult(unit.segment_id, APPLIED))
            if segment.path == "title":
                update_draft_title(translation, html)
        write_segment_translations(translation, to_create, to_update)
    return report


UPSERT_FIELDS = [
    "data",
    "translation_type",
    "tool_name",
    "last_translated_by",
    "updated_at",
    "has_error",
    "field_error",
]


def write_segment_translations(
    translation: Translation,
    new: list[StringTranslation],
    changed: list[StringTranslation],
) -> None:
    """New and changed segment translations in one upsert per batch (Django's
    bulk_update builds a CASE per row and field: seconds for 800 segments). A segment
    the translator was asked to review is reviewed by its new translation."""
    rows = new + [
        StringTranslation(
            translation_of_id=row.translation_of_id,
            locale_id=row.locale_id,
            context_id=row.context_id,
            **{field: getattr(row, field) for field in UPSERT_FIELDS},
        )
        for row in changed
    ]
    StringTranslation.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["locale", "translation_of", "context"],
        update_fields=UPSERT_FIELDS,
        batch_size=500,
    )
    if changed:
        StaleSegmentTranslation.objects.filter(
            string_translation_id__in=[row.pk for row in changed]
        ).delete()
    refresh_drifts_of(
        source_id=translation.source_id, locale_id=translation.target_locale_id
    )


def check_unit(
    unit: ParsedUnit, known: dict[str, SourceSegment], seen: set[str]
) -> tuple[SegmentResult | None, str]:
    """(a result when the unit is not applied, else the target as segment HTML)."""
    sid = unit.segment_id
    if sid not in known:
        return SegmentResult(
            sid,
            REJECTED,
            _(
                "Unknown segment id: the source has no such segment (it may have "
                "changed since the file was exported; export a new file)."
            ),
        ), ""
    if sid in seen:
        return SegmentResult(
            sid, REJECTED, _("The segment appears more than once in the file.")
        ), ""
    seen.add(sid)
    target = unit.target
    if target is None or not ("".join(target.itertext()).strip() or len(target)):
        return SegmentResult(sid, SKIPPED, _("No translation in the file.")), ""
    if target.get("state") in ("new", "needs-translation"):
        return SegmentResult(
            sid,
            SKIPPED,
            _("The target is marked state=%(state)r (not translated yet).")
            % {"state": target.get("state")},
        ), ""
    source_html = known[sid].data
    try:
        html = inline_to_html(target, placeholders_of(source_html), source_html)
        # The same normal form wagtail-localize stores (placeholders already
        # guarantee that links keep the source's ids).
        html = StringValue.from_translated_html(html).data if "<" in html else html
    except (InlineMarkupError, ValueError) as error:
        return SegmentResult(sid, REJECTED, str(error)), ""
    return None, html


def update_draft_title(translation: Translation, html: str) -> None:
    """What wagtail-localize's post_save signal does for a page title (bulk writes
    send no signals): the explorer shows the translated title as the draft title."""
    if issubclass(translation.source.specific_content_type.model_class(), Page):
        Page.objects.filter(
            translation_key=translation.source.object_id,
            locale_id=translation.target_locale_id,
        ).update(draft_title=StringValue(html).render_text()[:255])
