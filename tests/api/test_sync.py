"""GET /api/v1/sync/: everything once, then only what changed, with no change missed or
repeated while articles are published during a sync."""

import pytest
from wagtail.models import PageViewRestriction

from articles.models import ArticlePage
from tests.factories import ArticlePageFactory, publish, translate

pytestmark = pytest.mark.django_db


def sync(api, **params):
    params.setdefault("locale", "en")
    response = api.get("/api/v1/sync/", params)
    assert response.status_code == 200, response.content
    assert response["Cache-Control"] == "private, no-store"
    return response.json()


def sync_all(api, **params) -> tuple[list[str], list[int], str]:
    """Follow page tokens to the end: (slugs changed, ids deleted, next sync token)."""
    slugs, deleted = [], []
    data = sync(api, **params)
    while True:
        slugs += [a["slug"] for a in data["articles"]]
        deleted += [d["id"] for d in data["deleted"]]
        if data["next_page_token"] is None:
            assert data["next_sync_token"]
            return slugs, deleted, data["next_sync_token"]
        assert data["next_sync_token"] is None
        data = sync(api, page_token=data["next_page_token"], locale=params["locale"])


@pytest.fixture
def article(index_page):
    def make(slug, **fields):
        return publish(ArticlePageFactory(parent=index_page, slug=slug, **fields))

    return make


def test_first_sync_returns_every_live_article_of_the_locale_in_full(
    api, article, locales
):
    a = article("a")
    article("b")
    translate(a, locales["ko"], slug="a-ko")
    data = sync(api)
    assert sorted(x["slug"] for x in data["articles"]) == ["a", "b"]
    assert "body" in data["articles"][0] and data["deleted"] == []
    assert [x["slug"] for x in sync(api, locale="ko")["articles"]] == ["a-ko"]


def test_next_sync_returns_only_changes_and_departures(api, article):
    a, b, c = article("a"), article("b"), article("c")
    _slugs, _deleted, token = sync_all(api)
    a.title = "Changed"
    publish(a)
    b.unpublish()
    c_id = c.pk
    c.delete()
    article("d")
    slugs, deleted, token = sync_all(api, sync_token=token)
    assert sorted(slugs) == ["a", "d"]
    assert sorted(deleted) == sorted([b.pk, c_id])
    assert sync_all(api, sync_token=token)[:2] == ([], [])


def test_a_restricted_article_leaves_and_comes_back(api, article):
    a = article("a")
    _s, _d, token = sync_all(api)
    restriction = PageViewRestriction.objects.create(page=a, restriction_type="login")
    slugs, deleted, token = sync_all(api, sync_token=token)
    assert (slugs, deleted) == ([], [a.pk])
    restriction.delete()
    slugs, deleted, _token = sync_all(api, sync_token=token)
    assert (slugs, deleted) == (["a"], [])


def test_publishing_during_a_paged_sync_is_neither_missed_nor_repeated(api, article):
    for i in range(5):
        article(f"a{i}")
    first = sync(api, page_size=2)
    seen = [x["slug"] for x in first["articles"]]
    # While the client pages through: one article changes, one appears, one leaves.
    changed = ArticlePage.objects.get(slug=seen[0])
    changed.title = "Edited meanwhile"
    publish(changed)
    article("newcomer")
    data = first
    while data["next_page_token"]:
        data = sync(api, page_token=data["next_page_token"], page_size=2)
        seen += [x["slug"] for x in data["articles"]]
    assert sorted(seen) == ["a0", "a1", "a2", "a3", "a4"]
    assert len(seen) == len(set(seen))
    slugs, deleted, _token = sync_all(api, sync_token=data["next_sync_token"])
    assert sorted(slugs) == sorted([seen[0], "newcomer"])
    assert deleted == []


@pytest.mark.parametrize("field", ["sync_token", "page_token"])
def test_forged_tokens_are_400(api, field):
    response = api.get("/api/v1/sync/", {"locale": "en", field: "forged"})
    assert response.status_code == 400
    assert field in response.json()["error"]["details"]


def test_a_token_of_another_locale_is_refused(api, article):
    article("a")
    _s, _d, token = sync_all(api)
    response = api.get("/api/v1/sync/", {"locale": "ko", "sync_token": token})
    assert response.status_code == 400


def test_pages_hold_at_most_100_articles(api, article):
    response = api.get("/api/v1/sync/", {"locale": "en", "page_size": 101})
    assert response.status_code == 400
