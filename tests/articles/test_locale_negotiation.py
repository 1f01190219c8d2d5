"""Which content locale a BCP 47 language tag names: same language, and the script a
content locale names (zh-hans, zh-hant) must be the tag's own or its likely one."""

import pytest

from articles.locales import content_locale_for

ALL_EIGHT = ["en", "ko", "zh-hans", "zh-hant", "ja", "ru", "vi", "ar"]


def enable(settings, codes: list[str]) -> None:
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES = [
        (code, code) for code in codes
    ]


@pytest.fixture(autouse=True)
def all_eight_languages(settings):
    enable(settings, ALL_EIGHT)


@pytest.mark.parametrize(
    ("tag", "locale"),
    [
        ("zh", "zh-hans"),
        ("zh-CN", "zh-hans"),
        ("zh-SG", "zh-hans"),
        ("zh-Hans", "zh-hans"),
        ("zh-Hans-CN", "zh-hans"),
        ("zh-Hans-TW", "zh-hans"),  # a stated script beats the region's likely one
        ("zh-TW", "zh-hant"),
        ("zh-HK", "zh-hant"),
        ("zh-MO", "zh-hant"),
        ("zh-Hant", "zh-hant"),
        ("zh-Hant-TW", "zh-hant"),
        ("zh-Hant-CN", "zh-hant"),
        ("ko-KR", "ko"),
        ("ar-EG", "ar"),
        ("ar-SA", "ar"),
        ("ru-UA", "ru"),
        ("vi-VN", "vi"),
        ("ja-JP", "ja"),
        ("en-US", "en"),
        ("en-GB", "en"),
        ("en-US-u-ca-gregory", "en"),
    ],
)
def test_a_tag_names_the_content_locale_of_its_language_and_likely_script(tag, locale):
    assert content_locale_for(tag) == locale


@pytest.mark.parametrize(
    "spelling", ["zh-Hant", "zh-hant", "ZH-HANT", "zh_Hant", " zh-hant "]
)
def test_case_underscores_and_surrounding_space_do_not_matter(spelling):
    assert content_locale_for(spelling) == "zh-hant"


@pytest.mark.parametrize(
    "tag",
    [
        "de",  # not a content language
        "zh-Latn",  # pinyin is neither Simplified nor Traditional characters
        "und",  # undetermined: CLDR would guess English, which nobody asked for
        "yue",  # Cantonese is a language of its own
        "zh-yue",  # the same, spelt with an extended language subtag
    ],
)
def test_a_well_formed_tag_of_no_content_language_names_none(tag):
    assert content_locale_for(tag) is None


@pytest.mark.parametrize(
    "tag", ["", "en-", "en--US", "zh-TW-Hant", "e", "x-private", "i-klingon", "\x00"]
)
def test_a_malformed_tag_names_none(tag):
    assert content_locale_for(tag) is None


def test_an_overlong_tag_names_none_without_being_parsed():
    assert content_locale_for("en-" + "-".join(["abcdefgh"] * 5)) is None


def test_without_traditional_chinese_a_traditional_tag_names_nothing(settings):
    enable(settings, ["en", "zh-hans"])
    assert content_locale_for("zh-TW") is None
    assert content_locale_for("zh-Hant") is None
    assert content_locale_for("zh") == "zh-hans"


def test_without_simplified_chinese_bare_zh_names_nothing(settings):
    enable(settings, ["en", "zh-hant"])
    assert content_locale_for("zh") is None
    assert content_locale_for("zh-HK") == "zh-hant"


def test_a_content_locale_naming_the_tags_region_wins_then_one_naming_none(settings):
    enable(settings, ["en", "pt", "pt-br"])
    assert content_locale_for("pt-BR") == "pt-br"
    assert content_locale_for("pt-PT") == "pt"
    assert content_locale_for("pt") == "pt"


def test_a_regional_content_locale_still_serves_its_whole_language(settings):
    enable(settings, ["en", "pt-br"])
    assert content_locale_for("pt-PT") == "pt-br"
