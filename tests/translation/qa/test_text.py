"""`empty`, `untranslated`, `length`, `whitespace` and `machine_output`, with real text
in every content language, and the cases that must not fire."""

# ruff: noqa: E501 (sentences in other languages are kept whole)

import pytest
from django.utils.translation import override

from articles.translation.qa.base import ERROR, WARNING, Segment
from articles.translation.qa.text import (
    check_empty,
    check_length,
    check_machine_output,
    check_untranslated,
    check_whitespace,
)

SOURCE = (
    "Most patients could walk without help six months after the injection, "
    "although some needed a second treatment."
)
TRANSLATIONS = {
    "ko": "대부분의 환자는 주사 후 6개월 만에 도움 없이 걸을 수 있었지만, 일부는 두 번째 치료가 필요했습니다.",
    "zh-hans": "大多数患者在注射六个月后可以独立行走，但有些人需要第二次治疗。",
    "zh-hant": "大多數患者在注射六個月後可以獨立行走，但有些人需要第二次治療。",
    "ja": "ほとんどの患者は注射から6か月後に介助なしで歩けるようになりましたが、2回目の治療が必要な人もいました。",
    "ru": "Большинство пациентов смогли ходить без посторонней помощи через шесть месяцев после инъекции, хотя некоторым потребовалось повторное лечение.",
    "vi": "Hầu hết bệnh nhân có thể tự đi lại sáu tháng sau khi tiêm, dù một số người cần điều trị lần thứ hai.",
    "ar": "تمكن معظم المرضى من المشي دون مساعدة بعد ستة أشهر من الحقن، مع أن بعضهم احتاج إلى علاج ثانٍ.",
}
CHECKS = [check_empty, check_untranslated, check_length, check_whitespace]


def segment(target, language="ko", source=SOURCE, **extra) -> Segment:
    return Segment("body.1:x", source, target, "en", language, **extra)


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_a_good_translation_has_no_findings(language):
    for check in CHECKS:
        assert check(segment(TRANSLATIONS[language], language)) == [], check.__name__


def test_an_untranslated_segment_and_an_empty_one_are_errors():
    with override("en"):
        (missing,) = check_empty(segment(""))
        (blank,) = check_empty(segment("<b> </b>"))
    assert (missing.severity, blank.severity) == (ERROR, ERROR)
    assert "not translated" in missing.message and "empty" in blank.message


@pytest.mark.parametrize("language", ["ko", "zh-hans", "ar", "ru", "vi", "ja"])
def test_a_target_equal_to_the_source_is_untranslated(language):
    (finding,) = check_untranslated(segment(SOURCE, language))
    assert (finding.check, finding.severity) == ("untranslated", WARNING)


@pytest.mark.parametrize("language", ["ko", "zh-hans", "zh-hant", "ja", "ar", "ru"])
def test_a_target_mostly_in_latin_script_is_untranslated(language):
    target = "Most patients could walk without help after six months 대 患 が ب ы."
    assert check_untranslated(segment(target, language))


@pytest.mark.parametrize(
    "source",
    [
        "Smith J, Park S, et al. Lancet. 2021;397:1234-45.",
        "doi:10.1016/S0140-6736(21)00001-1",
        "MRI",
        "Tocilizumab (Actemra)",
    ],
    ids=["citation", "doi", "abbreviation", "drug name"],
)
@pytest.mark.parametrize("language", ["ko", "ar", "ru"])
def test_text_kept_in_english_on_purpose_is_not_untranslated(source, language):
    assert check_untranslated(segment(source, language, source=source)) == []


def test_vietnamese_in_latin_script_is_not_untranslated():
    assert check_untranslated(segment(TRANSLATIONS["vi"], "vi")) == []


@pytest.mark.parametrize(
    ("language", "target"),
    [("zh-hans", "大多数患者。"), ("ar", "تمكن."), ("ru", TRANSLATIONS["ru"] * 4)],
    ids=["chinese too short", "arabic too short", "russian repeated"],
)
def test_a_length_far_outside_the_usual_ratio_is_a_warning(language, target):
    (finding,) = check_length(segment(target, language))
    assert (finding.check, finding.severity) == ("length", WARNING)


def test_short_sources_are_not_length_checked():
    assert check_length(segment("예.", source="Yes, of course.")) == []


@pytest.mark.parametrize(
    "target",
    ["\n   " + TRANSLATIONS["ko"], TRANSLATIONS["ko"] + "  ", "대부분의  환자는"],
    ids=["leading newline", "trailing spaces", "doubled space"],
)
def test_whitespace_the_source_does_not_have_is_a_warning(target):
    (finding,) = check_whitespace(segment(target))
    assert (finding.check, finding.severity) == ("whitespace", WARNING)


def test_whitespace_the_source_has_too_is_not_flagged():
    assert check_whitespace(segment(" 예 ", source=" Yes ")) == []


def test_machine_output_no_person_edited_is_a_warning_naming_the_provider():
    with override("en"):
        (finding,) = check_machine_output(
            segment(TRANSLATIONS["ja"], "ja", machine=True, tool_name="DeepL")
        )
    assert (finding.check, finding.severity) == ("machine_output", WARNING)
    assert "DeepL" in finding.message
    assert check_machine_output(segment(TRANSLATIONS["ja"], "ja")) == []


# Each check fires in every content language -------------------------------------------


@pytest.mark.parametrize("language", TRANSLATIONS)
def test_every_check_fires_in_every_language(language):
    good = TRANSLATIONS[language]
    short = good[: max(2, len(good) // 6)]
    cases = {
        check_empty: segment("", language),
        check_length: segment(short, language),
        check_whitespace: segment(good + "   ", language),
        check_machine_output: segment(good, language, machine=True, tool_name="DeepL"),
        check_untranslated: segment(SOURCE, language),
    }
    if language == "vi":  # written in Latin script: only a copy is untranslated
        assert check_untranslated(segment(SOURCE, language))
    for check, case in cases.items():
        assert check(case), (check.__name__, language)
