"""The index that lets a search for any substring, in any script, skip the articles
that cannot contain it: Chinese and Japanese are written without spaces, so search is
by substring, and without an index a rare word meant reading every article's text.

One design on both databases: an index of the three-character pieces (trigrams) of
each document's normalised search text. Every article that contains a term contains
all of its trigrams, so the articles the index names are a superset of the matches;
the stored text's `contains` test (as before) keeps the exact ones, in listing order.
- SQLite: an FTS5 table with the trigram tokenizer (SQLite 3.34+) and detail=none
  (which articles hold a trigram, not where: a quarter of the text's size, where
  positions made it twice the text's), kept in step by triggers on the documents
  table, whatever writes it (publishing, deletes cascading from pages, rebuilds).
- PostgreSQL: a GIN index of `pg_trgm` over the same column (migration 0004), which
  the planner uses for the `LIKE` that `contains` already is when the word is rare,
  and leaves for the listing-order index when the word is common.

A search asks the index first which articles may hold its words
(`articles_that_may_hold`): when they are few, only those are read, so a rare word
costs the same at 20,000 pages as at 2,000; when they are many, the word is common and
the listing's order is walked until a page is full, which happens at once.
- SQLite: the FTS5 table answers without reading any text, so it is asked before the
  title matches are read. For a common word, a second FTS5 table, of the titles,
  names the titles that may hold it (`titles_that_may_hold`): when few, only those
  are tested, where the walk in listing order tested every title of the language.
- PostgreSQL: the `pg_trgm` index answers only with the text read again (about 30 µs
  an article, the text being compressed out of line), so it is asked only when the
  title matches did not fill the page; through a function (migration 0010) that keeps
  the planner from reading every article's text instead, which it prefers because it
  cannot tell how costly a LIKE on that text is.
- PostgreSQL, words in Chinese, Japanese or Korean characters: a second GIN index
  (migration 0013), of the two- and three-character pieces (grams) of the runs of such
  characters in each text, names the articles without reading any text (`pg_trgm`
  hashes such trigrams and must check each article's text; it has nothing for a
  two-character word). It answers a word of two or three characters exactly, and a
  longer one by the trigrams that cover it, then tested in the text of the few named.
  It is asked before the title matches are read, as on SQLite. Its write cost is the
  grams' computation (a few milliseconds for a Chinese article's text, about nothing
  for a text without such characters).

A two-character term (most Chinese and Japanese words) has no trigram of its own. On
SQLite the index is asked for the trigrams that begin with it instead (FTS5's
vocabulary table lists them, with how many documents hold each): a document holds the
term if and only if it holds one of them, since each document's last two characters
are indexed too, followed by a space (its "tail"). When they are few, their documents
are read by key; when many begin with it, the word is common and the listing's order
is walked. One-character terms, and two-character ones on PostgreSQL outside the
grams' characters (`pg_trgm` has no such list), are found by walking the listing's
order until a page is full, which a common short word does at once and a rare one does
only after reading every article.
"""

import json
import logging
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable

from django.db import DatabaseError, connection, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.recorder import MigrationRecorder
from django.db.models import Q
from django.db.models.expressions import RawSQL

logger = logging.getLogger(__name__)

# The SQL below names its tables in full (constants, nothing from a request).
SQLITE_INDEX = "articles_api_search_trigrams"
POSTGRES_INDEX = "articles_api_document_search_trgm"  # migration 0004
SQLITE_TABLE = """
    CREATE VIRTUAL TABLE IF NOT EXISTS articles_api_search_trigrams USING fts5(
        search_text, content='articles_api_articledocument', content_rowid='page_id',
        tokenize='trigram', detail='none')"""
