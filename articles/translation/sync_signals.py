"""Wiring that keeps translations in step with their source: signal receivers, admin
hooks, and the two changes to wagtail-localize itself.

Imported from `ArticlesConfig.ready()`, which also calls
`install_bulk_segment_refresh()` and `install_batched_indexing_of_translations()`.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail import hooks
from wagtail.admin import messages as admin_messages
from wagtail.admin.widgets.button import Button
from wagtail.signals import page_published
from wagtail_localize.models import (
    StringTranslation,
    Translation,
    TranslationLog,
    TranslationSource,
)

from ..batched_indexing import indexing_batched
from ..models import StaleSegmentTranslation
from . import sync_views
from .roles import can_edit_translation
from .sync import record_source_change, refresh_and_carry_forward, refresh_drifts_of
from .sync_review import segment_translation_saved


def install_bulk_segment_refresh() -> None:
    """Make `TranslationSource.refresh_segments()` refresh in bulk and carry changed
    segments' translations forward.

    wagtail-localize calls that method from every path that snapshots a source
    (submitting, "Sync translated pages", `update_from_db`), and offers no setting or
    signal to replace it; replacing the one method is what makes its own admin views
    keep translations and run in a bounded number of queries. Idempotent."""
    current = TranslationSource.refresh_segments
    if getattr(current, "keeps_translations", False):
        return

    def refresh_segments(self: TranslationSource) -> None:
        refresh_and_carry_forward(self)

    refresh_segments.keeps_translations = True
    refresh_segments.__wrapped__ = current
    refresh_segments.__doc__ = current.__doc__
    TranslationSource.refresh_segments = refresh_segments


def install_batched_indexing_of_translations() -> None:
    """Index a translated page (search and references) once per build, not per save.

    wagtail-localize builds every translated object in
    `TranslationSource.create_or_update_translation()` (on submitting, syncing,
    publishing a translation, in our machine translation and XLIFF import); it saves a
    new page four or five times.
    Idempotent."""
    current = TranslationSource.create_or_update_translation
    if getattr(current, "indexes_once", False):
        return

    def create_or_update_translation(self: TranslationSource, *args, **kwargs):
        with indexing_batched():
            return current(self, *args, **kwargs)

    create_or_update_translation.indexes_once = True
    create_or_update_translation.__wrapped__ = current
    create_or_update_translation.__doc__ = current.__doc__
    TranslationSource.create_or_update_translation = create_or_update_translation


# Signals ------------------------------------------------------------------------------


@receiver(page_published)
def sync_translations_on_publish(sender, instance, **kwargs) -> None:
    record_source_change(instance)


@receiver(post_save, sender=StringTranslation)
def review_on_retranslation(sender, instance, created, update_fields, **kwargs) -> None:
    # Only a new text counts (not wagtail-localize marking an error on the row).
    if update_fields is None or "data" in update_fields:
        segment_translation_saved(instance)


@receiver(post_save, sender=TranslationLog)
def recount_drift_on_rebuild(sender, instance, created, **kwargs) -> None:
    """wagtail-localize logs every (re)build of a translated page from its source."""
    if created:
        refresh_drifts_of(source_id=instance.source_id, locale_id=instance.locale_id)


# Admin --------------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_sync_urls():
    return [
        path(
            "translation-sync/<int:translation_id>/review/",
            sync_views.review,
            name="articles_sync_review",
        ),
    ]


def _translation_to_review(page, user) -> tuple[Translation, int] | None:
    """The translation that `page` is the target of, with its number of segments to
    review, if there are any and `user` may review them."""
    translation = (
        Translation.objects.filter(
            source__object_id=page.translation_key,
            target_locale_id=page.locale_id,
            enabled=True,
        )
        .select_related("target_locale")
        .first()
    )
    if translation is None:
        return None
    count = StaleSegmentTranslation.objects.filter(translation=translation).count()
    if not count or not can_edit_translation(user, translation):
        return None
    return translation, count


# Before wagtail-localize's own hook, which answers with its editor.
@hooks.register("before_edit_page", order=-10)
def warn_translator_of_changed_segments(request, page):
    """Opening a translation (wagtail-localize's editor) says which segments changed in
    the source, and links to their review. Returns nothing: the editor still opens."""
    if request.method != "GET":
        return
    found = _translation_to_review(page, request.user)
    if found is None:
        return
    translation, count = found
    admin_messages.warning(
        request,
        ngettext(
            "The source text of %(count)d segment changed since it was translated; "
            "its previous translation is kept until you review it.",
            "The source text of %(count)d segments changed since they were "
            "translated; their previous translations are kept until you review them.",
            count,
        )
        % {"count": count},
        buttons=[
            admin_messages.button(
                reverse("articles_sync_review", args=[translation.pk]),
                _("Review changed segments"),
            )
        ],
    )


@hooks.register("register_page_header_buttons")
def review_button(page, user, next_url=None, view_name=None):
    found = _translation_to_review(page, user)
    if found is not None:
        translation, count = found
        yield Button(
            _("Review changed segments (%(count)d)") % {"count": count},
            reverse("articles_sync_review", args=[translation.pk]),
            icon_name="warning",
            priority=60,
        )
