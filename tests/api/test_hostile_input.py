"""Hostile or broken input gets a 400 or 404 JSON answer, never a 5xx, quickly."""

import time

import pytest

from tests.factories import ArticlePageFactory, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(index_page):
    return publish(ArticlePageFactory(parent=index_page, slug="a"))


def answer(api, url, **headers):
    started = time.monotonic()
    response = api.get(url, **headers)
    assert time.monotonic() - started < 5
    assert response.status_code in (400, 404), (url, response.status_code)
    assert response["Content-Type"].startswith("application/json")
    assert set(response.json()["error"]) == {"code", "message", "details"}
    return response


@pytest.mark.parametrize(
    "query",
    [
        "page_size=0",
        "page_size=-1",
        "page_size=1000000000",
        "page_size=abc",
        "cursor=%00",
        "cursor=" + "A" * 5000,
        "search=" + "x" * 10_000,
        "search=a%00b",
        "reviewed_after=2026-13-45",
        "ordering=;drop",
        "topic=" + "%F0%9F%92%A5" * 50,
        "fallback=maybe",
        "locale=" + "x" * 1000,
        "locale=%00",
    ],
)
def test_bad_listing_parameters(api, article, query):
    answer(api, "/api/v1/articles/?" + query)


@pytest.mark.parametrize(
    "slug",
    [
        "%F0%9F%92%A5",
        "..%2F..%2Fetc%2Fpasswd",
        "%ZZ%",
        "a" * 3000,
        "%00",
        "' OR 1=1 --",
    ],
)
def test_strange_slugs_are_404(api, article, slug):
    answer(api, f"/api/v1/articles/{slug}/")


@pytest.mark.parametrize(
    "url",
    ["/api/v1/articles/../../etc/passwd", "/api/v1/../admin/", "/api/v1/articles/a/b/"],
)
def test_strange_paths_are_404(api, article, url):
    answer(api, url)


def test_a_10_kb_accept_language_is_a_400(api, article):
    header = "ko;q=0.9, " * 1024
    response = answer(api, "/api/v1/articles/a/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 400
    assert "Accept-Language" in response.json()["error"]["details"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/sync/?sync_token=" + "B" * 3000,
        "/api/v1/sync/?page_token=%00",
        "/api/v1/sync/?page_size=0",
        "/api/v1/preview/?token=" + "C" * 3000,
        "/api/v1/topics/?locale=zz",
    ],
)
def test_bad_tokens_and_locales_elsewhere(api, article, url):
    answer(api, url)
