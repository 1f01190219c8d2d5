"""Applying an agency's XLIFF file to a translation's segment translations.

Importing saves segment translations only, the way wagtail-localize's PO upload does:
the translated page or snippet changes when a reviewer publishes the translation.
"""

import io
import xml.etree.ElementTree as ET  # noqa: S405 (types only; parsing is defused)

import defusedxml.ElementTree as SafeET
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation
from wagtail_localize.strings import StringValue

from ...models import StaleSegmentTranslation
from ..keep_in_step.drift import refresh_drifts_of
from .file import ParsedUnit, check_file_matches, parse_xliff, read_units
from .inline import (
    InlineMarkupError,
    Placeholder,
    inline_to_html,
    local_name,
    normalise_space,
    placeholders_of,
    space_preserved,
)
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
    preserving = targets_preserving_space(file_el, document_preserves_space(data))
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
            segment = known.get(unit.segment_id)
            current = (
                existing.get((segment.string_id, segment.context_id))
                if segment
                else None
            )
            result, html = check_unit(
                unit,
                known,
                seen,
                preserve=unit.target in preserving,
                stored=current.data if current else None,
            )
            if result is not None:
                report.results.append(result)
                continue
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


def document_preserves_space(data: bytes) -> bool:
    """Whether the `<xliff>` element says xml:space="preserve" (`parse_xliff` keeps only
    the `<file>`): its start tag, read again without the rest of the file."""
    events = SafeET.iterparse(
        io.BytesIO(data),
        events=("start",),
        forbid_dtd=True,
        forbid_entities=True,
        forbid_external=True,
    )
    _event, root = next(iter(events))
    return space_preserved(root, False)


def targets_preserving_space(file_el: ET.Element, inherited: bool) -> set[ET.Element]:
    """The `<target>`s whose trans-unit or one of its ancestors (group, body, file,
    xliff: `inherited`) says xml:space="preserve", nearest first. The target's own
    xml:space is read with its text (`normalise_space`)."""
    preserving = set()
    stack = [(file_el, inherited)]  # not recursion: groups may nest without limit
    while stack:
        element, preserve = stack.pop()
        preserve = space_preserved(element, preserve)
        if local_name(element.tag) != "trans-unit":
            stack.extend((child, preserve) for child in element)
        elif preserve:
            preserving.update(c for c in element if local_name(c.tag) == "target")
    return preserving


def check_unit(
    unit: ParsedUnit,
    known: dict[str, SourceSegment],
    seen: set[str],
    *,
    preserve: bool = False,
    stored: str | None = None,
) -> tuple[SegmentResult | None, str]:
    """(a result when the unit is not applied, else the target as segment HTML).

    The target's whitespace is read per xml:space (`preserve`: its ancestors say
    "preserve"), except that a target reading exactly as the `stored` translation is
    that translation: an exported file comes back untouched as it went."""
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
    placeholders = placeholders_of(source_html)
    try:
        normalised = normalise_space(target, preserve)
        html = segment_html(normalised, placeholders, source_html)
        if (
            normalised is not target
            and stored is not None
            and html != stored
            and segment_html(target, placeholders, source_html) == stored
        ):
            html = stored
    except (InlineMarkupError, ValueError) as error:
        return SegmentResult(sid, REJECTED, str(error)), ""
    return None, html


def segment_html(
    target: ET.Element, placeholders: dict[str, Placeholder], source_html: str
) -> str:
    html = inline_to_html(target, placeholders, source_html)
    # The same normal form wagtail-localize stores (placeholders already guarantee
    # that links keep the source's ids).
    return StringValue.from_translated_html(html).data if "<" in html else html


def update_draft_title(translation: Translation, html: str) -> None:
    """What wagtail-localize's post_save signal does for a page title (bulk writes
    send no signals): the explorer shows the translated title as the draft title."""
    if issubclass(translation.source.specific_content_type.model_class(), Page):
        Page.objects.filter(
            translation_key=translation.source.object_id,
            locale_id=translation.target_locale_id,
        ).update(draft_title=StringValue(html).render_text()[:255])
