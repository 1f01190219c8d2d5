"""Reads the translation workflow shares: which wagtail-localize `Translation` a page
or snippet is the target of, and the translation a command names by page and locale."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import F, Model
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail_localize.models import Translation, TranslationSource

from ..models import TranslationDrift


class TranslationNotFound(ValueError):
    """No (single) translation matches; the message says what is missing."""


def translation_targeting(instance: Model) -> Translation | None:
    """The enabled translation whose target is `instance` (a translated page or
    snippet), or None for a source or an untranslated object."""
    return (
        Translation.objects.filter(
            source__object_id=instance.translation_key,
            target_locale_id=instance.locale_id,
            enabled=True,
        )
        .select_related(
            "source__locale", "source__specific_content_type", "target_locale"
        )
        .first()
    )


def translated_source_of(instance: Model) -> TranslationSource | None:
    """The snapshot the enabled translations of `instance` are made from, if
    `instance` is a source with any (None for a translation or an untranslated
    object)."""
    return TranslationSource.objects.filter(
        object_id=instance.translation_key,
        locale_id=instance.locale_id,
        translations__enabled=True,
    ).first()


def source_of_any_translation(instance: Model) -> TranslationSource | None:
    """The snapshot the translations of `instance` are made from, stopped ones
    ("Stop synced translation") included, if `instance` is a source with any."""
    return TranslationSource.objects.filter(
        object_id=instance.translation_key,
        locale_id=instance.locale_id,
        translations__isnull=False,
    ).first()


def drift_of(page: Page):
    """The `TranslationDrift` of `page` when it translates a source that has moved on
    since this translation was approved, else None (sources, up-to-date pages, and
    translations whose source change is held in a release, not yet live)."""
    return drifts_of([page])[page.pk]


def drifts_of(pages: Iterable[Page]) -> dict[int, TranslationDrift | None]:
    """`drift_of` of each page, by page id, in one query (a page translated from
    more than one source gets the first drift by id)."""
    pages = list(pages)
    found: dict[tuple, TranslationDrift] = {}
    drifts = (
        TranslationDrift.objects.filter(
            translation__source__object_id__in={p.translation_key for p in pages},
            translation__target_locale_id__in={p.locale_id for p in pages},
            release__isnull=True,
        )
        .annotate(
            source_key=F("translation__source__object_id"),
            target_locale_id=F("translation__target_locale_id"),
        )
        .order_by("pk")
    )
    for drift in drifts:
        found.setdefault((drift.source_key, drift.target_locale_id), drift)
    return {p.pk: found.get((p.translation_key, p.locale_id)) for p in pages}


def allowed_translation(translation_id: int, user, may) -> Translation:
    """The enabled translation `translation_id`, if `may(user, translation)`: 404
    for none, PermissionDenied for a user who may not."""
    translation = get_object_or_404(
        Translation.objects.select_related(
            "source__locale", "source__specific_content_type", "target_locale"
        ),
        pk=translation_id,
        enabled=True,
    )
    if not may(user, translation):
        raise PermissionDenied
    return translation


def target_or_none(translation: Translation) -> Model | None:
    """The translated page or snippet, or None before it is created."""
    try:
        return translation.get_target_instance()
    except ObjectDoesNotExist:
        return None


def target_edit_url(translation: Translation) -> str | None:
    """Where the translated object is edited, if it exists and has an edit view."""
    try:
        return translation.get_target_instance_edit_url()
    except (ObjectDoesNotExist, NoReverseMatch):  # not created yet, or no edit view
        return None


def find_translation(
    *, locale_code: str, page_id: int | None = None, slug: str | None = None
) -> Translation:
    """The enabled translation of a page (given by the id or slug of any of its
    language versions) into `locale_code`, or TranslationNotFound saying what is
    missing."""
    pages = Page.objects.all()
    if page_id is not None:
        pages = pages.filter(pk=page_id)
    if slug is not None:
        pages = pages.filter(slug=slug)
    keys = set(pages.values_list("translation_key", flat=True))
    if not keys:
        raise TranslationNotFound(
            _("No page matches %(what)s.") % {"what": page_id or slug}
        )
    translations = list(
        Translation.objects.filter(
            source__object_id__in=keys,
            target_locale__language_code=locale_code,
            enabled=True,
        ).select_related(
            "source__locale", "source__specific_content_type", "target_locale"
        )
    )
    if not translations:
        raise TranslationNotFound(
            _("%(what)s has not been submitted for translation into %(locale)s.")
            % {"what": page_id or slug, "locale": locale_code}
        )
    if len(translations) > 1:
        raise TranslationNotFound(
            _("Several pages match %(what)s (%(objects)s); give a page id.")
            % {
                "what": slug,
                "objects": ", ".join(t.source.object_repr for t in translations),
            }
        )
    return translations[0]
