"""Keeping translations in step with a source change held in a release
(`articles.releases`): translators translate the held revision, readers are told a
translation is outdated only once the change is live, and a release that closes
without publishing puts back what translators are shown."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision
from wagtail_localize.models import Translation

from ...models import Release, TranslationDrift
from ...releases import open_release_of, supersede
from ..selectors import translated_source_of
from ..signals import translation_outdated_changed
from .drift import refresh_translation_drift
from .refresh import update_translation_source


def translate_from_held_source(sender, release: Release, revision: Revision, **kw):
    """The source change was approved for `release`: translations are made from it
    now, and the translations it leaves behind drift (held, not yet outdated)."""
    source = translated_source_of(release.source_page)
    if source is not None:
        update_translation_source(
            source, instance=revision.as_object(), release=release
        )


@transaction.atomic
def outdate_translations_left_behind(sender, release: Release, **kw) -> None:
    """The release is live: a translation it did not bring in step (not chosen, or
    approved with work left) is outdated from now on."""
    now = timezone.now()
    for drift in TranslationDrift.objects.filter(release=release).select_related(
        "translation__source"
    ):
        drift.release, drift.source_changed_at = None, now
        drift.save(update_fields=["release", "source_changed_at"])
        translation_outdated_changed.send(
            sender=TranslationDrift,
            translation_key=drift.translation.source.object_id,
            locale_id=drift.translation.target_locale_id,
        )


@transaction.atomic
def back_to_the_live_source(
    sender, release: Release, published_outside: bool = False, **kw
) -> None:
    """The release closed without publishing: translations are made from the live
    source again. When the article was published outside the release, every
    translation drifts from that publication instead."""
    TranslationDrift.objects.filter(release=release).delete()
    source = translated_source_of(release.source_page)
    if source is None:
        return
    update_translation_source(
        source, record_drift=published_outside, assume_changed=published_outside
    )
    if not published_outside:
        for translation in Translation.objects.filter(
            source=source, drift__isnull=False
        ).select_related("source"):
            refresh_translation_drift(translation)


def close_release_published_around(page: Page) -> None:
    """`page` was published while a release of it is open (not by the release): the
    release no longer says what goes live, so it closes."""
    release = open_release_of(page)
    if release is not None and release.source_page_id == page.pk:
        supersede(
            release=release,
            note=_("The article was published outside the release."),
            published_outside=True,
        )