# Each document is indexed twice: its text under its page_id, and its last two
# characters and a space under -page_id (its "tail"). Every occurrence of a
# two-character word then begins a trigram of the index, the text's last one included,
# so the trigrams that begin with a word name every document holding it (through
# the vocabulary table below).
SQLITE_TRIGGERS = {
    "articles_api_search_trigrams_insert": """
        AFTER INSERT ON articles_api_articledocument BEGIN
            INSERT INTO articles_api_search_trigrams(rowid, search_text)
            VALUES (new.page_id, new.search_text);
            INSERT INTO articles_api_search_trigrams(rowid, search_text)
            VALUES (-new.page_id, substr(new.search_text, -2) || ' ');
        END""",
    "articles_api_search_trigrams_delete": """
        AFTER DELETE ON articles_api_articledocument BEGIN
            INSERT INTO articles_api_search_trigrams(
                articles_api_search_trigrams, rowid, search_text)
            VALUES ('delete', old.page_id, old.search_text);
            INSERT INTO articles_api_search_trigrams(
                articles_api_search_trigrams, rowid, search_text)
            VALUES ('delete', -old.page_id, substr(old.search_text, -2) || ' ');
        END""",
    "articles_api_search_trigrams_update": """
        AFTER UPDATE OF search_text ON articles_api_articledocument
        WHEN old.search_text IS NOT new.search_text BEGIN
            INSERT INTO articles_api_search_trigrams(
                articles_api_search_trigrams, rowid, search_text)
            VALUES ('delete', old.page_id, old.search_text);
            INSERT INTO articles_api_search_trigrams(
                articles_api_search_trigrams, rowid, search_text)
            VALUES ('delete', -old.page_id, substr(old.search_text, -2) || ' ');
            INSERT INTO articles_api_search_trigrams(rowid, search_text)
            VALUES (new.page_id, new.search_text);
            INSERT INTO articles_api_search_trigrams(rowid, search_text)
            VALUES (-new.page_id, substr(new.search_text, -2) || ' ');
        END""",
}
SQLITE_REBUILD = """
    INSERT INTO {table}({table}) VALUES ('rebuild')"""
# Merges the index's segments into one. Each write to the index adds a segment, which
# FTS5 merges with others only in part; a lookup reads every segment, and after a
# rebuild of 2,000 documents (18 segments) lookups took two to five times as long.
SQLITE_OPTIMIZE = """
    INSERT INTO {table}({table}) VALUES ('optimize')"""
# A step of an incremental merge of every segment into one (a negative page count
# merges segments of any level, as few as two): about this many pages of the index
# (4,050 bytes each) are written, then the step commits, so publishing, which writes to
# the same database, waits for one step at most.
SQLITE_MERGE_STEP = """
    INSERT INTO {table}({table}, rank) VALUES ('merge', %s)"""
MERGE_STEP_PAGES = 500
SQLITE_SEGMENTS = "SELECT count(DISTINCT segid) FROM {table}_idx"
# Publishing adds a segment a transaction (FTS5's automerge joins some of them); the
# worker merges them into one once there are more than this many.
SEGMENTS_KEPT = 4
SQLITE_TAILS = """
    INSERT INTO articles_api_search_trigrams(rowid, search_text)
    SELECT -page_id, substr(articles_api_articledocument.search_text, -2) || ' '
    FROM articles_api_articledocument"""
# The index's trigrams, in order, and how many documents hold each.
SQLITE_VOCABULARY = "articles_api_search_trigrams_vocabulary"
SQLITE_VOCABULARY_TABLE = """
    CREATE VIRTUAL TABLE IF NOT EXISTS articles_api_search_trigrams_vocabulary
    USING fts5vocab(articles_api_search_trigrams, 'row')"""
# The trigrams that begin with a two-character word, up to a limit.
SQLITE_BEGINNING_WITH = """
    SELECT term, doc FROM articles_api_search_trigrams_vocabulary
    WHERE term >= %s AND term <= %s LIMIT %s"""
# More trigrams than this begin with a two-character word, and it is common.
BEGINNINGS_KEPT = 64
# The index of the titles: a common word's title matches are looked up in it, where
# walking the listing's order tested every title of the language when few hold the
# word (the one cost of a search that grew with the corpus). Titles are short: no
# tails, so a two-character word is not looked up in it (its title matches are found
# by the walk).
SQLITE_TITLE_INDEX = "articles_api_search_title_trigrams"
SQLITE_TITLE_TABLE = """
    CREATE VIRTUAL TABLE IF NOT EXISTS articles_api_search_title_trigrams USING fts5(
        search_title, content='articles_api_articledocument', content_rowid='page_id',
        tokenize='trigram', detail='none')"""
SQLITE_TITLE_TRIGGERS = {
    "articles_api_search_title_trigrams_insert": """
        AFTER INSERT ON articles_api_articledocument BEGIN
            INSERT INTO articles_api_search_title_trigrams(rowid, search_title)
            VALUES (new.page_id, new.search_title);
        END""",
    "articles_api_search_title_trigrams_delete": """
        AFTER DELETE ON articles_api_articledocument BEGIN
            INSERT INTO articles_api_search_title_trigrams(
                articles_api_search_title_trigrams, rowid, search_title)
            VALUES ('delete', old.page_id, old.search_title);
        END""",
    "articles_api_search_title_trigrams_update": """
        AFTER UPDATE OF search_title ON articles_api_articledocument
        WHEN old.search_title IS NOT new.search_title BEGIN
            INSERT INTO articles_api_search_title_trigrams(
                articles_api_search_title_trigrams, rowid, search_title)
            VALUES ('delete', old.page_id, old.search_title);
            INSERT INTO articles_api_search_title_trigrams(rowid, search_title)
            VALUES (new.page_id, new.search_title);
        END""",
}
SQLITE_TITLE_MAY_HOLD = """
    SELECT rowid FROM articles_api_search_title_trigrams
    WHERE articles_api_search_title_trigrams MATCH %s LIMIT %s"""
