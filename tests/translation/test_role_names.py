"""The groups, workflow and task `setup_roles` creates are stored under English names
(code looks them up by name) and shown in the admin user's language
(articles/translation/role_names.py), and an admin who saves one of them in another
language keeps the English name in the database."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation
from wagtail.models import Task, Workflow

from articles.translation import role_names
from articles.translation.roles import (
    EDITORS_GROUP,
    REVIEW_TASK,
    REVIEW_WORKFLOW,
    REVIEWERS_GROUP,
    translators_group_name,
)
from tests.factories import ArticlePageFactory, member
from tests.translation.helpers import in_admin_language

pytestmark = pytest.mark.django_db

SHOWN = {
    "zh-hans": {
        "review": "医学审核",
        "editors": "编辑人员",
        "reviewers": "医学审核人",
        "translators": "译者：zh-hans",
    },
    "ar": {
        "review": "المراجعة الطبية",
        "editors": "المحررون",
        "reviewers": "المراجعون الطبيون",
        "translators": "المترجمون: zh-hans",
    },
}


def stored_names() -> dict[str, list[str]]:
    return {
        "workflows": sorted(Workflow.objects.values_list("name", flat=True)),
        "tasks": sorted(Task.objects.values_list("name", flat=True)),
        "groups": sorted(Group.objects.values_list("name", flat=True)),
    }


@pytest.fixture
def names_before(roles) -> dict[str, list[str]]:
    """The names in the database after `setup_roles`: its own, in English."""
    names = stored_names()
    assert REVIEW_WORKFLOW in names["workflows"]
    assert REVIEW_TASK in names["tasks"]
    assert {EDITORS_GROUP, REVIEWERS_GROUP, translators_group_name("ar")} <= set(
        names["groups"]
    )
    return names


def text_of(response) -> str:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").get_text(" ")


@pytest.fixture
def in_review(roles, indexes):
    """An article an editor has submitted to the Medical review workflow."""
    editor = member("editor-1", EDITORS_GROUP)
    page = ArticlePageFactory(parent=indexes["en"], slug="knee", title="Knee care")
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    return page


@pytest.fixture
def reviewer(roles):
    return member("doctor", REVIEWERS_GROUP)


@pytest.mark.parametrize("code", ["zh-hans", "ar"])
def test_reviewer_sees_the_workflow_and_task_in_their_admin_language_on_the_page(
    client, names_before, in_review, reviewer, code
):
    client = in_admin_language(client, reviewer, code)

    response = client.get(reverse("wagtailadmin_pages:edit", args=[in_review.id]))

    html = response.content.decode()
    assert response.status_code == 200
    # The title of the workflow status dialog the page header opens.
    title = f'<span id="title-text-workflow-status-dialog">{SHOWN[code]["review"]}<'
    assert title in html
    assert "Medical review" not in html
    assert stored_names() == names_before


@pytest.mark.parametrize("code", ["zh-hans", "ar"])
def test_reviewer_sees_the_task_in_their_admin_language_on_the_dashboard(
    client, names_before, in_review, reviewer, code
):
    client = in_admin_language(client, reviewer, code)

    response = client.get(reverse("wagtailadmin_home"))

    html = response.content.decode()
    awaiting = BeautifulSoup(html, "html.parser").select_one("#awaiting-review-content")
    assert "Knee care" in awaiting.get_text(" ")
    assert f"{SHOWN[code]['review']}: " in str(awaiting)
    assert "Medical review" not in html
    assert stored_names() == names_before


def test_workflow_history_names_the_workflow_and_task_in_the_admin_language(
    client, in_review, reviewer
):
    client = in_admin_language(client, reviewer, "zh-hans")
    state = in_review.current_workflow_state

    listing = client.get(
        reverse("wagtailadmin_pages:workflow_history", args=[in_review.id])
    )
    detail = client.get(
        reverse(
            "wagtailadmin_pages:workflow_history_detail",
            args=[in_review.id, state.id],
        )
    )

    for response in (listing, detail):
        assert SHOWN["zh-hans"]["review"] in response.content.decode()
        assert "Medical review" not in response.content.decode()


def test_editor_is_offered_to_submit_to_the_workflow_in_their_admin_language(
    client, roles, indexes
):
    editor = member("editor-1", EDITORS_GROUP)
    page = ArticlePageFactory(parent=indexes["en"], slug="hip", title="Hip care")
    client = in_admin_language(client, editor, "zh-hans")

    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.id])).content

    assert SHOWN["zh-hans"]["review"] in html.decode()
    assert "Submit to Medical review" not in html.decode()


@pytest.mark.parametrize("code", ["zh-hans", "ar"])
def test_admin_reads_the_groups_in_their_admin_language(client, roles, code):
    admin = member("admin")
    admin.is_superuser = True
    admin.save()
    client = in_admin_language(client, admin, code)

    groups = text_of(client.get(reverse("wagtailusers_groups:index")))
    user_form = text_of(client.get(reverse("wagtailusers_users:add")))

    for text in (groups, user_form):
        for key in ("editors", "reviewers", "translators"):
            assert SHOWN[code][key] in text
        assert "Medical reviewers" not in text
        assert "Translators: zh-hans" not in text


def test_an_admin_left_in_english_reads_the_stored_names(client, in_review, reviewer):
    client.force_login(reviewer)

    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "Medical review: " in html
    assert SHOWN["zh-hans"]["review"] not in html


# Saving in another language keeps the English names ----------------------------------


def resubmit(client, url: str, **changes):
    """Post the admin's form at `url` back as it was shown, but for `changes`."""
    form = next(
        form
        for form in BeautifulSoup(client.get(url).content, "html.parser").select(
            "form[method=post]"
        )
        if form.select_one("[name=name]")
    )
    data: dict[str, list[str]] = {}
    for field in form.select("input[name], textarea[name], select[name]"):
        name = field["name"]
        if field.name == "textarea":
            data.setdefault(name, []).append(field.get_text())
        elif field.name == "select":
            chosen = field.select("option[selected]")
            data.setdefault(name, []).extend(option["value"] for option in chosen)
        elif field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        elif field.get("type") != "submit":
            data.setdefault(name, []).append(field.get("value", ""))
    shown = data["name"]
    data.update({name: [value] for name, value in changes.items()})
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return shown


