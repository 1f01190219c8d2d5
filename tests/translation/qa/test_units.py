"""The units check: every dose or measure of the English source (a number and its
unit) is in the translation with the same value and unit, in the target's script."""

import pytest
from django.utils.translation import override

from articles.translation.qa.base import ERROR, Segment
from articles.translation.qa.numbers import check_units, unit_aliases


def messages(source: str, target: str, target_language: str) -> list[str]:
    """The messages of the check, in English."""
    with override("en"):
        findings = check_units(Segment("u1", source, target, "en", target_language))
    assert all(f.check == "units" and f.severity == ERROR for f in findings)
    return [f.message for f in findings]


KEPT = [
    pytest.param(
        "ko",
        "Take <b>5 mg</b> twice a day.",
        "하루 두 번 <b>5mg</b>을 복용하십시오.",
        id="ko-latin-symbol-with-particle",
    ),
    pytest.param(
        "ko",
        "Give 10 mg/kg of body weight, up to 500 mg.",
        "체중 1킬로그램당 10밀리그램, 최대 500밀리그램을 투여합니다.",
        id="ko-written-units-compound-reworded",
    ),
    pytest.param(
        "ko",
        "The trial included 5 girls and 3 boys.",
        "시험에는 여자아이 5명과 남자아이 3명이 포함되었습니다.",
        id="ko-girls-are-not-grams",
    ),
    pytest.param(
        "zh-hans",
        "The dose is 5 mg/kg, given over 30 minutes.",
        "剂量为每公斤体重5毫克，30分钟内给药。",
        id="zh-hans-compound-unit-reworded",
    ),
    pytest.param(
        "zh-hans",
        "Take 5 to 10 mg at bedtime.",
        "睡前服用5至10毫克。",
        id="zh-hans-range",
    ),
    pytest.param(
        "zh-hans",
        "Vitamin D: 1,000 IU a day; children under 70 kg take 400 IU.",
        "维生素D：每日1000国际单位；体重70千克以下的儿童服用400国际单位。",
        id="zh-hans-iu-and-kg",
    ),
    pytest.param(
        "zh-hant",
        "Drink 500 mL of water; the cyst measured 2.5 cm.",
        "飲用500毫升的水；囊腫大小為2.5公分。",
        id="zh-hant-ml-and-cm",
    ),
    pytest.param(
        "ja",
        "Inject 0.5 mL; adults weighing over 60 kg receive 1 g.",
        "0.5ミリリットルを注射します。体重60キログラム以上の成人には1グラムを投与します。",
        id="ja-katakana-units",
    ),
    pytest.param(
        "ja",
        "Take 5 mg; 20% of patients felt dizzy.",
        "５mgを服用します。患者の２０％がめまいを感じました。",
        id="ja-full-width-digits-and-percent",
    ),
    pytest.param(
        "ru",
        "The usual dose is 2.5 mg; do not exceed 1,000 mg a day.",
        "Обычная доза составляет 2,5 мг; не превышайте 1\u00a0000 мг в сутки.",
        id="ru-mg-decimal-comma-and-grouping",
    ),
    pytest.param(
        "ru",
        "Blood pressure above 140/90 mmHg needs treatment.",
        "Артериальное давление выше 140/90 мм рт. ст. требует лечения.",
        id="ru-mmhg",
    ),
    pytest.param(
        "ru",
        "Take 200 mcg of folic acid and drink 2 L of water.",
        "Принимайте 200 мкг фолиевой кислоты и пейте 2 л воды.",
        id="ru-mcg-and-litres",
    ),
    pytest.param(
        "vi",
        "Take 0.5 mg, or 500 mcg, for 5–10 days.",
        "Uống 0,5 mg, tức 500 µg, trong 5–10 ngày.",
        id="vi-decimal-comma-and-micro-sign",
    ),
    pytest.param(
        "vi",
        "The usual dose is 5–10 mg.",
        "Liều thông thường là 5 mg đến 10 mg.",
        id="vi-range-spelled-out",
    ),
    pytest.param(
        "ar",
        "Take 5 mg; the risk fell by 20%.",
        "تناول ٥ ملغ؛ انخفض الخطر بنسبة ٢٠٪.",
        id="ar-arabic-indic-digits",
    ),
    pytest.param(
        "ar",
        "A tumour of 5 cm, with blood pressure of 120 mmHg.",
        "ورم بحجم ٥ سم، مع ضغط دم ١٢٠ ملم زئبق.",
        id="ar-cm-and-mmhg",
    ),
    pytest.param(
        "ar",
        "Give 1,000 IU of vitamin D and 2.5 mL of syrup.",
        "أعطِ ١٬٠٠٠ وحدة دولية من فيتامين د و٢٫٥ مل من الشراب.",
        id="ar-iu-and-decimal-mark",
    ),
]


