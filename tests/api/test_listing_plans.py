"""Every listing reads its page from an index in the listing's order and stops once the
page is full: a page costs the same with 200 articles or 20,000 (bench/scale.py
measures it). Pinned here through SQLite's query plans, which do not depend on the
size of the tables. (PostgreSQL chooses its plans from table statistics: on the
handful of rows of a test it rightly scans them.)"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api import search_index
from api.search_index import SQLITE_INDEX
from tests.factories import paragraph, section

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's query plans"),
]

LISTINGS = {
    "newest first": {},
    "oldest first": {"ordering": "first_published_at"},
    "by title": {"ordering": "title"},
    "last reviewed first": {"ordering": "-last_reviewed"},
    "of a topic": {"topic": "spine"},
    "with fallback": {"locale": "zh-hant", "fallback": "true"},
    "searched, a word in titles": {"search": "therapy"},
    "searched, with fallback": {"locale": "zh-hant", "fallback": "true", "search": "x"},
}


def plans_of_listing(api, params: dict) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        response = api.get("/api/v1/articles/", params)
    assert response.status_code == 200
    listing = [
        q["sql"] for q in captured.captured_queries if "listing_json" in q["sql"]
    ]
    assert 1 <= len(listing) <= 2  # a search reads title matches, then the others
    plans = []
    with connection.cursor() as cursor:
        for sql in listing:
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
            plans.append(" / ".join(row[-1] for row in cursor.fetchall()))
    return plans


@pytest.fixture
def many_named(monkeypatch):
    """Searches as when the index names many articles, and the titles' index many
    titles: each is then read in the listing's order (on a test's handful of
    articles, the indexes name few)."""
    monkeypatch.setitem(search_index.FEW, "sqlite", 0)
    monkeypatch.setattr(search_index, "FEW_TITLES", 0)


WORDS = ["cartilage", "干细胞", "мезенхимальные"]


def with_words() -> list[dict]:
    return [section("Overview", paragraph(f"<p>{' '.join(WORDS)}</p>"))]


def index_queries(captured) -> list[str]:
    return [q["sql"] for q in captured if SQLITE_INDEX in q["sql"]]


def search_reads(captured) -> list[str]:
    return [
        q["sql"]
        for q in captured
        if "listing_json" in q["sql"] and not q["sql"].startswith("EXPLAIN")
    ]


@pytest.mark.parametrize("params", LISTINGS.values(), ids=LISTINGS.keys())
def test_every_listing_walks_an_index_in_its_order_and_never_sorts(
    api, published_article, params, many_named
):
    published_article()
    for plan in plans_of_listing(api, params):
        assert "USING INDEX api_document_by_" in plan, plan
        assert "TEMP B-TREE" not in plan, plan
        # No pass over a whole table. (A search's lookup in the trigram index is
        # shown as a SCAN of its virtual table, with the MATCH it answers: M.)
        plan = plan.replace(f"SCAN {SQLITE_INDEX} VIRTUAL TABLE INDEX 0:M", "")
        assert "SCAN" not in plan, plan


@pytest.mark.parametrize("word", WORDS)
def test_when_the_index_names_many_articles_their_text_is_read_in_listing_order(
    api, published_article, word, many_named
):
    published_article(title=f"Therapy {word}", body=with_words())
    published_article(body=with_words())
    title_matches, others = plans_of_listing(api, {"search": word})
    # Title matches are read from the listing index, which carries the titles; the
    # other articles' text only where the index says the word may be.
    assert SQLITE_INDEX not in title_matches
    assert f"SCAN {SQLITE_INDEX} VIRTUAL TABLE INDEX 0:M" in others, others


@pytest.mark.parametrize("word", WORDS)
def test_when_the_titles_index_names_few_titles_only_they_are_tested(
    api, published_article, word, monkeypatch
):
    """A common word whose title matches are few: they are read by key from the
    titles' index, where walking the listing's order tested every title."""
    monkeypatch.setitem(search_index.FEW, "sqlite", 0)
    published_article(title=f"Therapy {word}", body=with_words())
    published_article(body=with_words())
    with CaptureQueriesContext(connection) as captured:
        title_matches, others = plans_of_listing(api, {"search": word})
    [asked] = [
        q["sql"] for q in captured if search_index.SQLITE_TITLE_INDEX in q["sql"]
    ]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + asked)
        plan = " / ".join(row[-1] for row in cursor.fetchall())
    assert plan == f"SCAN {search_index.SQLITE_TITLE_INDEX} VIRTUAL TABLE INDEX 0:M1"
    assert "USING INTEGER PRIMARY KEY" in title_matches, title_matches
    assert "json_each" in title_matches and "LIST SUBQUERY" in title_matches
    assert "api_document_by_" not in title_matches, title_matches
    assert "USING INDEX api_document_by_" in others, others


@pytest.mark.parametrize("fallback", [False, True], ids=["", "with fallback"])
@pytest.mark.parametrize("word", WORDS)
def test_when_the_index_names_few_articles_only_they_are_read_in_one_read(
    api, published_article, word, fallback
):
    published_article(body=with_words())
    published_article()  # never read
    with CaptureQueriesContext(connection) as captured:
        plans = plans_of_listing(
            api,
            {"search": word, "locale": "zh-hant", "fallback": "true"}
            if fallback
            else {"search": word},
        )
    [asked] = index_queries(captured)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + asked)
        plan = " / ".join(row[-1] for row in cursor.fetchall())
    # The index alone: no document is read to ask it.
    assert plan == f"SCAN {SQLITE_INDEX} VIRTUAL TABLE INDEX 0:M1", plan
    # Title matches and the others together: each named document by its key,
    # sorted (there are few), no index walked.
    [plan] = plans
    assert "USING INTEGER PRIMARY KEY" in plan and "json_each" in plan, plan
    assert "api_document_by_" not in plan and SQLITE_INDEX not in plan, plan
    if not fallback:
        # The page is chosen by the documents' keys, then its listing JSON read: the
        # statement that reads the JSON has no LIMIT, with which SQLite sorted every
        # named document's JSON in a B-tree to keep the first ones.
        [read] = search_reads(captured)
        assert "LIST SUBQUERY" in plan, plan
        assert read.rstrip().endswith("1 DESC"), read


@pytest.mark.parametrize("word", ["干细胞", "细胞", "мезенхимальные"])
def test_a_word_outside_ascii_is_looked_for_by_instr(
    api, published_article, word, many_named
):
    """INSTR compares bytes, where LIKE decodes each character of the text."""
    published_article(title=f"Therapy {word}", body=with_words())
    published_article()
    with CaptureQueriesContext(connection) as captured:
        response = api.get("/api/v1/articles/", {"search": word})
    assert len(response.json()["results"]) == 1
    reads = search_reads(captured)
    assert reads and all(" LIKE " not in sql for sql in reads), reads
    assert all("INSTR(" in sql for sql in reads), reads


def test_an_ascii_word_is_looked_for_by_like_with_its_pattern_behind_a_plus(
    api, published_article, many_named
):
    """LIKE finds an ASCII word faster than INSTR (it skips to each occurrence of
    its first letter); SQLite plans a statement again each time it binds a bare
    parameter on the right of LIKE, so the pattern is `+?`."""
    published_article(body=with_words())
    published_article()
    with CaptureQueriesContext(connection) as captured:
        response = api.get("/api/v1/articles/", {"search": "Cartilage"})
    assert len(response.json()["results"]) == 1
    likes = [like for sql in search_reads(captured) for like in sql.split(" LIKE ")[1:]]
    assert likes and all(like.startswith("+") for like in likes), likes


def test_a_word_in_no_article_is_answered_by_the_index_alone(api, published_article):
    published_article(body=with_words())
    with CaptureQueriesContext(connection) as captured:
        response = api.get("/api/v1/articles/", {"search": "osteoarthritis"})
    assert response.json()["results"] == []
    assert len(index_queries(captured)) == 1
    assert not [q for q in captured if "listing_json" in q["sql"]]


def test_a_one_character_word_is_read_in_listing_order(api, published_article):
    published_article()
    for plan in plans_of_listing(api, {"search": "治"}):
        assert SQLITE_INDEX not in plan
        assert "USING INDEX api_document_by_newest" in plan


def test_a_two_character_word_in_few_articles_is_looked_up_by_its_trigrams(
    api, published_article
):
    published_article(body=with_words())
    published_article()  # never read
    with CaptureQueriesContext(connection) as captured:
        [plan] = plans_of_listing(api, {"search": "细胞"})
    vocabulary, asked = index_queries(captured)
    assert search_index.SQLITE_VOCABULARY in vocabulary
    assert "MATCH" in asked
    assert "USING INTEGER PRIMARY KEY" in plan and "json_each" in plan, plan


def test_a_two_character_word_in_no_article_is_answered_by_the_vocabulary_alone(
    api, published_article
):
    published_article(body=with_words())
    with CaptureQueriesContext(connection) as captured:
        response = api.get("/api/v1/articles/", {"search": "骨折"})
    assert response.json()["results"] == []
    [vocabulary] = index_queries(captured)
    assert search_index.SQLITE_VOCABULARY in vocabulary
    assert not [q for q in captured if "listing_json" in q["sql"]]


def test_a_common_two_character_word_is_read_in_listing_order(
    api, published_article, many_named
):
    published_article(body=with_words())
    for plan in plans_of_listing(api, {"search": "细胞"}):
        assert SQLITE_INDEX not in plan
        assert "USING INDEX api_document_by_newest" in plan


def test_a_fallback_listing_asks_each_article_about_its_versions_from_an_index(
    api, published_article
):
    published_article()
    (plan,) = plans_of_listing(api, LISTINGS["with fallback"])
    assert "MERGE (UNION ALL)" in plan
    assert "USING COVERING INDEX api_document_versions" in plan
