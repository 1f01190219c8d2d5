"""Writing a translation as an XLIFF 1.2 document for an agency."""

import xml.etree.ElementTree as ET  # noqa: S405 (writing only; parsing is defused)
from collections.abc import Callable

from django.utils.text import slugify
from wagtail_localize.models import StringTranslation, Translation

from .file import SegmentNotes, file_original, indent_structure
from .inline import XLIFF_NS, clean_xml_text, html_to_inline
from .units import unique_segments


def xliff_filename(translation: Translation) -> str:
    name = slugify(translation.source.object_repr) or "translation"
    return f"{name}-{translation.target_locale.language_code}.xlf"


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
