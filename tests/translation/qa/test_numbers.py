"""The numbers check: every number of the English source is in the translation,
however the target language writes it (its digits, its marks, 万 and 만)."""

import pytest
from django.utils.translation import override

from articles.translation.qa.base import ERROR, Segment
from articles.translation.qa.numbers import check_numbers


def segment(source: str, target: str, target_language: str) -> Segment:
    return Segment("u1", source, target, "en", target_language)


def missing(source: str, target: str, target_language: str) -> list[str]:
    """The messages of the check, in English."""
    with override("en"):
        findings = check_numbers(segment(source, target, target_language))
    assert all(f.check == "numbers" and f.severity == ERROR for f in findings)
    return [f.message for f in findings]


KEPT = [
    pytest.param(
        "ko",
        "Take <b>5 mg</b> twice a day for 10 days.",
        "10일 동안 하루 두 번 <b>5 mg</b>을 복용하십시오.",
        id="ko-dose-and-days-reordered",
    ),
    pytest.param(
        "ko",
        "The trial enrolled 20,000 patients.",
        "이 임상시험에는 2만 명의 환자가 등록되었습니다.",
        id="ko-man-multiplier",
    ),
    pytest.param(
        "ko",
        "Around 35,000 people are diagnosed each year.",
        "매년 약 3만 5,000명이 진단을 받습니다.",
        id="ko-man-followed-by-thousands",
    ),
    pytest.param(
        "ko",
        "The 2nd dose is given 4 weeks after the 1st dose.",
        "2차 접종은 1차 접종 4주 후에 합니다.",
        id="ko-ordinals-kept",
    ),
    pytest.param(
        "zh-hans",
        "The study enrolled 20,000 patients in 2021.",
        "该研究于2021年纳入了2万名患者。",
        id="zh-hans-wan-multiplier-and-year",
    ),
    pytest.param(
        "zh-hans",
        "An estimated 130,000,000 doses were given in 2021.",
        "2021年估计接种了1.3亿剂。",
        id="zh-hans-yi-multiplier",
    ),
    pytest.param(
        "zh-hans",
        "See Smith J, et al. Lancet. 2021;397:1234-45.",
        "参见 Smith J, et al. Lancet. 2021;397:1234-45。",
        id="zh-hans-english-citation-kept",
    ),
    pytest.param(
        "zh-hant",
        "In 2019, 35,000 children were vaccinated.",
        "2019年共有3.5萬名兒童接種疫苗。",
        id="zh-hant-decimal-wan",
    ),
    pytest.param(
        "zh-hant",
        "Fast for 8 to 12 hours before the test.",
        "檢查前需禁食8至12小時。",
        id="zh-hant-range-with-to",
    ),
    pytest.param(
        "ja",
        "Take 5 mg once a day.",
        "１日１回５mgを服用してください。",
        id="ja-full-width-digits",
    ),
    pytest.param(
        "ja",
        "Rest for 5–10 minutes after the injection.",
        "注射後は5〜10分間安静にしてください。",
        id="ja-range-wave-dash",
    ),
    pytest.param(
        "ja",
        "The appointment is at 8:00 on 12/03/2024.",
        "予約は2024年3月12日の8時です。",
        id="ja-date-and-time-rewritten",
    ),
    pytest.param(
        "ru",
        "The usual dose is 2.5 mg, up to 7.5 mg.",
        "Обычная доза составляет 2,5 мг, максимум 7,5 мг.",
        id="ru-decimal-comma",
    ),
    pytest.param(
        "ru",
        "About 1,000 patients took part.",
        "В исследовании участвовали около 1\u00a0000 пациентов.",
        id="ru-no-break-space-grouping",
    ),
    pytest.param(
        "ru",
        "More than 12,500 operations were performed.",
        "Было выполнено более 12 500 операций.",
        id="ru-plain-space-grouping",
    ),
    pytest.param(
        "vi",
        "Each tablet contains 1,500 mg of calcium.",
        "Mỗi viên chứa 1.500 mg canxi.",
        id="vi-dot-grouping",
    ),
    pytest.param(
        "vi",
        "Take 0.5 mg at bedtime for 5-7 days.",
        "Uống 0,5 mg trước khi ngủ trong 5-7 ngày.",
        id="vi-decimal-comma-and-range",
    ),
    pytest.param(
        "ar",
        "Take 5.5 mL of the syrup 3 times a day.",
        "تناول ٥٫٥ مل من الشراب ٣ مرات يوميًا.",
        id="ar-arabic-indic-digits-and-decimal-mark",
    ),
    pytest.param(
        "ar",
        "The risk fell by 20% among 1,000 women.",
        "انخفض الخطر بنسبة ٢٠٪ بين ١٬٠٠٠ امرأة.",
        id="ar-percent-and-grouping-mark",
    ),
    pytest.param(
        "ar",
        "Take 25 mg daily.",
        "تناول ۲۵ ملغ يوميًا.",
        id="ar-eastern-arabic-indic-digits",
    ),
    pytest.param(
        "ko",
        'Read <a id="a17">the leaflet</a> before taking 2 tablets.',
        "2정을 복용하기 전에 설명서를 읽으십시오.",
        id="ko-numbers-in-tag-attributes-ignored",
    ),
]


