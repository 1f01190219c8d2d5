"""The XLIFF 1.2 file itself: reading it safely (no DTDs, entities or external
references, a size cap), checking it belongs to the translation, and the parts of
writing it that are about layout and context rather than segments."""

import json
import re
import uuid
import xml.etree.ElementTree as ET  # noqa: S405 (writing only; parsing is defused)
from dataclasses import dataclass

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException
from django.core.exceptions import FieldDoesNotExist
from django.utils.translation import gettext as _
from wagtail_localize.models import Translation

from ..conf import translation_settings
from .inline import XLIFF_NS, local_name


class XliffError(ValueError):
    """The whole file is refused (nothing was imported); the message says why."""


def max_upload_bytes() -> int:
    return translation_settings().xliff_max_bytes


def file_original(translation: Translation) -> str:
    """What `<file original>` says: the translation's uuid, which never changes."""
    return f"urn:uuid:{translation.uuid}"


STRUCTURE = {"xliff", "file", "header", "body", "group", "trans-unit"}


def indent_structure(element: ET.Element, level: int = 0) -> None:
    """Indent the document's structure for human readers. Unlike ET.indent, never
    touch the inside of `<source>`, `<target>` or `<note>`, where whitespace is text."""
    if local_name(element.tag) not in STRUCTURE or not len(element):
        return
    inner = "\n" + " " * (level + 1)
    element.text = inner
    for child in element:
        indent_structure(child, level + 1)
        child.tail = inner
    element[-1].tail = "\n" + " " * level


class SegmentNotes:
    """Where a segment sits, in words an agency translator can use: the section (number,
    heading, anchor), the field and, for lists and tables, the item or cell."""

    def __init__(self, source) -> None:
        self.model = source.specific_content_type.model_class()
        self.sections: dict[str, str] = {}
        self.items: dict[str, str] = {}
        try:
            content = json.loads(source.content_json)
        except ValueError:
            content = {}
        for value in content.values():
            stream = value
            if isinstance(value, str) and value.startswith("["):
                try:
                    stream = json.loads(value)
                except ValueError:
                    continue
            if isinstance(stream, list):
                self._read_stream(stream)

    def _read_stream(self, stream: list) -> None:
        sections = [
            b for b in stream if isinstance(b, dict) and b.get("type") == "section"
        ]
        for number, block in enumerate(sections, start=1):
            value = block.get("value") or {}
            label = _("Section %(number)d of %(total)d: “%(heading)s”") % {
                "number": number,
                "total": len(sections),
                "heading": value.get("heading", ""),
            }
            if value.get("anchor"):
                label += f" (#{value['anchor']})"
            self.sections[block.get("id", "")] = label
        self._read_items(stream)

    def _read_items(self, value) -> None:
        if isinstance(value, dict):
            for child in value.values():
                self._read_items(child)
        elif isinstance(value, list):
            items = [
                v for v in value if isinstance(v, dict) and v.get("type") == "item"
            ]
            for number, item in enumerate(items, start=1):
                self.items[item.get("id", "")] = _("item %(n)d of %(total)d") % {
                    "n": number,
                    "total": len(items),
                }
            for child in value:
                self._read_items(child)

    def __call__(self, path: str, field_path: str) -> str:
        parts = path.split(".")
        lines = [self.sections[p] for p in parts if p in self.sections]
        where = " › ".join(self._field_label(field_path or path))
        details = [self.items[p] for p in parts if p in self.items]
        cell = re.fullmatch(r"cell-(\d+)-(\d+)", parts[-1])
        if cell:
            details.append(
                _("table row %(row)d, column %(col)d")
                % {"row": int(cell[1]) + 1, "col": int(cell[2]) + 1}
            )
        elif parts[-1] == "caption" and field_path.endswith("table"):
            details.append(_("table caption"))
        lines.append(_("Field: %(field)s") % {"field": where})
        if details:
            lines[-1] += f" ({', '.join(details)})"
        return ". ".join(lines)

    def _field_label(self, field_path: str) -> list[str]:
        path = field_path.split(".")
        try:
            if self.model is not None:
                path[0] = str(self.model._meta.get_field(path[0]).verbose_name)
        except FieldDoesNotExist:
            pass
        return [part.replace("_", " ") for part in path]


