"""Existing translations with a -<language> suffix take their source's slug, keep
their old URL as a permanent redirect, and keep the new slug when published again."""

import importlib

import pytest
from django.apps import apps
from wagtail.contrib.redirects.models import Redirect

from articles.models import ArticlePage
from tests.factories import ArticlePageFactory, publish, translate

pytestmark = pytest.mark.django_db

migration = importlib.import_module(
    "articles.migrations.0007_translation_slugs_like_source"
)


@pytest.fixture
def suffixed(index_page, locales):
    source = publish(ArticlePageFactory(parent=index_page, slug="stem-cells"))
    korean = translate(source, locales["ko"], slug="stem-cells-ko")
    arabic = translate(source, locales["ar"], slug="stem-cells-ar")
    return source, korean, arabic


def test_suffixed_translations_take_the_source_slug(suffixed):
    source, korean, arabic = suffixed
    old_url = korean.url
    renamed = migration.drop_locale_suffixes(apps)
    korean.refresh_from_db()
    arabic.refresh_from_db()
    assert korean.slug == arabic.slug == "stem-cells"
    assert korean.url_path.endswith("/stem-cells/")
    assert korean.url == old_url.replace("stem-cells-ko", "stem-cells")
    assert ("/ko/stem-cells-ko", "/ko/stem-cells/") in renamed


def test_the_old_url_redirects_to_the_new_one(suffixed, client):
    _, korean, _ = suffixed
    old_url = korean.url
    migration.drop_locale_suffixes(apps)
    korean.refresh_from_db()
    assert Redirect.objects.filter(redirect_page=korean, is_permanent=True).exists()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"].endswith(korean.url)
    assert client.get(korean.url).status_code == 200


def test_publishing_again_keeps_the_new_slug(suffixed):
    _, korean, _ = suffixed
    migration.drop_locale_suffixes(apps)
    korean = ArticlePage.objects.get(pk=korean.pk)
    korean.get_latest_revision().publish()
    korean.refresh_from_db()
    assert korean.slug == "stem-cells"


def test_a_chosen_slug_and_a_taken_slug_are_left_alone(index_page, locales):
    source = publish(ArticlePageFactory(parent=index_page, slug="knee"))
    korean = translate(source, locales["ko"], slug="무릎")
    other = publish(ArticlePageFactory(parent=index_page, slug="spine"))
    korean_other = translate(other, locales["ko"], slug="knee-ko")  # not its source's
    assert migration.drop_locale_suffixes(apps) == []
    korean.refresh_from_db()
    korean_other.refresh_from_db()
    assert (korean.slug, korean_other.slug) == ("무릎", "knee-ko")


def test_running_again_changes_nothing(suffixed):
    migration.drop_locale_suffixes(apps)
    assert migration.drop_locale_suffixes(apps) == []
