"""A listing's SQL is compiled once per shape (`api.statements`): whatever the values
of a later request of the same shape, it reads exactly the rows the ORM's queryset
for that request reads."""

import itertools
from datetime import date, timedelta

import pytest
from django.utils import timezone
from wagtail.models import Site

from api import selectors, statements
from api.models import ArticleDocument
from api.selectors import listing_group, ordering_keys, term_inputs
from tests.factories import ArticlePageFactory, TopicFactory, publish, translate

pytestmark = pytest.mark.django_db

TITLES = [
    "Stem cells for the spine",
    "Cartilage 50% repair",
    "Knee_cartilage care",
    'The "quoted" disc',
    "Spine surgery recovery",
    "Nerve pain",
]


@pytest.fixture
def library(index_page, locales):
    """Six English articles, a day apart, two of a topic, some reviewed, three
    translated into Korean."""
    spine = TopicFactory(slug="spine-care")
    pages = []
    start = timezone.now() - timedelta(days=30)
    for i, title in enumerate(TITLES):
        page = ArticlePageFactory(
            parent=index_page,
            slug=f"s{i}",
            title=title,
            topics=[spine] if i % 3 == 0 else [],
            last_reviewed=date(2026, 1, 1) + timedelta(days=40 * i) if i % 2 else None,
        )
        page = publish(page)
        page.first_published_at = start + timedelta(days=i)
        page.save()
        pages.append(publish(page))
    for page in pages[::2]:
        translate(page, locales["ko"], slug=f"{page.slug}-ko", title=page.title)
    return pages


@pytest.fixture
def site_id(index_page) -> int:
    return Site.objects.get(is_default_site=True).pk


def rows_of_orm(inputs) -> list[dict]:
    return list(listing_group(inputs))


def rows_of_statement(inputs) -> list[dict]:
    return [row.as_dict() for row in selectors._read_listing(inputs)]


def inputs_for(site_id, **overrides) -> dict:
    inputs = {
        "site_id": site_id,
        "locale": "en",
        "with_fallback": False,
        "topic": None,
        "reviewed_after": None,
        "review_status": None,
        "terms": [],
        "relevance": None,
        "keys": tuple(ordering_keys(None, searching=False)),
        "limit": 21,
    }
    inputs |= overrides
    return inputs | term_inputs(inputs["terms"], named=inputs.get("among") is not None)


SHAPES = {
    "newest first": {},
    "by title": {"keys": tuple(ordering_keys("title", searching=False))},
    "oldest first, 2 a page": {
        "keys": tuple(ordering_keys("first_published_at", searching=False)),
        "limit": 3,
    },
    "last reviewed": {"keys": tuple(ordering_keys("-last_reviewed", searching=False))},
    "of a topic": {"topic": "spine-care"},
    "reviewed after": {"reviewed_after": date(2026, 3, 1)},
    "due for review": {"review_status": "overdue"},
    "Korean with fallback": {"locale": "ko", "with_fallback": True},
    "search, titles": {"terms": ["spine"], "relevance": 0},
    "search, others": {"terms": ["spine"], "relevance": 1},
    "search, two words": {"terms": ["cartilage", "repair"], "relevance": 0},
    "search, LIKE's wildcards": {"terms": ["50%"], "relevance": 0},
    "search, an underscore": {"terms": ["knee_cartilage"], "relevance": 0},
    "search, a quote": {"terms": ['"quoted"'], "relevance": 1},
    "search, short words": {"terms": ["of", "is"], "relevance": 1},
    "search, a word the index answers": {"terms": ["연골재"], "relevance": 1},
    "search, words the index answers and not": {
        "terms": ["연골재", "cartilage"],
        "relevance": 1,
    },
    "search, Korean with fallback": {
        "locale": "ko",
        "with_fallback": True,
        "terms": ["cartilage"],
        "relevance": 1,
    },
}


@pytest.mark.parametrize("shape", SHAPES.values(), ids=SHAPES.keys())
def test_a_compiled_listing_reads_what_the_orm_reads(library, site_id, shape):
    inputs = inputs_for(site_id, **shape)
    expected = rows_of_orm(inputs)
    assert rows_of_statement(inputs) == expected
    # Again, now from the compiled statement.
    assert rows_of_statement(inputs) == expected


@pytest.mark.parametrize("ordering", selectors.ORDERING_KEYS)
def test_every_cursor_position_reads_what_the_orm_reads(library, site_id, ordering):
    keys = tuple(ordering_keys(ordering, searching=False))
    everything = rows_of_orm(inputs_for(site_id, keys=keys))
    assert len(everything) == len(TITLES)
    for row in everything:
        position = {f"after{i}": row[field] for i, (field, _d, _k) in enumerate(keys)}
        inputs = inputs_for(site_id, keys=keys, limit=3, **position)
        assert rows_of_statement(inputs) == rows_of_orm(inputs)