# Both FTS5 tables, which the worker merges and a rebuild optimises.
SQLITE_INDEXES = (SQLITE_INDEX, SQLITE_TITLE_INDEX)
SQLITE_CANDIDATES = """
    SELECT rowid FROM articles_api_search_trigrams
    WHERE articles_api_search_trigrams MATCH %s"""
# The documents that may hold every trigram, up to a limit, of any site and locale:
# filtering them here would read each one's row, whose site and locale are stored
# after its text; the listing's query keeps those of the site and locales. (A tail's
# rowid is its document's, negated: a document may come twice.)
SQLITE_MAY_HOLD = """
    SELECT abs(rowid) FROM articles_api_search_trigrams
    WHERE articles_api_search_trigrams MATCH %s LIMIT %s"""
POSTGRES_FUNCTION = "articles_api_search_candidates"
# The articles of a site and locales whose text holds every pattern, at most `most`.
# The first pattern (the longest term's) is asked of the trigram index; the planner may
# not read the table instead (enable_seqscan), nor filter by site and locale first
# (OFFSET 0 keeps them out of the inner query), both of which it would prefer, not
# knowing that a LIKE on the text costs a read of compressed text out of line.
POSTGRES_MAY_HOLD_FUNCTION = """
    CREATE OR REPLACE FUNCTION articles_api_search_candidates(
        patterns text[], site integer, locales text[], most integer)
    RETURNS SETOF integer LANGUAGE sql STABLE
    SET enable_seqscan = off
    AS $$
        SELECT page_id FROM (
            SELECT page_id, site_id, locale FROM articles_api_articledocument
            WHERE search_text LIKE patterns[1] AND search_text LIKE ALL(patterns)
            OFFSET 0
        ) AS holding
        WHERE site_id = site AND locale = ANY(locales)
        LIMIT most
    $$"""
POSTGRES_MAY_HOLD = "SELECT articles_api_search_candidates(%s, %s, %s, %s)"
# At most this many articles are read by key; more, and the word is common enough that
# walking the listing's order fills a page first. Fewer on PostgreSQL, where `pg_trgm`
# reads the text of each article it names (a common word costs up to this many reads
# more than the walk alone); its grams read none, and keep the same number.
FEW = {"sqlite": 100, "postgresql": 40}
# At most this many titles the titles' index names are read by key; more, and the walk
# in listing order is kept, which finds them at once when they are many. At 2,000
# pages a common Russian word is in 98 titles: read by key, its page took 0.5 ms of
# SQLite's time, walked 0.06 ms, and its search 1.55 ms in all against 0.82, with
# SQLite's 2 MB page cache (most of the 0.5 ms was pages it did not keep); with the
# 16 MB the settings give it, 1.25 ms against 0.95.
FEW_TITLES = 20
# Words the index named many articles for are not asked about again for a while: a
# common word stays common, and asking cost a common word's search a tenth of its time.
# Should one become rare meanwhile, its search costs more for that while, never a
# missed article (the listing's order is walked, which finds every match).
COMMON_FOR_SECONDS = 300
COMMON_KEPT = 2048
_common: OrderedDict[Hashable, float] = OrderedDict()
_common_lock = threading.Lock()
# The characters whose runs the grams index covers: kana, CJK ideographs (extension A,
# unified, compatibility) and Hangul syllables, scripts whose words are searched as
# substrings and are mostly two or three characters long.
GRAM_CHARACTERS = r"\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"
_IN_GRAM_CHARACTERS = re.compile(f"[{GRAM_CHARACTERS}]+")
POSTGRES_GRAMS = "articles_api_search_grams"
# The distinct two- and three-character pieces of every run of GRAM_CHARACTERS in a
# text (a PL/pgSQL array is appended to in place; SQL's substr on each piece read the
# run from its start). COST tells the planner it is dear, so that it is read from the
# index, never computed per row to filter.
POSTGRES_GRAMS_FUNCTION = (
    """
    CREATE OR REPLACE FUNCTION articles_api_search_grams(content text)
    RETURNS text[] LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 10000
    AS $$
    DECLARE
        run text;
        c text[];
        n integer;
        grams text[] := '{}';
    BEGIN
        FOR run IN SELECT (regexp_matches(content, '["""
    + GRAM_CHARACTERS
    + """]{2,}', 'g'))[1] LOOP
            c := string_to_array(run, NULL);
            n := array_length(c, 1);
            FOR i IN 1 .. n - 1 LOOP
                grams := grams || (c[i] || c[i + 1]);
                IF i + 2 <= n THEN
                    grams := grams || (c[i] || c[i + 1] || c[i + 2]);
                END IF;
            END LOOP;
        END LOOP;
        RETURN ARRAY(SELECT DISTINCT unnest(grams));
    END
    $$"""
)
POSTGRES_GRAMS_INDEX = "articles_api_document_search_grams"
# fastupdate off: each write goes into the index at once, where GIN's pending list
# made every lookup read it (265 pages after a bulk import, until VACUUM).
POSTGRES_GRAMS_CREATE = """
    CREATE INDEX IF NOT EXISTS articles_api_document_search_grams
    ON articles_api_articledocument USING gin (articles_api_search_grams(search_text))
    WITH (fastupdate = off)"""
