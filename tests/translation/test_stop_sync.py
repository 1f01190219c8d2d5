"""wagtail-localize's "Stop synced translation" takes a translated page out of the
translation: it is then written in Wagtail's own editor, where nothing checks it
against its source (numbers, doses, terms) and nothing the source changes is carried
into it. Only those who may publish the page directly may do it; a translator (whose
editor offered the button) is told why not, and the translation stays synced. A
snippet's translation, which is not reviewed, its translators may still stop."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail_localize.models import Translation
from wagtail_localize.operations import translate_object

from articles.models import Topic
from articles.translation.roles import (
    translators_group_name,
)
from tests.factories import TopicFactory, member
from tests.translation.helpers import NOT_KOREAN_TRANSLATORS, in_admin_language

pytestmark = pytest.mark.django_db


def stop_url(translation) -> str:
    return reverse("wagtail_localize:stop_translation", args=[translation.pk])


def edit_url(page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def still_synced(translation) -> bool:
    return Translation.objects.get(pk=translation.pk).enabled


def test_a_translator_may_not_take_their_page_out_of_the_checks(client, korean):
    client.force_login(member("ko-translator", translators_group_name("ko")))

    response = client.post(
        stop_url(korean["translation"]), {"next": edit_url(korean["page"])}
    )

    assert (response.status_code, response["Location"]) == (
        302,
        edit_url(korean["page"]),
    )
    [message] = get_messages(response.wsgi_request)
    assert "nothing checks it against the source" in str(message)
    assert still_synced(korean["translation"])


def test_without_a_next_address_the_translator_is_sent_back_to_the_editor(
    client, korean
):
    client.force_login(member("ko-translator", translators_group_name("ko")))

    response = client.post(stop_url(korean["translation"]))

    assert response["Location"] == edit_url(korean["page"])
    assert still_synced(korean["translation"])


def test_the_refusal_is_in_the_translators_admin_language(client, korean):
    user = member("ko-translator", translators_group_name("ko"))
    in_admin_language(client, user, "ko")

    response = client.post(stop_url(korean["translation"]), follow=True)

    assert "원문의 숫자, 용량, 용어와" in response.content.decode()
    assert still_synced(korean["translation"])


def test_it_is_only_ever_a_post(client, korean, django_user_model):
    client.force_login(
        django_user_model.objects.create_superuser("admin", "a@example.org", "x")
    )

    response = client.get(stop_url(korean["translation"]))

    assert response.status_code == 405
    assert still_synced(korean["translation"])


@pytest.mark.parametrize("username, group", NOT_KOREAN_TRANSLATORS)
def test_those_who_may_not_work_on_the_korean_translation_are_refused(
    client, korean, username, group
):
    client.force_login(member(username, group))

    response = client.post(stop_url(korean["translation"]))

    # PermissionDenied, which Wagtail's admin answers with its home page.
    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
    assert still_synced(korean["translation"])


def test_an_administrator_may_stop_it_as_wagtail_localize_does(
    client, korean, django_user_model
):
    client.force_login(
        django_user_model.objects.create_superuser("admin", "a@example.org", "x")
    )

    response = client.post(
        stop_url(korean["translation"]), {"next": edit_url(korean["page"])}
    )

    assert (response.status_code, response["Location"]) == (
        302,
        edit_url(korean["page"]),
    )
    assert not still_synced(korean["translation"])


def test_a_translator_may_stop_a_snippets_translation(client, roles, locales):
    topic = TopicFactory(name="Spine", slug="spine")
    translate_object(topic, [locales["ko"]])
    translation = Translation.objects.get(
        source__object_id=topic.translation_key, target_locale=locales["ko"]
    )
    client.force_login(member("ko-translator", translators_group_name("ko")))

    client.post(stop_url(translation))

    assert not still_synced(translation)
    assert Topic.objects.filter(locale=locales["ko"]).exists()


def test_the_editor_offers_the_button_only_to_whom_it_is_allowed(
    client, korean, django_user_model
):
    marks = reverse("articles_translation_marks", args=[korean["translation"].pk])
    client.force_login(member("ko-translator", translators_group_name("ko")))
    as_translator = client.get(marks).json()
    client.force_login(
        django_user_model.objects.create_superuser("admin", "a@example.org", "x")
    )
    as_administrator = client.get(marks).json()

    assert as_translator["can_stop_sync"] is False
    assert as_administrator["can_stop_sync"] is True
