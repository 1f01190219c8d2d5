"""Hostile or broken input gets a 400 or 404 JSON answer, never a 5xx, quickly."""

import time

import pytest

from tests.factories import ArticlePageFactory, publish
from tests.hostile import (
    BAD_LISTING_QUERIES,
    BAD_TOKENS_AND_LOCALES,
    HUGE_ACCEPT_LANGUAGE,
    STRANGE_PATHS,
    STRANGE_SLUGS,
)

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


@pytest.mark.parametrize("query", BAD_LISTING_QUERIES)
def test_bad_listing_parameters(api, article, query):
    answer(api, "/api/v1/articles/?" + query)


@pytest.mark.parametrize("slug", STRANGE_SLUGS)
def test_strange_slugs_are_404(api, article, slug):
    answer(api, f"/api/v1/articles/{slug}/")


@pytest.mark.parametrize("url", STRANGE_PATHS)
def test_strange_paths_are_404(api, article, url):
    answer(api, url)


def test_a_10_kb_accept_language_is_a_400(api, article):
    response = answer(
        api, "/api/v1/articles/a/", HTTP_ACCEPT_LANGUAGE=HUGE_ACCEPT_LANGUAGE
    )
    assert response.status_code == 400
    assert "Accept-Language" in response.json()["error"]["details"]


@pytest.mark.parametrize("url", BAD_TOKENS_AND_LOCALES)
def test_bad_tokens_and_locales_elsewhere(api, article, url):
    answer(api, url)
