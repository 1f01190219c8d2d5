"""A new content language in one step: its Locale, the article index translated and
published (so the language has a home page and translated articles have a parent),
and its translator group with its permissions and the review workflow
(`setup_roles`). The language must be enabled in `CMS_LANGUAGES` first: content
languages are configuration, and this only creates what depends on one."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.translation import get_language_info
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from articles.locales import content_language_codes, default_language_code
from articles.models import ArticleIndexPage

from .roles import setup_roles, translators_group_name


class LanguageSetupError(Exception):
    """A language that cannot be set up, with the reason for the administrator."""


@transaction.atomic
def set_up_language(*, code: str, user=None) -> list[str]:
    """Set up content language `code`; the lines say what was done. Idempotent."""
    code = code.strip().lower()
    source_code = default_language_code()
    if code == source_code:
        raise LanguageSetupError(
            f"{code} is the source language: it is set up already."
        )
    if code not in content_language_codes():
        raise LanguageSetupError(
            f"{code!r} is not a content language. Add it to CMS_LANGUAGES (now "
            f"{', '.join(content_language_codes())}) and restart, then run this again."
        )
    lines = []
    locale, created = Locale.objects.get_or_create(language_code=code)
    if created:
        lines.append(f"Locale {code} created.")
    source_locale = Locale.objects.get(language_code=source_code)
    for index in ArticleIndexPage.objects.filter(locale=source_locale).order_by("path"):
        if index.has_translation(locale):
            continue
        source, _created = TranslationSource.get_or_create_from_instance(index)
        translation, _created = Translation.objects.get_or_create(
            source=source, target_locale=locale
        )
        # Translations go live through medical review (`send_to_review`), but an
        # index holds no medical content: it is published as the home page at once.
        translation.save_target(user=user, publish=False)
        target = index.get_translation(locale)
        target.save_revision(user=user, log_action=True).publish(user=user)
        lines.append(
            f"Article index {target.url_path} created in {code} and published; its "
            "title and introduction are in the source language until a translator "
            "translates them."
        )
    lines += setup_roles(locales=[code]).lines()
    return lines


@dataclass(frozen=True)
class LanguageSetup:
    """How far content language `code` is set up (what `set_up_language` creates)."""

    code: str
    name: str
    is_source: bool
    has_locale: bool
    has_index: bool
    has_translators: bool

    @property
    def is_ready(self) -> bool:
        return self.is_source or (
            self.has_locale and self.has_index and self.has_translators
        )


def language_setups() -> list[LanguageSetup]:
    """Each content language of `CMS_LANGUAGES`, in order, and what it still lacks."""
    source_code = default_language_code()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    source_indexes = list(
        ArticleIndexPage.objects.filter(locale__language_code=source_code)
    )
    groups = set(Group.objects.values_list("name", flat=True))
    setups = []
    for code in content_language_codes():
        locale = locales.get(code)
        setups.append(
            LanguageSetup(
                code=code,
                name=get_language_info(code)["name_local"],
                is_source=code == source_code,
                has_locale=locale is not None,
                has_index=locale is not None
                and all(index.has_translation(locale) for index in source_indexes),
                has_translators=translators_group_name(code) in groups,
            )
        )
    return setups
