"""Editors write articles through Wagtail's admin forms."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission
from wagtail.test.utils.form_data import rich_text

from articles.models import ArticlePage
from tests.articles.helpers import article_form, listblock, section_form
from tests.factories import ArticlePageFactory, TopicFactory

pytestmark = pytest.mark.django_db


def numbered_list(*steps):
    return (
        "numbered_list",
        {
            "start": "",
            "items": listblock(
                [
                    {
                        "text": rich_text(text),
                        "sub_items": listblock([rich_text(p) for p in points]),
                    }
                    for text, points in steps
                ]
            ),
        },
    )


def add_url(index_page) -> str:
    return reverse(
        "wagtailadmin_pages:add", args=("articles", "articlepage", index_page.pk)
    )


def test_editor_can_open_the_create_view(admin_client_logged_in, index_page):
    response = admin_client_logged_in.get(add_url(index_page))
    assert response.status_code == 200


def test_editor_can_open_the_edit_view(admin_client_logged_in, index_page):
    page = ArticlePageFactory(parent=index_page)
    response = admin_client_logged_in.get(
        reverse("wagtailadmin_pages:edit", args=(page.pk,))
    )
    assert response.status_code == 200


def test_editor_saves_an_article_through_the_admin_form(
    admin_client_logged_in, index_page
):
    topic = TopicFactory(name="Spine care", slug="spine-care")
    form = article_form(
        topic=topic,
        sections=[
            section_form(
                "How the treatment is given",
                content=[
                    ("paragraph", rich_text("<p>It takes one day.</p>")),
                    numbered_list(
                        ("Cells are collected", ["Local anaesthetic"]),
                        ("Cells are injected", []),
                    ),
                ],
            ),
            section_form(
                "2. Spinal Cord Injury (SCI)", anchor="2.-spinal-cord-injury-(sci)"
            ),
            section_form("3.1 Mesenchymal cells", level="3"),
        ],
    )
    response = admin_client_logged_in.post(add_url(index_page), form)
    assert response.status_code == 302, response.context["form"].errors
    page = ArticlePage.objects.get(slug="stem-cell-therapy")
    assert [s.value["anchor"] for s in page.get_latest_revision_as_object().body] == [
        "how-the-treatment-is-given",
        "2.-spinal-cord-injury-(sci)",
        "mesenchymal-cells",
    ]
    steps = (
        page.get_latest_revision_as_object().body[0].value["content"][1].value["items"]
    )
    assert len(steps) == 2
    [point] = steps[0]["sub_items"]
    assert "Local anaesthetic" in point.source
    assert page.topics == [topic]


def test_duplicate_anchor_is_shown_as_a_form_error_and_nothing_is_saved(
    admin_client_logged_in, index_page
):
    form = article_form(
        sections=[
            section_form("One", anchor="results"),
            section_form("Two", anchor="results"),
        ]
    )
    response = admin_client_logged_in.post(add_url(index_page), form)
    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert not ArticlePage.objects.filter(slug="stem-cell-therapy").exists()


def test_next_review_before_last_review_is_a_form_error(
    admin_client_logged_in, index_page
):
    form = article_form(sections=[section_form("One")])
    form["next_review_due"] = "2026-01-01"
    response = admin_client_logged_in.post(add_url(index_page), form)
    assert response.status_code == 200
    assert "next_review_due" in response.context["form"].errors


def test_user_without_page_permissions_cannot_create_an_article(
    client, django_user_model, index_page
):
    user = django_user_model.objects.create_user(username="visitor", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.post(
        add_url(index_page), article_form(sections=[section_form("One")])
    )
    assert response.status_code in (302, 403)
    assert not ArticlePage.objects.filter(slug="stem-cell-therapy").exists()


def test_editor_group_with_add_permission_can_create_an_article(
    client, django_user_model, index_page
):
    group = Group.objects.create(name="Test editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for permission in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=index_page,
            permission=Permission.objects.get(codename=permission),
        )
    user = django_user_model.objects.create_user(username="writer", password="x")
    user.groups.add(group)
    client.force_login(user)
    response = client.post(
        add_url(index_page), article_form(sections=[section_form("One")])
    )
    assert response.status_code == 302
    assert ArticlePage.objects.filter(slug="stem-cell-therapy").exists()


def test_editor_can_open_the_topic_and_clinician_snippet_forms(
    admin_client_logged_in, locales
):
    for model in ("topic", "clinician"):
        response = admin_client_logged_in.get(
            reverse(f"wagtailsnippets_articles_{model}:add")
        )
        assert response.status_code == 200
