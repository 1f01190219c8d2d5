"""Setting the editorial roles up: `setup_roles` creates (idempotently) the Editors,
Medical reviewers and per-locale Translators groups, their page, snippet and image
permissions, and the Medical review workflow on every article index.

Provisioning only: what a member of a role may do is decided in `permissions`, from the
page permissions granted here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from ..locales import content_language_codes, default_language_code
from ..models import ArticleIndexPage, MedicalReviewTask
from .permissions import TRANSLATING_PAGE_PERMISSIONS

# Stored, and looked up, in English; `role_names` shows them in the admin user's
# language (a name added here needs its entry there and in the catalogues).
EDITORS_GROUP = "Editors"
REVIEWERS_GROUP = "Medical reviewers"
REVIEW_WORKFLOW = "Medical review"
REVIEW_TASK = "Medical review"

ADMIN_ACCESS = ("wagtailadmin", "access_admin")
SUBMIT_TRANSLATION = ("wagtail_localize", "submit_translation")
SNIPPET_MODELS = ("topic", "clinician")
TERMBASE_EDIT = [
    ("articles", f"{action}_{model}")
    for model in ("termconcept", "translationstyleguide")
    for action in ("add", "change", "delete")
]
TERMBASE_VIEW = [
    ("articles", f"view_{model}") for model in ("termconcept", "translationstyleguide")
]


class RolesError(Exception):
    """Input `setup_roles` cannot act on; nothing has been changed."""


@dataclass
class RolesReport:
    """What `setup_roles` did, one line per change; warnings for what it could not."""

    changes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        if not self.changes:
            return ["Roles already up to date: nothing changed.", *self.warnings]
        return [*self.changes, *self.warnings]


def translators_group_name(code: str) -> str:
    return f"Translators: {code}"


@transaction.atomic
def setup_roles(*, locales: Iterable[str] | None = None) -> RolesReport:
    """Create or complete the Editors, Medical reviewers and per-locale Translators
    groups and the Medical review workflow on every article index. Idempotent: a second
    run changes nothing. `locales` limits the translator groups to those codes."""
    source_code = default_language_code()
    translated = [code for code in content_language_codes() if code != source_code]
    if locales is not None:
        locales = list(dict.fromkeys(locales))
        unknown = [code for code in locales if code not in translated]
        if unknown:
            raise RolesError(
                f"Not a translated content language: {', '.join(unknown)}. "
                f"Choose among: {', '.join(translated)} "
                f"({source_code} is the source language)."
            )
        translated = locales

    report = RolesReport()
    locale_rows = _ensure_locales([source_code, *translated], report)

    editors = _group(EDITORS_GROUP, report)
    _grant(
        editors,
        [ADMIN_ACCESS, SUBMIT_TRANSLATION]
        + [
            ("articles", f"{action}_{model}")
            for model in SNIPPET_MODELS
            for action in ("add", "change", "delete")
        ]
        + TERMBASE_EDIT,
        report,
    )
    _grant_images(editors, ("add_image", "change_image", "choose_image"), report)
    # Add and edit, never publish: publishing goes through review.
    _grant_pages(
        editors,
        _article_indexes(locale_rows[source_code], editors, report),
        TRANSLATING_PAGE_PERMISSIONS,
        report,
    )

    reviewers = _group(REVIEWERS_GROUP, report)
    _grant(reviewers, [ADMIN_ACCESS, *TERMBASE_EDIT], report)
    # Reviewers open pages through the review task; approving publishes, which
    # Wagtail allows only to those who may publish the page.
    _grant_pages(
        reviewers, _article_indexes(None, reviewers, report), ("publish_page",), report
    )

    for code in translated:
        translators = _group(translators_group_name(code), report)
        _grant(
            translators,
            [ADMIN_ACCESS, SUBMIT_TRANSLATION]
            + [("articles", f"change_{model}") for model in SNIPPET_MODELS]
            + TERMBASE_VIEW,
            report,
        )
        _grant_images(translators, ("choose_image",), report)
        _grant_pages(
            translators,
            _article_indexes(locale_rows[code], translators, report),
            TRANSLATING_PAGE_PERMISSIONS,
            report,
        )

    _review_workflow(reviewers, report)
    return report


def _ensure_locales(codes: list[str], report: RolesReport) -> dict[str, Locale]:
    rows = {}
    for code in codes:
        rows[code], created = Locale.objects.get_or_create(language_code=code)
        if created:
            report.changes.append(f"Created locale {code}.")
    return rows


def _group(name: str, report: RolesReport) -> Group:
    group, created = Group.objects.get_or_create(name=name)
    if created:
        report.changes.append(f"Created group '{name}'.")
    return group


def _grant(group: Group, perms: list[tuple[str, str]], report: RolesReport) -> None:
    for app_label, codename in perms:
        perm = Permission.objects.get(
            content_type__app_label=app_label, codename=codename
        )
        if not group.permissions.filter(id=perm.id).exists():
            group.permissions.add(perm)
            report.changes.append(
                f"'{group.name}': {perm.name[0].lower()}{perm.name[1:]}."
            )


def _grant_images(group: Group, codenames: tuple[str, ...], report) -> None:
    root = Collection.get_first_root_node()
    for codename in codenames:
        perm = Permission.objects.get(
            content_type__app_label="wagtailimages", codename=codename
        )
        _, created = GroupCollectionPermission.objects.get_or_create(
            group=group, collection=root, permission=perm
        )
        if created:
            report.changes.append(f"'{group.name}': {codename} in all collections.")


def _article_indexes(locale: Locale | None, group: Group, report: RolesReport) -> list:
    """The article indexes of `locale` (of every locale when None)."""
    indexes = ArticleIndexPage.objects.select_related("locale").order_by("path")
    if locale is None:
        return list(indexes)
    indexes = list(indexes.filter(locale=locale))
    if not indexes:
        report.warnings.append(
            f"Warning: no article index in {locale.language_code} yet, so "
            f"'{group.name}' has no pages there. Run setup_roles again once the "
            "first article is translated into it."
        )
    return indexes


def _grant_pages(
    group: Group, indexes: list, codenames: tuple[str, ...], report: RolesReport
) -> None:
    """Exactly these page permissions on these article indexes (Wagtail extends them
    to every article below). Exactly, because a role's page permissions say which
    locales its members work in: Wagtail's own "Editors" group, for one, starts with
    add and edit on the root page, that is in every locale."""
    wanted = {(index.id, codename) for index in indexes for codename in codenames}
    for grant in GroupPagePermission.objects.filter(group=group).select_related(
        "page", "permission"
    ):
        if (grant.page_id, grant.permission.codename) not in wanted:
            grant.delete()
            report.changes.append(
                f"'{group.name}': removed {grant.permission.codename} on "
                f"'{grant.page.title}' (page {grant.page_id})."
            )
    for index in indexes:
        for codename in codenames:
            perm = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            _, created = GroupPagePermission.objects.get_or_create(
                group=group, page=index, permission=perm
            )
            if created:
                report.changes.append(
                    f"'{group.name}': {codename} under '{index.title}' "
                    f"({index.locale.language_code}, page {index.id})."
                )


def _review_workflow(reviewers: Group, report: RolesReport) -> None:
    workflow, created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    if created:
        report.changes.append(f"Created workflow '{REVIEW_WORKFLOW}'.")
    elif not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
        report.changes.append(f"Reactivated workflow '{REVIEW_WORKFLOW}'.")

    task = MedicalReviewTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = MedicalReviewTask.objects.create(name=REVIEW_TASK)
        report.changes.append(f"Created task '{REVIEW_TASK}'.")
    elif not task.active:
        task.active = True
        task.save(update_fields=["active"])
        report.changes.append(f"Reactivated task '{REVIEW_TASK}'.")
    if not task.groups.filter(id=reviewers.id).exists():
        task.groups.add(reviewers)
        report.changes.append(f"'{reviewers.name}' approve task '{REVIEW_TASK}'.")
    _, created = WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    if created:
        report.changes.append(f"Task '{REVIEW_TASK}' is a step of '{workflow.name}'.")

    for index in ArticleIndexPage.objects.select_related("locale").order_by("path"):
        link = WorkflowPage.objects.filter(page=index).first()
        where = f"'{index.title}' ({index.locale.language_code}, page {index.id})"
        if link is None:
            WorkflowPage.objects.create(page=index, workflow=workflow)
            report.changes.append(f"Articles under {where} go through review.")
        elif link.workflow_id != workflow.id:
            previous = link.workflow.name
            link.workflow = workflow
            link.save(update_fields=["workflow"])
            report.changes.append(
                f"Articles under {where} go through review (was '{previous}')."
            )
