"""What the API serves follows every editorial change at once: the stored JSON is
rebuilt whenever something it shows changes."""

import pytest

from tests.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    ClinicianFactory,
    TopicFactory,
    publish,
    translate,
)

pytestmark = pytest.mark.django_db


def get(api, slug, **params):
    return api.get(f"/api/v1/articles/{slug}/", params)


def test_republishing_serves_the_new_content(api, index_page):
    page = publish(ArticlePageFactory(parent=index_page, slug="a", title="Old title"))
    page.title = "New title"
    publish(page)
    assert get(api, "a").json()["title"] == "New title"


def test_renamed_slug_is_served_at_the_new_slug_only(api, index_page):
    page = publish(ArticlePageFactory(parent=index_page, slug="old-slug"))
    page.slug = "new-slug"
    publish(page)
    assert get(api, "new-slug").status_code == 200
    assert get(api, "old-slug").status_code == 404


def test_editing_a_topic_or_clinician_updates_the_articles_showing_them(
    api, index_page
):
    topic = TopicFactory(name="Spine", slug="spine")
    author = ClinicianFactory(name="Dr Old")
    publish(
        ArticlePageFactory(parent=index_page, slug="a", topics=[topic], author=author)
    )
    topic.name = "Spine care"
    topic.save()
    author.name = "Dr New"
    author.save()
    data = get(api, "a").json()
    assert data["topics"] == [{"slug": "spine", "name": "Spine care"}]
    assert data["author"]["name"] == "Dr New"
    listing = api.get("/api/v1/articles/").json()
    assert listing["results"][0]["topics"][0]["name"] == "Spine care"


def test_publishing_a_translation_updates_its_siblings(api, index_page, locales):
    source = publish(ArticlePageFactory(parent=index_page, slug="a"))
    translate(source, locales["ko"], slug="a-ko")
    assert [t["locale"] for t in get(api, "a").json()["translations"]] == ["en", "ko"]
    assert get(api, "a").json()["available_locales"] == ["en", "ko"]


def test_unpublishing_a_translation_updates_its_siblings_and_fallbacks(
    api, index_page, locales
):
    source = publish(ArticlePageFactory(parent=index_page, slug="a"))
    korean = translate(source, locales["ko"], slug="a-ko")
    korean.unpublish()
    assert [t["locale"] for t in get(api, "a").json()["translations"]] == ["en"]
    data = get(api, "a-ko", locale="ko").json()
    assert (data["locale"], data["is_fallback"]) == ("en", True)


def test_deleting_an_article_removes_it_and_updates_its_siblings(
    api, index_page, locales
):
    source = publish(ArticlePageFactory(parent=index_page, slug="a"))
    korean = translate(source, locales["ko"], slug="a-ko")
    korean.delete()
    assert [t["locale"] for t in get(api, "a").json()["translations"]] == ["en"]
    assert api.get("/api/v1/articles/", {"locale": "ko"}).json()["results"] == []


def test_moving_an_article_changes_its_path(api, index_page, locales):
    page = publish(ArticlePageFactory(parent=index_page, slug="a"))
    other = publish(
        ArticleIndexPageFactory(parent=index_page.get_parent(), slug="other")
    )
    page.move(other, pos="last-child")
    data = get(api, "a")
    # `other` is outside the default site's tree: the article is no longer served.
    assert data.status_code == 404
    page.refresh_from_db()
    index_page.refresh_from_db()
    page.move(index_page, pos="last-child")
    assert get(api, "a").json()["path"] == "/en/a/"


def test_retitling_a_version_updates_the_versions_list_of_the_others(
    api, index_page, locales
):
    source = publish(ArticlePageFactory(parent=index_page, slug="a", title="Before"))
    translate(source, locales["ko"], slug="a-ko", title="한국어")
    source.title = "After"
    publish(source)
    versions = get(api, "a-ko", locale="ko").json()["translations"]
    assert {v["locale"]: v["title"] for v in versions}["en"] == "After"


def test_editing_only_the_body_of_one_version_leaves_the_others_untouched(
    index_page, locales
):
    """Their documents show nothing of its body: rebuilding them would only cost."""
    from api.models import ArticleDocument

    source = publish(ArticlePageFactory(parent=index_page, slug="a"))
    korean = translate(source, locales["ko"], slug="a-ko")
    before = ArticleDocument.objects.get(page_id=korean.pk).built_at
    source.summary = "A new summary of the treatment."
    publish(source)
    assert ArticleDocument.objects.get(page_id=korean.pk).built_at == before
    assert "A new summary" in ArticleDocument.objects.get(page_id=source.pk).detail_json
