"""The trigram index that search asks first (`api.search_index`) stays in step with the
stored text whatever changes it, repairs itself, and never hides a match."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api import search_index
from api.checks import check_search_index
from api.models import ArticleDocument
from api.search_index import (
    POSTGRES_FUNCTION,
    POSTGRES_INDEX,
    SQLITE_TRIGGERS,
    answered_by_index,
    covering_trigrams,
    ensure_search_index,
    match_expression,
    might_contain_every,
    search_index_missing,
    sqlite_index_missing,
    trigrams,
)
from tests.api.helpers import search, with_text
from tests.factories import publish

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's FTS5 index"
)


def candidates(*terms: str) -> set[int]:
    return set(
        ArticleDocument.objects.filter(might_contain_every(list(terms))).values_list(
            "page_id", flat=True
        )
    )


def test_trigrams_are_every_three_character_piece_of_every_term():
    assert trigrams(["spinal", "干细胞"]) == sorted(
        ["spi", "pin", "ina", "nal", "干细胞"]
    )
    assert trigrams(["治疗", "x"]) == []  # too short: no index condition


def test_the_index_is_asked_for_trigrams_that_cover_each_term():
    assert covering_trigrams(["mesenchymal"]) == sorted(["mes", "enc", "hym", "mal"])
    assert covering_trigrams(["spinal", "干细胞", "治疗"]) == sorted(
        ["spi", "nal", "干细胞"]
    )
    assert match_expression(['a"b']) == '"a""b"'


@sqlite_only
def test_the_migrations_leave_the_index_and_its_triggers_in_place():
    # A later migration that SQLite makes by copying the documents table drops the
    # triggers with the old table: this test then fails.
    assert sqlite_index_missing(connection) == []
    assert search_index_missing("default") == []


@sqlite_only
def test_the_index_follows_publishing_editing_unpublishing_and_deleting(
    api, published_article
):
    article = published_article(
        slug="msc", title="Spine care", body=with_text("Mesenchymal cells.")
    )
    assert candidates("mesenchymal") == {article.pk}
    assert search(api, "mesenchymal") == ["msc"]

    article.body = with_text("Bone marrow cells.")
    publish(article)
    assert candidates("mesenchymal") == set()
    assert candidates("marrow") == {article.pk}
    assert search(api, "mesenchymal") == []

    article.unpublish()
    assert candidates("marrow") == set()

    publish(article)
    assert candidates("marrow") == {article.pk}
    article.delete()  # the document goes with the page (a cascade, not our code)
    assert candidates("marrow") == set()


@sqlite_only
def test_every_script_is_indexed(api, published_article, locales):
    words = {
        "zh-hans": "间充质干细胞",
        "ja": "間葉系幹細胞",
        "ko": "중간엽줄기세포",
        "ar": "الوسيطة",
        "ru": "мезенхимальные",
    }
    for code, word in words.items():
        published_article(
            locale=locales[code], slug=f"rare-{code}", body=with_text(f"… {word} …")
        )
    for code, word in words.items():
        assert search(api, word, code) == [f"rare-{code}"]
        assert len(candidates(word)) == 1


@sqlite_only
@pytest.mark.parametrize("word", ['"quoted"', 'a"b"c', "x AND y", "NEAR(ab cd)", "*"])
def test_fts_query_syntax_in_a_search_is_searched_literally(
    api, published_article, word
):
    published_article(slug="plain", body=with_text("Nothing of the kind."))
    published_article(slug="literal", body=with_text(f"It says {word} here."))
    assert search(api, word) == ["literal"]


@sqlite_only
def test_a_missing_trigger_is_reported_and_rebuilt_with_the_documents(
    api, published_article
):
    published_article(slug="msc", body=with_text("Mesenchymal cells."))
    name = next(iter(SQLITE_TRIGGERS))
    with connection.cursor() as cursor:
        cursor.execute("DROP TRIGGER " + name)
        cursor.execute("DELETE FROM articles_api_search_trigrams_data")  # stale too

    (warning,) = check_search_index(None, databases=["default"])
    assert warning.id == "articles_api.W003"
    assert name in warning.msg

    call_command("build_article_documents", stdout=StringIO())
    assert sqlite_index_missing(connection) == []
    assert search(api, "mesenchymal") == ["msc"]
    assert ensure_search_index() is False  # nothing left to create


def test_a_complete_index_raises_no_warning():
    assert check_search_index(None, databases=["default"]) == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's plans")
def test_on_postgresql_a_rare_chinese_word_can_be_looked_up_in_the_trigram_index(
    api, published_article, locales
):
    published_article(locale=locales["zh-hans"], body=with_text("间充质干细胞"))
    with connection.cursor() as cursor:
        # On a test's handful of rows a scan is cheaper, and rightly chosen: forbid
        # it to see whether the index can answer the LIKE that search sends.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT page_id FROM articles_api_articledocument "
            "WHERE search_text LIKE %s",
            ["%间充质%"],
        )
        plan = " ".join(row[0] for row in cursor.fetchall())
    assert POSTGRES_INDEX in plan, plan


@sqlite_only
def test_a_word_the_index_answers_alone_is_not_looked_for_in_the_text(
    api, published_article, locales
):
    """Three characters without case have one trigram: a document holds the word if
    and only if the index says so (the text is already folded as the index folds)."""
    zh = locales["zh-hans"]
    published_article(locale=zh, slug="has", body=with_text("……干细胞疗法……"))
    published_article(locale=zh, slug="split", body=with_text("干细 胞 knee"))
    published_article(locale=zh, slug="none", body=with_text("软骨修复"))

    def text_group(word: str, expected: list[str]) -> str:
        with CaptureQueriesContext(connection) as captured:
            assert search(api, word, "zh-hans") == expected
        return captured[-1]["sql"]  # title matches first, then the others

    def looks_in_text(sql: str) -> bool:  # LIKE, or INSTR outside ASCII
        return re.search(r'"search_text"( LIKE |, )', sql) is not None

    assert not looks_in_text(text_group("干细胞", ["has"]))
    # A longer word, or one with case, is still confirmed in the text.
    assert looks_in_text(text_group("干细胞疗法", ["has"]))
    assert looks_in_text(text_group("kne", ["split"]))


def test_which_words_the_index_answers_alone():
    assert [answered_by_index(w) for w in ("干细胞", "幹細胞", "الخ", "12%")] == [
        connection.vendor == "sqlite"
    ] * 4
    assert not any(map(answered_by_index, ["干细", "干细胞疗", "kne", "клё", "ab"]))


def every_page(api, params: dict) -> list[tuple[str, str]]:
    """(slug, locale) of every result, following `next` from the first page."""
    data = api.get("/api/v1/articles/", {**params, "page_size": 2}).json()
    seen = [(item["slug"], item["locale"]) for item in data["results"]]
    while data["next"]:
        data = api.get(data["next"]).json()
        seen += [(item["slug"], item["locale"]) for item in data["results"]]
    return seen


SEARCHES = {
    "a word in titles and texts": {"search": "cartilage"},
    "two words": {"search": "cartilage repair"},
    "Chinese, three characters": {"locale": "zh-hans", "search": "干细胞"},
    "Chinese, a longer word": {"locale": "zh-hans", "search": "间充质干细胞"},
    "with fallback": {"locale": "ko", "fallback": "true", "search": "cartilage"},
    "a word in none": {"search": "osteoarthritis"},
    "Chinese, two characters": {"locale": "zh-hans", "search": "细胞"},
    "Chinese, two characters ending a text": {"locale": "zh-hans", "search": "修复"},
    "Chinese, two characters and three": {"locale": "zh-hans", "search": "干细 细胞"},
    "two characters, in none": {"locale": "zh-hans", "search": "骨折"},
}


@pytest.mark.parametrize("params", SEARCHES.values(), ids=SEARCHES.keys())
def test_a_search_finds_the_same_articles_whether_the_index_names_few_or_many(
    api, published_article, locales, monkeypatch, params
):
    for n, title in enumerate(["Cartilage repair", "Knee pain", "Cartilage", "Spine"]):
        published_article(
            title=title,
            slug=f"en-{n}",
            body=with_text("repair of cartilage" if n % 2 else "rest"),
        )
    zh = locales["zh-hans"]
    published_article(locale=zh, slug="zh-0", body=with_text("间充质干细胞"))
    published_article(locale=zh, slug="zh-1", title="干细胞", body=with_text("干细 胞"))
    published_article(locale=zh, slug="zh-2", body=with_text("软骨修复"))
    few = every_page(api, params)
    monkeypatch.setitem(search_index.FEW, connection.vendor, 0)
    assert every_page(api, params) == few  # common: titles from the titles' index
    monkeypatch.setattr(search_index, "FEW_TITLES", 0)
    assert every_page(api, params) == few  # and common in titles too
    assert bool(few) == (params["search"] not in ("osteoarthritis", "骨折"))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's function")
def test_on_postgresql_a_missing_search_function_is_reported_and_created_again():
    with connection.cursor() as cursor:
        cursor.execute(
            f"DROP FUNCTION {POSTGRES_FUNCTION}(text[], integer, text[], integer)"
        )
    assert search_index_missing("default") == [POSTGRES_FUNCTION]
    assert ensure_search_index() is True
    assert search_index_missing("default") == []


def test_a_word_the_index_named_many_articles_for_is_not_asked_about_for_a_while(
    api, published_article, monkeypatch
):
    published_article(title="Cartilage repair")
    published_article(body=with_text("cartilage"))
    monkeypatch.setitem(search_index.FEW, connection.vendor, 1)
    now = [1000.0]
    monkeypatch.setattr(search_index.time, "monotonic", lambda: now[0])

    page_sizes = iter(range(10, 20))  # a new request each time, not a cached answer

    def asked(word: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            response = api.get(
                "/api/v1/articles/", {"search": word, "page_size": next(page_sizes)}
            )
            assert len(response.json()["results"]) == 2
        questions = [
            " ".join(sql.split())[:37]
            for sql in (search_index.SQLITE_MAY_HOLD, search_index.POSTGRES_MAY_HOLD)
        ]
        return sum(" ".join(q["sql"].split())[:37] in questions for q in captured)

    assert asked("cartilage") == 1
    assert asked("cartilage") == 0  # common: the listing's order is walked at once
    now[0] += search_index.COMMON_FOR_SECONDS + 1
    assert asked("cartilage") == 1
    assert len(search_index._common) == 1


@pytest.mark.parametrize(
    "word", ["软骨", "骨修", "修复"], ids=["first", "middle", "last"]
)
def test_a_two_character_word_is_found_wherever_it_is_in_the_text(
    api, published_article, locales, word
):
    """The index names every document holding a two-character word, the last two
    characters of a text included (on SQLite, its tail; on PostgreSQL a gram)."""
    zh = locales["zh-hans"]
    article = published_article(locale=zh, slug="cartilage", body=with_text("软骨修复"))
    published_article(locale=zh, slug="other", body=with_text("干细胞"))
    assert search_index.articles_that_may_hold(
        [word], site_id=article.get_site().pk, locales=["zh-hans"]
    ) == (article.pk,)
    assert search(api, word, "zh-hans") == ["cartilage"]
    if word == "修复" and connection.vendor == "sqlite":
        # The last two characters: only the tail begins with them.
        with connection.cursor() as cursor:
            assert search_index._trigrams_beginning_with(cursor, word) == {"修复 ": 1}


@sqlite_only
def test_an_index_of_before_two_character_words_is_reported_and_replaced(
    api, published_article, locales
):
    published_article(
        locale=locales["zh-hans"], slug="cartilage", body=with_text("软骨修复")
    )
    name = "articles_api_search_trigrams_insert"
    with connection.cursor() as cursor:
        # The trigger of before, and no tails: the text's last two characters are
        # then not looked up.
        cursor.execute("DROP TRIGGER " + name)
        cursor.execute(
            "CREATE TRIGGER articles_api_search_trigrams_insert "
            "AFTER INSERT ON articles_api_articledocument "
            "BEGIN INSERT INTO articles_api_search_trigrams(rowid, search_text) "
            "VALUES (new.page_id, new.search_text); END"
        )
        cursor.execute("DROP TABLE " + search_index.SQLITE_VOCABULARY)
        cursor.execute(
            search_index.SQLITE_REBUILD.format(table=search_index.SQLITE_INDEX)
        )
    assert sqlite_index_missing(connection) == [search_index.SQLITE_VOCABULARY, name]

    assert ensure_search_index() is True
    assert sqlite_index_missing(connection) == []
    assert search(api, "修复", "zh-hans") == ["cartilage"]


@sqlite_only
def test_a_missing_vocabulary_alone_is_created_without_indexing_again(api):
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE " + search_index.SQLITE_VOCABULARY)
    with CaptureQueriesContext(connection) as captured:
        assert ensure_search_index() is True
    assert not [q for q in captured if "rebuild" in q["sql"]]
    assert sqlite_index_missing(connection) == []


def index_segments() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(DISTINCT segid) FROM articles_api_search_trigrams_idx"
        )
        return cursor.fetchone()[0]


@sqlite_only
def test_rebuilding_every_document_leaves_the_index_in_one_segment(
    api, published_article
):
    """Each write adds a segment to the index, and a lookup reads every segment."""
    for n, word in enumerate(["alpha", "beta", "gamma"]):
        published_article(slug=f"msc-{n}", body=with_text(f"Mesenchymal {word}."))
    assert index_segments() > 1

    call_command("build_article_documents", stdout=StringIO())
    assert index_segments() == 1
    assert sorted(search(api, "mesenchymal")) == ["msc-0", "msc-1", "msc-2"]
    assert search(api, "gamma") == ["msc-2"]


@sqlite_only
def test_indexing_everything_again_leaves_one_segment(published_article):
    for n in range(3):
        published_article(slug=f"msc-{n}", body=with_text(f"Mesenchymal cells {n}."))
    with connection.cursor() as cursor:
        search_index.rebuild_sqlite_index(cursor)
    assert index_segments() == 1


def test_optimizing_the_index_keeps_what_it_finds(api, published_article):
    published_article(slug="msc", body=with_text("Mesenchymal stromal cells."))
    search_index.optimize_search_index()
    assert search(api, "stromal") == ["msc"]


@sqlite_only
def test_the_worker_merges_the_segments_publishing_adds(api, published_article):
    """Each publish adds a segment; once there are more than SEGMENTS_KEPT, the
    worker's merge leaves one, step by step, and searches find the same articles."""
    for n in range(search_index.SEGMENTS_KEPT + 2):
        published_article(slug=f"msc-{n}", body=with_text(f"Mesenchymal cells {n}x."))
    before = index_segments()
    assert before > search_index.SEGMENTS_KEPT

    assert search_index.merge_search_index() >= 1
    assert index_segments() == search_index.search_index_segments() == 1
    assert len(search(api, "mesenchymal")) == search_index.SEGMENTS_KEPT + 2
    assert search(api, "3x") == ["msc-3"]


