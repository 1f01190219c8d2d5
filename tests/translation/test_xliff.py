"""XLIFF 1.2 exchange with translation agencies: export a translation with stable
segment ids, import the translated file back segment by segment, refuse hostile or
mismatched files whole."""

import copy
import time
import xml.etree.ElementTree as ET  # noqa: S405 (test files are our own)

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail_localize.models import StringTranslation, Translation

from articles.translation.xliff import (
    APPLIED,
    REJECTED,
    SKIPPED,
    UNCHANGED,
    XliffError,
    export_xliff,
    import_xliff,
    same_language,
)
from tests.factories import (
    ArticlePageFactory,
    block,
    items,
    publish,
    section,
)
from tests.translation.helpers import (
    BILLION_LAUGHS,
    NS,
    XLIFF,
    fill_targets,
    in_group,
    multi_section_article,
    set_target,
    set_xml_space,
    submit,
    unit_id_with,
    units,
)

pytestmark = pytest.mark.django_db


# Helpers ------------------------------------------------------------------------------


def translations_of(translation: Translation) -> dict[str, str]:
    return dict(
        StringTranslation.objects.filter(
            locale=translation.target_locale,
            context__object_id=translation.source.object_id,
        ).values_list("context__path", "data")
    )


@pytest.fixture
def translator(django_user_model):
    return django_user_model.objects.create_user(username="agency", password="x")


@pytest.fixture
def translation(index_page, locales) -> Translation:
    return submit(multi_section_article(index_page), locales["ko"])


# Export -------------------------------------------------------------------------------


def test_export_names_the_languages_and_the_translation(translation):
    root = ET.fromstring(export_xliff(translation))  # noqa: S314
    assert root.tag == f"{XLIFF}xliff"
    assert root.get("version") == "1.2"
    file_el = root.find("x:file", NS)
    assert file_el.get("source-language") == "en"
    assert file_el.get("target-language") == "ko"
    assert file_el.get("datatype") == "html"
    assert file_el.get("original") == f"urn:uuid:{translation.uuid}"


def test_export_gives_every_segment_the_same_id_each_time(translation):
    first, second = units(export_xliff(translation)), units(export_xliff(translation))
    assert list(first) == list(second)
    assert "title" in next(iter(first)).split(":")[0]
    assert len(first) == 13  # every string segment; the slug is synchronised


def test_each_segment_carries_a_note_with_its_section_and_field(translation):
    data = export_xliff(translation)
    notes = {
        "".join(unit.find("x:source", NS).itertext()): unit.find("x:note", NS).text
        for unit in units(data).values()
    }
    assert notes["Stem-cell therapy"] == "Field: title"
    assert notes["Adults"] == (
        "Section 2 of 3: “Who can have it” (#who-can-have-it). "
        "Field: body › section › content › bullet list › items › item (item 1 of 2)"
    )
    assert notes["41%"].startswith("Section 3 of 3: “Results” (#2.-results-(legacy))")
    assert notes["41%"].endswith("(table row 2, column 2)")


def test_rich_text_links_and_formatting_become_inline_placeholders(translation):
    data = export_xliff(translation)
    assert (
        '<source>Read <g id="a1" ctype="link">the <g id="b1" ctype="bold">STEM-1</g>'
        ' trial</g> first.<x id="br1" ctype="lb" />Then ask your surgeon.</source>'
    ) in data.decode()
    assert "example.org" not in data.decode()  # link targets are not for translators


def test_plain_text_is_escaped_as_xml_not_as_html(translation):
    data = export_xliff(translation)
    assert b"<source>Walking &amp; standing</source>" in data


def test_existing_translations_are_targets_and_untranslated_segments_have_none(
    translation,
):
    data = export_xliff(translation)
    title_id = unit_id_with(data, "Stem-cell therapy")
    import_xliff(translation, set_target(data, title_id, "줄기세포 치료"), None)

    exported = units(export_xliff(translation))
    target = exported[title_id].find("x:target", NS)
    assert target.text == "줄기세포 치료"
    assert target.get("state") == "translated"
    others = [u for i, u in exported.items() if i != title_id]
    assert all(unit.find("x:target", NS) is None for unit in others)


