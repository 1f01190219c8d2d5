"""Who may do what in the translation workflow.

A user translates into the locales whose article trees they may add or edit pages in:
Wagtail's own page permissions (GroupPagePermission on a locale's article index) are the
one record of it, kept in the Groups admin, so what a user may translate into can never
disagree with what they may edit. A permission on the root page covers every locale.
Group names ("Translators: ko") are only labels for people; no code parses them.

Editors, who may edit the source language's tree, create translation jobs for every
locale (they submit source articles for translation); only translators of a locale do
the translating work in it (edit, sync, machine-translate, exchange files).

Every check that another part of the workflow needs is a plain function here:
`can_translate_into`, `can_submit_translation_into`, `can_edit_translation`,
`can_exchange_files`, `can_machine_translate`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    TranslatableMixin,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.snippets.permissions import user_can_edit_snippet_type

from ..locales import content_language_codes, default_language_code

# The page permissions that make a user a translator of the tree they apply to.
TRANSLATING_PAGE_PERMISSIONS = ("add_page", "change_page")
SUBMIT_TRANSLATION_PERMISSION = "wagtail_localize.submit_translation"

_CACHE_ATTRIBUTE = "_translator_locales"


def _locale_code(locale: Locale | str) -> str:
    return locale if isinstance(locale, str) else locale.language_code


def translator_locales(user) -> set[str]:
    """Codes of the locales `user` translates into (all of them for a superuser)."""
    if user is None or isinstance(user, AnonymousUser) or not user.is_active:
        return set()
    if user.is_superuser:
        return set(content_language_codes())
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return set(cached)

    pages = Page.objects.filter(
        id__in=GroupPagePermission.objects.filter(
            group__user=user,
            permission__content_type__app_label="wagtailcore",
            permission__codename__in=TRANSLATING_PAGE_PERMISSIONS,
        ).values("page_id")
    )
    codes: set[str] = set()
    for depth, code in pages.values_list("depth", "locale__language_code"):
        if depth == 1:  # the root page: every tree below it
            codes.update(content_language_codes())
        else:  # a page's descendants share its locale (one tree per locale)
            codes.add(code)
    setattr(user, _CACHE_ATTRIBUTE, frozenset(codes))
    return codes


def can_translate_into(user, locale: Locale | str) -> bool:
    """Whether `user` may do translating work in `locale`: edit its translations,
    sync them, machine-translate them, exchange files for them."""
    return _locale_code(locale) in translator_locales(user)


def manages_source(user) -> bool:
    """Editors of the source language's tree, who create translation jobs."""
    return can_translate_into(user, default_language_code())


def submittable_locale_codes(user) -> set[str]:
    """Locales `user` may submit content for translation into."""
    if not user.has_perm(SUBMIT_TRANSLATION_PERMISSION):
        return set()
    if manages_source(user):
        return set(content_language_codes())
    return translator_locales(user)


def can_submit_translation_into(user, locale: Locale | str) -> bool:
    return _locale_code(locale) in submittable_locale_codes(user)


def submittable_locales(user):
    """The `Locale` rows of `submittable_locale_codes`, for form choices."""
    return Locale.objects.filter(language_code__in=submittable_locale_codes(user))


def can_edit_instance_in_locale(user, instance) -> bool:
    """Whether `user` may edit `instance` (a page or snippet), locale included.
    Wagtail's page permissions already follow the trees; snippet permissions are per
    model, so the locale is what scopes them."""
    if isinstance(instance, Page):
        allowed = instance.permissions_for_user(user).can_edit()
    else:
        allowed = user_can_edit_snippet_type(user, type(instance))
    if isinstance(instance, TranslatableMixin):
        allowed = allowed and can_translate_into(user, instance.locale)
    return allowed


def can_edit_translation(user, translation) -> bool:
    """Whether `user` may work on a wagtail-localize `Translation`: edit its strings,
    upload or download its files, machine-translate it, sync it."""
    if not can_translate_into(user, translation.target_locale):
        return False
    try:
        instance = translation.get_target_instance()
    except ObjectDoesNotExist:  # the target is not created yet
        return user.has_perm(SUBMIT_TRANSLATION_PERMISSION)
    return can_edit_instance_in_locale(user, instance)


def can_exchange_files(user, translation) -> bool:
    """PO/XLIFF download and upload for `translation`."""
    return can_edit_translation(user, translation)


def can_machine_translate(user, translation) -> bool:
    return can_edit_translation(user, translation)


def can_publish_translation(user, translation) -> bool:
    """Publishing a translation directly, without review: only for those who may
    publish the target page (nobody but administrators in the roles `setup_roles`
    creates: translations go live through the medical review)."""
    try:
        instance = translation.get_target_instance()
    except ObjectDoesNotExist:  # no target yet: nothing to publish
        return False
    if isinstance(instance, Page):
        return can_translate_into(user, translation.target_locale) and (
            instance.permissions_for_user(user).can_publish()
        )
    return can_edit_translation(user, translation)


# Setting the roles up --------------------------------------------------------------

EDITORS_GROUP = "Editors"
REVIEWERS_GROUP = "Medical reviewers"
REVIEW_WORKFLOW = "Medical review"
REVIEW_TASK = "Medical review"

ADMIN_ACCESS = ("wagtailadmin", "access_admin")
SUBMIT_TRANSLATION = ("wagtail_localize", "submit_translation")
SNIPPET_MODELS = ("topic", "clinician")


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
        ],
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
    _grant(reviewers, [ADMIN_ACCESS], report)
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
            + [("articles", f"change_{model}") for model in SNIPPET_MODELS],
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
    from ..models import ArticleIndexPage

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
    from ..models import ArticleIndexPage, MedicalReviewTask

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
