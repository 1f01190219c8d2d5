"""Per-language data in one named place (`articles/translation/languages/`): a
language the checks have no data for (Thai) is read the English way with the common
symbols; its data file, added without code, teaches the checks its units and its
decimal mark; a broken file is named at start-up."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import override

from articles.translation.checks import check_language_data
from articles.translation.languages import all_language_data, language_data
from articles.translation.qa.base import Segment
from articles.translation.qa.numbers import check_numbers, check_units

THAI = """
[numbers]
decimal_mark = "."
range_words = ["ถึง"]

[units]
mg = ["มก.", "มิลลิกรัม"]
"%" = ["เปอร์เซ็นต์"]
"""


def findings(source: str, target: str, lang: str = "th") -> list[str]:
    segment = Segment("u1", source, target, "en", lang)
    with override("en"):
        return [f.message for f in check_numbers(segment) + check_units(segment)]


@pytest.fixture
def thai_data(settings, tmp_path):
    (tmp_path / "th.toml").write_text(THAI, encoding="utf-8")
    settings.ARTICLES_LANGUAGE_DATA_DIRS = [str(tmp_path)]
    return tmp_path


def test_every_content_language_has_its_data():
    assert {"en", "ko", "zh", "ja", "ru", "vi", "ar"} <= set(all_language_data())
    assert check_language_data() == []


def test_a_language_without_data_is_read_the_english_way():
    thai = language_data("th")
    assert (thai.decimal_mark, thai.units) == (".", {})
    # Thai digits and the common symbols need no data.
    assert findings("Take 5 mg twice a day.", "รับประทาน ๕ mg วันละ 2 ครั้ง") == []
    assert findings("Take 5 mg twice a day.", "รับประทาน 50 mg วันละ 2 ครั้ง") != []


def test_without_its_data_a_thai_unit_word_is_not_recognised():
    assert findings("Take 5 mg.", "รับประทาน 5 มก.") == [
        "The unit of 5 mg is missing from the translation."
    ]


def test_a_data_file_teaches_the_checks_a_new_language(thai_data):
    assert findings("Take 5 mg.", "รับประทาน 5 มก.") == []
    assert findings("Take 5–10 mg.", "รับประทาน 5 ถึง 10 มิลลิกรัม") == []
    assert findings("Take 5 mg.", "รับประทาน 50 มก.") == [
        "The number 5 in the source is missing from the translation.",
        "5 mg became 50 มก. in the translation: the number changed.",
    ]


def test_a_content_language_without_data_is_named_by_the_check(settings):
    settings.WAGTAIL_CONTENT_LANGUAGES = [
        *settings.WAGTAIL_CONTENT_LANGUAGES,
        ("th", "Thai"),
    ]
    (warning,) = check_language_data()
    assert warning.id == "articles_translation.W002"
    assert "'th'" in warning.msg


def test_a_broken_data_file_is_named(settings, tmp_path):
    (tmp_path / "th.toml").write_text('[numbers]\ndecimal_mark = ";"\n')
    settings.ARTICLES_LANGUAGE_DATA_DIRS = [str(tmp_path)]
    with pytest.raises(ImproperlyConfigured, match="th.toml"):
        all_language_data()
    (error,) = check_language_data()
    assert error.id == "articles_translation.E003"


def test_a_hosts_file_replaces_the_apps_own(settings, tmp_path):
    (tmp_path / "ru.toml").write_text('[numbers]\ndecimal_mark = "."\n')
    settings.ARTICLES_LANGUAGE_DATA_DIRS = [str(tmp_path)]
    assert language_data("ru").decimal_mark == "."
