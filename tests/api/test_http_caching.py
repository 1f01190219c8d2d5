"""HTTP validators, 304s and the server-side response cache."""

import pytest
from django.utils import timezone
from django.utils.http import http_date

from tests.factories import ArticlePageFactory, publish

pytestmark = pytest.mark.django_db

URLS = ["/api/v1/articles/a/", "/api/v1/articles/", "/api/v1/topics/"]


@pytest.fixture
def article(index_page):
    return publish(ArticlePageFactory(parent=index_page, slug="a", title="First title"))


@pytest.mark.parametrize("url", URLS)
def test_responses_carry_validators_and_public_cache_control(
    api, article, url, settings
):
    settings.CMS_API_MAX_AGE = 120
    settings.CMS_API_STALE_WHILE_REVALIDATE = 600
    response = api.get(url)
    assert response.status_code == 200
    assert response["ETag"].startswith('"') and response["ETag"].endswith('"')
    assert (
        response["Cache-Control"] == "public, max-age=120, stale-while-revalidate=600"
    )
    assert "Last-Modified" in response


@pytest.mark.parametrize("url", URLS)
def test_if_none_match_gives_304_with_no_body(api, article, url):
    etag = api.get(url)["ETag"]
    response = api.get(url, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == etag


@pytest.mark.parametrize("url", URLS)
def test_if_modified_since_gives_304_when_nothing_changed(api, article, url):
    last_modified = api.get(url)["Last-Modified"]
    assert api.get(url, HTTP_IF_MODIFIED_SINCE=last_modified).status_code == 304
    earlier = http_date(timezone.now().timestamp() - 3600 * 24)
    assert api.get(url, HTTP_IF_MODIFIED_SINCE=earlier).status_code == 200


def test_a_stale_etag_gets_the_new_content(api, article):
    etag = api.get("/api/v1/articles/a/")["ETag"]
    article.title = "Second title"
    publish(article)
    response = api.get("/api/v1/articles/a/", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 200
    assert response.json()["title"] == "Second title"


def test_etag_differs_between_requested_locales_served_the_same_article(api, article):
    english = api.get("/api/v1/articles/a/", {"locale": "en"})
    korean_fallback = api.get("/api/v1/articles/a/", {"locale": "ko"})
    assert english["ETag"] != korean_fallback["ETag"]


@pytest.mark.parametrize("url", URLS)
def test_a_cached_response_is_answered_without_the_database(
    api, article, url, django_assert_num_queries
):
    first = api.get(url)
    with django_assert_num_queries(0):
        second = api.get(url)
    assert second.content == first.content
    assert second["X-Cache"] == "HIT"


def test_negotiated_locales_are_cached_separately(api, article, locales):
    english = api.get("/api/v1/articles/", HTTP_ACCEPT_LANGUAGE="en")
    korean = api.get("/api/v1/articles/", HTTP_ACCEPT_LANGUAGE="ko")
    assert english.json()["locale"] == "en"
    assert korean.json()["locale"] == "ko"


def test_errors_are_never_cached(api, index_page):
    assert api.get("/api/v1/articles/later/").status_code == 404
    publish(ArticlePageFactory(parent=index_page, slug="later"))
    assert api.get("/api/v1/articles/later/").status_code == 200


def test_the_locale_list_carries_validators_and_answers_304(api, locales):
    response = api.get("/api/v1/locales/")
    assert response["Cache-Control"].startswith("public, max-age=")
    etag = response["ETag"]
    again = api.get("/api/v1/locales/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again["ETag"] == etag


def test_the_topic_lists_last_modified_moves_when_a_topic_changes(api, article):
    from datetime import timedelta

    from django.core.cache import caches

    from articles.models import Topic
    from tests.factories import TopicFactory

    first = api.get("/api/v1/topics/")["Last-Modified"]
    topic = TopicFactory(name="Spine care", slug="spine-care")
    # HTTP dates count whole seconds: the topic is saved a little later.
    later = timezone.now() + timedelta(seconds=5)
    Topic.objects.filter(pk=topic.pk).update(last_changed=later)
    caches["api"].clear()
    response = api.get("/api/v1/topics/", HTTP_IF_MODIFIED_SINCE=first)
    assert response.status_code == 200
    assert "spine-care" in response.content.decode()
    assert response["Last-Modified"] == http_date(later.timestamp())
    again = api.get("/api/v1/topics/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert again.status_code == 304


def test_the_response_cache_can_be_turned_off_keeping_validators(
    api, article, settings
):
    settings.CMS_API_RESPONSE_CACHE = False
    first = api.get("/api/v1/articles/a/")
    second = api.get("/api/v1/articles/a/")
    assert second.get("X-Cache") != "HIT"
    assert second["ETag"] == first["ETag"]
    assert (
        api.get("/api/v1/articles/a/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code
        == 304
    )