def test_one_statement_serves_every_request_of_its_shape(library, site_id):
    selectors._listings.clear()
    words = ["spine", "cartilage", "nerve", "surgery", "care"]
    for word, topic in itertools.product(words, ["spine-care", "elsewhere"]):
        inputs = inputs_for(site_id, terms=[word], relevance=1, topic=topic, limit=2)
        assert rows_of_statement(inputs) == rows_of_orm(inputs)
    assert len(selectors._listings.entries) == 1


def test_documents_named_by_the_index_are_read_as_the_orm_reads_them(library, site_id):
    """Whatever their number, the named documents are one parameter of one
    statement per shape."""
    selectors._listings.clear()
    page_ids = list(ArticleDocument.objects.values_list("page_id", flat=True))
    searches = [
        {"terms": ["spine"], "relevance": 0},
        {"terms": ["spine"], "relevance": 1},
        {"locale": "ko", "with_fallback": True, "terms": ["cartilage"], "relevance": 1},
        {"terms": ["spine"], "relevance": selectors.BOTH, "keys": search_keys()},
        {
            "locale": "ko",
            "with_fallback": True,
            "terms": ["cartilage", "spine"],
            "relevance": selectors.BOTH,
            "keys": search_keys(),
        },
    ]
    for count, search in itertools.product([0, 1, 3, len(page_ids)], searches):
        inputs = inputs_for(site_id, among=tuple(page_ids[:count]), **search)
        assert rows_of_statement(inputs) == rows_of_orm(inputs)
    assert len(selectors._listings.entries) == len(searches)


def test_every_cursor_position_in_named_documents_reads_what_the_orm_reads(
    library, site_id
):
    """Title matches and other matches of the few named documents, read together,
    from any position of a cursor (which says which group it is in)."""
    named = tuple(ArticleDocument.objects.values_list("page_id", flat=True))
    shape = {"terms": ["s"], "relevance": selectors.BOTH, "keys": search_keys()}
    everything = rows_of_orm(inputs_for(site_id, among=named, **shape))
    assert {row["relevance"] for row in everything} == {0, 1}
    for row in everything:
        position = {
            f"after{i}": row[field] for i, (field, _d, _k) in enumerate(search_keys())
        }
        inputs = inputs_for(site_id, among=named, limit=2, **shape, **position)
        assert rows_of_statement(inputs) == rows_of_orm(inputs)


def search_keys() -> tuple:
    return tuple(ordering_keys(None, searching=True))


def test_rows_come_converted_as_the_orm_converts_them(library, site_id):
    (row,) = selectors._read_listing(inputs_for(site_id, limit=1))
    document = ArticleDocument.objects.get(page_id=row.page_id)
    assert row.built == document.built_at
    assert row.built.tzinfo is not None
    assert row.first_published_at == document.first_published_at


def test_the_latest_build_of_a_page_converts_one_date_at_most(library, site_id):
    rows = selectors._read_listing(inputs_for(site_id))
    built = {
        document.page_id: document.built_at
        for document in ArticleDocument.objects.filter(locale="en")
    }

    latest = statements.latest(rows, "built")

    assert latest == max(built.values())
    assert latest.tzinfo is not None
    assert sum("built" in vars(row) for row in rows) <= 1
    assert [row.built for row in rows] == [built[row.page_id] for row in rows]
    assert statements.latest([], "built") is None


def test_the_latest_build_is_found_among_fractions_of_a_second(library, site_id):
    """On PostgreSQL, the rows' dates are compared as the text it sends (fractions
    without their trailing zeros); on SQLite as the text it stores."""
    second = timezone.now().replace(microsecond=0) + timedelta(days=1)
    fractions = [250_000, 0, 500_000, 50_000, 0, 499_999]
    for page, microsecond in zip(library, fractions, strict=True):
        ArticleDocument.objects.filter(page_id=page.pk).update(
            built_at=second.replace(microsecond=microsecond)
        )
    rows = selectors._read_listing(inputs_for(site_id))
    assert statements.latest(rows, "built") == second.replace(microsecond=500_000)
    for page in library:  # whole seconds only, the newest without a fraction
        ArticleDocument.objects.filter(page_id=page.pk).update(built_at=second)
    ArticleDocument.objects.filter(page_id=library[3].pk).update(
        built_at=second + timedelta(seconds=1)
    )
    rows = selectors._read_listing(inputs_for(site_id))
    assert statements.latest(rows, "built") == second + timedelta(seconds=1)


