"""Reads of the delivery read model. Views call these; they never build filters."""

from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import quote, unquote

from django.apps import apps
from django.db.models import (
    BinaryField,
    Case,
    Count,
    DateTimeField,
    Exists,
    F,
    Func,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.lookups import Contains
from wagtail.models import Page, Site

from articles.locales import content_language_codes, fallback_chain
from articles.models import ArticlePage, Topic

from . import statements
from .documents import normalise_for_search
from .models import ArticleDocument, ArticleDocumentTopic, ArticleTombstone
from .pagination import after, make_cursor, order_by, read_cursor
from .params import has_control_characters
from .search_index import (
    among,
    among_parameter,
    answered_by_index,
    articles_that_may_hold,
    asked_before_titles,
    held_by_candidates,
    match_expression,
    might_contain_every,
    titles_that_may_hold,
)

# (field, direction, kind) ending with a unique field, per public ordering.
ORDERING_KEYS = {
    "-first_published_at": [
        ("first_published_at", "desc", "datetime"),
        ("page_id", "desc", "int"),
    ],
    "first_published_at": [
        ("first_published_at", "asc", "datetime"),
        ("page_id", "asc", "int"),
    ],
    "title": [("title", "asc", "str"), ("page_id", "asc", "int")],
    "-last_reviewed": [("reviewed_sort", "desc", "date"), ("page_id", "desc", "int")],
}
RELEVANCE_KEY = ("relevance", "asc", "int")
# A search's title matches (relevance 0) and other matches (1) read together: only
# where the search index named the few articles that may match.
BOTH = "both"


def search_terms(query: str) -> list[str]:
    return normalise_for_search(query).split()[:10]


class Unindexed(Func):
    """A column the database does not look up through an index (SQLite's unary +):
    where a few documents are read by key, walking the locale's index costs more."""

    template = "%(expressions)s"

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler, connection, template="+%(expressions)s", **extra_context
        )


class Holds(Contains):
    """`contains`: the text holds the term. On SQLite as INSTR, which compares bytes
    where LIKE decodes and compares a character at a time: about two thirds of the
    work for a Chinese or an Arabic word. (The text and the terms are
    both case-folded, `normalise_for_search`, so INSTR's exact comparison and LIKE's
    ASCII case folding are the same test.)"""

    def as_sqlite(self, compiler, connection, **extra_context):
        lhs_sql, params = self.process_lhs(compiler, connection)
        return f"INSTR({lhs_sql}, %s) > 0", [*params, self.rhs]


class HoldsAscii(Contains):
    """`Holds` for a term in ASCII, whose place SQLite's LIKE finds faster than INSTR
    (it skips to each occurrence of the first letter), with the pattern behind
    SQLite's unary + so that the statement is planned once: a bare parameter on the
    right of LIKE marks a prepared statement to be planned again each time it is
    bound (for the prefix optimisation, which a pattern starting with % never gets),
    about 0.15 million instructions a read."""

    def get_rhs_op(self, connection, rhs):
        if connection.vendor == "sqlite":
            rhs = f"+{rhs}"
        return super().get_rhs_op(connection, rhs)


class _AsStrposOnPostgres:
    """On PostgreSQL as strpos(...) > 0, whose share of rows the planner takes to be
    a third, where it took a LIKE '%word%' to match almost none: then, for a common
    word, it read every article of the language and sorted them (5.4 ms for 250
    Chinese ones) rather than walk the listing's order until a page was full
    (0.7 ms). The same test: both compare the case-folded text exactly."""

    def as_postgresql(self, compiler, connection, **extra_context):
        lhs_sql, params = self.process_lhs(compiler, connection)
        return f"strpos({lhs_sql}, %s) > 0", [*params, self.rhs]


class WalkedHolds(_AsStrposOnPostgres, Holds):
    pass


class WalkedHoldsAscii(_AsStrposOnPostgres, HoldsAscii):
    pass


class _Utf8BytesField(BinaryField):
    def get_db_converters(self, connection):
        # SQLite hands the cast's bytes over as they are: no step per row.
        if connection.vendor == "sqlite":
            return super().get_db_converters(connection)
        return [*super().get_db_converters(connection), self.utf8]

    @staticmethod
    def utf8(value, expression, connection):
        return value.encode() if isinstance(value, str) else value