# Import: the round trip ---------------------------------------------------------------


def test_round_trip_builds_the_translated_page_with_the_same_anchors(
    translation, translator, locales
):
    report = import_xliff(
        translation, fill_targets(export_xliff(translation)), translator
    )

    assert {result.status for result in report.results} == {APPLIED}
    assert report.applied == 13
    saved = StringTranslation.objects.filter(locale=locales["ko"])
    assert saved.count() == 13
    assert set(saved.values_list("translation_type", "tool_name")) == {
        ("manual", "XLIFF")
    }
    assert set(saved.values_list("last_translated_by", flat=True)) == {translator.pk}

    page, _created = translation.source.create_or_update_translation(
        locales["ko"], publish=True, copy_parent_pages=True
    )
    source_page = translation.source.get_source_instance()
    assert page.title == "[ko] Stem-cell therapy"
    assert page.slug == source_page.slug == "stem-cell-therapy"  # not translated
    assert [s.value["anchor"] for s in page.body] == [
        s.value["anchor"] for s in source_page.body
    ]
    assert [s.value["heading"] for s in page.body] == [
        "[ko] What it is",
        "[ko] Who can have it",
        "[ko] Results",
    ]
    html = page.body[0].value["content"][0].value.source
    assert '<a href="https://example.org/trial">[ko] the <b>[ko] STEM-1</b>' in html
    assert "<br/>[ko] Then ask your surgeon." in html
    bullets = page.body[1].value["content"][0].value["items"]
    assert [item.source for item in bullets] == [
        "<p>[ko] Adults</p>",
        # "[ko] " + " injury": two spaces in a row are one (xml:space="default")
        "<p>[ko] People <b>[ko] after</b>[ko] injury</p>",
    ]
    table = page.body[2].value["content"][0].value
    assert table["table_caption"] == "[ko] One-year results"
    assert table["data"][1] == ["[ko] Walking & standing", "[ko] 41%"]


def test_importing_the_same_file_again_changes_nothing(translation, translator):
    data = fill_targets(export_xliff(translation))
    import_xliff(translation, data, translator)
    before = list(StringTranslation.objects.values_list("pk", "data", "updated_at"))

    report = import_xliff(translation, data, translator)

    assert {result.status for result in report.results} == {UNCHANGED}
    assert list(StringTranslation.objects.values_list("pk", "data", "updated_at")) == (
        before
    )


def test_import_saves_segments_but_does_not_change_or_publish_the_translated_page(
    translation, translator, locales
):
    import_xliff(translation, fill_targets(export_xliff(translation)), translator)
    page, _created = translation.source.create_or_update_translation(
        locales["ko"], publish=True, copy_parent_pages=True
    )
    revisions = page.revisions.count()
    data = export_xliff(translation)
    heading_id = unit_id_with(data, "Results")

    report = import_xliff(translation, set_target(data, heading_id, "결과"), translator)

    assert [r.status for r in report.results if r.segment_id == heading_id] == [APPLIED]
    assert "not changed or published" in report.summary()
    page.refresh_from_db()
    assert page.revisions.count() == revisions
    assert page.body[2].value["heading"] == "[ko] Results"
    assert translations_of(translation)[heading_id.split(":")[0]] == "결과"


def test_untranslated_and_new_targets_are_skipped(translation, translator):
    data = export_xliff(translation)
    title_id = unit_id_with(data, "Stem-cell therapy")
    data = set_target(data, title_id, "줄기세포").replace(
        b'state="translated"', b'state="new"'
    )

    report = import_xliff(translation, data, translator)

    assert {r.status for r in report.results} == {SKIPPED}
    assert not StringTranslation.objects.exists()