def test_on_postgresql_dates_are_parsed_when_read(library, site_id):
    """PostgreSQL's dates (42 to a listing, parsed in Python by Django's loader) are
    received as text, and parsed as that loader parses them when first read."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's dates")
    rows = selectors._read_listing(inputs_for(site_id))
    built = rows[0].columns.index("built")
    assert all(isinstance(tuple.__getitem__(row, built), bytes) for row in rows)
    document = ArticleDocument.objects.get(page_id=rows[0].page_id)
    assert rows[0].built == document.built_at
    assert rows[0].built.utcoffset() == timedelta(0)
    assert isinstance(rows[0].locale, str)


def test_the_latest_build_over_rows_of_two_statements(library, site_id):
    newest = selectors._read_listing(inputs_for(site_id, limit=2))
    by_title = selectors._read_listing(inputs_for(site_id, **SHAPES["by title"]))
    assert type(newest[0]) is not type(by_title[0])
    rows = by_title + newest
    expected = max(
        ArticleDocument.objects.get(page_id=row.page_id).built_at for row in rows
    )
    assert statements.latest(rows, "built") == expected


def test_a_statement_knows_which_columns_sort_as_read(site_id):
    statement = statements.Statement.of(
        lambda inputs: ArticleDocument.objects.values("page_id", "built_at"),
        {},
        {},
    )
    assert "page_id" in statement.order_kept
    # Stored as text on SQLite, which sorts as the dates do; aware dates elsewhere.
    assert "built_at" in statement.order_kept


def test_a_parameter_that_does_not_follow_the_inputs_is_refused(site_id):
    def shouting(inputs):
        return ArticleDocument.objects.filter(locale=inputs["locale"] + "-GB")

    with pytest.raises(statements.StatementError):
        statements.Statement.of(shouting, {"locale": statements.STR}, {"locale": "en"})


def test_a_shape_whose_sql_changes_with_its_values_is_refused(site_id):
    def branching(inputs):
        documents = ArticleDocument.objects.all()
        return documents.filter(page_id__gt=0) if inputs["n"] % 2 else documents

    with pytest.raises(statements.StatementError):
        statements.Statement.of(branching, {"n": statements.INT}, {"n": 3})


def test_constants_of_a_shape_stay_in_it(site_id):
    def of_site_in_korean(inputs):
        return ArticleDocument.objects.filter(site_id=inputs["site"], locale="ko")

    statement = statements.Statement.of(
        of_site_in_korean, {"site": statements.INT}, {"site": site_id}
    )
    assert [
        source.value
        for source in statement.params
        if isinstance(source, statements._Constant)
    ] == ["ko"]


def test_the_statements_kept_are_bounded():
    kept = statements.Statements(size=2)
    for shape in "abc":
        kept.get(shape, lambda shape=shape: shape)
    assert list(kept.entries) == ["b", "c"]
    kept.get("b", lambda: pytest.fail("compiled again"))
    assert list(kept.entries) == ["c", "b"]


def test_on_sqlite_a_statement_names_its_parameters(library, site_id):
    """Django's SQLite cursor rewrites `%s` with a regular expression over the whole
    statement at each execution, named placeholders with `%` formatting: the
    statement is written with named ones, and reads what the ORM reads."""
    from django.db import connection

    def of_locale(inputs):
        return ArticleDocument.objects.filter(
            site_id=inputs["site"], locale=inputs["locale"], title__contains="%"
        ).values("page_id")

    kinds = {"site": statements.INT, "locale": statements.STR}
    statement = statements.Statement.of(of_locale, kinds, {"site": 1, "locale": "x"})
    values = {"site": site_id, "locale": "en"}
    assert sorted(statement.rows(values)) == sorted(
        (row["page_id"],) for row in of_locale(values)
    )
    if connection.vendor == "sqlite":
        assert statement.names == ("p0", "p1", "p2")
        assert "%s" not in statement.sql
    else:
        assert statement.names == ()


@pytest.mark.parametrize(
    ("sql", "count", "expected"),
    [
        ("a = %s AND b = %s", 2, ("a = %(p0)s AND b = %(p1)s", ("p0", "p1"))),
        # `%%s` is a literal `%s`, as Django's cursor reads it.
        ("a LIKE '%%s' AND b = %s", 1, ("a LIKE '%%s' AND b = %(p0)s", ("p0",))),
        # Placeholders that are not `count` plain ones: the SQL is left to Django.
        ("a = %s", 2, ("a = %s", ())),
        ("a = %s AND b = %s", 1, ("a = %s AND b = %s", ())),
        ("a = %(x)s AND b = %s", 1, ("a = %(x)s AND b = %s", ())),
    ],
)
def test_placeholders_are_named_as_django_reads_them(sql, count, expected):
    assert statements._named(sql, count) == expected