class Utf8Bytes(Func):
    """A text column as its UTF-8 bytes: a listing splices the stored JSON into its
    body as bytes. On SQLite without decoding it into a string and encoding it back
    (for a page of Chinese or Arabic, that was a quarter of its time); on PostgreSQL,
    whose driver receives bytes in hexadecimal (twice their size, decoded again), the
    text is read and encoded."""

    template = "%(expressions)s"
    output_field = _Utf8BytesField()

    def as_sqlite(self, compiler, connection, **extra_context):
        # Text is stored as UTF-8: the cast hands its bytes over as they are.
        return super().as_sql(
            compiler,
            connection,
            template="CAST(%(expressions)s AS BLOB)",
            **extra_context,
        )


def locale_chain(locale: str, with_fallback: bool) -> list[str]:
    """The locales a listing of `locale` reads, in order of preference."""
    return [locale, *fallback_chain(locale)] if with_fallback else [locale]


def listing_arms(
    *,
    site_id: int,
    locale: str,
    with_fallback: bool = False,
    topic: str | None = None,
    reviewed_after: date | None = None,
    review_status: str | None = None,
    by_key: bool = False,
) -> list[QuerySet[ArticleDocument]]:
    """Live articles of `locale` on a site, as one queryset per locale they come from:
    `locale` itself and, with `with_fallback`, each locale of its fallback chain,
    keeping the articles that have no version in the locales before it.

    Listing reads the arms together (UNION ALL, in the listing's order), so the
    database walks each locale's ordering index and stops once a page is full; one
    condition over every locale at once would sort them all. With `by_key`, the caller
    narrows the arms to a few documents by key, which the database then reads by key
    and sorts, instead of walking the locale's index."""
    chain = locale_chain(locale, with_fallback)
    arms = []
    for i, code in enumerate(chain):
        if by_key:
            documents = ArticleDocument.objects.alias(
                in_site=Unindexed("site_id"), in_locale=Unindexed("locale")
            ).filter(in_site=site_id, in_locale=code)
        else:
            documents = ArticleDocument.objects.filter(site_id=site_id, locale=code)
        if i:
            documents = documents.exclude(
                Exists(
                    ArticleDocument.objects.filter(
                        site_id=site_id,
                        translation_key=OuterRef("translation_key"),
                        locale__in=chain[:i],
                    )
                )
            )
        if topic:
            documents = documents.filter(
                Exists(
                    ArticleDocumentTopic.objects.filter(
                        document=OuterRef("pk"), slug=topic
                    )
                )
            )
        if reviewed_after:
            documents = documents.filter(reviewed_sort__gt=reviewed_after)
        if review_status:
            documents = documents.filter(review_status=review_status)
        arms.append(documents)
    return arms


def ordering_keys(
    ordering: str | None, *, searching: bool
) -> list[tuple[str, str, str]]:
    keys = ORDERING_KEYS[ordering or "-first_published_at"]
    return [RELEVANCE_KEY, *keys] if searching else keys


def contains_every(
    field: str, terms: list[tuple[str, bool]], *, walked: bool = False
) -> Q:
    """The documents whose `field` holds every term, given as (term, in ASCII);
    `walked` when the documents are read in the listing's order until a page is full
    (a common word's), not by key."""
    holds, holds_ascii = (
        (WalkedHolds, WalkedHoldsAscii) if walked else (Holds, HoldsAscii)
    )
    condition = Q()
    for term, ascii in terms:
        condition &= Q((holds_ascii if ascii else holds)(F(field), term))
    return condition


@dataclass
class ListingPage:
    # The columns a listing reads (`_read_listing`), as attributes: `listing` is the
    # stored listing JSON as UTF-8 bytes, `built` when the document was built.
    items: list[statements.Row]
    next_cursor: str | None
    last_modified: datetime | None


