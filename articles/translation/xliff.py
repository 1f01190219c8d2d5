"""XLIFF 1.2 exchange with translation agencies for wagtail-localize translations.

A file holds one translation (one source object into one target locale). Each
`<trans-unit>` is one wagtail-localize segment: its id is the segment's translation
context path and the hash of its source string, so the same segment has the same id in
every export. Inline markup (links, bold...) travels as XLIFF inline elements (`<g>`
for paired tags, `<x/>` for line breaks) whose ids name the source's tags; an import
only accepts targets that use exactly the source's placeholders.

Importing saves segment translations only, the way wagtail-localize's PO upload does:
the translated page or snippet changes when a reviewer publishes the translation.
"""

import uuid
import xml.etree.ElementTree as ET  # noqa: S405 (writing only; parsing is defused)
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Page
from wagtail_localize.models import StringSegment, StringTranslation, Translation
from wagtail_localize.strings import StringValue

from articles.models import StaleSegmentTranslation

from .xliff_file import (
    ParsedUnit,
    SegmentNotes,
    XliffError,
    check_file_matches,
    file_original,
    file_translation_uuid,
    indent_structure,
    max_upload_bytes,
    parse_xliff,
    read_units,
    same_language,
)
from .xliff_inline import (
    XLIFF_NS,
    InlineMarkupError,
    clean_xml_text,
    html_to_inline,
    inline_to_html,
    placeholders_of,
)

# The public API; the file format's details live in xliff_file and xliff_inline.
__all__ = [
    "APPLIED",
    "CONTENT_TYPE",
    "REJECTED",
    "SKIPPED",
    "UNCHANGED",
    "ImportReport",
    "SegmentResult",
    "XliffError",
    "can_exchange_files",
    "export_xliff",
    "file_translation_uuid",
    "find_translation",
    "import_xliff",
    "max_upload_bytes",
    "same_language",
    "xliff_filename",
]

CONTENT_TYPE = "application/x-xliff+xml; charset=utf-8"
TOOL_NAME = "XLIFF"
NOT_PUBLISHED_NOTE = gettext_lazy(
    "Imported translations are saved as segment translations only: the translated "
    "page is not changed or published until a reviewer publishes the translation."
)

# Segment statuses in an ImportReport.
APPLIED = "applied"
UNCHANGED = "unchanged"
SKIPPED = "skipped"
REJECTED = "rejected"


@dataclass(frozen=True)
class SegmentResult:
    segment_id: str
    status: str
    message: str = ""


@dataclass
class ImportReport:
    """What an import did, segment by segment, in the file's order."""

    results: list[SegmentResult] = field(default_factory=list)
    published: bool = False

    def count(self, status: str) -> int:
        return sum(1 for result in self.results if result.status == status)

    @property
    def applied(self) -> int:
        return self.count(APPLIED)

    @property
    def rejected(self) -> int:
        return self.count(REJECTED)

    @property
    def rejected_results(self) -> list[SegmentResult]:
        return [result for result in self.results if result.status == REJECTED]

    def summary(self) -> str:
        return _(
            "%(applied)d segment(s) applied, %(unchanged)d unchanged, "
            "%(skipped)d skipped, %(rejected)d rejected. %(note)s"
        ) % {
            "applied": self.applied,
            "unchanged": self.count(UNCHANGED),
            "skipped": self.count(SKIPPED),
            "rejected": self.rejected,
            "note": NOT_PUBLISHED_NOTE,
        }


def segment_id(path: str, data_hash: uuid.UUID) -> str:
    return f"{path}:{data_hash}"


def xliff_filename(translation: Translation) -> str:
    from django.utils.text import slugify

    name = slugify(translation.source.object_repr) or "translation"
    return f"{name}-{translation.target_locale.language_code}.xlf"


# Export -------------------------------------------------------------------------------


