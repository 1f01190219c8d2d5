"""The termbase in agencies' files: CSV and TBX (v3 TBX-Basic, and the TBX 2
`martif` files translate-toolkit writes) round trip; a bad entry is reported on its
own and the valid ones applied, nothing else changed; hostile XML is refused."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from translate.storage import tbx  # test-only (GPL): the product never imports it

from articles.models import Term, TermConcept
from articles.translation.exchange_files import UnreadableFile
from articles.translation.terms.exchange import (
    apply_term_file,
    export_csv,
    export_tbx,
    read_term_file,
)
from tests.factories import concept

pytestmark = pytest.mark.django_db

CSV = """concept_id,locale,term,status,note
stem-cell,en,stem cell,approved,
stem-cell,ko,줄기세포,approved,Always in one word
stem-cell,ko,간세포,forbidden,Means liver cell
stem-cell,ar,خلايا جذعية,approved,
disc,zh-hans,椎间盘,approved,
"""


def terms() -> set[tuple]:
    return set(
        Term.objects.values_list(
            "concept__concept_id", "locale__language_code", "text", "status", "note"
        )
    )


def imported(data: bytes):
    return apply_term_file(read_term_file(data))


def test_a_csv_file_creates_concepts_and_terms(locales):
    result = imported(CSV.encode())

    assert (result.created, result.updated, result.problems) == (5, 0, [])
    assert ("stem-cell", "ko", "간세포", "forbidden", "Means liver cell") in terms()
    assert TermConcept.objects.count() == 2


def test_importing_again_changes_nothing_and_updates_what_differs(locales):
    imported(CSV.encode())
    again = imported(CSV.replace("Means liver cell", "Liver").encode())
    assert (again.created, again.updated, again.unchanged) == (0, 1, 4)


def test_each_bad_entry_is_reported_and_the_valid_ones_applied(locales):
    concept("kept", en="kept term")
    data = (
        "concept_id,locale,term,status,note\n"
        "c1,ko,줄기세포,approved,\n"
        "c1,xx,term,approved,\n"
        ",ko,세포,approved,\n"
        "c1,ko,,approved,\n"
        "c1,ko,골수,preferred,\n"
    ).encode()

    result = imported(data)

    assert result.problems == [
        "line 3: unknown locale “xx”",
        "line 4: no concept id",
        "line 5: no term",
        "line 6: unknown status “preferred” (approved or forbidden)",
    ]
    assert terms() == {
        ("c1", "ko", "줄기세포", "approved", ""),
        ("kept", "en", "kept term", "approved", ""),
    }


def test_csv_round_trip(locales):
    imported(CSV.encode())
    exported = export_csv()
    Term.objects.all().delete()
    TermConcept.objects.all().delete()

    imported(exported.encode())

    assert export_csv() == exported
    assert len(terms()) == 5


def test_tbx_round_trip(locales):
    imported(CSV.encode())
    before = terms()
    exported = export_tbx()
    Term.objects.all().delete()
    TermConcept.objects.all().delete()

    result = imported(exported)

    assert result.problems == []
    assert terms() == before
    assert b'type="TBX-Basic"' in exported
    assert b"deprecatedTerm-admn-sts" in exported


def test_a_file_translate_toolkit_writes_is_read(locales):
    store = tbx.tbxfile(sourcelanguage="en", targetlanguage="ko")
    unit = store.addsourceunit("spinal cord injury")
    unit.target = "척수 손상"

    result = imported(bytes(store))

    assert result.problems == []
    assert terms() == {
        ("spinal cord injury", "en", "spinal cord injury", "approved", ""),
        ("spinal cord injury", "ko", "척수 손상", "approved", ""),
    }


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>'
        b"<tbx><text><body/></text></tbx>",
        b'<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b"<tbx><text><body><conceptEntry id='c'><langSec xml:lang='en'><termSec>"
        b"<term>&x;</term></termSec></langSec></conceptEntry></body></text></tbx>",
    ],
    ids=["entity-expansion", "external-entity"],
)
def test_hostile_xml_is_refused(locales, data):
    with pytest.raises(UnreadableFile, match="not allowed"):
        read_term_file(data)
    assert not Term.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"<tbx><text><body>", "not well-formed"),
        (b"<html/>", "neither TBX nor CSV"),
        (b"id,term\nc1,x\n", "has no concept_id, locale, status column"),
        (b"\xff\xfe\x00", "not UTF-8"),
    ],
)
def test_an_unreadable_file_is_one_clear_error(locales, data, message):
    with pytest.raises(UnreadableFile, match=message):
        read_term_file(data)


def test_the_commands_import_and_export(locales, tmp_path):
    source = tmp_path / "terms.csv"
    source.write_text(CSV + "bad,xx,term,approved,\n", encoding="utf-8")
    out, err = StringIO(), StringIO()

    with pytest.raises(CommandError, match="1 entries were not imported"):
        call_command("import_terms", str(source), stdout=out, stderr=err)

    assert "5 terms created" in out.getvalue()
    assert "line 7: unknown locale “xx”" in err.getvalue()
    target = tmp_path / "terms.tbx"
    call_command("export_terms", "--format", "tbx", "-o", str(target), stdout=out)
    assert Path(target).read_bytes().startswith(b"<?xml")
    csv_out = StringIO()
    call_command("export_terms", "--format", "csv", stdout=csv_out)
    assert csv_out.getvalue() == export_csv()


def test_importing_a_missing_file_is_an_error(locales, tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_terms", str(tmp_path / "none.csv"))