POSTGRES_GRAM_CANDIDATES = "articles_api_search_gram_candidates"
# The articles of a site and locales whose text holds every gram, at most `most`.
# PL/pgSQL keeps the plan between calls (planning was a tenth of a search's time);
# enable_seqscan as in the other function, though COST alone keeps the planner on
# the index: a scan would compute the grams of every text.
POSTGRES_GRAM_CANDIDATES_FUNCTION = """
    CREATE OR REPLACE FUNCTION articles_api_search_gram_candidates(
        grams text[], site integer, locales text[], most integer)
    RETURNS SETOF integer LANGUAGE plpgsql STABLE
    SET enable_seqscan = off
    AS $$
    BEGIN
        RETURN QUERY
            SELECT page_id FROM articles_api_articledocument
            WHERE articles_api_search_grams(search_text) @> grams
            AND site_id = site AND locale = ANY(locales)
            LIMIT most;
    END
    $$"""
POSTGRES_GRAMS_MAY_HOLD = "SELECT articles_api_search_gram_candidates(%s, %s, %s, %s)"
# The parts of the grams index, in the order they are created (each needs the one
# before), as (kind, name with its signature).
POSTGRES_GRAM_PARTS = {
    POSTGRES_GRAMS: ("FUNCTION", POSTGRES_GRAMS + "(text)"),
    POSTGRES_GRAMS_INDEX: ("INDEX", POSTGRES_GRAMS_INDEX),
    POSTGRES_GRAM_CANDIDATES: (
        "FUNCTION",
        POSTGRES_GRAM_CANDIDATES + "(text[], integer, text[], integer)",
    ),
}
POSTGRES_CREATE = """
    CREATE INDEX IF NOT EXISTS articles_api_document_search_trgm
    ON articles_api_articledocument USING gin (search_text gin_trgm_ops)"""


def trigrams(terms: list[str]) -> list[str]:
    return sorted({term[i : i + 3] for term in terms for i in range(len(term) - 2)})


def covering_trigrams(terms: list[str]) -> list[str]:
    """Trigrams that cover every character of each term, side by side and the last
    one overlapping (mesenchymal: mes, enc, hym, mal): a document holding a term holds
    them, and asking the index for them costs half of asking for every trigram, each
    costing a read of its list of documents."""
    pieces = set()
    for term in terms:
        if len(term) >= 3:
            starts = {*range(0, len(term) - 2, 3), len(term) - 3}
            pieces |= {term[i : i + 3] for i in starts}
    return sorted(pieces)


def might_contain_every(terms: list[str]) -> Q:
    """The documents the index allows to contain every term: a condition to add to
    `contains`, never to replace it. Empty where the database's own index serves
    `contains` (PostgreSQL) or no term is long enough to have a trigram."""
    if connection.vendor != "sqlite" or not trigrams(terms):
        return Q()
    # The MATCH expression is a parameter, never part of the SQL.
    return Q(
        page_id__in=RawSQL(SQLITE_CANDIDATES, [match_expression(terms)])  # noqa: S611
    )


