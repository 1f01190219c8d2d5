"""GET /api/v1/articles/: live articles of one locale, filtered, ordered and paginated
with cursors that stay stable while articles are published."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.factories import ArticlePageFactory, TopicFactory, publish, translate

from .helpers import LIST_KEYS

pytestmark = pytest.mark.django_db


def listing(api, **params):
    response = api.get("/api/v1/articles/", params)
    assert response.status_code == 200, response.content
    return response.json()


def slugs(data) -> list[str]:
    return [item["slug"] for item in data["results"]]


@pytest.fixture
def make_articles(index_page):
    """n published articles, the first published first, one day apart."""

    def make(n, **fields):
        pages = []
        start = timezone.now() - timedelta(days=n)
        for i in range(n):
            page = publish(
                ArticlePageFactory(parent=index_page, slug=f"a{i:02}", **fields)
            )
            page.first_published_at = start + timedelta(days=i)
            page.save()
            pages.append(publish(page))
        return pages

    return make


def test_items_have_exactly_the_documented_keys(api, make_articles):
    make_articles(1)
    data = listing(api)
    assert set(data) == {"locale", "next", "results"}
    assert set(data["results"][0]) == LIST_KEYS


def test_newest_first_by_default_and_other_orderings(api, make_articles):
    make_articles(3)
    assert slugs(listing(api)) == ["a02", "a01", "a00"]
    assert slugs(listing(api, ordering="first_published_at")) == ["a00", "a01", "a02"]
    assert slugs(listing(api, ordering="title")) == ["a00", "a01", "a02"]


def test_ordering_by_last_reviewed_puts_unreviewed_last(api, make_articles, index_page):
    old, new, never = make_articles(3)
    for page, reviewed in [
        (old, date(2025, 1, 1)),
        (new, date(2026, 6, 1)),
        (never, None),
    ]:
        page.last_reviewed = reviewed
        page.next_review_due = None
        publish(page)
    assert slugs(listing(api, ordering="-last_reviewed")) == ["a01", "a00", "a02"]


def test_cursor_pages_through_everything_once_while_articles_are_published(
    api, make_articles, index_page
):
    make_articles(5)
    first = listing(api, page_size=2)
    assert slugs(first) == ["a04", "a03"]
    publish(ArticlePageFactory(parent=index_page, slug="newcomer"))
    second = api.get(first["next"]).json()
    third = api.get(second["next"]).json()
    assert slugs(second) == ["a02", "a01"]
    assert slugs(third) == ["a00"]
    assert third["next"] is None


@pytest.mark.parametrize("page_size", [1, 2, 3, 4, 10])
def test_search_pages_through_title_matches_then_the_others_once_each(
    api, make_articles, page_size
):
    pages = make_articles(6)
    for n, page in enumerate(pages):
        page.title = f"Knee note {n}" if n % 2 else f"Note {n}"
        page.summary = "About the knee."
        publish(page)
    data, seen = listing(api, search="knee", page_size=page_size), []
    while True:
        assert len(data["results"]) <= page_size
        seen += slugs(data)
        if not data["next"]:
            break
        data = api.get(data["next"]).json()
    assert seen == ["a05", "a03", "a01", "a04", "a02", "a00"]


@pytest.mark.parametrize("page_size", ["0", "-1", "101", "1000000000", "ten"])
def test_page_size_out_of_bounds_is_a_400_naming_the_parameter(api, page_size):
    response = api.get("/api/v1/articles/", {"page_size": page_size})
    assert response.status_code == 400
    assert "page_size" in response.json()["error"]["details"]


@pytest.mark.parametrize("cursor", ["garbage", "eyJzIjoiZW4ifQ:1abc:xyz", "x" * 3000])
def test_forged_or_truncated_cursor_is_a_400(api, make_articles, cursor):
    make_articles(1)
    response = api.get("/api/v1/articles/", {"cursor": cursor})
    assert response.status_code == 400
    assert "cursor" in response.json()["error"]["details"]


def test_a_cursor_outlives_a_rotated_secret_only_while_it_is_a_fallback(
    api, make_articles, settings
):
    make_articles(3)
    next_url = listing(api, page_size=1)["next"]
    old_secret = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-secret-for-this-test-" + "x" * 40
    settings.SECRET_KEY_FALLBACKS = [old_secret]
    assert slugs(api.get(next_url).json()) == ["a01"]
    settings.SECRET_KEY_FALLBACKS = []
    # (Another page size: the same URL would be answered from the response cache.)
    assert api.get(next_url.replace("page_size=1", "page_size=2")).status_code == 400
    # Cursors made now are signed with the new secret.
    assert slugs(api.get(listing(api, page_size=1)["next"]).json()) == ["a01"]


def test_cursor_from_another_locale_is_refused(api, make_articles):
    make_articles(3)
    next_url = listing(api, page_size=1)["next"]
    response = api.get(next_url + "&locale=ko")
    assert response.status_code == 400


def test_topic_filter(api, make_articles, index_page):
    spine = TopicFactory(slug="spine-care")
    make_articles(2)
    publish(ArticlePageFactory(parent=index_page, slug="about-spines", topics=[spine]))
    assert slugs(listing(api, topic="spine-care")) == ["about-spines"]
    assert slugs(listing(api, topic="unknown")) == []


def test_reviewed_after_filter(api, make_articles):
    old, new = make_articles(2)
    old.last_reviewed, old.next_review_due = date(2024, 1, 1), None
    publish(old)
    assert slugs(listing(api, reviewed_after="2025-01-01")) == ["a01"]
    response = api.get("/api/v1/articles/", {"reviewed_after": "yesterday"})
    assert response.status_code == 400


def test_listing_shows_only_the_requested_locale_by_default(
    api, make_articles, locales
):
    en, _other = make_articles(2)
    translate(en, locales["ko"], slug="a00-ko")
    assert slugs(listing(api, locale="ko")) == ["a00-ko"]


def test_fallback_fills_gaps_and_marks_them(api, make_articles, locales):
    en0, en1 = make_articles(2)
    translate(en0, locales["ko"], slug="a00-ko")
    data = listing(api, locale="ko", fallback="true")
    assert sorted(
        (i["slug"], i["locale"], i["is_fallback"]) for i in data["results"]
    ) == [
        ("a00-ko", "ko", False),
        ("a01", "en", True),
    ]
    assert all(item["requested_locale"] == "ko" for item in data["results"])


@pytest.mark.parametrize("page_size", [1, 2, 3])
def test_fallback_pages_through_every_article_once_in_order(
    api, make_articles, locales, page_size
):
    articles = make_articles(4)
    for page in articles[1::2]:  # a01 and a03 are translated
        translate(page, locales["ko"], slug=f"{page.slug}-ko")
    data, seen = listing(api, locale="ko", fallback="true", page_size=page_size), []
    while True:
        seen += slugs(data)
        if not data["next"]:
            break
        data = api.get(data["next"]).json()
    # The translations were published last: they are the newest in Korean.
    assert seen == ["a03-ko", "a01-ko", "a02", "a00"]


def test_next_is_this_query_with_the_next_cursor_in_place_of_its_own(
    api, make_articles
):
    make_articles(5)
    first = listing(api, page_size=2, locale="en", fallback="false", ordering="title")
    assert first["next"].startswith("http://testserver/api/v1/articles/?")
    query = "page_size=2&locale=en&fallback=false&ordering=title&cursor="
    assert query in first["next"]
    second = api.get(first["next"]).json()
    # The cursor stays where it was, replaced; nothing else changes.
    assert second["next"].split("?", 1)[1].startswith(query)
    assert second["next"].count("cursor=") == 1
    assert second["next"] != first["next"]


def test_next_keeps_the_other_parameters_as_the_client_wrote_them(api, make_articles):
    for page in make_articles(3):
        page.title = f"무릎 {page.title}"
        publish(page)
    first = api.get("/api/v1/articles/?search=%EB%AC%B4%EB%A6%8E&page_size=1").json()
    assert "?search=%EB%AC%B4%EB%A6%8E&page_size=1&cursor=" in first["next"]
    second = api.get(first["next"] + "&page_size=1").json()
    assert second["next"].count("cursor=") == 1
    assert slugs(second) == ["a01"]