def test_an_imported_title_becomes_the_translated_pages_draft_title(
    translation, translator, locales
):
    import_xliff(translation, fill_targets(export_xliff(translation)), translator)
    page, _created = translation.source.create_or_update_translation(
        locales["ko"], publish=True, copy_parent_pages=True
    )
    data = export_xliff(translation)

    import_xliff(
        translation, set_target(data, unit_id_with(data, "Stem"), "새 제목"), translator
    )

    page.refresh_from_db()
    assert page.draft_title == "새 제목"
    assert page.title == "[ko] Stem-cell therapy"


# Import: segments that are refused ----------------------------------------------------


def test_invalid_segments_are_reported_one_by_one_and_only_valid_ones_applied(
    translation, translator
):
    data = fill_targets(export_xliff(translation))
    rich = unit_id_with(data, "Read ")
    bullet = unit_id_with(data, "People ")
    adults = unit_id_with(data, "Adults")
    caption = unit_id_with(data, "One-year")
    heading = unit_id_with(data, "What it is")
    data = set_target(
        data,
        rich,
        '<g id="a2">연구</g>를 먼저 읽으세요.<x id="br1"/>외과 의사에게 물어보세요.',
    )
    data = set_target(data, bullet, "부상 후 사람들")  # bold dropped
    data = set_target(data, adults, '<bpt id="1">&lt;b&gt;</bpt>성인')
    data = set_target(data, caption, "&lt;b&gt;1년&lt;/b&gt; 결과")
    data = set_target(data, heading, '<g id="b1">정의</g>')
    data = data.replace(b'id="title:', b'id="titel:')

    report = import_xliff(translation, data, translator)
    results = {r.segment_id: r for r in report.results}

    assert report.rejected == 6
    assert results[rich].message == (
        "Inline tag id 'a2' is not in the source segment. Inline tag(s) missing "
        "from the translation: a1 (link), b1 (bold)."
    )
    assert results[bullet].message == (
        "Inline tag(s) missing from the translation: b1 (bold)."
    )
    assert results[adults].message.startswith("<bpt> is not an inline tag")
    assert "HTML typed as text (<b>)" in results[caption].message
    assert results[heading].message == (
        "Inline tag id 'b1' is not in the source segment."
    )
    unknown = next(r for r in report.results if r.segment_id.startswith("titel:"))
    assert unknown.status == REJECTED
    assert unknown.message.startswith("Unknown segment id")
    saved = translations_of(translation)
    for refused in (rich, bullet, adults, caption, heading, "title:"):
        assert refused.split(":")[0] not in saved
    assert report.applied == 7
    assert saved[unit_id_with(data, "41%").split(":")[0]] == "[ko] 41%"


def message_for(segment_id: str, report) -> str:
    return next(r.message for r in report.results if r.segment_id == segment_id)


def test_a_placeholder_may_move_but_not_repeat_or_change_kind(translation, translator):
    data = export_xliff(translation)
    rich = unit_id_with(data, "Read ")
    moved = set_target(
        data,
        rich,
        '먼저<x id="br1"/><g id="a1"><g id="b1">STEM-1</g> 연구</g>를 읽으세요.',
    )
    assert import_xliff(translation, moved, translator).applied == 1
    assert translations_of(translation)[rich.split(":")[0]] == (
        '먼저<br/><a id="a1"><b>STEM-1</b> 연구</a>를 읽으세요.'
    )

    repeated = set_target(
        data, rich, '<g id="a1"><g id="b1">a</g></g><g id="b1">b</g><x id="br1"/>'
    )
    wrong_kind = set_target(data, rich, '<g id="a1"><g id="b1">a</g></g><g id="br1"/>')
    assert message_for(rich, import_xliff(translation, repeated, translator)) == (
        "Inline tag b1 appears 2 times; the source has it once."
    )
    assert message_for(rich, import_xliff(translation, wrong_kind, translator)) == (
        "Inline tag br1 (line break) must be written <x/>."
    )


