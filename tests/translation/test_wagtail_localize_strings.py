"""wagtail-localize's own admin (its translation editor, its forms and messages) speaks
every admin language: where its catalogues lack a string (most of them in Korean,
Japanese, Vietnamese and traditional Chinese), this app's catalogues answer, on the
server and in the editor's JavaScript catalogue."""

import json
import re
from pathlib import Path

import polib
import pytest
import wagtail_localize
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from articles.translation.roles import translators_group_name
from articles.translation.wagtail_localize_strings import (
    COUNTED_SERVER_STRINGS,
    EDITOR_STRINGS,
    SERVER_STRINGS,
)
from tests.factories import member
from tests.translation.helpers import in_admin_language

THEIR_CATALOGUES = (
    Path(wagtail_localize.__file__).parent / "locale" / "en" / "LC_MESSAGES"
)
ADMIN_LANGUAGES = settings.CMS_LANGUAGES[1:]


def their_msgids(domain: str) -> set[str]:
    return {entry.msgid for entry in polib.pofile(THEIR_CATALOGUES / f"{domain}.po")}


def test_the_lists_hold_exactly_the_installed_wagtail_localizes_strings():
    """A release that adds a string fails here, naming it: add it to the list, run
    makemessages and translate it."""
    counted = {singular for singular, plural in COUNTED_SERVER_STRINGS}
    assert set(SERVER_STRINGS) | counted == their_msgids("django") - {""}
    assert set(EDITOR_STRINGS) == their_msgids("djangojs") - {""}


@pytest.mark.parametrize("code", ADMIN_LANGUAGES)
def test_every_server_string_is_translated_in_every_admin_language(code):
    with translation.override(code):
        untranslated = [
            text for text in SERVER_STRINGS if translation.gettext(text) == text
        ] + [
            singular
            for singular, plural in COUNTED_SERVER_STRINGS
            if translation.ngettext(singular, plural, 2) in (singular, plural)
        ]

    assert untranslated == []


@pytest.mark.parametrize(
    ("count", "korean", "russian"),
    [
        (1, "하위 페이지 1개 포함", "Включить дочерние страницы (1 страница)"),
        (3, "하위 페이지 3개 포함", "Включить дочерние страницы (3 страницы)"),
        (11, "하위 페이지 11개 포함", "Включить дочерние страницы (11 страниц)"),
    ],
)
def test_the_counted_string_takes_each_languages_plural_form(count, korean, russian):
    for code, expected in (("ko", korean), ("ru", russian)):
        with translation.override(code):
            text = translation.ngettext(
                "Include subtree ({} page)", "Include subtree ({} pages)", count
            )
        assert text.format(count) == expected


def editor_catalogue(client, code: str) -> dict:
    """The catalogue wagtail-localize's editor loads, for a translator whose admin
    language is `code`."""
    user = member(f"{code}-translator", translators_group_name(code))
    response = in_admin_language(client, user, code).get(
        reverse("wagtail_localize:javascript_catalog")
    )
    assert response.status_code == 200
    found = re.search(
        r"const newcatalog = (\{.*?\});\n", response.content.decode(), re.S
    )
    return json.loads(found[1])


@pytest.mark.django_db
@pytest.mark.parametrize("code", ADMIN_LANGUAGES)
def test_the_editors_javascript_catalogue_translates_every_editor_string(
    client, roles, code
):
    catalogue = editor_catalogue(client, code)

    assert [text for text in EDITOR_STRINGS if catalogue.get(text, text) == text] == []


@pytest.mark.django_db
def test_the_editor_says_what_the_server_says(client, roles):
    """One word for one thing: the editor's buttons and the pages around it agree,
    including where this app's catalogue corrects wagtail-localize's (its Korean
    "Translate" button read "번역하다", the dictionary form of the verb)."""
    catalogue = editor_catalogue(client, "ko")

    with translation.override("ko"):
        assert {text: catalogue[text] for text in EDITOR_STRINGS} == {
            text: translation.gettext(text) for text in EDITOR_STRINGS
        }
    assert catalogue["Translate"] == "번역"
    assert catalogue["Save"] == "저장"