@sqlite_only
def test_a_merge_takes_as_many_steps_as_the_index_needs(published_article, monkeypatch):
    """A step writes about MERGE_STEP_PAGES pages and commits; a small step budget
    takes several steps, and the merge still ends in one segment."""
    for n in range(6):
        published_article(slug=f"msc-{n}", body=with_text(f"Stromal cells {n}y."))
    monkeypatch.setattr(search_index, "MERGE_STEP_PAGES", 1)
    assert search_index.merge_search_index(above=1) > 1
    assert index_segments() == 1


@sqlite_only
def test_an_index_in_few_segments_is_left_alone(published_article):
    published_article(slug="msc", body=with_text("Mesenchymal stromal cells."))
    assert index_segments() <= search_index.SEGMENTS_KEPT
    with CaptureQueriesContext(connection) as captured:
        assert search_index.merge_search_index() == 0
    assert not [q for q in captured if "'merge'" in q["sql"]]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's index")
def test_there_is_nothing_to_merge_on_postgresql():
    assert search_index.search_index_segments() is None
    assert search_index.merge_search_index(above=0) == 0


def titles(*terms: str) -> tuple[int, ...] | None:
    return search_index.titles_that_may_hold(list(terms))


@sqlite_only
def test_the_titles_index_follows_publishing_retitling_and_deleting(published_article):
    article = published_article(slug="msc", title="Spine care", body=with_text("x"))
    assert titles("spine") == (article.pk,)
    assert titles("knee") == ()

    article.title = "Knee care"
    publish(article)
    assert (titles("spine"), titles("knee")) == ((), (article.pk,))

    article.delete()
    assert titles("knee") == ()