def test_a_segment_repeated_in_the_file_is_applied_once(translation, translator):
    data = export_xliff(translation)
    title = unit_id_with(data, "Stem-cell")
    root = ET.fromstring(set_target(data, title, "제목"))  # noqa: S314
    body = root.find(".//x:body", NS)
    body.append(copy.deepcopy(body[0]))

    report = import_xliff(translation, ET.tostring(root, encoding="utf-8"), translator)

    assert [r.status for r in report.results if r.segment_id == title] == [
        APPLIED,
        REJECTED,
    ]


# Import: whitespace, per xml:space ----------------------------------------------------


def imported(translation, data: bytes, translator, unit_id: str) -> tuple[str, str]:
    """(what the import did with `unit_id`, the translation then stored for it)."""
    report = import_xliff(translation, data, translator)
    status = next(r.status for r in report.results if r.segment_id == unit_id)
    return status, translations_of(translation).get(unit_id.split(":")[0], "")


PRETTY = "\n          줄기세포  치료\n        "


def test_a_pretty_printed_target_is_imported_without_its_indentation(
    translation, translator, locales
):
    data = export_xliff(translation)
    title = unit_id_with(data, "Stem-cell therapy")

    status, stored = imported(
        translation, set_target(data, title, PRETTY), translator, title
    )

    assert (status, stored) == (APPLIED, "줄기세포 치료")
    page, _created = translation.source.create_or_update_translation(
        locales["ko"], publish=False, copy_parent_pages=True, fallback=True
    )
    assert page.title == "줄기세포 치료"


def test_runs_of_whitespace_inside_a_target_are_one_space(translation, translator):
    data = export_xliff(translation)
    adults = unit_id_with(data, "Adults")
    target = "\n    성인\n        환자와\t\t보호자  \r\n  모두\n  "

    assert imported(
        translation, set_target(data, adults, target), translator, adults
    ) == (
        APPLIED,
        "성인 환자와 보호자 모두",
    )


def test_whitespace_next_to_an_inline_placeholder_is_part_of_the_run(
    translation, translator
):
    data = export_xliff(translation)
    bullet, rich = unit_id_with(data, "People "), unit_id_with(data, "Read ")
    data = set_target(data, bullet, 'Take <g id="b1">5 mg</g>  daily')
    data = set_target(
        data,
        rich,
        '\n  <g id="a1">\n    <g id="b1">STEM-1</g>  연구</g>  를 먼저 읽으세요.'
        '<x id="br1"/>\n    외과 의사에게 물어보세요.\n',
    )

    import_xliff(translation, data, translator)

    saved = translations_of(translation)
    assert saved[bullet.split(":")[0]] == "Take <b>5 mg</b> daily"
    # A run across the edge of a <g> is one space, where it starts; a line break
    # placeholder <x/> is content, like a word.
    assert saved[rich.split(":")[0]] == (
        '<a id="a1"><b>STEM-1</b> 연구</a> 를 먼저 읽으세요.<br/> 외과 의사에게 '
        "물어보세요."
    )


def test_no_space_is_added_where_the_target_has_none(translation, translator):
    data = export_xliff(translation)
    bullet = unit_id_with(data, "People ")
    data = set_target(data, bullet, '부상<g id="b1">이후</g>사람들')

    assert imported(translation, data, translator, bullet) == (
        APPLIED,
        "부상<b>이후</b>사람들",
    )


def test_xml_space_preserve_on_the_target_keeps_every_space(translation, translator):
    data = export_xliff(translation)
    title = unit_id_with(data, "Stem-cell therapy")
    data = set_xml_space(set_target(data, title, PRETTY), "target", "preserve", title)

    assert imported(translation, data, translator, title) == (APPLIED, PRETTY)


@pytest.mark.parametrize("where", ["trans-unit", "group", "body", "file", "xliff"])
def test_xml_space_preserve_is_inherited_from_the_targets_ancestors(
    translation, translator, where
):
    data = export_xliff(translation)
    title = unit_id_with(data, "Stem-cell therapy")
    data = set_target(data, title, PRETTY)
    if where == "group":
        data = in_group(data, title, xml_space="preserve")
    else:
        unit_id = title if where == "trans-unit" else None
        data = set_xml_space(data, where, "preserve", unit_id)

    assert imported(translation, data, translator, title) == (APPLIED, PRETTY)