def articles_that_may_hold(
    terms: list[str], *, site_id: int, locales: list[str]
) -> tuple[int, ...] | None:
    """The articles that the index says may hold every term, when there are few
    (`FEW`); None when there are more, or the index cannot tell (no term has a
    trigram). On SQLite a superset of the matches (trigrams only, any site and
    locale); on PostgreSQL of the site in `locales`, holding every term that
    `held_by_candidates` says they hold."""
    if connection.vendor == "sqlite":
        return _sqlite_may_hold(terms)
    if connection.vendor != "postgresql":
        return None
    if grams := gram_pieces(terms):
        question, asked_for = POSTGRES_GRAMS_MAY_HOLD, grams
    elif trigrams(terms):
        # The longest term first: the index is asked for its trigrams.
        question, asked_for = (
            POSTGRES_MAY_HOLD,
            [
                f"%{connection.ops.prep_for_like_query(term)}%"
                for term in sorted(terms, key=len, reverse=True)
            ],
        )
    else:
        return None
    few = FEW["postgresql"]

    def ask() -> tuple[int, ...] | None:
        with connection.cursor() as cursor:
            cursor.execute(question, [asked_for, site_id, locales, few + 1])
            found = tuple(page_id for (page_id,) in cursor.fetchall())
        return found if len(found) <= few else None

    known_as = (connection.alias, question, tuple(asked_for), site_id, tuple(locales))
    return _unless_common(known_as, ask)


def gram_pieces(terms: list[str]) -> list[str]:
    """What PostgreSQL's grams index is asked for: each term written in
    GRAM_CHARACTERS alone, itself when two or three characters long, else the
    trigrams that cover it. Empty when no term is such a word."""
    pieces: set[str] = set()
    for term in terms:
        if _is_gram_word(term):
            pieces |= {term} if len(term) <= 3 else set(covering_trigrams([term]))
    return sorted(pieces)


def _is_gram_word(term: str) -> bool:
    """Two characters or more, every one of GRAM_CHARACTERS."""
    return len(term) >= 2 and _IN_GRAM_CHARACTERS.fullmatch(term) is not None


def held_by_candidates(terms: list[str]) -> tuple[bool, ...]:
    """For each term, whether every article `articles_that_may_hold` names holds it,
    with no test of its text left: on SQLite a term its trigram answers alone
    (`answered_by_index`); on PostgreSQL, every term when the `pg_trgm` function
    tested them in the text, else a two- or three-character word of the grams."""
    if connection.vendor != "postgresql":
        return tuple(map(answered_by_index, terms))
    if not gram_pieces(terms):
        return (True,) * len(terms)
    return tuple(len(term) <= 3 and _is_gram_word(term) for term in terms)


def _sqlite_may_hold(terms: list[str]) -> tuple[int, ...] | None:
    """`articles_that_may_hold` on SQLite: every term of three characters or more
    by the trigrams that cover it; a two-character one by the trigrams that begin
    with it (any of them), when few documents hold them."""
    few = FEW["sqlite"]

    def ask() -> tuple[int, ...] | None:
        groups = list(map(_fts_string, covering_trigrams(terms)))
        with connection.cursor() as cursor:
            for term in sorted({term for term in terms if len(term) == 2}):
                beginnings = _trigrams_beginning_with(cursor, term)
                if not beginnings:
                    return ()  # no document holds it
                if (
                    sum(beginnings.values()) <= few
                    and len(beginnings) <= BEGINNINGS_KEPT
                ):
                    anyone = " OR ".join(map(_fts_string, sorted(beginnings)))
                    groups.append(f"({anyone})")
                # else: a common word, which the listing's order finds at once
            if not groups:
                return None
            limit = 2 * few + 2  # rows: a document and its tail may both be named
            cursor.execute(SQLITE_MAY_HOLD, [" AND ".join(groups), limit])
            rows = cursor.fetchall()
        found = tuple(sorted({page_id for (page_id,) in rows}))
        return found if len(rows) < limit and len(found) <= few else None

    return _unless_common((connection.alias, tuple(sorted(set(terms)))), ask)


def titles_that_may_hold(terms: list[str]) -> tuple[int, ...] | None:
    """On SQLite, the articles whose title the title index says may hold every term
    of three characters or more (of any site and locale: a superset of the title
    matches), when there are few (`FEW_TITLES`); None when there are more, on
    PostgreSQL, or when no term has a trigram (shorter terms are left to the title
    test)."""
    if connection.vendor != "sqlite" or not trigrams(terms):
        return None

    def ask() -> tuple[int, ...] | None:
        with connection.cursor() as cursor:
            cursor.execute(
                SQLITE_TITLE_MAY_HOLD, [match_expression(terms), FEW_TITLES + 1]
            )
            found = tuple(sorted(page_id for (page_id,) in cursor.fetchall()))
        return found if len(found) <= FEW_TITLES else None

    known_as = ("titles", connection.alias, tuple(sorted(set(terms))))
    return _unless_common(known_as, ask)