@pytest.mark.parametrize(("language", "source", "target"), KEPT)
def test_doses_written_the_target_way_pass(language, source, target):
    assert messages(source, target, language) == []


CHANGED = [
    pytest.param(
        "zh-hans",
        "Take 5 mg once a day.",
        "每日一次，每次服用50毫克。",
        "5 mg became 50毫克 in the translation: the number changed.",
        id="zh-hans-mistranslated-dose",
    ),
    pytest.param(
        "ar",
        "Take 5 mg once a day.",
        "تناول ٥٠ ملغ مرة واحدة يوميًا.",
        "5 mg became ٥٠ ملغ in the translation: the number changed.",
        id="ar-mistranslated-dose-in-arabic-digits",
    ),
    pytest.param(
        "ru",
        "Take 2.5 mg in the morning.",
        "Принимайте 25 мг утром.",
        "2.5 mg became 25 мг in the translation: the number changed.",
        id="ru-decimal-lost",
    ),
    pytest.param(
        "ja",
        "Take 5 mg once a day.",
        "１日１回５グラムを服用してください。",
        "5 mg became ５グラム in the translation: the unit changed.",
        id="ja-mg-became-g",
    ),
    pytest.param(
        "ru",
        "Take 5 mg once a day.",
        "Принимайте 5 г один раз в день.",
        "5 mg became 5 г in the translation: the unit changed.",
        id="ru-mg-became-g",
    ),
    pytest.param(
        "vi",
        "Take 500 mcg of vitamin B12 daily.",
        "Uống 500 mg vitamin B12 mỗi ngày.",
        "500 mcg became 500 mg in the translation: the unit changed.",
        id="vi-mcg-became-mg",
    ),
    pytest.param(
        "ko",
        "The vaccine reduces the risk by 30%.",
        "이 백신은 위험을 30 줄입니다.",
        "The unit of 30% is missing from the translation.",
        id="ko-percent-sign-dropped",
    ),
    pytest.param(
        "zh-hant",
        "Inject 10 mL slowly.",
        "緩慢注射10。",
        "The unit of 10 mL is missing from the translation.",
        id="zh-hant-unit-dropped",
    ),
    pytest.param(
        "ko",
        "The vaccine reduces the risk by 30%.",
        "이 백신은 위험을 줄입니다.",
        "30% in the source is missing from the translation.",
        id="ko-percentage-dropped",
    ),
    pytest.param(
        "vi",
        "The usual dose is 5–10 mg.",
        "Liều thông thường là 5–100 mg.",
        "5–10 mg became 5–100 mg in the translation: the number changed.",
        id="vi-range-end-changed",
    ),
]


@pytest.mark.parametrize(("language", "source", "target", "message"), CHANGED)
def test_a_changed_or_lost_dose_is_one_error(language, source, target, message):
    assert messages(source, target, language) == [message]