def test_xml_space_default_on_the_target_resets_a_preserving_file(
    translation, translator
):
    data = export_xliff(translation)
    title, adults = unit_id_with(data, "Stem-cell"), unit_id_with(data, "Adults")
    data = set_target(set_target(data, title, PRETTY), adults, "\n  성인\n")
    data = set_xml_space(data, "file", "preserve")
    data = set_xml_space(data, "target", "default", title)
    data = in_group(data, title, xml_space="preserve")

    import_xliff(translation, data, translator)

    saved = translations_of(translation)
    assert saved["title"] == "줄기세포 치료"
    assert saved[adults.split(":")[0]] == "\n  성인\n"


def test_no_break_and_ideographic_spaces_are_text(translation, translator):
    data = export_xliff(translation)
    adults = unit_id_with(data, "Adults")
    target = "\n  \u00a05\u00a0mg\u3000\u3000매일 \u00a0\n  "

    assert imported(
        translation, set_target(data, adults, target), translator, adults
    ) == (
        APPLIED,
        "\u00a05\u00a0mg\u3000\u3000매일 \u00a0",
    )


def test_chinese_and_japanese_targets_get_no_spaces(index_page, locales, translator):
    page = multi_section_article(index_page)
    chinese, japanese = submit(page, locales["zh-hans"]), submit(page, locales["ja"])
    data = export_xliff(chinese)
    title, bullet = unit_id_with(data, "Stem-cell"), unit_id_with(data, "People ")
    data = set_target(data, title, "\n        干细胞\n        治疗\n      ")
    data = set_target(data, bullet, '\n  <g id="b1">\n    受伤后</g>的人\n')
    import_xliff(chinese, data, translator)
    data = export_xliff(japanese)
    data = set_target(data, title, "\n        幹細胞治療について。\n        (STEM-1)\n")
    data = set_target(data, bullet, '\n  <g id="b1">損傷後</g>\u3000の方\n')
    import_xliff(japanese, data, translator)

    # A line break between two Chinese or Japanese characters is wrapping, not a
    # space (as in CSS); next to a Latin letter it is one space.
    assert translations_of(chinese)["title"] == "干细胞治疗"
    assert translations_of(chinese)[bullet.split(":")[0]] == "<b>受伤后</b>的人"
    assert translations_of(japanese)["title"] == "幹細胞治療について。 (STEM-1)"
    assert translations_of(japanese)[bullet.split(":")[0]] == "<b>損傷後</b>\u3000の方"


def test_an_exported_translation_comes_back_untouched_whatever_its_spaces(
    translation, translator
):
    data = export_xliff(translation)
    title = unit_id_with(data, "Stem-cell therapy")
    spaced = " 줄기세포  치료 "
    data = set_xml_space(set_target(data, title, spaced), "target", "preserve", title)
    import_xliff(translation, data, translator)
    exported = export_xliff(translation)

    assert imported(translation, exported, translator, title) == (UNCHANGED, spaced)
    assert imported(
        translation, set_target(exported, title, f"\n  {spaced}\n"), translator, title
    ) == (APPLIED, "줄기세포 치료")


# Import: files that are refused whole -------------------------------------------------


def refused(translation, data: bytes, translator) -> str:
    with pytest.raises(XliffError) as error:
        import_xliff(translation, data, translator)
    assert not StringTranslation.objects.exists()
    return str(error.value)


def test_a_file_for_another_target_language_is_refused_whole(translation, translator):
    data = fill_targets(export_xliff(translation)).replace(
        b'target-language="ko"', b'target-language="ja"'
    )
    assert refused(translation, data, translator) == (
        "The file's target language is 'ja' but this translation's is 'ko'. "
        "Nothing was imported."
    )


def test_a_file_in_another_source_language_is_refused_whole(translation, translator):
    data = fill_targets(export_xliff(translation)).replace(
        b'source-language="en"', b'source-language="ru"'
    )
    assert "source language is 'ru'" in refused(translation, data, translator)


