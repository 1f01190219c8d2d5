"""`setup_locale` enables a content language in one step: the locale, the article
index translated and published, the translator group with its permissions, and the
review workflow. A language outside today's eight (Thai) needs only CMS_LANGUAGES;
until its catalogue exists its pages speak English around their content."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from wagtail.models import GroupPagePermission, Locale

from articles.models import ArticleIndexPage
from articles.translation.roles import REVIEW_WORKFLOW, translators_group_name

pytestmark = pytest.mark.django_db


def setup_locale(code: str) -> str:
    out = StringIO()
    call_command("setup_locale", code, stdout=out)
    return out.getvalue()


@pytest.fixture
def thai(settings):
    """Thai added to the content languages, as an operator would in CMS_LANGUAGES."""
    languages = [*settings.CMS_LANGUAGES, "th"]
    settings.CMS_LANGUAGES = languages
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES = [
        (code, code) for code in languages
    ]


def test_setup_locale_enables_japanese_end_to_end(client, index_page):
    output = setup_locale("ja")

    locale = Locale.objects.get(language_code="ja")
    index = ArticleIndexPage.objects.get(locale=locale)
    assert index.live
    assert index.translation_key == index_page.translation_key
    group = Group.objects.get(name=translators_group_name("ja"))
    assert GroupPagePermission.objects.filter(group=group, page=index).exists()
    assert index.get_workflow().name == REVIEW_WORKFLOW
    assert "ja is ready for translation." in output
    response = client.get("/ja/")
    assert response.status_code == 200
    assert '<html lang="ja" dir="ltr">' in response.content.decode()


def test_setup_locale_twice_changes_nothing(index_page):
    setup_locale("ja")
    pages = ArticleIndexPage.objects.count()

    output = setup_locale("ja")

    assert ArticleIndexPage.objects.count() == pages
    assert "created" not in output


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("th", "'th' is not a content language. Add it to CMS_LANGUAGES"),
        ("en", "en is the source language"),
    ],
)
def test_setup_locale_refuses_what_it_cannot_set_up(index_page, code, message):
    with pytest.raises(CommandError, match=message):
        setup_locale(code)
    assert not ArticleIndexPage.objects.exclude(locale__language_code="en").exists()


def test_a_language_outside_todays_eight_needs_only_the_setting(
    client, index_page, thai
):
    setup_locale("th")

    response = client.get("/th/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="th" dir="ltr">' in html
    # No Thai catalogue yet: the interface falls back to English.
    assert "No articles have been published in this language yet." in html
    assert Group.objects.filter(name=translators_group_name("th")).exists()


def test_importing_into_a_locale_without_an_index_names_setup_locale(
    index_page, tmp_path
):
    (tmp_path / "article.html").write_text(
        "<html><head><title>Knee</title></head><body><h1>Knee</h1>"
        "<h2>Overview</h2><p>Text.</p></body></html>"
    )

    with pytest.raises(CommandError, match="setup_locale ja"):
        call_command("import_articles", str(tmp_path / "article.html"), locale="ja")


# From the admin -----------------------------------------------------------------------


def languages_url() -> str:
    from django.urls import reverse

    return reverse("articles_content_languages")


def test_an_administrator_sets_up_a_language_from_the_admin(
    admin_client_logged_in, index_page
):
    screen = admin_client_logged_in.get(languages_url())
    response = admin_client_logged_in.post(languages_url(), {"code": "ja"}, follow=True)

    assert "Set up 日本語" in screen.text
    assert ArticleIndexPage.objects.get(locale__language_code="ja").live
    assert Group.objects.filter(name=translators_group_name("ja")).exists()
    message = [str(m) for m in response.context["messages"]][0]
    assert message.startswith("日本語 is ready for translation")
    assert "Set up 日本語" not in response.text


def test_the_admin_refuses_a_language_outside_the_content_languages(
    admin_client_logged_in, index_page
):
    for code in ("xx", "en", ""):
        response = admin_client_logged_in.post(
            languages_url(), {"code": code}, follow=True
        )
        assert [str(m) for m in response.context["messages"]] == [
            "Choose a content language from the list."
        ]
    assert not Locale.objects.filter(language_code="xx").exists()


def test_only_administrators_set_up_languages(client, index_page, django_user_model):
    from articles.translation.roles import EDITORS_GROUP, setup_roles
    from tests.factories import member

    setup_roles()
    client.force_login(member("editor-1", EDITORS_GROUP))

    assert client.get(languages_url()).status_code in (302, 403)
    client.post(languages_url(), {"code": "ja"})
    assert not ArticleIndexPage.objects.filter(locale__language_code="ja").exists()
