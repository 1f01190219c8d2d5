import pytest
from wagtail.rich_text import RichText, get_text_for_indexing

from articles.blocks.fields import RichTextBlock, _text_for_indexing
from articles.reading_time import count_reading_units, reading_time_minutes
from tests.factories import ArticlePageFactory, paragraph, section

ENGLISH_WORD = "regeneration "
KOREAN_WORD = "줄기세포 "
CHINESE_CHARACTER = "细"


def test_english_is_read_by_words():
    assert reading_time_minutes(ENGLISH_WORD * 200, "en") == 1
    assert reading_time_minutes(ENGLISH_WORD * 201, "en") == 2
    assert reading_time_minutes(ENGLISH_WORD * 1000, "en") == 5


def test_korean_is_read_by_space_separated_words():
    assert count_reading_units(KOREAN_WORD * 10) == (0, 10)
    assert reading_time_minutes(KOREAN_WORD * 600, "ko") == 3


def test_chinese_is_read_by_characters_not_words():
    text = CHINESE_CHARACTER * 900  # one "word" to a word counter
    assert count_reading_units(text) == (900, 0)
    assert reading_time_minutes(text, "zh-hans") == 3


def test_japanese_is_read_by_characters_at_its_own_pace():
    assert reading_time_minutes("さいぼう" * 200, "ja") == 2


def test_latin_terms_inside_chinese_count_as_words():
    assert count_reading_units("间充质干细胞 MSC 治疗") == (8, 1)


def test_any_text_takes_at_least_a_minute_and_no_text_none():
    assert reading_time_minutes("Short.", "en") == 1
    assert reading_time_minutes("", "en") == 0


@pytest.mark.django_db
def test_article_reading_time_counts_the_body_in_its_own_language(index_page, locales):
    chinese = f"<p>{CHINESE_CHARACTER * 1200}</p>"
    page = ArticlePageFactory(
        parent=index_page,
        locale=locales["zh-hans"],
        title="干细胞",
        summary="简介",
        body=[section("概述", paragraph(chinese))],
    )
    assert page.reading_time_minutes == 5


@pytest.mark.django_db
def test_article_reading_time_includes_every_block_but_not_anchors(index_page):
    words = "<p>" + ENGLISH_WORD * 390 + "</p>"
    page = ArticlePageFactory(
        parent=index_page,
        title="T",
        summary="S",
        body=[section("H", paragraph(words), anchor="zz-anchor-marker")],
    )
    assert "zz-anchor-marker" not in page.body_text()
    assert page.reading_time_minutes == 2


def test_rich_text_is_read_as_wagtail_indexes_it_and_parsed_once_for_the_same_html():
    html = "<h2>Risks</h2><p>Dose &lt; 2&nbsp;mg</p><ul><li>one</li><li>two</li></ul>"
    block = RichTextBlock()
    _text_for_indexing.cache_clear()
    first = block.get_searchable_content(RichText(html))
    again = block.get_searchable_content(RichText(html))
    assert first == again == [get_text_for_indexing(html)]
    assert _text_for_indexing.cache_info().hits == 1
    unindexed = RichTextBlock(search_index=False)
    assert unindexed.get_searchable_content(RichText(html)) == []
