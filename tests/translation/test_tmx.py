"""The translation memory in TMX 1.4b: an export translate-toolkit reads, a file
translate-toolkit writes imported, inline markup kept through a round trip, each bad
unit reported on its own and the valid ones kept, hostile XML refused."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from translate.storage import tmx  # test-only (GPL): the product never imports it

from articles.models import MemoryToken, MemoryUnit
from articles.translation.exchange_files import UnreadableFile
from articles.translation.memory.keys import memory_key
from articles.translation.memory.tmx import apply_tmx, export_tmx, read_tmx

pytestmark = pytest.mark.django_db

RICH = 'Take <b>5 mg</b> twice, then read <a id="a1">the leaflet</a>.<br/>Rest.'
RICH_KO = (
    '하루 두 번 <b>5 mg</b>을 복용하고 <a id="a1">설명서</a>를 읽으세요.<br/>쉬세요.'
)


def unit(locales, source: str, target: str, code: str = "ko") -> MemoryUnit:
    return MemoryUnit.objects.create(
        source_locale=locales["en"],
        target_locale=locales[code],
        source_text=source,
        target_text=target,
        source_key=memory_key(source),
        target_key=memory_key(target),
        section_anchor="dosage",
    )


def test_an_export_keeps_markup_and_comes_back_unchanged(locales):
    unit(locales, RICH, RICH_KO)
    unit(locales, "Rest &amp; ice &lt; 20 min.", "휴식 &amp; 얼음 &lt; 20분.")
    exported = export_tmx(target_locale=locales["ko"], source_language="en")
    MemoryUnit.objects.all().delete()

    result = apply_tmx(read_tmx(exported))

    assert (result.added, result.problems) == (2, [])
    assert set(MemoryUnit.objects.values_list("source_text", "target_text")) == {
        (RICH, RICH_KO),
        ("Rest &amp; ice &lt; 20 min.", "휴식 &amp; 얼음 &lt; 20분."),
    }
    assert MemoryToken.objects.exists()  # indexed for fuzzy matches
    assert b"<bpt" in exported and b"<ph>&lt;br/&gt;</ph>" in exported


def test_translate_toolkit_reads_an_export(locales):
    unit(locales, "Rest for six weeks.", "6주 동안 쉬세요.")
    store = tmx.tmxfile.parsestring(
        export_tmx(target_locale=locales["ko"], source_language="en")
    )
    (read,) = store.units
    assert (read.source, read.target) == ("Rest for six weeks.", "6주 동안 쉬세요.")


def test_a_file_translate_toolkit_writes_is_imported(locales):
    store = tmx.tmxfile(sourcelanguage="en", targetlanguage="ko")
    written = store.addsourceunit("Rest for six weeks.")
    written.target = "6주 동안 쉬세요."

    result = apply_tmx(read_tmx(bytes(store)))

    assert result.problems == []
    imported = MemoryUnit.objects.get()
    assert (imported.target_text, imported.origin) == ("6주 동안 쉬세요.", "import")


def test_each_bad_unit_is_reported_and_the_valid_ones_kept(locales):
    units = [
        ("1", "<seg>Good.</seg>", "ko", "<seg>좋아요.</seg>"),
        ("2", "<seg>Unknown.</seg>", "xx", "<seg>?</seg>"),
        ("3", None, "ko", "<seg>원문 없음</seg>"),
        ("4", '<seg>A <bpt i="1">&lt;b&gt;</bpt>bold</seg>', "ko", "<seg>굵게</seg>"),
        ("5", "<seg>Empty.</seg>", "ko", "<seg> </seg>"),
    ]
    body = "".join(
        f'<tu tuid="{tuid}">'
        + (f'<tuv xml:lang="en">{source}</tuv>' if source else "")
        + f'<tuv xml:lang="{code}">{target}</tuv></tu>'
        for tuid, source, code, target in units
    )
    data = (
        '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4">'
        '<header srclang="en" segtype="sentence" adminlang="en" creationtool="x" '
        f'creationtoolversion="1" o-tmf="x" datatype="html"/><body>{body}</body></tmx>'
    ).encode()

    result = apply_tmx(read_tmx(data))

    assert result.problems == [
        "unit 2: unknown locale “xx”",
        "unit 3: no text in the source language",
        "unit 4: an opening code is never closed",
        "unit 5: the translation is empty",
    ]
    assert list(MemoryUnit.objects.values_list("target_text", flat=True)) == ["좋아요."]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE tmx [<!ENTITY a "aaaa">]>'
            b'<tmx version="1.4"><header srclang="en"/><body/></tmx>',
            "not allowed",
        ),
        (b"<tmx><body>", "not well-formed"),
        (b"<xliff/>", "not a TMX document"),
        (b'<tmx version="1.4"><header srclang="xx"/><body/></tmx>', "not a locale"),
    ],
)
def test_an_unreadable_file_is_one_clear_error(locales, data, message):
    with pytest.raises(UnreadableFile, match=message):
        read_tmx(data)


def test_the_commands_export_and_import(locales, tmp_path):
    unit(locales, "Rest for six weeks.", "6주 동안 쉬세요.")
    target = tmp_path / "ko.tmx"
    out = StringIO()
    call_command("export_tm", "--locale", "ko", "-o", str(target), stdout=out)
    MemoryUnit.objects.all().delete()

    call_command("import_tm", str(target), stdout=out)

    assert "1 units added" in out.getvalue()
    assert MemoryUnit.objects.count() == 1
    with pytest.raises(CommandError, match="Unknown locale"):
        call_command("export_tm", "--locale", "xx")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_tm", str(tmp_path / "none.tmx"))