def test_only_where_the_titles_index_exists_does_it_name_titles(published_article):
    published_article(slug="msc", title="Spine care")
    # Shorter terms have no trigram: their titles are tested one by one.
    assert titles("脊椎") is None
    assert (titles("spine") is None) == (connection.vendor != "sqlite")


@sqlite_only
def test_a_common_word_reads_only_the_titles_the_titles_index_names(
    api, published_article, locales, monkeypatch
):
    """Where the text's index names many articles, the title matches are read by key
    from the titles' index; without a title holding the word, they are not read."""
    zh = locales["zh-hans"]
    published_article(
        locale=zh, slug="title", title="干细胞疗法", body=with_text("干细胞")
    )
    for n in range(3):
        published_article(locale=zh, slug=f"text-{n}", body=with_text("干细胞移植"))
    monkeypatch.setitem(search_index.FEW, "sqlite", 1)

    def reads(word: str, expected: list[str]) -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            assert search(api, word, "zh-hans") == expected
        return [q["sql"] for q in captured if "listing_json" in q["sql"]]

    title_group, others = reads("干细胞", ["title", "text-2", "text-1", "text-0"])
    assert "json_each" in title_group  # by key: the named titles alone
    assert "json_each" not in others  # the listing's order, walked
    (others,) = reads("细胞移", ["text-2", "text-1", "text-0"])  # no title holds it
    assert "json_each" not in others