def article_listing_page(
    *,
    site_id: int,
    locale: str,
    with_fallback: bool,
    topic: str | None,
    search: str,
    reviewed_after: date | None,
    ordering: str | None,
    review_status: str | None = None,
    page_size: int,
    cursor: str | None,
) -> ListingPage:
    """One page of a listing, after `cursor` when given. The cursor is scoped to the
    query, so one from another locale, ordering or search is refused.

    A search lists the articles whose title has every word first (relevance 0), then
    the others (relevance 1). When the search index names few articles that may hold
    the words, only those are read, both groups at once: a rare word costs the same
    whatever the number of articles. Otherwise (a common word) each group is read on
    its own, in the listing's order, so the database walks its ordering index and
    stops once the page is full, which the other matches of a common word do at once;
    its title matches, when the titles' index (SQLite) names few titles that may hold
    it, are read by key, as without it every title of the language would be tested."""
    terms = search_terms(search)
    keys = ordering_keys(ordering, searching=bool(terms))
    scope = "|".join([locale, ordering or "", " ".join(terms), str(with_fallback)])
    position = read_cursor(cursor, keys, scope) if cursor else None
    groups: list[int | str | None] = [0, 1] if terms else [None]
    chain = locale_chain(locale, with_fallback)
    candidates: tuple[int, ...] | None = None
    asked = False
    page: list[statements.Row] = []
    for relevance in groups:
        group_keys, group_position = keys, position
        if relevance is not None:
            group_keys = keys[1:]
            if position is not None:
                if relevance < position[0]:
                    continue  # the cursor is past this group
                group_position = position[1:] if relevance == position[0] else None
            if not asked and (relevance == 1 or asked_before_titles(terms)):
                asked = True
                candidates = articles_that_may_hold(
                    terms, site_id=site_id, locales=chain
                )
                if candidates == ():
                    break  # no article holds every word
                if candidates is not None and relevance == 0:
                    # The few named articles: both groups in one read, in order.
                    relevance, group_keys, group_position = BOTH, keys, position
        group_among = candidates
        if relevance == 0 and candidates is None:
            # A common word: its title matches, when few, from the titles' index.
            group_among = titles_that_may_hold(terms)
            if group_among == ():
                continue  # no title holds every word
        read = _read_listing(
            {
                "site_id": site_id,
                "locale": locale,
                "with_fallback": with_fallback,
                "topic": topic or None,
                "reviewed_after": reviewed_after,
                "review_status": review_status,
                **term_inputs(terms, named=candidates is not None),
                "relevance": relevance,
                "among": group_among,
                "keys": tuple(group_keys),
                "limit": page_size + 1 - len(page),
                **_after_values(group_position),
            }
        )
        if relevance != BOTH:  # (a read of both groups says which each is in)
            for item in read:
                item.relevance = relevance  # for the cursor
        page += read
        if len(page) > page_size or relevance == BOTH:
            break
    next_cursor = None
    if len(page) > page_size:
        page = page[:page_size]
        next_cursor = make_cursor(page[-1], keys, scope)
    return ListingPage(
        items=page,
        next_cursor=next_cursor,
        last_modified=statements.latest(page, "built"),
    )


# The inputs of one group of a listing that vary between requests of the same shape,
# by kind (`api.statements`); the others (locale, ordering, page size...) shape it.
LISTING_INPUTS = {
    "site_id": statements.INT,
    "topic": statements.STR,
    "reviewed_after": statements.DATE,
    "terms": statements.STRS,
    "among": statements.IDS,
}
# The inputs that shape a group's SQL (with the ordering and which inputs are absent).
SHAPING_INPUTS = (
    "locale",
    "with_fallback",
    "review_status",
    "relevance",
    "limit",
    "by_index",
    "ascii",
)
_listings = statements.Statements()


def term_inputs(terms: list[str], *, named: bool) -> dict:
    """A search's terms as inputs of `listing_group`, with what shapes its tests of
    them: whether the index answers each alone (among the articles it `named`, or
    in the walk of the listing's order), whether each is in ASCII."""
    answered = held_by_candidates(terms) if named else map(answered_by_index, terms)
    return {
        "terms": terms,
        "by_index": tuple(answered),
        "ascii": tuple(term.isascii() for term in terms),
    }


def _after_values(position: list | None) -> dict:
    """A cursor's position as inputs after0, after1...; absent without a cursor."""
    return {f"after{i}": value for i, value in enumerate(position or [])}