@pytest.mark.parametrize(
    ("language", "source", "target", "expected"),
    [
        pytest.param(
            "ko",
            "Start with 5 mg, then 10 mg after 2 weeks.",
            "5 mg로 시작하고 2주 후 100 mg으로 늘립니다.",
            ["10 mg became 100 mg in the translation: the number changed."],
            id="ko-only-the-changed-one",
        ),
        pytest.param(
            "ru",
            "Take 5 mg in the morning and 5 mg in the evening.",
            "Принимайте 5 мг утром и вечером.",
            ["5 mg in the source is missing from the translation."],
            id="ru-a-dose-twice-needs-two",
        ),
        pytest.param(
            "zh-hans",
            "Take 5 mg with 200 mL of water; 10% of patients feel sick.",
            "用200克水送服50毫克；10名患者感到恶心。",
            [
                "5 mg became 50毫克 in the translation: the number changed.",
                "200 mL became 200克 in the translation: the unit changed.",
                "The unit of 10% is missing from the translation.",
            ],
            id="zh-hans-three-errors",
        ),
    ],
)
def test_doses_are_compared_one_by_one(language, source, target, expected):
    assert messages(source, target, language) == expected


@pytest.mark.parametrize("target", ["", "   "], ids=["empty", "blank"])
def test_an_untranslated_segment_has_no_findings(target):
    segment = Segment("u1", "Take 5 mg.", target, "en", "ja")
    assert check_units(segment) == []


def test_each_alias_belongs_to_one_unit():
    aliases = [alias for unit in unit_aliases().values() for alias in unit]
    assert len(aliases) == len(set(aliases))


def segment(source: str, target: str, language: str) -> Segment:
    return Segment("u1", source, target, "en", language)


@pytest.mark.parametrize(
    ("source", "target", "language"),
    [
        ("Take 1.5 mg.", "1,500 mg 복용하세요.", "ko"),
        ("Take 1.5 mg.", "服用1,500毫克。", "zh-hans"),
        ("Take 1.5 mg.", "Uống 1.500 mg.", "vi"),
    ],
    ids=["ko comma groups", "zh comma groups", "vi dot groups"],
)
def test_a_thousandfold_dose_written_with_the_targets_grouping_is_an_error(
    source, target, language
):
    with override("en"):
        assert check_units(segment(source, target, language))


@pytest.mark.parametrize(
    ("source", "target", "language"),
    [
        ("Take 5 milligrams.", "Uống 5 g.", "vi"),
        ("Take 5 milligrams.", "Принимайте 5 г.", "ru"),
        ("Take 500 micrograms.", "服用500毫克。", "zh-hans"),
    ],
    ids=["vi", "ru", "zh"],
)
def test_units_the_source_writes_out_are_read(source, target, language):
    assert check_units(segment(source, target, language))


@pytest.mark.parametrize(
    ("source", "target", "language"),
    [
        ("Drink 2 L a day.", "Uống 2 lít mỗi ngày.", "vi"),
        ("Take 5 mg.", "Uống 5 miligam.", "vi"),
        ("Take 5 mg.", "Принимайте 5 миллиграммов.", "ru"),
        ("15% of patients.", "15 процентов пациентов.", "ru"),
        ("Take 5 mg.", "تناول 5 ملليغرام.", "ar"),
        ("15% of patients.", "15 في المائة من المرضى.", "ar"),
        ("15% of patients.", "%15 من المرضى.", "ar"),
        ("15% of patients.", "百分之15的患者。", "zh-hans"),
        ("Take 5 mg.", "５ｍｇを服用してください。", "ja"),
    ],
    ids=[
        "vi lit",
        "vi miligam",
        "ru words",
        "ru percent",
        "ar words",
        "ar percent words",
        "ar percent first",
        "zh percent first",
        "ja full-width",
    ],
)
def test_units_written_out_in_the_target_pass(source, target, language):
    assert check_units(segment(source, target, language)) == []


def test_a_dose_the_source_does_not_give_is_an_error():
    with override("en"):
        (finding,) = check_units(
            segment("Take 5 mg.", "5 mg 복용하세요. 성인은 10 mg.", "ko")
        )
    assert "10 mg" in finding.message
