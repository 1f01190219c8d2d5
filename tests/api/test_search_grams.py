"""Words in Chinese, Japanese and Korean characters: on PostgreSQL an index of the
two- and three-character pieces (grams) of such text names the articles that hold
them without reading any text (`api.search_index`); on both databases, which articles
the index names and which terms are still tested in their text."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api import search_index
from api.checks import check_search_index
from api.search_index import (
    POSTGRES_GRAM_CANDIDATES,
    POSTGRES_GRAMS,
    POSTGRES_GRAMS_INDEX,
    articles_that_may_hold,
    ensure_search_index,
    gram_pieces,
    held_by_candidates,
    postgres_gram_parts_missing,
    search_index_missing,
)
from tests.api.helpers import search, with_text
from tests.factories import publish

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's grams index"
)


def test_short_words_are_asked_for_themselves_and_longer_ones_by_covering_trigrams():
    assert gram_pieces(["干细胞", "治疗", "세포"]) == sorted(["干细胞", "治疗", "세포"])
    assert gram_pieces(["间充质干细胞"]) == ["干细胞", "间充质"]
    assert gram_pieces(["幹細胞療法"]) == ["幹細胞", "胞療法"]
    # Other scripts, one character, or a word mixing scripts: not the grams'.
    assert gram_pieces(["spinal", "клетки", "الخلايا", "干", "mri检查"]) == []


def test_which_terms_the_named_articles_hold_without_a_test_of_their_text():
    terms = ["干细胞", "治疗", "干细胞疗法", "knee"]
    if connection.vendor == "postgresql":
        # The grams answer their two- and three-character words exactly.
        assert held_by_candidates(terms) == (True, True, False, False)
        # Without such a word, pg_trgm's function tested every term in the text.
        assert held_by_candidates(["knee", "клетки"]) == (True, True)
    else:
        # FTS5 folds case: only a three-character word without case.
        assert held_by_candidates(terms) == (True, False, False, False)


def grams_in_python(text: str) -> set[str]:
    """What the database's function should answer, written plainly."""
    runs = re.findall(f"[{search_index.GRAM_CHARACTERS}]{{2,}}", text)
    return {
        run[i : i + n] for run in runs for n in (2, 3) for i in range(len(run) - n + 1)
    }


@postgresql_only
def test_the_grams_of_a_text_are_the_pieces_of_its_runs_of_such_characters():
    text = "间充质干细胞（MSC）治疗，骨 折 2026年 幹細胞とは 줄기세포 치료 Ｍ х."
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {POSTGRES_GRAMS}(%s)", [text])
        (grams,) = cursor.fetchone()
    assert sorted(grams) == sorted(grams_in_python(text))
    assert {"干细胞", "治疗", "とは", "세포", "치료"} <= set(grams)
    assert not {"骨折", "疗，", "6年"} & set(grams)  # not side by side, or not such


@postgresql_only
def test_the_grams_index_follows_publishing_editing_unpublishing_and_deleting(
    published_article, locales
):
    article = published_article(
        locale=locales["zh-hans"], slug="msc", body=with_text("间充质干细胞")
    )
    site_id = article.get_site().pk

    def named(word: str) -> tuple[int, ...] | None:
        search_index.forget_common_words()
        return articles_that_may_hold([word], site_id=site_id, locales=["zh-hans"])

    assert named("充质") == (article.pk,)
    article.body = with_text("骨髓细胞")
    publish(article)
    assert named("充质") == ()
    assert named("骨髓") == (article.pk,)
    article.unpublish()
    assert named("骨髓") == ()
    publish(article)
    assert named("骨髓") == (article.pk,)
    article.delete()
    assert named("骨髓") == ()


@postgresql_only
def test_a_short_word_is_found_by_the_grams_alone_and_a_longer_one_in_the_text(
    api, published_article, locales
):
    zh = locales["zh-hans"]
    published_article(locale=zh, slug="has", body=with_text("……干细胞疗法……"))
    published_article(locale=zh, slug="split", body=with_text("干细胞 疗法"))
    published_article(locale=zh, slug="pieces", body=with_text("细胞疗，胞疗法"))
    published_article(locale=zh, slug="none", body=with_text("软骨修复"))

    def read(word: str, expected: list[str]) -> tuple[bool, str]:
        """Whether the grams were asked, and the SQL of the last read."""
        with CaptureQueriesContext(connection) as captured:
            assert sorted(search(api, word, "zh-hans")) == expected
        statements = [q["sql"] for q in captured]
        return any(POSTGRES_GRAM_CANDIDATES in sql for sql in statements), statements[
            -1
        ]

    asked, listing = read("干细胞", ["has", "split"])
    assert asked
    assert '"search_text"' not in listing  # no article's text is read
    # Both "has" and "pieces" hold the trigrams that cover it: the text decides.
    asked, listing = read("细胞疗法", ["has"])
    assert asked
    assert '"search_text"' in listing
    asked, listing = read("骨折", [])  # in no article: nothing more is read
    assert asked and POSTGRES_GRAM_CANDIDATES in listing
    assert search(api, "软骨", "zh-hans") == ["none"]  # two characters, first
    assert search(api, "修复", "zh-hans") == ["none"]  # and last


@postgresql_only
def test_korean_and_japanese_words_are_found_by_the_grams(
    api, published_article, locales
):
    published_article(
        locale=locales["ko"], slug="ko", body=with_text("중간엽 줄기세포")
    )
    published_article(locale=locales["ja"], slug="ja", body=with_text("間葉系幹細胞"))
    assert search(api, "세포", "ko") == ["ko"]
    assert search(api, "줄기세포", "ko") == ["ko"]
    assert search(api, "幹細胞", "ja") == ["ja"]
    assert search(api, "細胞", "ko") == []


@postgresql_only
def test_the_grams_are_read_from_their_index_where_a_scan_looks_cheaper(
    published_article, locales
):
    """A handful of rows: scanning them would be cheaper, were computing the grams
    of each text not dear (the function's COST), so the index is used unforced."""
    published_article(locale=locales["zh-hans"], body=with_text("间充质干细胞"))
    with connection.cursor() as cursor:
        cursor.execute(
            "EXPLAIN SELECT page_id FROM articles_api_articledocument "
            "WHERE articles_api_search_grams(search_text) @> %s",
            [["干细胞"]],
        )
        plan = " ".join(row[0] for row in cursor.fetchall())
    assert POSTGRES_GRAMS_INDEX in plan, plan


@postgresql_only
@pytest.mark.parametrize(
    "drop",
    [
        f"DROP FUNCTION {POSTGRES_GRAM_CANDIDATES}(text[], integer, text[], integer)",
        f"DROP INDEX {POSTGRES_GRAMS_INDEX}",
    ],
    ids=["the lookup", "the index"],
)
def test_a_missing_part_of_the_grams_is_reported_and_created_again(
    api, published_article, locales, drop
):
    published_article(locale=locales["zh-hans"], slug="msc", body=with_text("干细胞"))
    with connection.cursor() as cursor:
        cursor.execute(drop)
        # The test's transaction holds the publish's deferred foreign-key checks,
        # which CREATE INDEX refuses to run beside (a command runs after a commit).
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    missing = postgres_gram_parts_missing(connection)
    assert len(missing) == 1
    assert search_index_missing("default") == missing
    (warning,) = check_search_index(None, databases=["default"])
    assert missing[0] in warning.msg

    call_command("build_article_documents", stdout=StringIO())
    assert search_index_missing("default") == []
    assert search(api, "干细胞", "zh-hans") == ["msc"]
    assert ensure_search_index() is False
