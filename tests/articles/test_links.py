"""Which versions of an article a reader may be sent to: live, public (no view
restriction on the page or above it) and on the reader's site. Bulk builds ask it for
every version of every article, so within `remembered_sites_and_restrictions` each
site, and whether any page is restricted at all, are read once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from articles.links import (
    is_publicly_visible,
    live_public_translations,
    remembered_sites_and_restrictions,
    site_of,
)
from tests.factories import ArticlePageFactory, publish, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(index_page, locales):
    """A live English article, live in Korean and Japanese too."""
    english = publish(ArticlePageFactory(parent=index_page, slug="spine"))
    for code in ("ko", "ja"):
        translate(english, locales[code], slug=f"spine-{code}")
    return english


def codes(pages) -> list[str]:
    return [page.locale.language_code for page in pages]


def test_every_live_public_version_on_the_site_is_listed(article):
    site = Site.objects.get(is_default_site=True)

    assert codes(live_public_translations(article, site)) == ["en", "ko", "ja"]


def test_a_restricted_version_is_left_out_inside_a_bulk_block_too(article, locales):
    site = Site.objects.get(is_default_site=True)
    korean = article.get_translation(locales["ko"])
    PageViewRestriction.objects.create(page=korean, restriction_type="login")

    with remembered_sites_and_restrictions():
        listed = live_public_translations(article, site)
        visible = is_publicly_visible(korean)

    assert codes(listed) == ["en", "ja"]
    assert not visible


def test_a_restriction_above_the_page_counts(article, index_page):
    PageViewRestriction.objects.create(page=index_page, restriction_type="login")

    assert not is_publicly_visible(article)


def test_without_any_restriction_no_ancestor_is_read(article):
    with CaptureQueriesContext(connection) as queries:
        assert is_publicly_visible(article)

    assert len(queries) == 1  # whether any page has a restriction


def test_inside_the_block_sites_and_restrictions_are_read_once(article, locales):
    versions = [article, *(article.get_translation(locales[c]) for c in ("ko", "ja"))]
    with remembered_sites_and_restrictions():
        site_of(article), is_publicly_visible(article)  # the first reads
        with CaptureQueriesContext(connection) as queries:
            for page in versions:
                assert site_of(page).is_default_site
                assert is_publicly_visible(page)

    assert len(queries) == 0


def test_outside_the_block_a_new_restriction_is_seen_at_once(article):
    assert is_publicly_visible(article)

    PageViewRestriction.objects.create(page=article, restriction_type="login")

    assert not is_publicly_visible(article)
