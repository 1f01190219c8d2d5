"""`tags` and `links`: a translation keeps the source's inline markup and links, in
any order (word order changes between languages), and adds none."""

# ruff: noqa: E501 (sentences in other languages are kept whole)

import pytest
from django.utils.translation import override

from articles.translation.qa.base import ERROR, Segment
from articles.translation.qa.markup import check_links, check_tags

SOURCE = 'Do <b>not</b> stop the medicine; see <a id="a1">the leaflet</a>.<br/>Call us.'
GOOD = {
    "ko": '약을 <b>절대</b> 중단하지 마세요. <a id="a1">안내문</a>을 보세요.<br/>전화 주세요.',
    "zh-hans": '<b>不要</b>停药；请参阅<a id="a1">说明书</a>。<br/>请致电我们。',
    "zh-hant": '<b>不要</b>停藥；請參閱<a id="a1">說明書</a>。<br/>請致電我們。',
    "ja": '薬を<b>やめないで</b>ください。<a id="a1">説明書</a>をご覧ください。<br/>お電話ください。',
    "ru": '<b>Не</b> прекращайте приём лекарства; см. <a id="a1">листок-вкладыш</a>.<br/>Позвоните нам.',
    "vi": '<b>Không</b> được ngừng thuốc; xem <a id="a1">tờ hướng dẫn</a>.<br/>Hãy gọi cho chúng tôi.',
    "ar": '<b>لا</b> تتوقف عن تناول الدواء؛ انظر <a id="a1">النشرة</a>.<br/>اتصل بنا.',
}


def segment(target: str, language: str = "ko", source: str = SOURCE) -> Segment:
    return Segment("body.1:x", source, target, "en", language)


@pytest.mark.parametrize("language", GOOD)
def test_the_same_markup_in_another_order_passes(language):
    assert check_tags(segment(GOOD[language], language)) == []
    assert check_links(segment(GOOD[language], language)) == []


def test_a_lost_bold_not_is_an_error():
    target = (
        '약을 절대 중단하지 마세요. <a id="a1">안내문</a>을 보세요.<br/>전화 주세요.'
    )
    with override("en"):
        (finding,) = check_tags(segment(target))
    assert (finding.check, finding.severity) == ("tags", ERROR)
    assert "<b>" in finding.message


def test_added_markup_is_an_error():
    target = GOOD["zh-hans"].replace("请致电我们", "<i>请致电我们</i>")
    (finding,) = check_tags(segment(target, "zh-hans"))
    assert "adds <i>" in finding.message


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("<b>لا</b> تتوقف عن تناول الدواء؛ انظر النشرة.<br/>اتصل بنا.", "missing"),
        (GOOD["ar"] + ' <a id="a2">هنا</a>', "does not have"),
        (GOOD["ar"].replace('id="a1"', 'id="a9"'), "missing"),
    ],
    ids=["lost", "added", "another target"],
)
def test_links_lost_or_added_are_errors(target, words):
    findings = check_links(segment(target, "ar"))
    assert findings and all(f.severity == ERROR for f in findings)
    assert any(words in f.message for f in findings)


def test_an_untranslated_segment_is_left_to_the_empty_check():
    assert check_tags(segment("")) == check_links(segment("")) == []


@pytest.mark.parametrize("language", GOOD)
def test_lost_and_added_markup_fire_in_every_language(language):
    lost_bold = GOOD[language].replace("<b>", "").replace("</b>", "")
    lost_link = GOOD[language].replace('<a id="a1">', "").replace("</a>", "")
    added_link = GOOD[language] + ' <a id="a2">x</a>'

    assert [f.detail for f in check_tags(segment(lost_bold, language))] == ["-b"]
    assert [f.detail for f in check_links(segment(lost_link, language))] == ["missing"]
    assert [f.detail for f in check_links(segment(added_link, language))] == ["added"]