@pytest.fixture
def chinese_admin(client, roles):
    admin = member("admin")
    admin.is_superuser = True
    admin.save()
    return in_admin_language(client, admin, "zh-hans")


def test_saving_the_workflow_in_a_chinese_admin_keeps_its_english_name(
    chinese_admin, names_before
):
    workflow = Workflow.objects.get(name=REVIEW_WORKFLOW)

    shown = resubmit(
        chinese_admin, reverse("wagtailadmin_workflows:edit", args=[workflow.id])
    )

    assert shown == [SHOWN["zh-hans"]["review"]]
    assert stored_names() == names_before
    assert Workflow.objects.get(id=workflow.id).workflow_tasks.count() == 1


def test_saving_the_task_in_a_chinese_admin_keeps_its_english_name(
    chinese_admin, names_before
):
    task = Task.objects.get(name=REVIEW_TASK)

    shown = resubmit(
        chinese_admin, reverse("wagtailadmin_workflows:edit_task", args=[task.id])
    )

    assert shown == [SHOWN["zh-hans"]["review"]]
    assert stored_names() == names_before


def test_saving_a_group_in_a_chinese_admin_keeps_its_english_name(
    chinese_admin, names_before
):
    group = Group.objects.get(name=translators_group_name("zh-hans"))
    permissions = set(group.permissions.all())

    shown = resubmit(
        chinese_admin, reverse("wagtailusers_groups:edit", args=[group.id])
    )

    assert shown == [SHOWN["zh-hans"]["translators"]]
    assert stored_names() == names_before
    assert set(Group.objects.get(id=group.id).permissions.all()) == permissions


def test_an_admin_may_still_rename_the_workflow(chinese_admin):
    workflow = Workflow.objects.get(name=REVIEW_WORKFLOW)

    resubmit(
        chinese_admin,
        reverse("wagtailadmin_workflows:edit", args=[workflow.id]),
        name="心脏科医学审核",
    )

    assert Workflow.objects.get(id=workflow.id).name == "心脏科医学审核"


# The names themselves ----------------------------------------------------------------


def test_every_name_setup_roles_gives_is_shown_translated():
    assert set(role_names.NAMES) == {
        EDITORS_GROUP,
        REVIEWERS_GROUP,
        REVIEW_WORKFLOW,
        REVIEW_TASK,
    }
    with translation.override("en"):
        for stored, shown in role_names.NAMES.items():
            assert str(shown) == stored
        for code in ("ko", "zh-hans", "ar"):
            stored = translators_group_name(code)
            assert role_names.is_role_name(stored)
            assert role_names.shown_name(stored) == stored
    assert {"ar", "ja", "ko", "zh-hans"} <= set(role_names.catalogue_languages())
    for code in role_names.catalogue_languages():
        with translation.override(code):
            for stored in [*role_names.NAMES, translators_group_name("ko")]:
                assert role_names.shown_name(stored) != stored, (code, stored)


def test_a_stored_name_compares_as_stored_and_reads_translated():
    name = role_names.StoredName(REVIEW_WORKFLOW)

    with translation.override("ja"):
        assert name == "Medical review"
        assert {name: 1}["Medical review"] == 1
        # Wagtail's messages use %-formatting.
        wagtails = "%(name)s" % {"name": name}  # noqa: UP031
        assert str(name) == f"{name}" == wagtails == "医学レビュー"
        cache.set("name", name)  # pickled
        assert cache.get("name") == name
        assert str(cache.get("name")) == "医学レビュー"


def test_a_saved_row_still_shows_its_name_translated(roles):
    workflow = Workflow.objects.get(name=REVIEW_WORKFLOW)

    with translation.override("ar"):
        workflow.save()

        assert Workflow.objects.filter(name=REVIEW_WORKFLOW).count() == 1
        assert str(workflow.name) == "المراجعة الطبية"


def test_a_name_of_someone_elses_is_left_alone(roles):
    group = Group.objects.create(name="Pharmacists")

    assert type(Group.objects.get(id=group.id).name) is str
    assert not role_names.is_role_name("Translators: ")