def listing_group(inputs: statements.Values) -> QuerySet:
    """One group of a listing page (all of it, or a search's title matches or other
    matches), in the listing's order, after the cursor's position when there is one:
    the query of `article_listing_page`, from its inputs."""
    candidates = inputs.get("among")
    arms = listing_arms(
        site_id=inputs["site_id"],
        locale=inputs["locale"],
        with_fallback=inputs["with_fallback"],
        topic=inputs["topic"],
        reviewed_after=inputs["reviewed_after"],
        review_status=inputs["review_status"],
        by_key=candidates is not None,
    )
    terms, relevance, keys = inputs["terms"], inputs["relevance"], inputs["keys"]
    if candidates is not None:
        # The few articles the index names, read by key.
        arms = [arm.filter(among(candidates)) for arm in arms]
    if relevance is not None:
        # The search text starts with the title: a title match needs no other test,
        # and reads only the short title of the articles it passes over.
        tests = list(zip(terms, inputs["ascii"], strict=True))
        in_title = contains_every("search_title", tests)
        # A term the index answers alone is not looked for in the text again:
        # reading the text was most of a search's time.
        unanswered = [
            test
            for test, by_index in zip(tests, inputs["by_index"], strict=True)
            if not by_index
        ]
        in_text = contains_every("search_text", unanswered, walked=candidates is None)
        if candidates is None:
            in_text &= might_contain_every(terms)
        if relevance == 0:
            arms = [arm.filter(in_title) for arm in arms]
        elif relevance == 1:
            arms = [arm.filter(in_text).exclude(in_title) for arm in arms]
        else:  # BOTH: the title matches first
            title_first = Case(
                When(in_title, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
            # (An empty in_text matches every named article: `in_title | Q()`
            # would be in_title alone.)
            matching = (in_title | in_text) if in_text else Q()
            arms = [
                arm.annotate(relevance=title_first).filter(matching) for arm in arms
            ]
    if inputs.get("after0") is not None:
        position = [inputs[f"after{i}"] for i in range(len(keys))]
        arms = [after(arm, list(keys), position) for arm in arms]
    if candidates is not None and len(arms) == 1:
        # The page's documents chosen by their keys alone, then read: sorting the
        # named documents with their listing JSON (kilobytes each) was a quarter of
        # the read's work. (With a fallback's several arms, the choice would need
        # the keys beside each page_id, which a subquery of `IN` cannot select.)
        chosen = arms[0].order_by(*order_by(list(keys))).values("page_id")
        arms = [ArticleDocument.objects.filter(page_id__in=chosen[: inputs["limit"]])]
        if relevance == BOTH:
            arms = [arms[0].annotate(relevance=title_first)]
        limit = None  # (a LIMIT beside ORDER BY made SQLite sort in a B-tree)
    else:
        limit = inputs["limit"]
    # Plain rows, not model instances: a page is only spliced from stored JSON, and
    # building 20 instances through a deferred-field mask cost more than the query.
    # When each was built is read as an expression: sqlite3 does not parse it then
    # (the page needs the latest of them alone, and a date as stored sorts as it).
    columns = ["page_id", "locale"]
    columns += [field for field, _d, _k in keys if field not in columns]
    built = Unindexed("built_at", output_field=DateTimeField())
    listing = Utf8Bytes("listing_json")
    first, *others = [
        arm.values(*columns, listing=listing, built=built) for arm in arms
    ]
    rows = first.union(*others, all=True) if others else first
    return rows.order_by(*order_by(list(keys)))[:limit]


def _read_listing(inputs: dict) -> list[statements.Row]:
    """`listing_group`'s rows, through its SQL compiled once per shape."""
    keys = inputs["keys"]
    kinds = {
        **LISTING_INPUTS,
        **{f"after{i}": kind for i, (_f, _d, kind) in enumerate(keys)},
    }
    statement = _listings.statement(
        listing_group,
        kinds,
        inputs,
        structure=(keys, *(inputs[name] for name in SHAPING_INPUTS)),
        forms={
            "match": lambda v: match_expression(v["terms"]),
            "among": lambda v: among_parameter(v["among"]),
        },
        using=ArticleDocument.objects.db,
    )
    return statement.rows(inputs)


def normalise_page_path(raw: str) -> str:
    """A page path as documents store it (as Wagtail writes URLs): /-framed and
    percent-encoded, whether or not `raw` was (/zh-hans/%E5%B9%B2.../)."""
    path = quote(unquote(raw).strip("/"), safe="/")
    return f"/{path}/" if path else "/"


def locale_of_path(path: str) -> str | None:
    """The content locale a path's prefix names (/zh-hans/... gives zh-hans)."""
    prefix = path.strip("/").split("/", 1)[0].lower()
    return prefix if prefix in content_language_codes() else None


def article_at_path(*, site_id: int, path: str) -> ArticleDocument | None:
    """The live article a front end routed to by its URL path, language prefix
    included (Wagtail's find/?html_path= ignores the prefix). Found through the
    (slug, site) index: the last segment is the slug."""
    slug = unquote(path.strip("/").rsplit("/", 1)[-1])
    # No slug holds control characters, and PostgreSQL refuses NUL in a query.
    if not slug or has_control_characters(slug, allow_whitespace=False):
        return None
    return (
        ArticleDocument.objects.filter(site_id=site_id, slug=slug, path=path)
        .only("page_id", "locale", "listing_json", "built_at")
        .first()
    )


def moved_article(
    *, site_id: int, path: str = "", slug: str = ""
) -> ArticleDocument | None:
    """The live article an old URL now redirects to (Wagtail's redirects, which a
    renamed slug leaves behind), by its old path or by its old slug."""
    if not apps.is_installed("wagtail.contrib.redirects") or not (path or slug):
        return None
    from wagtail.contrib.redirects.models import Redirect

    redirects = Redirect.objects.filter(
        Q(site_id=site_id) | Q(site__isnull=True), redirect_page__isnull=False
    )
    if path:
        redirects = redirects.filter(old_path=Redirect.normalise_path(path))
    else:
        redirects = redirects.filter(old_path__endswith="/" + slug)
    page_id = redirects.values_list("redirect_page_id", flat=True).first()
    if page_id is None:
        return None
    return ArticleDocument.objects.filter(site_id=site_id, page_id=page_id).first()


def article_document(*, site_id: int, locale: str, slug: str) -> ArticleDocument | None:
    """The article with `slug` for a reader of `locale`: its version in `locale`, else
    the first along the fallback chain. The slug may be that of any of its versions
    (an old link, or a reader switching language)."""
    chain = [locale, *fallback_chain(locale)]
    rank = {code: i for i, code in enumerate(chain)}
    same_slug = sorted(
        ArticleDocument.objects.filter(site_id=site_id, slug=slug),
        key=lambda d: rank.get(d.locale, len(chain)),
    )
    if same_slug and same_slug[0].locale == locale:
        return same_slug[0]
    if same_slug:
        key = same_slug[0].translation_key
    else:
        # An old link to a version that is no longer live (unpublished, or a draft
        # translation): the article may still be readable along the chain.
        key = unpublished_version_key(site_id=site_id, slug=slug)
        if key is None:
            return None
    versions = ArticleDocument.objects.filter(
        site_id=site_id, translation_key=key, locale__in=chain
    )
    return min(versions, key=lambda d: rank[d.locale], default=None)


def unpublished_version_key(*, site_id: int, slug: str):
    """The translation key of an article with `slug` in any state, in the site's trees
    (a site's root page has one tree per locale)."""
    root_paths = Page.objects.filter(
        translation_key__in=Site.objects.filter(pk=site_id).values(
            "root_page__translation_key"
        )
    ).values_list("path", flat=True)
    in_site = Q()
    for path in root_paths:
        in_site |= Q(path__startswith=path)
    if not in_site:
        return None
    return (
        ArticlePage.objects.filter(in_site, slug=slug)
        .values_list("translation_key", flat=True)
        .first()
    )


@dataclass(frozen=True)
class TopicList:
    topics: list[dict]
    # The latest change that can show in the list: a topic saved, an article of the
    # locale built or removed. None for a locale with neither.
    last_modified: datetime | None


def topics_with_counts(*, site_id: int, locale: str) -> TopicList:
    counts = dict(
        ArticleDocumentTopic.objects.filter(
            document__site_id=site_id, document__locale=locale
        )
        .values_list("slug")
        .annotate(n=Count("document"))
        .values_list("slug", "n")
    )
    topics = list(Topic.objects.filter(locale__language_code=locale).order_by("name"))
    changed = [topic.last_changed for topic in topics]
    for rows, column in (
        (ArticleDocument.objects, "built_at"),
        (ArticleTombstone.objects, "removed_at"),
    ):
        changed.append(
            rows.filter(site_id=site_id, locale=locale).aggregate(latest=Max(column))[
                "latest"
            ]
        )
    return TopicList(
        topics=[
            {
                "slug": topic.slug,
                "name": topic.name,
                "description": topic.description,
                "article_count": counts.get(topic.slug, 0),
            }
            for topic in topics
        ],
        last_modified=max((when for when in changed if when), default=None),
    )
