"""Front ends that route by URL ask for an article by its path, language prefix
included: the listing shape with that one article, or no result."""

from urllib.parse import quote

import pytest

from tests.factories import ArticlePageFactory, publish, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(index_page, locales):
    source = publish(ArticlePageFactory(parent=index_page, slug="stem-cells"))
    korean = translate(source, locales["ko"], title="줄기세포 치료")
    chinese = translate(source, locales["zh-hans"], slug="干细胞", title="干细胞治疗")
    return source, korean, chinese


def by_path(api, path, **params):
    return api.get("/api/v1/articles/", {"path": path, **params})


@pytest.mark.parametrize(
    "path", ["/ko/stem-cells/", "/ko/stem-cells", "ko/stem-cells/"]
)
def test_the_article_at_a_path_is_the_one_result_in_its_own_locale(api, article, path):
    if not path.startswith("/"):
        assert by_path(api, path).status_code == 400
        return
    data = by_path(api, path, locale="en").json()
    assert data["locale"] == "ko" and data["next"] is None
    (item,) = data["results"]
    assert (item["title"], item["locale"], item["is_fallback"]) == (
        "줄기세포 치료",
        "ko",
        False,
    )


def test_the_same_slug_in_two_locales_is_told_apart_by_the_prefix(api, article):
    assert by_path(api, "/en/stem-cells/").json()["results"][0]["locale"] == "en"
    assert by_path(api, "/ko/stem-cells/").json()["results"][0]["locale"] == "ko"


@pytest.mark.parametrize(
    "path", ["/zh-hans/干细胞/", "/zh-hans/" + quote("干细胞") + "/"]
)
def test_a_unicode_slug_is_found_encoded_or_not(api, article, path):
    (item,) = by_path(api, path).json()["results"]
    assert item["title"] == "干细胞治疗"


@pytest.mark.parametrize(
    "path", ["/ko/no-such/", "/xx/stem-cells/", "/", "/ko/", "/zh-hans/stem-cells/"]
)
def test_no_live_article_there_gives_no_result(api, article, path):
    response = by_path(api, path)
    assert response.status_code == 200
    assert response.json()["results"] == []


def test_an_unpublished_article_is_not_found_by_its_path(api, article):
    _source, korean, _chinese = article
    korean.unpublish()
    assert by_path(api, "/ko/stem-cells/").json()["results"] == []


def test_the_answer_follows_a_publish(api, article):
    _source, korean, _chinese = article
    assert by_path(api, "/ko/stem-cells/").json()["results"]
    korean.title = "줄기세포 치료 안내"
    publish(korean)
    (item,) = by_path(api, "/ko/stem-cells/").json()["results"]
    assert item["title"] == "줄기세포 치료 안내"


@pytest.mark.parametrize(
    "params",
    [{"topic": "spine"}, {"search": "cells"}, {"ordering": "title"}, {"page_size": 1}],
)
def test_a_path_names_one_article_whatever_else_is_asked(api, article, params):
    (item,) = by_path(api, "/ko/stem-cells/", **params).json()["results"]
    assert item["locale"] == "ko"


@pytest.mark.parametrize("path", ["/ko/%00/", "/ko/%01x/", "/%1F"])
def test_an_encoded_control_character_finds_nothing(api, article, path):
    response = by_path(api, path)
    assert response.status_code == 200
    assert response.json()["results"] == []


@pytest.mark.parametrize(
    "path", ["", "/ko/stem cells/", "/ko/a?b", "/ko/a#b", "/ko/\x01", "/" + "a" * 2048]
)
def test_a_malformed_path_is_a_400_naming_it(api, article, path):
    response = by_path(api, path)
    assert response.status_code == 400
    assert "path" in response.json()["error"]["details"]


def test_an_old_url_and_an_old_slug_redirect_to_the_article_now(
    api, article, django_capture_on_commit_callbacks
):
    _source, korean, _chinese = article
    korean.slug = "julgi-sepo"
    with django_capture_on_commit_callbacks(execute=True):
        korean.save()  # Wagtail leaves a redirect from /ko/stem-cells behind
    publish(korean)
    response = by_path(api, "/ko/stem-cells/")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/articles/?path=%2Fko%2Fjulgi-sepo%2F"
    followed = api.get(response["Location"]).json()
    assert followed["results"][0]["slug"] == "julgi-sepo"


def test_an_old_slug_redirects_the_detail(
    api, index_page, locales, django_capture_on_commit_callbacks
):
    page = publish(ArticlePageFactory(parent=index_page, slug="knee"))
    page.slug = "knee-cartilage"
    with django_capture_on_commit_callbacks(execute=True):
        page.save()
    publish(page)
    response = api.get("/api/v1/articles/knee/?locale=en")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/articles/knee-cartilage/?locale=en"
    assert api.get(response["Location"]).json()["slug"] == "knee-cartilage"