@sqlite_only
def test_a_missing_titles_index_is_reported_and_built_without_the_texts_again(
    api, published_article
):
    published_article(slug="msc", title="Spine care", body=with_text("Mesenchymal."))
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE " + search_index.SQLITE_TITLE_INDEX)
    assert search_index_missing("default") == [search_index.SQLITE_TITLE_INDEX]

    with CaptureQueriesContext(connection) as captured:
        assert ensure_search_index() is True
    rebuilt = [q["sql"] for q in captured if "'rebuild'" in q["sql"]]
    assert len(rebuilt) == 1 and search_index.SQLITE_TITLE_INDEX in rebuilt[0]
    assert sqlite_index_missing(connection) == []
    assert titles("spine") == (ArticleDocument.objects.get().page_id,)
    assert search(api, "spine") == ["msc"]


@sqlite_only
def test_the_worker_merges_the_titles_index_too(published_article):
    for n in range(search_index.SEGMENTS_KEPT + 2):
        published_article(slug=f"msc-{n}", title=f"Spine {n}")
    assert (
        search_index.search_index_segments(table=search_index.SQLITE_TITLE_INDEX)
        > search_index.SEGMENTS_KEPT
    )
    search_index.merge_search_index()
    assert (
        search_index.search_index_segments(table=search_index.SQLITE_TITLE_INDEX) == 1
    )
    assert len(titles("spine")) == search_index.SEGMENTS_KEPT + 2
