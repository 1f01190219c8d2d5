"""Submitting and syncing a long article costs a bounded number of queries.

wagtail-localize snapshots a source with get_or_create per String, context and segment
row (about ten queries a segment: 14,417 queries to submit the article below, 5,959 to
sync it after an edit). The bulk refresh does the same work in a few dozen queries.
"""

import pytest
from wagtail_localize.models import (
    StringSegment,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import translate_object

from articles.models import StaleSegmentTranslation, TranslationDrift
from articles.translation import patches
from articles.translation.keep_in_step.refresh import update_translation_source
from tests.factories import (
    ArticlePageFactory,
    publish,
)
from tests.translation.helpers import (
    body_data,
    long_body,
    publish_body,
    translate_everything,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def sync_installed():
    patches.install_bulk_segment_refresh()


@pytest.fixture
def long_article(index_page):
    return publish(ArticlePageFactory(parent=index_page, body=long_body()))


def test_the_long_article_has_800_body_segments(long_article):
    source, _created = TranslationSource.get_or_create_from_instance(long_article)
    body_segments = StringSegment.objects.filter(
        source=source, context__path__startswith="body."
    )
    assert body_segments.count() == 800


def test_snapshotting_800_segments_takes_a_bounded_number_of_queries(
    long_article, django_assert_max_num_queries
):
    with django_assert_max_num_queries(80):
        TranslationSource.get_or_create_from_instance(long_article)


def test_submitting_800_segments_for_translation_takes_a_bounded_number_of_queries(
    long_article, locales, django_assert_max_num_queries
):
    # The snapshot, the Translation, and wagtail-localize building the Korean page.
    with django_assert_max_num_queries(350):
        translate_object(long_article, [locales["ko"]])
    assert Translation.objects.filter(target_locale=locales["ko"]).exists()


def test_syncing_800_segments_after_an_edit_takes_a_bounded_number_of_queries(
    long_article, locales, django_assert_max_num_queries
):
    translate_object(long_article, [locales["ko"]])
    translate_everything(Translation.objects.get())
    body = body_data(long_article)
    for section_data in body[::4]:
        section_data["value"]["heading"] += " (revised)"
    body[1]["value"]["content"][1]["value"]["items"].pop()
    long_article.body = body
    long_article.save()
    source = TranslationSource.objects.get()

    with django_assert_max_num_queries(60):
        update_translation_source(source)

    assert StaleSegmentTranslation.objects.count() == 10
    assert TranslationDrift.objects.get().changed_segments == 10


def test_publishing_an_edit_of_800_segments_takes_a_bounded_number_of_queries(
    long_article, locales, django_assert_max_num_queries
):
    translate_object(long_article, [locales["ko"]])
    translate_everything(Translation.objects.get())
    body = body_data(long_article)
    body[0]["value"]["heading"] = "Revised"

    # Wagtail's publish and the delivery API's document build included.
    with django_assert_max_num_queries(200):
        publish_body(long_article, body)

    assert TranslationDrift.objects.get().changed_sections == ["section-0"]