def test_a_file_exported_for_another_translation_is_refused_whole(
    translation, translator, index_page, locales
):
    other = submit(multi_section_article(index_page, slug="other"), locales["ko"])
    data = fill_targets(export_xliff(other))
    assert "exported for another translation" in refused(translation, data, translator)


def test_region_and_case_variants_of_the_language_are_accepted():
    assert same_language("ko-KR", "ko")
    assert same_language("zh-Hans", "zh-hans")
    assert same_language("zh_Hans_CN", "zh-hans")
    assert not same_language("zh-Hant", "zh-hans")
    assert not same_language("kok", "ko")
    assert not same_language(None, "ko")


def test_an_entity_expansion_bomb_is_refused(translation, translator):
    data = fill_targets(export_xliff(translation))
    data = BILLION_LAUGHS + data.split(b"?>", 1)[1].split(b">", 1)[1]
    data = data.replace(b"[ko] Adults", b"&lol9;")
    message = refused(translation, data, translator)
    assert "declares a DTD or XML entities" in message


def test_an_external_entity_is_refused_and_never_read(translation, translator):
    data = fill_targets(export_xliff(translation))
    doctype = b'<!DOCTYPE xliff [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    head, rest = data.split(b"?>", 1)
    data = head + b"?>\n" + doctype + rest.replace(b"[ko] Adults", b"&xxe;")
    assert "declares a DTD or XML entities" in refused(translation, data, translator)


def test_a_file_over_the_size_limit_is_refused(translation, translator, settings):
    settings.ARTICLES_XLIFF_MAX_BYTES = 2_000
    data = fill_targets(export_xliff(translation))
    assert refused(translation, data, translator) == (
        f"The file is {len(data):,} bytes; the limit is 2,000 bytes."
    )


def test_malformed_xml_is_refused_with_the_line_and_segment(translation, translator):
    data = fill_targets(export_xliff(translation))
    adults = unit_id_with(data, "Adults")
    data = data.replace(b"[ko] Adults</ns0:target>", b"[ko] Adults</ns0:targte>")
    message = refused(translation, data, translator)
    assert message.startswith("The file is not well-formed XML (line ")
    assert message.endswith(f", in segment {adults}. Nothing was imported.")


def test_other_xml_is_refused(translation, translator):
    assert refused(translation, b"<html><body/></html>", translator) == (
        "The file is not an XLIFF document."
    )
    xliff2 = b'<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0"/>'
    assert "not an XLIFF document" in refused(translation, xliff2, translator)


# Speed --------------------------------------------------------------------------------


def test_an_800_segment_article_exports_and_imports_in_few_queries(
    index_page, locales, translator
):
    body = [
        section(
            f"Part {n}",
            block(
                "bullet_list",
                {"items": items(*[f"<p>Point {n}.{i}</p>" for i in range(19)])},
            ),
        )
        for n in range(42)
    ]
    page = publish(ArticlePageFactory(parent=index_page, body=body))
    translation = submit(page, locales["ko"])

    with CaptureQueriesContext(connection) as export_queries:
        started = time.perf_counter()
        data = export_xliff(translation)
        export_seconds = time.perf_counter() - started
    filled = fill_targets(data)
    with CaptureQueriesContext(connection) as import_queries:
        started = time.perf_counter()
        report = import_xliff(translation, filled, translator)
        import_seconds = time.perf_counter() - started

    assert report.applied == len(units(data)) >= 800
    assert len(export_queries) <= 5
    assert len(import_queries) <= 40
    print(  # noqa: T201 (a measured figure, shown with -s)
        f"\n800+ segments: export {export_seconds:.3f}s/{len(export_queries)} queries,"
        f" import {import_seconds:.3f}s/{len(import_queries)} queries"
    )
    assert export_seconds < 5 and import_seconds < 5  # the target is < 1 s each


# Commands -----------------------------------------------------------------------------


