"""An import that publishes many articles is a bulk operation (`articles.bulk`): its
delivery documents are built in batches as it goes, and the work it queues for the
worker (webhooks, CDN purges) waits behind what other editors queue meanwhile, so a
500-article import never holds up another editor's publish."""

import json

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult
from rest_framework.test import APIClient

from api import documents
from api.background import BULK_PRIORITY
from api.models import ArticleDocument, WebhookSubscription
from articles.bulk import bulk_operation
from articles.importer import import_articles
from articles.models import ArticlePage
from tests.background import run_background_tasks
from tests.conftest import REFERENCE_TASK, SEARCH_TASK
from tests.factories import ArticlePageFactory, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def folder(tmp_path):
    """Five short articles in Markdown."""
    for i in range(5):
        (tmp_path / f"article-{i}.md").write_text(
            f"# Recovery after spinal surgery, part {i}\n\n"
            f"Part {i} of a guide to the weeks after an operation on the spine.\n\n"
            "## Overview {#overview}\n\nWalking helps recovery.\n",
            encoding="utf-8",
        )
    return tmp_path


@pytest.fixture
def subscription(receiver):
    return WebhookSubscription.objects.create(name="Website", url=receiver.url + "/h")


def live_slugs() -> set[str]:
    return set(ArticleDocument.objects.values_list("slug", flat=True))


def webhook_priorities() -> list[int]:
    return list(
        DBTaskResult.objects.filter(task_path__endswith="deliver_webhook")
        .order_by("enqueued_at")
        .values_list("priority", flat=True)
    )


# Each file commits in the import: the work is queued then, inside the operation.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_imports_queued_work_waits_behind_another_editors(
    index_page, folder, subscription, receiver
):
    report = import_articles(paths=[folder], language_code="en", publish=True)
    assert not [f for f in report.files if f.failed]
    assert webhook_priorities() == [BULK_PRIORITY] * 5

    # Another editor publishes after the import queued its work...
    publish(ArticlePageFactory(parent=index_page, slug="editors-own"))
    # ...and the worker delivers theirs first.
    run_background_tasks()
    slugs = [json.loads(request.body)["slug"] for request in receiver.requests]
    assert slugs[0] == "editors-own"
    assert sorted(slugs[1:]) == [f"article-{i}" for i in range(5)]


def test_an_imports_articles_are_served_as_it_goes(index_page, folder, monkeypatch):
    monkeypatch.setattr(documents, "DEFERRED_BATCH", 2)
    served_along_the_way = []

    def progress(done: int, total: int) -> None:
        served_along_the_way.append(len(live_slugs()))

    import_articles(paths=[folder], language_code="en", publish=True, progress=progress)
    # Before the first file, then after each: built two at a time, the rest at the end.
    assert served_along_the_way == [0, 0, 2, 2, 4, 4]
    assert live_slugs() == {f"article-{i}" for i in range(5)}
    response = APIClient().get("/api/v1/articles/article-4/")
    assert response.status_code == 200


def test_each_imported_article_is_indexed_once_when_it_is_written(
    index_page, folder, index_updates
):
    (folder / "broken.html").write_text(
        f"<h1>Knee</h1><p>Rest.</p><h2>{'x' * 300}</h2>", encoding="utf-8"
    )

    report = import_articles(paths=[folder], language_code="en", publish=True)

    assert [f.path.name for f in report.files if f.failed] == ["broken.html"]
    pages = ArticlePage.objects.filter(slug__startswith="article-")
    assert pages.count() == 5
    for page in pages:
        # Created, revised and published, its topic rows included: once each.
        assert index_updates[(REFERENCE_TASK, str(page.pk))] == 1
        assert index_updates[(SEARCH_TASK, str(page.pk))] == 1


def test_a_dry_run_is_no_bulk_operation(index_page, folder, monkeypatch):
    entered = []
    monkeypatch.setattr(
        "articles.importer.run.bulk_operation", lambda: entered.append(1)
    )
    import_articles(paths=[folder], language_code="en", publish=True, dry_run=True)
    assert entered == []


def test_what_a_failed_bulk_operation_published_is_served(index_page):
    with pytest.raises(RuntimeError), bulk_operation():
        with transaction.atomic():
            publish(ArticlePageFactory(parent=index_page, slug="committed"))
        assert live_slugs() == set()  # deferred
        raise RuntimeError("the disk is full")
    assert live_slugs() == {"committed"}


def test_work_queued_outside_a_bulk_operation_keeps_its_priority(
    index_page, subscription, django_capture_on_commit_callbacks
):
    with bulk_operation():
        pass
    with django_capture_on_commit_callbacks(execute=True):
        publish(ArticlePageFactory(parent=index_page, slug="later"))
    assert webhook_priorities() == [0]
