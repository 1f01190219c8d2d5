"""Rich text reaches clients as clean HTML, with links for the served locale."""

import pytest

from tests.factories import ArticlePageFactory, paragraph, publish, section, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def target(index_page, locales):
    source = publish(
        ArticlePageFactory(parent=index_page, slug="target", title="Target")
    )
    translate(source, locales["zh-hans"], slug="target-zh")
    return source


def linking_article(index_page, locales, target):
    html = (
        f'<p data-block-key="k1">Read <a linktype="page" id="{target.pk}">more</a>.</p>'
    )
    source = publish(
        ArticlePageFactory(
            parent=index_page, slug="linking", body=[section("One", paragraph(html))]
        )
    )
    translate(source, locales["zh-hans"], slug="linking-zh")
    translate(source, locales["ko"], slug="linking-ko")
    return source


def first_html(api, slug, locale):
    data = api.get(f"/api/v1/articles/{slug}/", {"locale": locale}).json()
    return data["body"][0]["content"][0]["html"]


def test_link_points_to_the_translation_in_the_served_locale(
    api, index_page, locales, target
):
    linking_article(index_page, locales, target)
    assert first_html(api, "linking-zh", "zh-hans") == (
        '<p>Read <a href="/zh-hans/target-zh/">more</a>.</p>'
    )


def test_link_points_to_the_fallback_when_not_translated(
    api, index_page, locales, target
):
    linking_article(index_page, locales, target)
    assert (
        first_html(api, "linking-ko", "ko")
        == '<p>Read <a href="/en/target/">more</a>.</p>'
    )


def test_no_wagtail_internal_markup_reaches_the_client(
    api, index_page, locales, target
):
    linking_article(index_page, locales, target)
    body = api.get("/api/v1/articles/linking/").content.decode()
    assert (
        "linktype" not in body
        and "data-block-key" not in body
        and "embedtype" not in body
    )


def test_link_follows_when_the_target_is_translated_later(
    api, index_page, locales, target
):
    linking_article(index_page, locales, target)
    translate(target, locales["ko"], slug="target-ko")
    assert (
        first_html(api, "linking-ko", "ko")
        == '<p>Read <a href="/ko/target-ko/">more</a>.</p>'
    )
