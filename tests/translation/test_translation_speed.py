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
from articles.translation import sync_signals
from articles.translation.sync import sync_translation_source
from tests.factories import (
    ArticlePageFactory,
    block,
    items,
    paragraph,
    publish,
    section,
)

from .test_keep_in_step import body_data, publish_body, translate_everything

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def sync_installed():
    sync_signals.install_bulk_segment_refresh()


def long_body(sections: int = 40) -> list[dict]:
    """20 segments a section: a heading, three paragraphs, twelve bullet points and a
    numbered list of two steps with a point each (800 with 40 sections)."""
    return [
        section(
            f"Section {s}",
            paragraph(
                "".join(f"<p>Paragraph {s}.{p} of the text.</p>" for p in range(3))
            ),
            block(
                "bullet_list", {"items": items(*[f"Point {s}.{i}" for i in range(12)])}
            ),
            block(
                "numbered_list",
                {
                    "start": None,
                    "items": items(
                        *[
                            {
                                "text": f"Step {s}.{i}",
                                "sub_items": items(f"Note {s}.{i}"),
                            }
                            for i in range(2)
                        ]
                    ),
                },
            ),
            anchor=f"section-{s}",
        )
        for s in range(sections)
    ]


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
        sync_translation_source(source)

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
