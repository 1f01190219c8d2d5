"""Opening a demo article in the admin and leaving changes nothing (issue 17).

The admin autosaves when the edit form's data differs from what it loaded, and every
save of the form stores what the editor's widgets write back. So an article written in
code must already be stored the way the editor writes it: the unmodified form, posted
back, is no change to Wagtail (`has_changed()` is false), stores exactly the content
it loaded, and renders the same form again. A one-word edit is a change.
"""

import importlib

import pytest
from django.apps import apps as django_apps
from django.core.management import call_command
from wagtail_localize.models import Translation

from articles.models import ArticlePage
from articles.richtext import editor_rich_text, editor_stream_data
from tests.conftest import shared_data
from tests.factories import (
    ArticlePageFactory,
    block,
    items,
    paragraph,
    publish,
    section,
)

from .edit_form import (
    bound_edit_form,
    content_changes,
    edit_url,
    form_content,
    stored_content,
    unmodified_edit_form_data,
)

pytestmark = pytest.mark.django_db
DEMO_LOCALES = ("en", "ko", "zh-hans", "ar")
DEMO_ARTICLES = ("knee-cartilage", "stem-cell-spine", "stroke-rehab")


@pytest.fixture(scope="module")
def demo_loaded(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module and rolled back at its end."""
    with shared_data(django_db_blocker):
        call_command("load_demo", verbosity=0)
        yield


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(
        username="editor", email="editor@example.org", password="x"
    )


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def demo_article(key: str, language_code: str) -> ArticlePage:
    from articles.demo.loader import stable_uuid

    return ArticlePage.objects.get(
        translation_key=stable_uuid("article", key),
        locale__language_code=language_code,
    )


def open_in_wagtail_editor(page: ArticlePage) -> None:
    """A translation opens in wagtail-localize's translation editor while it is kept
    in step with its source; stopping that (as its "Stop syncing" action does) opens
    it in Wagtail's own edit form, the one that autosaves."""
    Translation.objects.filter(
        source__object_id=page.translation_key, target_locale=page.locale
    ).update(enabled=False)


def form_changes(page: ArticlePage, data, user) -> list[str]:
    return content_changes(bound_edit_form(page, data, user))


@pytest.mark.parametrize("language_code", DEMO_LOCALES)
@pytest.mark.parametrize("key", DEMO_ARTICLES)
def test_unmodified_demo_article_round_trips_with_no_change(
    demo_loaded, editor_client, editor, key, language_code
):
    page = demo_article(key, language_code)
    open_in_wagtail_editor(page)
    before = stored_content(page)
    data = unmodified_edit_form_data(editor_client, page)

    assert form_changes(page, data, editor) == []

    response = editor_client.post(edit_url(page), data)
    assert response.status_code == 302, response.context["form"].errors.as_json()
    page.refresh_from_db()
    assert stored_content(page) == before
    reopened = unmodified_edit_form_data(editor_client, page)
    assert form_content(reopened) == form_content(data)


def test_one_word_edit_is_a_change_and_a_new_revision(
    demo_loaded, editor_client, editor
):
    page = demo_article("stroke-rehab", "en")
    revisions = page.revisions.count()
    data = unmodified_edit_form_data(editor_client, page)
    data["summary"] = data["summary"] + " Indeed."

    assert form_changes(page, data, editor) == ["summary"]

    editor_client.post(edit_url(page), data)
    page.refresh_from_db()
    assert page.revisions.count() == revisions + 1
    assert stored_content(page)["summary"].endswith(" Indeed.")


def test_one_word_edit_in_the_body_is_a_change(demo_loaded, editor_client, editor):
    page = demo_article("knee-cartilage", "en")
    data = unmodified_edit_form_data(editor_client, page)
    paragraph = next(
        name
        for name, value in data.items()
        if name.endswith("-type") and value == "paragraph"
    ).removesuffix("-type")
    original = data[f"{paragraph}-value"]
    data[f"{paragraph}-value"] = original.replace('"text": "', '"text": "Briefly, ', 1)
    assert data[f"{paragraph}-value"] != original

    assert form_changes(page, data, editor) == ["body"]


def test_editor_rich_text_is_what_the_editor_writes_back():
    features = ["bold", "italic", "link"]
    stored = editor_rich_text(
        "Rest <strong>well</strong>\n and   <em>eat</em>", features=features
    )

    assert stored.startswith('<p data-block-key="')
    assert stored.endswith("Rest <b>well</b> and <i>eat</i></p>")
    assert editor_rich_text(stored, features=features) == stored
    assert editor_rich_text("Rest", features=features) == editor_rich_text(
        "Rest", features=features
    )
    assert editor_rich_text("<p> </p>", features=features) == ""


def test_editor_stream_data_keeps_ids_and_gives_list_items_theirs():
    stream_block = ArticlePage._meta.get_field("body").stream_block
    section = {
        "type": "section",
        "id": "s1",
        "value": {
            "heading": "Recovery",
            "level": "2",
            "anchor": "recovery",
            "content": [
                {"type": "bullet_list", "id": "b1", "value": {"items": ["Walk"]}}
            ],
        },
    }

    [stored] = editor_stream_data(stream_block, [section])

    [item] = stored["value"]["content"][0]["value"]["items"]
    assert stored["id"] == "s1"
    assert item["type"] == "item"
    assert item["id"]
    assert item["value"].endswith(">Walk</p>")


def test_migration_stores_older_articles_as_the_editor_does_without_a_revision(
    index_page, editor_client, editor
):
    migration = importlib.import_module(
        "articles.migrations.0012_rich_text_as_the_editor_stores_it"
    )
    page = ArticlePageFactory(
        parent=index_page,
        body=[
            section(
                "Recovery",
                paragraph("<p>Rest <strong>well</strong>.</p>"),
                block("bullet_list", {"items": items("Walk daily")}),
            )
        ],
        disclaimer="<p>General information only.</p>",
    )
    publish(page)
    draft = page.get_latest_revision_as_object()
    draft.summary = "A draft nobody has published yet."
    draft.save_revision()
    page.refresh_from_db()
    revisions, live_revision = page.revisions.count(), page.live_revision_id
    assert form_changes(page, unmodified_edit_form_data(editor_client, page), editor)

    migration.store_as_the_editor_does(django_apps, None)
    migration.store_as_the_editor_does(django_apps, None)  # again: nothing to do

    page.refresh_from_db()
    assert page.revisions.count() == revisions
    assert page.live_revision_id == live_revision
    assert page.live and page.has_unpublished_changes
    assert page.disclaimer.startswith('<p data-block-key="')
    latest = page.get_latest_revision_as_object()
    assert latest.summary == "A draft nobody has published yet."
    [item] = latest.body[0].value["content"][1].value["items"]
    assert item.source.endswith(">Walk daily</p>")
    data = unmodified_edit_form_data(editor_client, page)
    assert form_changes(page, data, editor) == []
