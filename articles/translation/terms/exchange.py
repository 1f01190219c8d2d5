"""The termbase in files agencies exchange: TBX (ISO 30042: TBX-Basic in the TBX v3
core structure; the older TBX 2 `martif` files that translate-toolkit and many CAT
tools write are read too) and CSV (`concept_id,locale,term,status,note`).

Reading a file gives entries and, per entry, what is wrong with it; applying keeps
the valid entries (concepts and terms created or updated, nothing removed) in one
transaction. Hostile XML (entities, external references) is refused like XLIFF."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET  # noqa: S405 (writing only; parsing is defused)
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Locale

from ...models import Term, TermConcept
from ..exchange_files import UnreadableFile, check_size, parse_untrusted_xml

CSV_COLUMNS = ["concept_id", "locale", "term", "status", "note"]
FILE_STATUSES = (Term.Status.APPROVED, Term.Status.FORBIDDEN)
TBX_NS = "urn:iso:std:iso:30042:ed-2"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# TBX administrative status -> ours.
TBX_STATUS = {
    "preferredTerm-admn-sts": Term.Status.APPROVED,
    "admittedTerm-admn-sts": Term.Status.APPROVED,
    "deprecatedTerm-admn-sts": Term.Status.FORBIDDEN,
    "supersededTerm-admn-sts": Term.Status.FORBIDDEN,
}
STATUS_TBX = {
    Term.Status.APPROVED: "preferredTerm-admn-sts",
    Term.Status.FORBIDDEN: "deprecatedTerm-admn-sts",
}


@dataclass
class TermEntry:
    concept_id: str
    locale: str
    term: str
    status: str
    note: str = ""
    where: str = ""  # "line 4", "concept c7": for messages


@dataclass
class TermImport:
    entries: list[TermEntry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    created: int = 0
    updated: int = 0
    unchanged: int = 0


# Reading -----------------------------------------------------------------------------


def read_term_file(data: bytes) -> TermImport:
    """The entries of a TBX or CSV file (told apart by content) and the problems of
    those that cannot be applied. Raises UnreadableFile for an unreadable file."""
    check_size(data)
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
    result = _read_tbx(data) if head == b"<" else _read_csv(data)
    _validate(result)
    return result


def _read_csv(data: bytes) -> TermImport:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UnreadableFile(_("The CSV file is not UTF-8 text.")) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in CSV_COLUMNS[:4] if c not in (reader.fieldnames or [])]
    if missing:
        raise UnreadableFile(
            _("The CSV file has no %(columns)s column (expected %(expected)s).")
            % {"columns": ", ".join(missing), "expected": ",".join(CSV_COLUMNS)}
        )
    result = TermImport()
    for row in reader:
        result.entries.append(
            TermEntry(
                concept_id=(row.get("concept_id") or "").strip(),
                locale=(row.get("locale") or "").strip().lower(),
                term=(row.get("term") or "").strip(),
                status=(row.get("status") or "").strip().lower(),
                note=(row.get("note") or "").strip(),
                where=_("line %(line)d") % {"line": reader.line_num},
            )
        )
    return result


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, *names: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) in names]


def _read_tbx(data: bytes) -> TermImport:
    root = parse_untrusted_xml(data, kind="TBX")
    if _local(root.tag) not in ("tbx", "martif"):
        raise UnreadableFile(_("The file is neither TBX nor CSV."))
    result = TermImport()
    body = next((el for el in root.iter() if _local(el.tag) == "body"), None)
    if body is None:
        return result
    source_language = (root.get(XML_LANG) or "").strip().lower()
    for number, concept in enumerate(
        _children(body, "conceptEntry", "termEntry"), start=1
    ):
        # Files that give no id (translate-toolkit's) name a concept by its term in
        # the file's source language.
        concept_id = (concept.get("id") or "").strip() or _source_term(
            concept, source_language
        )
        where = (
            _("concept %(id)s") % {"id": concept_id}
            if concept_id
            else _("concept entry %(number)d") % {"number": number}
        )
        for lang_sec in _children(concept, "langSec", "langSet"):
            language = (lang_sec.get(XML_LANG) or "").strip().lower()
            for term_sec in _children(lang_sec, "termSec", "tig", "ntig"):
                term_el = next(
                    (el for el in term_sec.iter() if _local(el.tag) == "term"), None
                )
                term = (
                    "".join(term_el.itertext()).strip() if term_el is not None else ""
                )
                status, note = Term.Status.APPROVED, ""
                for el in term_sec.iter():
                    name = _local(el.tag)
                    if name == "termNote" and el.get("type") == "administrativeStatus":
                        status = TBX_STATUS.get((el.text or "").strip(), "")
                        if not status:
                            status = (el.text or "").strip() or "?"
                    elif name == "note":
                        note = "".join(el.itertext()).strip()
                result.entries.append(
                    TermEntry(concept_id, language, term, status, note, where)
                )
    return result


def _source_term(concept: ET.Element, source_language: str) -> str:
    lang_secs = _children(concept, "langSec", "langSet")
    for lang_sec in sorted(
        lang_secs, key=lambda el: (el.get(XML_LANG) or "").lower() != source_language
    ):
        for term in lang_sec.iter():
            if _local(term.tag) == "term" and "".join(term.itertext()).strip():
                return "".join(term.itertext()).strip()[:100]
    return ""


def _validate(result: TermImport) -> None:
    """Keep the entries that can be applied; a problem for each other one."""
    locales = set(Locale.objects.values_list("language_code", flat=True))
    valid = []
    for entry in result.entries:
        problem = None
        if not entry.concept_id:
            problem = _("no concept id")
        elif len(entry.concept_id) > 100:
            problem = _("the concept id is longer than 100 characters")
        elif entry.locale not in locales:
            problem = _("unknown locale “%(locale)s”") % {"locale": entry.locale}
        elif not entry.term:
            problem = _("no term")
        elif len(entry.term) > 255:
            problem = _("the term is longer than 255 characters")
        elif entry.status not in FILE_STATUSES:
            problem = _("unknown status “%(status)s” (approved or forbidden)") % {
                "status": entry.status
            }
        if problem:
            result.problems.append(f"{entry.where}: {problem}")
        else:
            valid.append(entry)
    result.entries = valid


# Applying ----------------------------------------------------------------------------


@transaction.atomic
def apply_term_file(result: TermImport) -> TermImport:
    """Create or update the concepts and terms of the valid entries; nothing else
    changes (terms not in the file stay as they are)."""
    locales = dict(Locale.objects.values_list("language_code", "pk"))
    ids = {entry.concept_id for entry in result.entries}
    known = set(
        TermConcept.objects.filter(concept_id__in=ids).values_list(
            "concept_id", flat=True
        )
    )
    TermConcept.objects.bulk_create(
        TermConcept(concept_id=i) for i in sorted(ids - known)
    )
    concepts = {c.concept_id: c for c in TermConcept.objects.filter(concept_id__in=ids)}
    existing = {
        (t.concept_id, t.locale_id, t.text): t
        for t in Term.objects.filter(concept__concept_id__in=ids)
    }
    now = timezone.now()
    to_create, to_update = {}, {}
    for entry in result.entries:
        key = (concepts[entry.concept_id].pk, locales[entry.locale], entry.term)
        term = existing.get(key) or to_create.get(key)
        if term is None:
            to_create[key] = Term(
                concept_id=key[0],
                locale_id=key[1],
                text=entry.term,
                status=entry.status,
                note=entry.note,
                updated_at=now,
            )
        elif (term.status, term.note) != (entry.status, entry.note):
            term.status, term.note, term.updated_at = entry.status, entry.note, now
            if term.pk:
                to_update[key] = term
        else:
            result.unchanged += 1
    Term.objects.bulk_create(to_create.values())
    Term.objects.bulk_update(to_update.values(), ["status", "note", "updated_at"])
    result.created, result.updated = len(to_create), len(to_update)
    return result


# Writing -----------------------------------------------------------------------------


def _exported_terms(concepts: Iterable[TermConcept] | None) -> list[Term]:
    terms = Term.objects.filter(status__in=FILE_STATUSES).select_related(
        "concept", "locale"
    )
    if concepts is not None:
        terms = terms.filter(concept__in=list(concepts))
    return list(terms.order_by("concept__concept_id", "locale__language_code", "id"))


def export_csv(concepts: Iterable[TermConcept] | None = None) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for term in _exported_terms(concepts):
        writer.writerow(
            [
                term.concept.concept_id,
                term.locale.language_code,
                term.text,
                term.status,
                term.note,
            ]
        )
    return out.getvalue()


def export_tbx(
    concepts: Iterable[TermConcept] | None = None, *, source_language: str = "en"
) -> bytes:
    """TBX-Basic in the TBX v3 core structure."""
    ET.register_namespace("", TBX_NS)

    def tag(name: str) -> str:
        return f"{{{TBX_NS}}}{name}"

    root = ET.Element(
        tag("tbx"), {"type": "TBX-Basic", "style": "dca", XML_LANG: source_language}
    )
    header = ET.SubElement(root, tag("tbxHeader"))
    source = ET.SubElement(
        ET.SubElement(ET.SubElement(header, tag("fileDesc")), tag("sourceDesc")),
        tag("p"),
    )
    source.text = "Medical termbase"
    body = ET.SubElement(ET.SubElement(root, tag("text")), tag("body"))
    concept_el = lang_el = None
    current = (None, None)
    for term in _exported_terms(concepts):
        if current[0] != term.concept_id:
            concept_el = ET.SubElement(
                body, tag("conceptEntry"), {"id": term.concept.concept_id}
            )
            if term.concept.note:
                note = ET.SubElement(concept_el, tag("note"))
                note.text = term.concept.note
            current = (term.concept_id, None)
        if current[1] != term.locale_id:
            lang_el = ET.SubElement(
                concept_el, tag("langSec"), {XML_LANG: term.locale.language_code}
            )
            current = (term.concept_id, term.locale_id)
        term_sec = ET.SubElement(lang_el, tag("termSec"))
        ET.SubElement(term_sec, tag("term")).text = term.text
        status = ET.SubElement(
            term_sec, tag("termNote"), {"type": "administrativeStatus"}
        )
        status.text = STATUS_TBX[term.status]
        if term.note:
            ET.SubElement(term_sec, tag("note")).text = term.note
    ET.indent(root)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(
        root, encoding="utf-8"
    )
