"""Search and reference indexes are updated once per object per operation: building a
translated page saves it several times, and indexing a long article each time was a
quarter of the cost of submitting it for translation."""

from collections import Counter

import pytest
from django.db import transaction
from django_tasks.signals import task_enqueued
from wagtail.models import ReferenceIndex
from wagtail_localize.operations import translate_object

from articles.models import ArticlePage
from articles.translation.indexing import indexing_batched, search_indexing_paused
from tests.factories import ArticlePageFactory, publish

pytestmark = pytest.mark.django_db

SEARCH_TASK = "insert_or_update_object_task"
REFERENCE_TASK = "update_reference_index_task"


@pytest.fixture
def index_updates():
    """Counts, per (task name, pk), the index updates enqueued while the test runs."""
    seen: Counter = Counter()

    def count(sender, task_result, **kwargs):
        task = task_result.task
        if task.name in (SEARCH_TASK, REFERENCE_TASK):
            seen[(task.name, task_result.args[2])] += 1

    task_enqueued.connect(count)
    yield seen
    task_enqueued.disconnect(count)


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
