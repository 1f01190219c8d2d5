"""wagtail-localize's "Convert to alias page" replaces a translation with the source's
text, live at once when the source is live, and deletes the translation: publishing
without medical review. Only those who may publish the page directly may do it; a
translator (whose editor offered it as the footer's main action) is told why not, and
nothing changes."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import Translation

from articles.translation.roles import (
    translators_group_name,
)
from tests.factories import member
from tests.translation.helpers import NOT_KOREAN_TRANSLATORS, in_admin_language

pytestmark = pytest.mark.django_db


def convert_url(page) -> str:
    return reverse("wagtail_localize:convert_to_alias", args=[page.id])


def unchanged(korean) -> bool:
    page = Page.objects.get(pk=korean["page"].pk)
    return (
        not page.live
        and page.alias_of_id is None
        and Translation.objects.filter(pk=korean["translation"].pk).exists()
    )


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_translator_may_not_put_the_source_text_live_in_their_language(
    client, korean, method
):
    client.force_login(member("ko-translator", translators_group_name("ko")))

    response = getattr(client, method)(convert_url(korean["page"]))

    assert response.status_code == 302
    assert response["Location"] == reverse(
        "wagtailadmin_pages:edit", args=[korean["page"].id]
    )
    [message] = get_messages(response.wsgi_request)
    assert "without medical review" in str(message)
    assert unchanged(korean)


def test_the_refusal_is_in_the_translators_admin_language(client, korean):
    user = member("ko-translator", translators_group_name("ko"))
    in_admin_language(client, user, "ko")

    response = client.post(convert_url(korean["page"]), follow=True)

    assert "의학 검토 없이" in response.content.decode()
    assert unchanged(korean)


@pytest.mark.parametrize("username, group", NOT_KOREAN_TRANSLATORS)
def test_those_who_may_not_edit_the_korean_page_are_refused(
    client, korean, username, group
):
    client.force_login(member(username, group))

    response = client.post(convert_url(korean["page"]))

    # PermissionDenied, which Wagtail's admin answers with its home page.
    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
    assert unchanged(korean)


def test_an_administrator_may_convert_as_wagtail_localize_does(
    client, korean, django_user_model
):
    admin = django_user_model.objects.create_superuser("admin", "a@example.org", "x")
    client.force_login(admin)

    confirm = client.get(convert_url(korean["page"]))
    response = client.post(convert_url(korean["page"]))

    assert confirm.status_code == 200
    assert response.status_code == 302
    page = Page.objects.get(pk=korean["page"].pk)
    assert page.alias_of_id is not None
    assert page.live  # the source is live: this is why it needs publishing rights
    assert not Translation.objects.filter(pk=korean["translation"].pk).exists()


def test_the_editor_offers_the_conversion_only_to_whom_it_is_allowed(
    client, korean, django_user_model
):
    marks = reverse("articles_translation_marks", args=[korean["translation"].pk])
    client.force_login(member("ko-translator", translators_group_name("ko")))
    as_translator = client.get(marks).json()
    client.force_login(
        django_user_model.objects.create_superuser("admin", "a@example.org", "x")
    )
    as_administrator = client.get(marks).json()

    assert as_translator["can_convert_to_alias"] is False
    assert as_administrator["can_convert_to_alias"] is True
