"""Bulk building (imports, seeding, build_article_documents, a publish's refresh of an
article's versions) shares what the builds have in common, and serves nothing stale."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from api import documents
from api.documents import (
    batched_document_builds,
    build_article_document,
    build_documents_together,
)
from api.models import ArticleDocument, ChangeSequence
from articles.media import image_for_api, remembered_images
from articles.models import ArticlePage
from tests.factories import (
    ArticlePageFactory,
    ImageFactory,
    publish,
    translate,
)

pytestmark = pytest.mark.django_db

LANGUAGES = ["ko", "zh-hans", "ja", "ar"]


@pytest.fixture
def article_in_five_languages(index_page, locales):
    image = ImageFactory()
    article = publish(
        ArticlePageFactory(parent=index_page, slug="msc", hero_image=image)
    )
    versions = [article] + [
        publish(translate(article, locales[code], slug=f"msc-{code}"))
        for code in LANGUAGES
    ]
    return [v.pk for v in versions]


def rebuild_changed(page_ids: list[int]) -> None:
    # A change every version shows, so that each build writes its document.
    ArticleDocument.objects.filter(page_id__in=page_ids).update(etag="stale")
    for page_id in page_ids:
        build_article_document(page_id)


def queries_of(build) -> int:
    with CaptureQueriesContext(connection) as captured:
        build()
    return len(captured.captured_queries)


def test_a_batch_reads_an_article_s_versions_and_images_once_for_all_of_them(
    article_in_five_languages,
):
    one_by_one = queries_of(lambda: rebuild_changed(article_in_five_languages))

    def batched():
        with batched_document_builds():
            rebuild_changed(article_in_five_languages)

    together = queries_of(batched)
    # Each version alone asks which versions are live and public (a query or two a
    # version), reads its site and whether any page is restricted, and looks the
    # hero image's renditions up: 141 queries against 104 (250 against 146 when
    # each version also read every version's site and ancestors).
    assert together < one_by_one * 3 / 4, (together, one_by_one)
    assert together <= 104


def test_a_batch_builds_the_same_documents(article_in_five_languages):
    rebuild_changed(article_in_five_languages)
    alone = dict(
        ArticleDocument.objects.values_list("page_id", "detail_json").order_by()
    )
    with batched_document_builds():
        rebuild_changed(article_in_five_languages)
    together = dict(
        ArticleDocument.objects.values_list("page_id", "detail_json").order_by()
    )
    assert together == alone


def test_what_a_batch_changed_is_fresh_when_it_ends_even_when_a_build_fails(
    api, article_in_five_languages, monkeypatch
):
    first = api.get("/api/v1/articles/msc/?locale=en")  # cached now
    forgotten = []
    monkeypatch.setattr(
        documents, "invalidate", lambda **kw: forgotten.append(kw["slugs"])
    )
    with pytest.raises(RuntimeError), batched_document_builds():
        rebuild_changed(article_in_five_languages[:1])
        assert forgotten == []  # not once per document
        raise RuntimeError("the next build failed")
    assert forgotten and "msc" in forgotten[0]
    assert first.status_code == 200


def test_a_long_batch_forgets_in_groups(article_in_five_languages, monkeypatch):
    forgotten = []
    monkeypatch.setattr(
        documents, "invalidate", lambda **kw: forgotten.append(kw["slugs"])
    )
    monkeypatch.setattr(documents, "BATCHED_INVALIDATIONS", 2)
    with batched_document_builds():
        rebuild_changed(article_in_five_languages)
        assert forgotten  # before the batch ends
    assert set().union(*forgotten) >= {"msc", "msc-ko", "msc-ar"}


def test_an_image_shown_again_is_described_from_memory_as_a_copy(db):
    image = ImageFactory()
    alone = image_for_api(image, base_url="https://cdn.example.org")
    with remembered_images():
        first = image_for_api(image, base_url="https://cdn.example.org")
        with CaptureQueriesContext(connection) as captured:
            again = image_for_api(image, base_url="https://cdn.example.org")
        assert captured.captured_queries == []
        again["renditions"].clear()  # what a caller does to its copy stays there
        assert image_for_api(image, base_url="https://cdn.example.org") == first
        other_base = image_for_api(image, base_url="")
    assert first == alone
    assert other_base["original"] != first["original"]


def test_pages_built_together_are_read_a_chunk_at_a_time_into_the_same_documents(
    article_in_five_languages,
):
    rebuild_changed(article_in_five_languages)
    alone = dict(ArticleDocument.objects.values_list("page_id", "detail_json"))

    def together():
        ArticleDocument.objects.update(etag="stale")
        assert build_documents_together(article_in_five_languages) == 5

    with batched_document_builds():  # the batch of the test above, for comparison
        batched = queries_of(lambda: rebuild_changed(article_in_five_languages))
    preloaded = queries_of(together)
    # Each page's document as it was, its drift, and the page itself with its topics
    # are read for all five at once (16 queries fewer), and one more query sees that
    # no page was published meanwhile: 57 queries against 72.
    assert preloaded <= batched - 15, (preloaded, batched)
    assert dict(ArticleDocument.objects.values_list("page_id", "detail_json")) == alone


def test_a_page_unpublished_while_its_chunk_was_built_is_built_again(
    article_in_five_languages, monkeypatch
):
    korean_id = article_in_five_languages[1]
    build = documents.build_article_document

    def build_while_another_process_unpublishes(page_id):
        if page_id == article_in_five_languages[0]:
            ArticlePage.objects.filter(pk=korean_id).update(live=False)
        return build(page_id)

    monkeypatch.setattr(
        documents, "build_article_document", build_while_another_process_unpublishes
    )
    ArticleDocument.objects.update(etag="stale")
    build_documents_together(article_in_five_languages)
    # Read live with its chunk, written as live, then read again: not served.
    assert not ArticleDocument.objects.filter(page_id=korean_id).exists()
    assert ArticleDocument.objects.count() == 4


def test_changes_are_numbered_one_after_another_from_the_first(db):
    assert ChangeSequence.current() == 0
    assert [ChangeSequence.next() for _ in range(3)] == [1, 2, 3]
    assert ChangeSequence.current() == 3
