"""Every permission rule of the translation workflow: who may do what, in which locale.

A user translates into the locales whose article trees they may add or edit pages in:
Wagtail's own page permissions (GroupPagePermission on a locale's article index) are the
one record of it, kept in the Groups admin, so what a user may translate into can never
disagree with what they may edit. A permission on the root page covers every locale.
Group names ("Translators: ko") are only labels for people; no code parses them.

Editors, who may edit the source language's tree, create translation jobs for every
locale (they submit source articles for translation); only translators of a locale do
the translating work in it (edit, keep in step, machine-translate, exchange files).

Views, admin hooks, the URL guard, XLIFF, machine translation and the status report
all ask these functions; none decides on its own. Provisioning the groups these rules
read is `roles.setup_roles`.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from wagtail.models import GroupPagePermission, Locale, Page, TranslatableMixin
from wagtail.snippets.permissions import user_can_edit_snippet_type

from ..locales import content_language_codes, default_language_code
from .selectors import target_or_none

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
    keep them in step, machine-translate them, exchange files for them."""
    return _locale_code(locale) in translator_locales(user)


def manages_source(user) -> bool:
    """Editors of the source language's tree, who create translation jobs and see
    every locale's translations."""
    return can_translate_into(user, default_language_code())


def submittable_locale_codes(user) -> set[str]:
    """Locales `user` may submit content for translation into."""
    if user is None or not user.has_perm(SUBMIT_TRANSLATION_PERMISSION):
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
    exchange its files, machine-translate it, keep it in step.

    Before the translated page or snippet exists, what a translator may start they may
    prepare: the submit permission for the target locale decides."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if not can_translate_into(user, translation.target_locale):
        return False
    instance = target_or_none(translation)
    if instance is None:  # the target is not created yet
        return can_submit_translation_into(user, translation.target_locale)
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
    instance = target_or_none(translation)
    if instance is None:  # no target yet: nothing to publish
        return False
    if isinstance(instance, Page):
        return can_translate_into(user, translation.target_locale) and (
            instance.permissions_for_user(user).can_publish()
        )
    return can_edit_translation(user, translation)


def can_replace_with_source(user, page: Page) -> bool:
    """Turning a translated page into an alias of its source (wagtail-localize's
    "Convert to alias page"): the page then shows the source's text in its place,
    live at once when the source is, and its translation is deleted. That publishes
    without medical review, so it is for those who may publish the page directly in
    its locale (nobody but administrators in the roles `setup_roles` creates)."""
    return (
        can_edit_instance_in_locale(user, page)
        and page.permissions_for_user(user).can_publish()
    )


def can_stop_sync(user, translation) -> bool:
    """Stopping a translation's sync (wagtail-localize's "Stop synced translation"):
    its page is then written in Wagtail's own editor, where nothing checks it
    against its source (`qa`) and nothing is carried forward into it. For a page,
    only those who may publish it directly in its locale (`can_replace_with_source`);
    a snippet, which is not reviewed, whoever may work on its translation."""
    instance = target_or_none(translation)
    if isinstance(instance, Page):
        return can_replace_with_source(user, instance)
    return can_edit_translation(user, translation)


def can_see_locale(user, locale: Locale | str) -> bool:
    """Whether `user` may see another object's content in `locale` from the
    translation screens: the source language (what everybody translates from) and
    the locales they translate into; every locale for those who manage the source."""
    code = _locale_code(locale)
    return (
        code == default_language_code()
        or can_translate_into(user, code)
        or can_see_every_locale(user)
    )


def can_see_every_locale(user) -> bool:
    """Screens that list the translations of every locale at once (wagtail-localize's
    translations report) are for those who manage the source, not for a translator
    of some locales."""
    return manages_source(user)


def can_check_translation(user, translation) -> bool:
    """The translation check (source beside translation, findings, overrides): for
    those who work on the translation and for those who may approve it (medical
    reviewers publish through the review workflow)."""
    if can_edit_translation(user, translation):
        return True
    instance = target_or_none(translation)
    return isinstance(instance, Page) and (
        instance.permissions_for_user(user).can_publish()
    )