def _trigrams_beginning_with(cursor, term: str) -> dict[str, int]:
    """The index's trigrams that begin with `term`, and how many documents (tails
    included) hold each; more than BEGINNINGS_KEPT of them are not all read."""
    cursor.execute(
        SQLITE_BEGINNING_WITH, [term, term + chr(0x10FFFF), BEGINNINGS_KEPT + 1]
    )
    return dict(cursor.fetchall())


def _fts_string(piece: str) -> str:
    """A piece of text as an FTS5 string: quoted, a quote inside doubled."""
    return '"' + piece.replace('"', '""') + '"'


def _unless_common(
    key: Hashable, ask: Callable[[], tuple[int, ...] | None]
) -> tuple[int, ...] | None:
    """What `ask` answers (the few articles an index names, or None for too many),
    without asking when `key` was answered None in the last COMMON_FOR_SECONDS: a
    common word stays common for minutes, and asking the index again costs as much
    as the listing's walk that finds its matches at once."""
    if _known_common(key):
        return None
    found = ask()
    if found is None:
        _remember_common(key)
    return found


def _known_common(key: Hashable) -> bool:
    with _common_lock:
        until = _common.get(key)
        if until is None:
            return False
        if until < time.monotonic():
            del _common[key]
            return False
        return True


def _remember_common(key: Hashable) -> None:
    with _common_lock:
        _common[key] = time.monotonic() + COMMON_FOR_SECONDS
        _common.move_to_end(key)
        while len(_common) > COMMON_KEPT:
            _common.popitem(last=False)


def forget_common_words() -> None:
    with _common_lock:
        _common.clear()


def asked_before_titles(terms: list[str]) -> bool:
    """Whether asking the index costs less than reading the title matches: SQLite's
    FTS5 and PostgreSQL's grams read no text; `pg_trgm` reads each article's."""
    return connection.vendor == "sqlite" or bool(gram_pieces(terms))


AMONG_SQL = {
    "sqlite": "SELECT value FROM json_each(%s)",
    "postgresql": "SELECT unnest(%s::integer[])",
}


def among_parameter(page_ids: tuple[int, ...]) -> str | list[int]:
    """`page_ids` as one parameter of `among`, whatever their number, so that one
    statement serves every search of a shape."""
    if connection.vendor == "sqlite":
        return json.dumps(list(page_ids))
    return list(page_ids)


def among(page_ids: tuple[int, ...]) -> Q:
    """Only the documents of `page_ids`."""
    # The SQL is a constant per database; the ids are one parameter.
    return Q(
        page_id__in=RawSQL(  # noqa: S611
            AMONG_SQL[connection.vendor], [among_parameter(page_ids)]
        )
    )


def answered_by_index(term: str) -> bool:
    """Whether the SQLite index alone tells which documents hold `term`: it has one
    trigram (three characters), and no character with a case, which FTS5 folds
    where `contains` would not (干细胞 and 幹細胞 are; "knee" and клетки are not)."""
    return (
        connection.vendor == "sqlite"
        and len(term) == 3
        and term.lower() == term.upper()
    )


def match_expression(terms: list[str]) -> str:
    """The FTS5 query for documents holding the covering trigrams of the terms: each
    quoted as an FTS5 string (a quote inside is doubled), all required (detail=none
    answers which documents hold each one)."""
    return " AND ".join(map(_fts_string, covering_trigrams(terms)))


def sqlite_index_missing(conn: BaseDatabaseWrapper) -> list[str]:
    """The parts of the SQLite index (tables, vocabulary, triggers) the database lacks
    or holds in an older form: a change to the documents table that SQLite makes by
    copying the table drops its triggers, and a stale index would hide articles from
    search."""
    with conn.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE name LIKE %s OR name LIKE %s",
            [SQLITE_INDEX + "%", SQLITE_TITLE_INDEX + "%"],
        )
        present = dict(cursor.fetchall())
    expected = {
        name: f"CREATE TRIGGER {name}{body}"
        for name, body in (SQLITE_TRIGGERS | SQLITE_TITLE_TRIGGERS).items()
    }
    parts = [SQLITE_INDEX, SQLITE_VOCABULARY, *SQLITE_TRIGGERS]
    parts += [SQLITE_TITLE_INDEX, *SQLITE_TITLE_TRIGGERS]
    return [
        name
        for name in parts
        if name not in present
        or (name in expected and present[name].split() != expected[name].split())
    ]