def test_export_command_writes_the_file_for_a_slug_to_stdout(translation, capsys):
    call_command("export_xliff", slug="stem-cell-therapy", locale="ko")
    out = capsys.readouterr().out
    assert out.startswith("<?xml")
    assert list(units(out.encode())) == list(units(export_xliff(translation)))


def test_export_command_writes_a_file_for_a_page_id(translation, tmp_path):
    path = tmp_path / "out.xlf"
    page = translation.source.get_source_instance()
    call_command("export_xliff", page_id=page.pk, locale="ko", output=str(path))
    assert list(units(path.read_bytes())) == list(units(export_xliff(translation)))


def test_export_command_explains_a_page_not_submitted_for_the_locale(translation):
    with pytest.raises(CommandError) as error:
        call_command("export_xliff", slug="stem-cell-therapy", locale="ja")
    assert str(error.value) == (
        "stem-cell-therapy has not been submitted for translation into ja."
    )
    assert error.value.returncode == 1
    with pytest.raises(CommandError, match="No page matches nowhere"):
        call_command("export_xliff", slug="nowhere", locale="ko")


def test_import_command_prints_each_segment_and_succeeds(
    translation, translator, tmp_path, capsys
):
    path = tmp_path / "ko.xlf"
    path.write_bytes(fill_targets(export_xliff(translation)))

    call_command("import_xliff", str(path), user="agency")

    out = capsys.readouterr().out
    assert out.count("applied ") == 13
    assert "13 segment(s) applied, 0 unchanged, 0 skipped, 0 rejected." in out
    assert StringTranslation.objects.filter(last_translated_by=translator).count() == 13


def test_import_command_exits_non_zero_when_a_segment_is_rejected(
    translation, tmp_path, capsys
):
    data = fill_targets(export_xliff(translation))
    data = set_target(data, unit_id_with(data, "People "), "부상 후 사람들")
    path = tmp_path / "ko.xlf"
    path.write_bytes(data)

    with pytest.raises(CommandError) as error:
        call_command("import_xliff", str(path))

    assert str(error.value) == "1 segment(s) rejected."
    assert error.value.returncode == 1
    out = capsys.readouterr().out
    assert "rejected  body." in out
    assert "Inline tag(s) missing from the translation: b1 (bold)." in out
    assert StringTranslation.objects.count() == 12


def test_import_command_refuses_a_hostile_or_oversized_file(
    translation, tmp_path, settings
):
    path = tmp_path / "ko.xlf"
    path.write_bytes(BILLION_LAUGHS + b"</xliff>")
    with pytest.raises(CommandError, match="declares a DTD or XML entities"):
        call_command("import_xliff", str(path))

    settings.ARTICLES_XLIFF_MAX_BYTES = 100
    path.write_bytes(export_xliff(translation))
    with pytest.raises(CommandError, match="larger than the limit of 100 bytes"):
        call_command("import_xliff", str(path))
    assert not StringTranslation.objects.exists()


def test_import_command_refuses_an_unknown_user_or_file(tmp_path):
    with pytest.raises(CommandError, match="No user named 'nobody'"):
        call_command("import_xliff", str(tmp_path / "x.xlf"), user="nobody")
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_xliff", str(tmp_path / "missing.xlf"))


def test_import_functions_need_only_the_translation_bytes_and_user(translation):
    user = get_user_model().objects.create_user(username="bench")
    data = fill_targets(export_xliff(translation))
    assert import_xliff(translation, data, user).applied == 13


def test_a_pseudo_translation_fills_every_target_and_keeps_inline_tags(translation):
    data = export_xliff(translation, pseudo=lambda text: text.upper())

    assert (
        '<target state="translated">READ <g id="a1" ctype="link">THE '
        '<g id="b1" ctype="bold">STEM-1</g> TRIAL</g> FIRST.<x id="br1" ctype="lb" />'
        "THEN ASK YOUR SURGEON.</target>"
    ) in data.decode()
    report = import_xliff(translation, data, None)
    assert report.applied == 13
