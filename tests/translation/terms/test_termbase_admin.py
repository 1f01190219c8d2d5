"""The termbase in the admin: editors and medical reviewers edit concepts and terms;
translators read them and propose terms in their own languages only, which the
checks ignore until a reviewer approves them."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from articles.models import Term, TermConcept
from articles.translation.qa.base import Segment
from articles.translation.roles import (
    EDITORS_GROUP,
    REVIEWERS_GROUP,
    translators_group_name,
)
from articles.translation.terms.check import check_terms
from tests.factories import concept, member

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(roles):
    return {
        "editor": member("editor-1", EDITORS_GROUP),
        "reviewer": member("doctor", REVIEWERS_GROUP),
        "ko": member("ko-translator", translators_group_name("ko")),
    }


@pytest.fixture
def stem_cell(users, locales):
    return concept("stem-cell", en="stem cell", ko="줄기세포")


def concept_form(concept_id: str, terms: list[dict], initial: int = 0) -> dict:
    return nested_form_data(
        {
            "concept_id": concept_id,
            "note": "",
            "terms": inline_formset(terms, initial=initial),
        }
    )


def test_an_editor_adds_a_concept_with_its_terms(client, users, locales):
    client.force_login(users["editor"])
    response = client.post(
        reverse("termbase:add"),
        concept_form(
            "spinal-cord-injury",
            [
                {
                    "locale": locales["en"].pk,
                    "text": "spinal cord injury",
                    "status": "approved",
                    "note": "",
                },
                {
                    "locale": locales["ko"].pk,
                    "text": "척수 손상",
                    "status": "approved",
                    "note": "",
                },
            ],
        ),
    )
    assert response.status_code == 302
    assert sorted(TermConcept.objects.get().terms.values_list("text", flat=True)) == [
        "spinal cord injury",
        "척수 손상",
    ]


def test_every_role_reads_the_termbase(client, users, stem_cell):
    for role in ("editor", "reviewer", "ko"):
        client.force_login(users[role])
        listing = client.get(reverse("termbase:index"))
        assert listing.status_code == 200, role
        assert "줄기세포 (ko)" in listing.text
        assert (
            client.get(reverse("termbase:inspect", args=[stem_cell.pk])).status_code
            == 200
        )


def test_translators_cannot_edit_the_termbase(client, users, stem_cell):
    client.force_login(users["ko"])
    edit = client.get(reverse("termbase:edit", args=[stem_cell.pk]))
    add = client.post(reverse("termbase:add"), concept_form("x", []))
    assert edit.status_code in (302, 403)
    assert add.status_code in (302, 403)
    assert TermConcept.objects.count() == 1


def test_a_translator_proposes_a_term_in_their_language(
    client, users, stem_cell, locales
):
    client.force_login(users["ko"])
    url = reverse("articles_propose_term")

    response = client.post(
        url,
        {"concept": stem_cell.pk, "locale": locales["ko"].pk, "text": "줄기 세포"},
        follow=True,
    )

    proposed = Term.objects.get(status="proposed")
    assert (proposed.text, proposed.proposed_by) == ("줄기 세포", users["ko"])
    assert "Term proposed" in response.text
    # Not used by the checks until approved.
    segment = Segment("u1", "Stem cells.", "줄기 세포.", "en", "ko")
    assert [f.detail for f in check_terms(segment)] == ["stem-cell"]


def test_a_translator_proposes_only_in_their_own_languages(
    client, users, stem_cell, locales
):
    client.force_login(users["ko"])
    response = client.post(
        reverse("articles_propose_term"),
        {"concept": stem_cell.pk, "locale": locales["zh-hans"].pk, "text": "干细胞"},
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    again = client.post(
        reverse("articles_propose_term"),
        {"concept": stem_cell.pk, "locale": locales["ko"].pk, "text": "줄기세포"},
    )
    assert "The termbase has this term already." in again.text
    assert not Term.objects.filter(status="proposed").exists()


def test_a_reviewer_approves_a_proposed_term(client, users, stem_cell, locales):
    proposed = Term.objects.create(
        concept=stem_cell, locale=locales["ko"], text="줄기 세포", status="proposed"
    )
    client.force_login(users["reviewer"])
    terms = [
        {
            "id": t.pk,
            "locale": t.locale_id,
            "text": t.text,
            "status": "approved",
            "note": "",
        }
        for t in stem_cell.terms.order_by("pk")
    ]
    response = client.post(
        reverse("termbase:edit", args=[stem_cell.pk]),
        concept_form("stem-cell", terms, initial=len(terms)),
    )
    assert response.status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == "approved"


def test_editors_and_reviewers_do_not_propose_they_edit(client, users, roles):
    client.force_login(users["reviewer"])
    assert client.get(reverse("articles_propose_term")).status_code in (302, 403)


def test_a_term_twice_in_a_concept_is_a_form_error(client, users, locales):
    client.force_login(users["editor"])
    term = {
        "locale": locales["ko"].pk,
        "text": "줄기세포",
        "status": "approved",
        "note": "",
    }
    response = client.post(
        reverse("termbase:add"), concept_form("stem-cell", [term, dict(term)])
    )
    assert response.status_code == 200
    assert not TermConcept.objects.exists()


# Style guides ---------------------------------------------------------------------


def test_an_editor_writes_a_style_guide_and_a_translator_reads_it(
    client, users, locales
):
    from articles.models import TranslationStyleGuide

    client.force_login(users["editor"])
    response = client.post(
        reverse("style_guides:add"),
        {"locale": locales["ko"].pk, "guide": "Address the patient politely."},
    )
    assert response.status_code == 302
    guide = TranslationStyleGuide.objects.get()

    client.force_login(users["ko"])
    assert client.get(reverse("style_guides:index")).status_code == 200
    assert (
        "Address the patient politely."
        in client.get(reverse("style_guides:inspect", args=[guide.pk])).text
    )
    refused = client.post(
        reverse("style_guides:edit", args=[guide.pk]),
        {"locale": locales["ko"].pk, "guide": "Be casual."},
    )
    assert refused.status_code in (302, 403)
    guide.refresh_from_db()
    assert guide.guide == "Address the patient politely."


def test_a_language_has_one_style_guide(client, users, locales):
    from articles.models import TranslationStyleGuide

    TranslationStyleGuide.objects.create(locale=locales["ko"], guide="Polite.")
    client.force_login(users["reviewer"])
    response = client.post(
        reverse("style_guides:add"), {"locale": locales["ko"].pk, "guide": "Other."}
    )
    assert response.status_code == 200  # the form says the language has one
    assert TranslationStyleGuide.objects.count() == 1