# The migration that added each part of the SQLite index: before it has run, the part
# is not missing (`migrate` checks before it migrates).
SQLITE_PART_MIGRATION = dict.fromkeys(
    [SQLITE_TITLE_INDEX, *SQLITE_TITLE_TRIGGERS], "0012_search_title_index"
)


def search_index_missing(alias: str) -> list[str]:
    """What of the index a migrated database lacks (nothing before the migration
    that creates it has run: `migrate` checks before it migrates)."""
    conn = connections[alias]
    recorder = MigrationRecorder(conn)
    if conn.vendor not in ("sqlite", "postgresql") or not recorder.has_table():
        return []
    applied = recorder.applied_migrations()
    if ("articles_api", "0009_search_trigram_index") not in applied:
        return []
    if conn.vendor == "sqlite":
        since = SQLITE_PART_MIGRATION
        return [
            name
            for name in sqlite_index_missing(conn)
            if ("articles_api", since.get(name, "0009_search_trigram_index")) in applied
        ]
    missing = [POSTGRES_INDEX] if _postgres_index_missing(conn) else []
    if ("articles_api", "0010_search_candidates") in applied:
        missing += [POSTGRES_FUNCTION] if _postgres_function_missing(conn) else []
    if ("articles_api", "0013_search_grams") in applied:
        missing += postgres_gram_parts_missing(conn)
    return missing


def ensure_search_index(conn: BaseDatabaseWrapper = connection) -> bool:
    """Create whatever part of the index is missing, and fill it from the stored text
    when anything was; idempotent. True when something was created."""
    if conn.vendor == "sqlite":
        missing = set(sqlite_index_missing(conn))
        if not missing:
            return False
        text_parts = {SQLITE_INDEX, *SQLITE_TRIGGERS}
        title_parts = {SQLITE_TITLE_INDEX, *SQLITE_TITLE_TRIGGERS}
        with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
            cursor.execute(SQLITE_TABLE)
            cursor.execute(SQLITE_VOCABULARY_TABLE)
            cursor.execute(SQLITE_TITLE_TABLE)
            # Each index is filled again only when a part of its own was missing:
            # the text's takes minutes at 20,000 pages, the titles' a second.
            if missing & text_parts:
                _replace_triggers(cursor, SQLITE_TRIGGERS)
                _rebuild_text_index(cursor)
            if missing & title_parts:
                _replace_triggers(cursor, SQLITE_TITLE_TRIGGERS)
                _rebuild_title_index(cursor)
        return True
    if conn.vendor != "postgresql":
        return False
    created = False
    if _postgres_function_missing(conn):
        with conn.cursor() as cursor:
            cursor.execute(POSTGRES_MAY_HOLD_FUNCTION)
        created = True
    if postgres_gram_parts_missing(conn):
        with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
            # In this order: the index needs the function it indexes, the
            # candidates' function names both.
            cursor.execute(POSTGRES_GRAMS_FUNCTION)
            cursor.execute(POSTGRES_GRAMS_CREATE)
            cursor.execute(POSTGRES_GRAM_CANDIDATES_FUNCTION)
        created = True
    if _postgres_index_missing(conn):
        try:
            with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
                # A trusted extension: the database's owner may create it.
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
                cursor.execute(POSTGRES_CREATE)
        except DatabaseError as error:
            logger.warning(
                "No trigram index for search (pg_trgm unavailable: %s). Search "
                "works, more slowly for rare words.",
                error,
            )
            return created
        created = True
    return created


def _replace_triggers(cursor, triggers: dict[str, str]) -> None:
    for name, body in triggers.items():
        cursor.execute("DROP TRIGGER IF EXISTS " + name)
        cursor.execute("CREATE TRIGGER " + name + body)


def rebuild_sqlite_index(cursor) -> None:
    """Index every document's text again, and its tail, and every title, each index
    in one segment."""
    _rebuild_text_index(cursor)
    _rebuild_title_index(cursor)


def _rebuild_text_index(cursor) -> None:
    # 'rebuild' reads the documents' text alone: the tails are added after it.
    cursor.execute(SQLITE_REBUILD.format(table=SQLITE_INDEX))
    cursor.execute(SQLITE_TAILS)
    cursor.execute(SQLITE_OPTIMIZE.format(table=SQLITE_INDEX))


def _rebuild_title_index(cursor) -> None:
    cursor.execute(SQLITE_REBUILD.format(table=SQLITE_TITLE_INDEX))
    cursor.execute(SQLITE_OPTIMIZE.format(table=SQLITE_TITLE_INDEX))