@pytest.mark.parametrize(("language", "source", "target"), KEPT)
def test_numbers_written_the_target_way_pass(language, source, target):
    assert missing(source, target, language) == []


LOST = [
    pytest.param(
        "zh-hans",
        "Take 5 mg once a day.",
        "每日服用一次，每次50毫克。",
        ["5"],
        id="zh-hans-mistranslated-dose",
    ),
    pytest.param(
        "ru",
        "Take 1.5 mg in the morning.",
        "Принимайте 15 мг утром.",
        ["1.5"],
        id="ru-decimal-lost",
    ),
    pytest.param(
        "ko",
        "The vaccine reduces the risk by 30%.",
        "이 백신은 위험을 줄입니다.",
        ["30"],
        id="ko-dropped-percentage",
    ),
    pytest.param(
        "ko",
        "The trial enrolled 20,000 patients.",
        "이 임상시험에는 2천 명의 환자가 등록되었습니다.",
        ["20,000"],
        id="ko-thousands-wrong-multiplier",
    ),
    pytest.param(
        "ja",
        "Rest for 5–10 minutes after the injection.",
        "注射後は5分間安静にしてください。",
        ["10"],
        id="ja-range-end-dropped",
    ),
    pytest.param(
        "ja",
        "Take 5 mg once a day.",
        "１日１回５０mgを服用してください。",
        ["5"],
        id="ja-full-width-wrong",
    ),
    pytest.param(
        "vi",
        "Take 2 tablets 2 times a day.",
        "Uống 2 viên mỗi ngày.",
        ["2"],
        id="vi-repeated-number-needed-twice",
    ),
    pytest.param(
        "ar",
        "Take 5.5 mL of the syrup.",
        "تناول ٥٥ مل من الشراب.",
        ["5.5"],
        id="ar-decimal-mark-lost",
    ),
    pytest.param(
        "zh-hant",
        "Check your blood sugar 4 times a day and keep it below 7.8 mmol/L.",
        "每天檢查血糖4次，並保持在7.8 mmol/L以下。",
        [],
        id="zh-hant-all-kept",
    ),
    pytest.param(
        "zh-hant",
        "Check your blood sugar 4 times a day and keep it below 7.8 mmol/L.",
        "每天檢查血糖，並保持在78 mmol/L以下。",
        ["4", "7.8"],
        id="zh-hant-two-numbers-lost",
    ),
]


@pytest.mark.parametrize(("language", "source", "target", "numbers"), LOST)
def test_each_missing_number_is_one_error(language, source, target, numbers):
    expected = [
        f"The number {number} in the source is missing from the translation."
        for number in numbers
    ]
    assert missing(source, target, language) == expected


def test_a_finding_names_the_check_and_the_segment():
    with override("en"):
        (finding,) = check_numbers(
            Segment("unit-42", "Take 5 mg.", "Uống 50 mg.", "en", "vi")
        )
    assert (finding.check, finding.severity, finding.segment_id) == (
        "numbers",
        ERROR,
        "unit-42",
    )


@pytest.mark.parametrize("target", ["", "   "], ids=["empty", "blank"])
def test_an_untranslated_segment_has_no_findings(target):
    assert check_numbers(segment("Take 5 mg.", target, "ko")) == []


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        pytest.param("Uống 1,500 mg.", [], id="read-as-grouping"),
        pytest.param("Uống 15 mg.", ["1.5"], id="15-is-not-1.5"),
    ],
)
def test_an_ambiguous_target_number_is_read_both_ways(target, expected):
    expected = [
        f"The number {n} in the source is missing from the translation."
        for n in expected
    ]
    assert missing("Take 1.5 mg.", target, "vi") == expected
