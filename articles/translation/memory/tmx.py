"""The translation memory in TMX 1.4b, the file CAT tools and translate-toolkit read.

Segments keep their inline markup as TMX codes: a paired tag (`<b>`, `<a id="a1">`)
as `<bpt>`/`<ept>` holding the original tag, a lone one (`<br/>`) as `<ph>`, so a
unit comes back exactly as it left. An import is checked unit by unit (languages,
text, codes), like an XLIFF file: the valid units are kept (origin: imported file),
each other one is reported. Hostile XML is refused."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET  # noqa: S405 (writing only; parsing is defused)
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from ...models import MemoryUnit
from ..exchange_files import UnreadableFile, parse_untrusted_xml
from .index import index_missing
from .keys import memory_key

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)([^<>]*?)(/?)>")


@dataclass
class TmxImport:
    units: list[MemoryUnit] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    added: int = 0


# Inline markup <-> TMX codes ----------------------------------------------------------


def _to_seg(text: str, seg: ET.Element) -> None:
    """Fill `seg` with `text` (inline HTML), its tags as TMX codes."""
    opened: list[int] = []
    counter = 0
    last: ET.Element | None = None
    position = 0

    def add_text(chunk: str) -> None:
        chunk = html.unescape(chunk)
        if last is None:
            seg.text = (seg.text or "") + chunk
        else:
            last.tail = (last.tail or "") + chunk

    for match in _TAG.finditer(text):
        add_text(text[position : match.start()])
        closing, _name, _attrs, lone = match.groups()
        if lone:
            last = ET.SubElement(seg, "ph")
        elif closing:
            last = ET.SubElement(seg, "ept", {"i": str(opened.pop() if opened else 0)})
        else:
            counter += 1
            opened.append(counter)
            last = ET.SubElement(seg, "bpt", {"i": str(counter)})
        last.text = match.group(0)
        position = match.end()
    add_text(text[position:])


def _from_seg(seg: ET.Element) -> str:
    """The inline HTML of a TMX `seg`; ValueError for codes that do not pair."""
    parts = [html.escape(seg.text or "", quote=False)]
    open_codes: list[str] = []
    for child in seg:
        name = child.tag.rsplit("}", 1)[-1]
        code = "".join(child.itertext())
        if name == "bpt":
            open_codes.append(child.get("i", ""))
        elif name == "ept":
            if not open_codes or open_codes.pop() != child.get("i", ""):
                raise ValueError(_("a closing code has no opening code"))
        elif name not in ("ph", "it", "hi", "ut"):
            raise ValueError(_("unknown element <%(name)s>") % {"name": name})
        if name in ("bpt", "ept", "ph", "it"):
            if code and not _TAG.fullmatch(code):
                raise ValueError(
                    _("a code is not an HTML tag: %(code)s") % {"code": code}
                )
            parts.append(code)
        else:
            parts.append(html.escape(code, quote=False))
        parts.append(html.escape(child.tail or "", quote=False))
    if open_codes:
        raise ValueError(_("an opening code is never closed"))
    return "".join(parts)


# Export -------------------------------------------------------------------------------


def export_tmx(*, target_locale: Locale, source_language: str) -> bytes:
    root = ET.Element("tmx", {"version": "1.4"})
    ET.SubElement(
        root,
        "header",
        {
            "creationtool": "wagtail-medical-articles",
            "creationtoolversion": "1",
            "segtype": "sentence",
            "o-tmf": "wagtail-localize",
            "adminlang": "en",
            "srclang": source_language,
            "datatype": "html",
        },
    )
    body = ET.SubElement(root, "body")
    for unit in (
        MemoryUnit.objects.filter(
            target_locale=target_locale, source_locale__language_code=source_language
        )
        .order_by("id")
        .iterator(chunk_size=2000)
    ):
        tu = ET.SubElement(
            body,
            "tu",
            {
                "tuid": str(unit.pk),
                "creationdate": unit.approved_at.strftime("%Y%m%dT%H%M%SZ"),
            },
        )
        for kind, value in (
            ("x-article", str(unit.translation_key or "")),
            ("x-section", unit.section_anchor),
            ("x-origin", unit.origin),
        ):
            if value:
                ET.SubElement(tu, "prop", {"type": kind}).text = value
        for language, text in (
            (source_language, unit.source_text),
            (target_locale.language_code, unit.target_text),
        ):
            tuv = ET.SubElement(tu, "tuv", {XML_LANG: language})
            _to_seg(text, ET.SubElement(tuv, "seg"))
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(
        root, encoding="utf-8"
    )


# Import -------------------------------------------------------------------------------


def read_tmx(data: bytes) -> TmxImport:
    root = parse_untrusted_xml(data, kind="TMX")
    if root.tag != "tmx":
        raise UnreadableFile(_("The file is not a TMX document."))
    header = root.find("header")
    source_language = (header.get("srclang") if header is not None else "") or ""
    source_language = source_language.lower()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    if source_language not in locales:
        raise UnreadableFile(
            _("The file's source language “%(language)s” is not a locale here.")
            % {"language": source_language}
        )
    result = TmxImport()
    now = timezone.now()
    for number, tu in enumerate(root.iter("tu"), start=1):
        where = _("unit %(id)s") % {"id": tu.get("tuid") or number}
        try:
            result.units.append(_unit(tu, source_language, locales, now))
        except ValueError as error:
            result.problems.append(f"{where}: {error}")
    return result


def _unit(tu: ET.Element, source_language: str, locales: dict, now) -> MemoryUnit:
    texts: dict[str, str] = {}
    for tuv in tu.findall("tuv"):
        language = (tuv.get(XML_LANG) or tuv.get("lang") or "").lower()
        seg = tuv.find("seg")
        if seg is None:
            raise ValueError(_("a variant has no segment"))
        texts[language] = _from_seg(seg)
    source = texts.pop(source_language, None)
    if not source or not source.strip():
        raise ValueError(_("no text in the source language"))
    if len(texts) != 1:
        raise ValueError(_("a unit must hold exactly one translation"))
    ((language, target),) = texts.items()
    if language not in locales:
        raise ValueError(_("unknown locale “%(locale)s”") % {"locale": language})
    if not target.strip():
        raise ValueError(_("the translation is empty"))
    props = {prop.get("type"): (prop.text or "") for prop in tu.findall("prop")}
    return MemoryUnit(
        source_locale=locales[source_language],
        target_locale=locales[language],
        source_text=source,
        target_text=target,
        source_key=memory_key(source),
        target_key=memory_key(target),
        section_anchor=props.get("x-section", "")[:255],
        origin=MemoryUnit.Origin.IMPORT,
        approved_at=now,
    )


@transaction.atomic
def apply_tmx(result: TmxImport) -> TmxImport:
    before = MemoryUnit.objects.count()
    MemoryUnit.objects.bulk_create(result.units, batch_size=2000, ignore_conflicts=True)
    result.added = MemoryUnit.objects.count() - before
    for source, target in {
        (u.source_locale_id, u.target_locale_id) for u in result.units
    }:
        index_missing(source_locale_id=source, target_locale_id=target)
    return result
