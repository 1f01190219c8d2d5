"""Signal receivers that keep translations in step with their source, and those that
show the roles' names in the admin user's language (`role_names`), connected by
`register_signal_handlers()` from `TranslationConfig.ready()` (and disconnected by its
twin): no module connects a receiver by being imported."""

from __future__ import annotations

from django.db.models.signals import post_save
from wagtail.signals import page_published
from wagtail_localize.models import StringTranslation, Translation, TranslationLog

from ..models import MedicalReviewRecord
from ..releases import release_cancelled, release_published, release_source_held
from .keep_in_step.changed_segments import segment_translation_saved
from .keep_in_step.drift import (
    refresh_drifts_of,
    refresh_drifts_of_published_translation,
)
from .keep_in_step.refresh import record_source_change
from .keep_in_step.releases import (
    back_to_the_live_source,
    close_release_published_around,
    outdate_translations_left_behind,
    translate_from_held_source,
)
from .memory.capture import remember_approved_translation
from .memory.prefill import prefill_from_memory
from .role_names import signal_connections as role_name_connections


def keep_translations_in_step_on_publish(sender, instance, **kwargs) -> None:
    close_release_published_around(instance)
    record_source_change(instance)
    # A published translation may end its drift (approved from the new source).
    refresh_drifts_of_published_translation(instance)


def forget_flag_on_retranslation(
    sender, instance, created, update_fields, **kwargs
) -> None:
    # Only a new text counts (not wagtail-localize marking an error on the row).
    if update_fields is None or "data" in update_fields:
        segment_translation_saved(instance)


def recount_drift_on_rebuild(sender, instance, created, **kwargs) -> None:
    """wagtail-localize logs every (re)build of a translated page from its source."""
    if created:
        refresh_drifts_of(source_id=instance.source_id, locale_id=instance.locale_id)


def remember_on_approval(sender, instance, created, **kwargs) -> None:
    if created:
        remember_approved_translation(instance)


def start_from_memory(sender, instance, created, **kwargs) -> None:
    """A new translation (before its page is built): what the memory knows."""
    if created:
        prefill_from_memory(instance)


_CONNECTIONS = [
    (page_published, keep_translations_in_step_on_publish, None),
    (post_save, forget_flag_on_retranslation, StringTranslation),
    (post_save, recount_drift_on_rebuild, TranslationLog),
    (post_save, remember_on_approval, MedicalReviewRecord),
    (post_save, start_from_memory, Translation),
    (release_source_held, translate_from_held_source, None),
    (release_published, outdate_translations_left_behind, None),
    (release_cancelled, back_to_the_live_source, None),
]


def _connections() -> list[tuple]:
    # The role names' senders are models: listed once the app registry is ready.
    return [*_CONNECTIONS, *role_name_connections()]


def register_signal_handlers() -> None:
    for signal, handler, sender in _connections():
        signal.connect(handler, sender=sender, dispatch_uid=handler.__qualname__)


def unregister_signal_handlers() -> None:
    for signal, handler, sender in _connections():
        signal.disconnect(handler, sender=sender, dispatch_uid=handler.__qualname__)