def export_xliff(
    translation: Translation, *, pseudo: Callable[[str], str] | None = None
) -> bytes:
    """The translation's string segments as an XLIFF 1.2 document, with the current
    segment translations as targets. Three queries whatever the size.

    With `pseudo`, every target is instead the source with `pseudo` applied to its
    text and its inline tags kept: a pseudo-translation for checking layouts, and a
    complete file for benchmarks of the import."""
    source = translation.source
    segments = unique_segments(translation)
    existing = {
        (row.translation_of_id, row.context_id): row
        for row in StringTranslation.objects.filter(
            locale_id=translation.target_locale_id,
            context__object_id=source.object_id,
        ).only("translation_of_id", "context_id", "data", "has_error")
    }
    describe = SegmentNotes(source)

    root = ET.Element("xliff", {"xmlns": XLIFF_NS, "version": "1.2"})
    file_el = ET.SubElement(
        root,
        "file",
        {
            "original": file_original(translation),
            "source-language": source.locale.language_code,
            "target-language": translation.target_locale.language_code,
            "datatype": "html",
            "product-name": "wagtail-localize",
        },
    )
    header = ET.SubElement(file_el, "header")
    ET.SubElement(
        header,
        "tool",
        {"tool-id": "wagtail-localize-xliff", "tool-name": "wagtail-localize"},
    )
    header_note = ET.SubElement(header, "note")
    header_note.text = clean_xml_text(
        f"{source.object_repr}: {source.locale.language_code} to "
        f"{translation.target_locale.language_code}. Keep every trans-unit id and "
        "every <g>/<x/> inline tag: they tell the CMS where the text goes."
    )
    body = ET.SubElement(file_el, "body")
    for segment in segments:
        unit = ET.SubElement(
            body,
            "trans-unit",
            {"id": segment.id, "resname": segment.field_path or segment.path},
        )
        html_to_inline(ET.SubElement(unit, "source"), segment.data)
        current = existing.get((segment.string_id, segment.context_id))
        if pseudo is not None:
            target = ET.SubElement(unit, "target", state="translated")
            html_to_inline(target, segment.data)
            pseudo_translate(target, pseudo)
        elif current is not None and current.data:
            target = ET.SubElement(
                unit,
                "target",
                state="needs-review-translation" if current.has_error else "translated",
            )
            html_to_inline(target, current.data)
        note = ET.SubElement(unit, "note", {"from": "wagtail"})
        note.text = clean_xml_text(describe(segment.path, segment.field_path))
    indent_structure(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def pseudo_translate(target: ET.Element, pseudo: Callable[[str], str]) -> None:
    for element in target.iter():
        if element.text and element.text.strip():
            element.text = pseudo(element.text)
        if element is not target and element.tail and element.tail.strip():
            element.tail = pseudo(element.tail)


class SourceSegment(NamedTuple):
    string_id: int
    context_id: int
    path: str
    field_path: str
    data: str
    data_hash: uuid.UUID

    @property
    def id(self) -> str:
        return segment_id(self.path, self.data_hash)


def unique_segments(translation: Translation) -> list[SourceSegment]:
    """Source string segments in page order, one per (string, context): the same text
    twice in one rich text field is one translation in wagtail-localize. Plain rows
    rather than model instances: an article has hundreds."""
    seen = set()
    segments = []
    for row in (
        StringSegment.objects.filter(source_id=translation.source_id)
        .order_by("order")
        .values_list(
            "string_id",
            "context_id",
            "context__path",
            "context__field_path",
            "string__data",
            "string__data_hash",
        )
    ):
        segment = SourceSegment(*row)
        if (segment.string_id, segment.context_id) not in seen:
            seen.add((segment.string_id, segment.context_id))
            segments.append(segment)
    return segments


# Import -------------------------------------------------------------------------------


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
    from .sync import refresh_drifts_of

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


# Who may exchange files ---------------------------------------------------------------


def can_exchange_files(user, translation: Translation) -> bool:
    """Whether `user` may download and upload XLIFF files of `translation`: whoever
    may edit the translated page or snippet in the target locale, and translates into
    that locale (locale-scoped roles, `articles.translation.roles`)."""
    from .roles import can_translate_into

    if not user.is_authenticated or not user.is_active:
        return False
    if not can_translate_into(user, translation.target_locale):
        return False
    model = translation.source.specific_content_type.model_class()
    if model is None:
        return False
    if issubclass(model, Page):
        target = model.objects.filter(
            translation_key=translation.source.object_id,
            locale_id=translation.target_locale_id,
        ).first()
        if target is not None:
            return target.permissions_for_user(user).can_edit()
        return translated_parent_allows(user, translation)
    opts = model._meta
    return user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


def translated_parent_allows(user, translation: Translation) -> bool:
    """Before the translated page exists, who may create it under the translated
    parent may prepare its translations."""
    source_page = Page.objects.filter(
        translation_key=translation.source.object_id,
        locale_id=translation.source.locale_id,
    ).first()
    parent = source_page.get_parent() if source_page is not None else None
    translated_parent = (
        parent.get_translation_or_none(translation.target_locale) if parent else None
    )
    if translated_parent is None:
        return user.is_superuser
    return translated_parent.permissions_for_user(user).can_add_subpage()


def find_translation(
    *, locale_code: str, page_id: int | None = None, slug: str | None = None
) -> Translation:
    """The enabled translation of a page (given by the id or slug of any of its
    language versions) into `locale_code`, or XliffError saying what is missing."""
    pages = Page.objects.all()
    if page_id is not None:
        pages = pages.filter(pk=page_id)
    if slug is not None:
        pages = pages.filter(slug=slug)
    keys = set(pages.values_list("translation_key", flat=True))
    if not keys:
        raise XliffError(_("No page matches %(what)s.") % {"what": page_id or slug})
    translations = list(
        Translation.objects.filter(
            source__object_id__in=keys,
            target_locale__language_code=locale_code,
            enabled=True,
        ).select_related(
            "source__locale", "source__specific_content_type", "target_locale"
        )
    )
    if not translations:
        raise XliffError(
            _("%(what)s has not been submitted for translation into %(locale)s.")
            % {"what": page_id or slug, "locale": locale_code}
        )
    if len(translations) > 1:
        raise XliffError(
            _("Several pages match %(what)s (%(objects)s); give a page id.")
            % {
                "what": slug,
                "objects": ", ".join(t.source.object_repr for t in translations),
            }
        )
    return translations[0]
