"""Opening an imported article in the admin and leaving changes nothing (issue 17):
the importer stores rich text and lists as the editor writes them back, so the
unmodified edit form, posted back, stores what it loaded."""

import pytest

from articles.models import ArticlePage
from tests.articles.edit_form import (
    bound_edit_form,
    content_changes,
    edit_url,
    form_content,
    stored_content,
    unmodified_edit_form_data,
)

from .conftest import run_import

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser(
        username="editor", email="editor@example.org", password="x"
    )


@pytest.fixture
def imported(files, indexes) -> list[ArticlePage]:
    """Every test file imported: the Markdown article in English, then the others
    as translations of it or articles of their own locale."""
    run_import(files / "knee-cartilage.md", "--locale", "en")
    run_import(
        files / "knee-cartilage.ko.html",
        "--locale",
        "ko",
        "--translation-of",
        "knee-cartilage",
    )
    run_import(files / "stem-cell-spine.zh-hans.html", "--locale", "zh-hans")
    return list(ArticlePage.objects.order_by("pk"))


def test_every_test_file_was_imported(imported):
    assert {page.locale.language_code for page in imported} == {"en", "ko", "zh-hans"}


def round_trip(client, page: ArticlePage, editor) -> tuple[list[str], dict, dict]:
    """Post the unmodified edit form of `page`: the fields the form saw change, and
    the stored content before and after."""
    before = stored_content(page)
    data = unmodified_edit_form_data(client, page)
    changes = content_changes(bound_edit_form(page, data, editor))
    response = client.post(edit_url(page), data)
    assert response.status_code == 302, page.slug
    page.refresh_from_db()
    assert form_content(unmodified_edit_form_data(client, page)) == form_content(data)
    return changes, before, stored_content(page)


def test_unmodified_imported_articles_round_trip_with_no_change(
    imported, client, editor
):
    client.force_login(editor)
    for page in imported:
        assert page.disclaimer == "", "the files set no disclaimer"
        changes, before, after = round_trip(client, page, editor)

        assert changes == [], page.slug
        assert after == before


def test_blank_disclaimer_round_trips_unchanged(imported, client, editor):
    # Wagtail posts an untouched empty editor back as an empty paragraph
    # (wagtail/wagtail#4549); the article form stores "" for it (`articles.forms`).
    client.force_login(editor)
    page = imported[0]

    changes, before, after = round_trip(client, page, editor)

    assert after["disclaimer"] == before["disclaimer"] == ""


def test_importing_the_same_file_again_is_no_change(imported, files):
    english = ArticlePage.objects.get(locale__language_code="en")
    revisions = english.revisions.count()

    output = run_import(files / "knee-cartilage.md", "--locale", "en")

    assert english.revisions.count() == revisions, output
