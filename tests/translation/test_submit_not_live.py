"""Submitting an article for translation never puts an untranslated copy live in the
target locale: the translation is a draft until it is translated and approved.

wagtail-localize publishes new translations of a live source when the transaction
commits, so every submission here runs its commit callbacks."""

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, TranslationSource

from articles.models import ArticlePage, Topic
from articles.translation.checks import check_live_status_setting
from articles.translation.roles import (
    EDITORS_GROUP,
    REVIEWERS_GROUP,
    translators_group_name,
)
from tests.factories import ArticlePageFactory, TopicFactory, member, publish
from tests.translation.helpers import workflow_action_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(index_page, roles):
    source = publish(
        ArticlePageFactory(
            parent=index_page, slug="spine", title="Spine care", summary="Backs."
        )
    )
    return {
        "source": source,
        "editor": member("editor-1", EDITORS_GROUP),
        "translator": member("ko-translator", translators_group_name("ko")),
        "reviewer": member("doctor", REVIEWERS_GROUP),
    }


@pytest.fixture
def submit(client, world, locales, django_capture_on_commit_callbacks):
    """The editor submits the live source article for translation into Korean."""

    def run():
        client.force_login(world["editor"])
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse(
                    "wagtail_localize:submit_page_translation",
                    args=[world["source"].id],
                ),
                {"locales": [locales["ko"].id]},
            )
        client.logout()
        assert response.status_code == 302
        return ArticlePage.objects.get(
            translation_key=world["source"].translation_key, locale=locales["ko"]
        )

    return run


def api_detail(client, slug: str, locale: str) -> dict:
    response = client.get(f"/api/v1/articles/{slug}/", {"locale": locale})
    assert response.status_code == 200
    return response.json()


def test_submitting_a_live_article_leaves_its_translation_a_draft(client, submit):
    translation = submit()

    assert not translation.live
    assert translation.live_revision is None


def test_a_host_setting_cannot_make_the_untranslated_copy_live(
    client, submit, settings
):
    # wagtail-localize's own default publishes it at once; the plugin never does.
    settings.WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = True

    translation = submit()

    assert not translation.live
    (warning,) = check_live_status_setting()
    assert warning.id == "articles_translation.W001"


def test_the_api_does_not_serve_an_untranslated_copy_in_the_target_locale(
    client, submit
):
    submit()

    article = api_detail(client, "spine", "ko")

    # The reader gets the English article, marked as a fallback, never a Korean
    # page holding English text.
    assert (article["locale"], article["is_fallback"]) == ("en", True)


def test_the_website_does_not_serve_the_untranslated_copy(client, submit):
    translation = submit()

    response = client.get(translation.url)

    # As the API does: the reader is sent to the English article (its URL says its
    # language), never shown a Korean page holding English text.
    assert response.status_code == 302
    assert (
        response["Location"]
        == translation.get_translation(Locale.objects.get(language_code="en")).url
    )


def test_a_snippet_translation_is_created_with_the_page_that_uses_it(
    client, world, locales, django_capture_on_commit_callbacks
):
    """Snippets have no draft state: their translations exist at once (wagtail-localize
    fills untranslated fields with the source text), while the page stays a draft."""
    topic = TopicFactory(locale=locales["en"], name="Spine")
    client.force_login(world["editor"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse(
                "wagtail_localize:submit_snippet_translation",
                args=["articles", "topic", topic.pk],
            ),
            {"locales": [locales["ko"].id]},
        )

    assert Topic.objects.filter(
        translation_key=topic.translation_key, locale=locales["ko"]
    ).exists()


def test_the_translation_goes_live_once_translated_and_approved(
    client, world, submit, locales
):
    translation = submit()
    source = TranslationSource.objects.get_for_instance(world["source"])
    for segment in source.stringsegment_set.select_related("string", "context"):
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=locales["ko"],
            context=segment.context,
            data=f"[ko] {segment.string.data}",
        )

    # Translated and sent to review: still not live.
    client.force_login(world["translator"])
    client.post(
        reverse("articles_submit_translation_for_review", args=[translation.id])
    )
    assert api_detail(client, "spine", "ko")["locale"] == "en"

    # Approved by a medical reviewer: live, in Korean.
    client.force_login(world["reviewer"])
    translation.refresh_from_db()
    client.post(workflow_action_url(translation, "approve"))
    client.logout()

    article = api_detail(client, "spine", "ko")
    assert (article["locale"], article["is_fallback"]) == ("ko", False)
    assert article["title"] == "[ko] Spine care"


def test_syncing_never_publishes_for_a_translator_even_when_asked(
    client, world, submit, locales, django_capture_on_commit_callbacks
):
    translation = submit()
    source = TranslationSource.objects.get_for_instance(world["source"])
    client.force_login(world["translator"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("wagtail_localize:update_translations", args=[source.id]),
            {"publish_translations": "on"},
        )

    translation.refresh_from_db()
    assert response.status_code == 302
    assert not translation.live