@dataclass(frozen=True)
class ParsedUnit:
    segment_id: str
    target: ET.Element | None


def parse_xliff(data: bytes) -> ET.Element:
    """The `<file>` element of a one-file XLIFF 1.2 document, parsed without DTDs,
    entities or external references, or XliffError."""
    limit = max_upload_bytes()
    if len(data) > limit:
        raise XliffError(
            _("The file is %(size)s bytes; the limit is %(limit)s bytes.")
            % {"size": f"{len(data):,}", "limit": f"{limit:,}"}
        )
    try:
        root = SafeET.fromstring(
            data, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException:
        raise XliffError(
            _(
                "The file declares a DTD or XML entities, which are not allowed in "
                "an XLIFF file (they can be used to attack the server)."
            )
        ) from None
    except ET.ParseError as error:
        line, column = error.position
        raise XliffError(
            _(
                "The file is not well-formed XML (line %(line)d, column "
                "%(column)d)%(where)s. Nothing was imported."
            )
            % {"line": line, "column": column, "where": unit_near(data, line)}
        ) from None
    if local_name(root.tag) != "xliff" or namespace(root.tag) not in (XLIFF_NS, ""):
        raise XliffError(_("The file is not an XLIFF document."))
    if root.get("version") != "1.2":
        raise XliffError(
            _("Only XLIFF 1.2 is supported; this file is version %(version)s.")
            % {"version": root.get("version") or "?"}
        )
    files = [child for child in root if local_name(child.tag) == "file"]
    if len(files) != 1:
        raise XliffError(
            _("An XLIFF file for one translation has exactly one <file>; found %(n)d.")
            % {"n": len(files)}
        )
    return files[0]


def unit_near(data: bytes, line: int) -> str:
    """Name the trans-unit a parse error is in, so a translator knows where to look."""
    before = b"\n".join(data.split(b"\n", line)[:line])
    ids = re.findall(rb"<(?:\w+:)?trans-unit\b[^>]*\bid=\"([^\"]*)\"", before)
    if not ids:
        return ""
    return _(", in segment %(id)s") % {"id": ids[-1].decode("utf-8", "replace")}


def namespace(tag) -> str:
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag[:1] == "{" else ""


def file_translation_uuid(data: bytes) -> uuid.UUID:
    """The translation a file was exported for, from `<file original>`."""
    original = parse_xliff(data).get("original", "")
    try:
        return uuid.UUID(original.removeprefix("urn:uuid:"))
    except ValueError:
        raise XliffError(
            _(
                "The file does not say which translation it belongs to "
                "(<file original=…> is %(original)r)."
            )
            % {"original": original}
        ) from None


def same_language(declared: str | None, code: str) -> bool:
    """`ko-KR` or `ko_kr` in a file is Korean (`ko`); `zh-Hant` is not `zh-hans`."""
    declared = (declared or "").strip().replace("_", "-").lower()
    code = code.lower()
    return declared == code or declared.startswith(code + "-")


def check_file_matches(file_el: ET.Element, translation: Translation) -> None:
    checks = [
        ("source-language", translation.source.locale.language_code, _("source")),
        ("target-language", translation.target_locale.language_code, _("target")),
    ]
    for attribute, code, which in checks:
        if not same_language(file_el.get(attribute), code):
            raise XliffError(
                _(
                    "The file's %(which)s language is %(found)r but this translation's "
                    "is %(expected)r. Nothing was imported."
                )
                % {
                    "which": which,
                    "found": file_el.get(attribute) or "",
                    "expected": code,
                }
            )
    original = file_el.get("original", "")
    if original and original != file_original(translation):
        raise XliffError(
            _(
                "The file was exported for another translation (%(original)s), not "
                "“%(object)s” into %(locale)s. Nothing was imported."
            )
            % {
                "original": original,
                "object": translation.source.object_repr,
                "locale": translation.target_locale.language_code,
            }
        )


def read_units(file_el: ET.Element) -> list[ParsedUnit]:
    """Every trans-unit of the file, wherever tools nested them (`<group>`)."""
    units = []
    for unit in file_el.iter():
        if local_name(unit.tag) != "trans-unit":
            continue
        target = next((c for c in unit if local_name(c.tag) == "target"), None)
        units.append(ParsedUnit(unit.get("id") or "", target))
    return units
