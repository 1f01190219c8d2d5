"""Search and reference indexes are updated once per object per operation: building a
translated page saves it several times, and indexing a long article each time was a
quarter of the cost of submitting it for translation."""

import pytest
from django.db import transaction
from wagtail.models import ReferenceIndex
from wagtail_localize.operations import translate_object

from articles.models import ArticlePage, ArticlePageTopic
from articles.translation.indexing import indexing_batched, search_indexing_paused
from tests.conftest import REFERENCE_TASK, SEARCH_TASK
from tests.factories import ArticlePageFactory, TopicFactory, publish

pytestmark = pytest.mark.django_db


def test_outside_a_batch_every_save_updates_the_indexes(index_page, index_updates):
    article = ArticlePageFactory(parent=index_page)
    article.save()
    assert index_updates[(SEARCH_TASK, str(article.pk))] == 2
    assert index_updates[(REFERENCE_TASK, str(article.pk))] == 2


def test_inside_a_batch_each_object_is_indexed_once_at_the_end(
    index_page, index_updates
):
    with indexing_batched():
        article = ArticlePageFactory(parent=index_page, title="Disc repair")
        article.save()
        article.save_revision()
        assert index_updates[(SEARCH_TASK, str(article.pk))] == 0
    assert index_updates[(SEARCH_TASK, str(article.pk))] == 1
    assert index_updates[(REFERENCE_TASK, str(article.pk))] == 1
    results = ArticlePage.objects.search("Disc repair")
    assert [page.pk for page in results] == [article.pk]


def test_a_pages_inline_rows_are_indexed_for_references_as_the_page(
    index_page, index_updates
):
    topic = TopicFactory(name="Spine", slug="spine")
    with indexing_batched():
        article = ArticlePageFactory(parent=index_page)
        article.article_topics = [ArticlePageTopic(topic=topic, locale=article.locale)]
        article.save()
    row = article.article_topics.get()
    assert index_updates[(REFERENCE_TASK, str(article.pk))] == 1
    assert index_updates[(REFERENCE_TASK, str(row.pk))] == 0
    # Wagtail records the row's reference under the page, as without the batch.
    assert (
        ReferenceIndex.get_references_for_object(article)
        .filter(to_object_id=str(topic.pk))
        .exists()
    )


def test_nested_batches_index_once_when_the_outermost_ends(index_page, index_updates):
    with indexing_batched():
        with indexing_batched():
            article = ArticlePageFactory(parent=index_page)
        article.save()
        assert index_updates[(SEARCH_TASK, str(article.pk))] == 0
    assert index_updates[(SEARCH_TASK, str(article.pk))] == 1


def test_a_failed_batch_indexes_nothing(index_page, index_updates):
    with pytest.raises(RuntimeError), transaction.atomic():
        with indexing_batched():
            ArticlePageFactory(parent=index_page, slug="rolled-back")
            raise RuntimeError("the operation failed")
    assert not index_updates
    assert not ArticlePage.objects.filter(slug="rolled-back").exists()


def test_submitting_for_translation_indexes_the_new_draft_once(
    index_page, locales, index_updates
):
    source = publish(ArticlePageFactory(parent=index_page, title="Spinal care"))
    translate_object(source, [locales["ko"]])
    draft = ArticlePage.objects.get(
        translation_key=source.translation_key, locale=locales["ko"]
    )
    assert index_updates[(SEARCH_TASK, str(draft.pk))] == 1
    assert index_updates[(REFERENCE_TASK, str(draft.pk))] == 1
    assert ArticlePage.objects.filter(locale=locales["ko"]).search("Spinal care")
    assert ReferenceIndex.objects.filter(object_id=str(draft.pk)).exists() == (
        ReferenceIndex.objects.filter(object_id=str(source.pk)).exists()
    )


def test_pausing_search_indexing_skips_search_and_leaves_saves_indexed_after(
    index_page, index_updates
):
    with search_indexing_paused():
        quiet = ArticlePageFactory(parent=index_page)
    assert index_updates[(SEARCH_TASK, str(quiet.pk))] == 0
    assert index_updates[(REFERENCE_TASK, str(quiet.pk))] >= 1
    # Pausing never puts Wagtail's receivers back beside ours: one update per save.
    with indexing_batched():
        pass
    article = ArticlePageFactory(parent=index_page)
    article.save()
    assert index_updates[(SEARCH_TASK, str(article.pk))] == 2