def optimize_search_index(conn: BaseDatabaseWrapper = connection) -> None:
    """After many documents were written (a rebuild of them all), the SQLite indexes
    merged into one segment each, which a lookup reads faster than many. Nothing to do
    on PostgreSQL, whose GIN index is kept merged by VACUUM."""
    if conn.vendor == "sqlite":
        with conn.cursor() as cursor:
            for table in SQLITE_INDEXES:
                cursor.execute(SQLITE_OPTIMIZE.format(table=table))


def search_index_segments(
    conn: BaseDatabaseWrapper = connection, table: str = SQLITE_INDEX
) -> int | None:
    """How many segments an SQLite index (the text's by default) is in; None on
    PostgreSQL."""
    if conn.vendor != "sqlite":
        return None
    with conn.cursor() as cursor:
        cursor.execute(SQLITE_SEGMENTS.format(table=table))
        return cursor.fetchone()[0]


def merge_search_index(
    conn: BaseDatabaseWrapper = connection, *, above: int = SEGMENTS_KEPT
) -> int:
    """Merge each SQLite index (the text's, the titles') into one segment when it is
    in more than `above`, a step at a time, each step its own transaction (`optimize`
    would hold the database's write lock for the whole rewrite, about 3 s at 20,000
    pages). Returns the steps taken. The worker runs it periodically
    (`api.periodic`): each publish adds a segment, and a lookup reads every one."""
    if conn.vendor != "sqlite":
        return 0
    steps = 0
    for table in SQLITE_INDEXES:
        if search_index_segments(conn, table) > max(above, 1):
            steps += _merge(conn, table)
    return steps


def _merge(conn: BaseDatabaseWrapper, table: str) -> int:
    steps = 0
    while True:
        conn.ensure_connection()
        before = conn.connection.total_changes
        with transaction.atomic(using=conn.alias), conn.cursor() as cursor:
            cursor.execute(SQLITE_MERGE_STEP.format(table=table), [-MERGE_STEP_PAGES])
        steps += 1
        # FTS5 writes at least two rows when a step merged anything.
        if conn.connection.total_changes - before < 2:
            return steps


def _postgres_function_missing(conn: BaseDatabaseWrapper) -> bool:
    return _postgres_lacks(
        conn, "FUNCTION", POSTGRES_FUNCTION + "(text[], integer, text[], integer)"
    )


def _postgres_index_missing(conn: BaseDatabaseWrapper) -> bool:
    return _postgres_lacks(conn, "INDEX", POSTGRES_INDEX)


def postgres_gram_parts_missing(conn: BaseDatabaseWrapper) -> list[str]:
    """The parts of PostgreSQL's grams index (function, index, candidates' function)
    the database lacks."""
    return [
        part
        for part, (kind, name) in POSTGRES_GRAM_PARTS.items()
        if _postgres_lacks(conn, kind, name)
    ]


# What names a function (with its signature) or an index, NULL when there is none.
_POSTGRES_FINDERS = {
    "FUNCTION": "SELECT to_regprocedure(%s)",
    "INDEX": "SELECT to_regclass(%s)",
}


def _postgres_lacks(conn: BaseDatabaseWrapper, kind: str, name: str) -> bool:
    with conn.cursor() as cursor:
        cursor.execute(_POSTGRES_FINDERS[kind], [name])
        return cursor.fetchone()[0] is None


def drop_postgres_grams(conn: BaseDatabaseWrapper) -> None:
    if conn.vendor == "postgresql":
        with conn.cursor() as cursor:
            # The reverse of their creation: each needs the one before it.
            for kind, name in reversed(POSTGRES_GRAM_PARTS.values()):
                cursor.execute(f"DROP {kind} IF EXISTS {name}")


def drop_sqlite_search_index(conn: BaseDatabaseWrapper) -> None:
    drop_sqlite_title_index(conn)
    if conn.vendor == "sqlite":
        with conn.cursor() as cursor:
            for name in SQLITE_TRIGGERS:
                cursor.execute("DROP TRIGGER IF EXISTS " + name)
            for table in [SQLITE_VOCABULARY, SQLITE_INDEX]:
                cursor.execute("DROP TABLE IF EXISTS " + table)


def drop_sqlite_title_index(conn: BaseDatabaseWrapper) -> None:
    if conn.vendor == "sqlite":
        with conn.cursor() as cursor:
            for name in SQLITE_TITLE_TRIGGERS:
                cursor.execute("DROP TRIGGER IF EXISTS " + name)
            cursor.execute("DROP TABLE IF EXISTS " + SQLITE_TITLE_INDEX)
