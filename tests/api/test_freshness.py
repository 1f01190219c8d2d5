"""With every response cached, each editorial event is visible at the very next read,
in every locale that can show it."""

import pytest

from tests.factories import (
    ArticlePageFactory,
    ClinicianFactory,
    TopicFactory,
    publish,
    translate,
)

pytestmark = pytest.mark.django_db


def read(api, url, **params):
    return api.get(url, params)


def warm(api, *requests):
    for url, params in requests:
        api.get(url, params)
        assert api.get(url, params).get("X-Cache") == "HIT", url


@pytest.fixture
def setup(index_page, locales):
    topic = TopicFactory(name="Spine", slug="spine")
    author = ClinicianFactory(name="Dr Before")
    source = publish(
        ArticlePageFactory(
            parent=index_page, slug="a", title="Before", topics=[topic], author=author
        )
    )
    return {"source": source, "topic": topic, "author": author, "locales": locales}


DETAIL = "/api/v1/articles/a/"
LIST = "/api/v1/articles/"


def test_publishing_an_edit(api, setup):
    warm(api, (DETAIL, {}), (LIST, {}), (DETAIL, {"locale": "ja"}))
    page = setup["source"]
    page.title = "After"
    publish(page)
    assert read(api, DETAIL).json()["title"] == "After"
    assert read(api, LIST).json()["results"][0]["title"] == "After"
    assert read(api, DETAIL, locale="ja").json()["title"] == "After"  # fallback locale


def test_unpublishing(api, setup):
    warm(api, (DETAIL, {}), (LIST, {}), ("/api/v1/topics/", {}))
    setup["source"].unpublish()
    assert read(api, DETAIL).status_code == 404
    assert read(api, LIST).json()["results"] == []
    assert read(api, "/api/v1/topics/").json()["results"][0]["article_count"] == 0


def test_deleting(api, setup):
    warm(api, (DETAIL, {}), (LIST, {}))
    setup["source"].delete()
    assert read(api, DETAIL).status_code == 404
    assert read(api, LIST).json()["results"] == []


def test_renaming_the_slug(api, setup):
    warm(api, (DETAIL, {}), (LIST, {}))
    page = setup["source"]
    page.slug = "b"
    publish(page)
    assert read(api, DETAIL).status_code == 404
    assert read(api, "/api/v1/articles/b/").status_code == 200
    assert read(api, LIST).json()["results"][0]["slug"] == "b"


def test_moving_out_of_the_site(api, setup, index_page):
    warm(api, (DETAIL, {}), (LIST, {}))
    elsewhere = publish(ArticlePageFactory(parent=index_page, slug="holder"))
    index_page.refresh_from_db()
    setup["source"].move(index_page.get_parent(), pos="last-child")
    assert read(api, DETAIL).status_code == 404
    assert [i["slug"] for i in read(api, LIST).json()["results"]] == [elsewhere.slug]


def test_publishing_a_translation_updates_siblings_and_fallback_locales(api, setup):
    locales = setup["locales"]
    warm(
        api,
        (DETAIL, {}),
        (DETAIL, {"locale": "zh-hant"}),
        (LIST, {"locale": "zh-hant", "fallback": "true"}),
        (LIST, {"locale": "zh-hans"}),
    )
    translate(setup["source"], locales["zh-hans"], slug="a-zh", title="简体")
    assert [t["locale"] for t in read(api, DETAIL).json()["translations"]] == [
        "en",
        "zh-hans",
    ]
    served = read(api, DETAIL, locale="zh-hant").json()
    assert (served["locale"], served["title"], served["is_fallback"]) == (
        "zh-hans",
        "简体",
        True,
    )
    listing = read(api, LIST, locale="zh-hant", fallback="true").json()
    assert [i["locale"] for i in listing["results"]] == ["zh-hans"]
    assert [i["slug"] for i in read(api, LIST, locale="zh-hans").json()["results"]] == [
        "a-zh"
    ]


def test_editing_a_topic(api, setup):
    warm(api, (DETAIL, {}), (LIST, {}), ("/api/v1/topics/", {}))
    topic = setup["topic"]
    topic.name = "Spine care"
    topic.save()
    assert read(api, DETAIL).json()["topics"][0]["name"] == "Spine care"
    assert read(api, LIST).json()["results"][0]["topics"][0]["name"] == "Spine care"
    assert read(api, "/api/v1/topics/").json()["results"][0]["name"] == "Spine care"


def test_editing_a_clinician(api, setup):
    warm(api, (DETAIL, {}), (DETAIL, {"locale": "ko"}))
    author = setup["author"]
    author.name = "Dr After"
    author.save()
    assert read(api, DETAIL).json()["author"]["name"] == "Dr After"
    assert read(api, DETAIL, locale="ko").json()["author"]["name"] == "Dr After"
