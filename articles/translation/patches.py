"""Every change this project makes to Wagtail's and wagtail-localize's own code, in one
place. Each `install_*` says what it replaces and why; `TranslationConfig.ready()`
installs them, and `checks.check_patched_names` fails at start-up when a name they rely
on is gone or the installed wagtail-localize is outside the tested range.

1. `TranslationSource.refresh_segments` (wagtail-localize) is replaced by
   `keep_in_step.refresh.refresh_and_carry_forward`: the same segment rows written in
   bulk (about ten queries a segment before), and translations of changed segments
   carried forward instead of lost. wagtail-localize calls that method from every path
   that snapshots a source (submitting, "Sync translated pages", `update_from_db`) and
   offers no setting or signal to replace it. The bulk writer reproduces its keys with
   private helpers: `TranslationContext._get_path_id`, `String._get_data_hash`,
   `Template.BASE_UUID_NAMESPACE`.
2. `TranslationSource.create_or_update_translation` (wagtail-localize) is wrapped so
   that the translated page it builds, saved four or five times, is indexed for search
   and references once (`indexing.indexing_batched`).
3. Wagtail's `update_reference_index_on_save` and modelsearch's
   `post_save_signal_handler` receivers are swapped for batching ones
   (`replace_index_receivers`). Not from `ready()`: those apps connect theirs in their
   own `ready()`, which may run after ours, so `indexing` swaps them on first use.

4. `wagtail_localize.operations` reads `WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE`
   to decide whether a new translation of a live page goes live at once, with the
   source's untranslated words. Its `settings` is replaced by a view of Django's that
   always answers False: untranslated content never goes live, whatever the host sets
   (`checks` warns a host that sets it to True).

5. `StringTranslation.get_comment` (wagtail-localize), the line under each segment of
   its editor ("Translated with DeepL on 7 December 2026"), is replaced by
   `provenance.translation_comment`: the same sentences in the admin user's language,
   with the date as that language writes it and this project's tools named in it.
   Theirs formats the date with `strftime` (English month names in every language),
   and several of its catalogues lack the sentences.

wagtail-localize's admin URLs are not patched but shadowed, in `urls`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AbstractContextManager

from django.conf import settings as django_settings
from django.db.models.signals import post_save
from wagtail_localize.models import StringTranslation, TranslationSource

from .keep_in_step.refresh import refresh_and_carry_forward

logger = logging.getLogger(__name__)

# wagtail-localize releases the patches are tested with: [lowest, first untested).
TESTED_WAGTAIL_LOCALIZE = ((1, 14), (1, 15))

# (module, dotted name) of everything the patches read or replace; checked at start-up.
REQUIRED_NAMES = [
    ("wagtail_localize.models", "TranslationSource.refresh_segments"),
    ("wagtail_localize.models", "TranslationSource.create_or_update_translation"),
    ("wagtail_localize.models", "TranslationContext._get_path_id"),
    ("wagtail_localize.models", "TranslationContext.get_field_path"),
    ("wagtail_localize.models", "String._get_data_hash"),
    ("wagtail_localize.models", "Template.BASE_UUID_NAMESPACE"),
    ("wagtail_localize.segments.extract", "extract_segments"),
    ("wagtail.signal_handlers", "update_reference_index_on_save"),
    ("wagtail.models", "ReferenceIndex.tracked_models"),
    ("modelsearch.signal_handlers", "post_save_signal_handler"),
    ("modelsearch.index", "get_indexed_models"),
    ("wagtail_localize.operations", "settings"),
    ("wagtail_localize.operations", "TranslationCreator.create_translations"),
    ("wagtail_localize.models", "StringTranslation.get_comment"),
]

NEVER_LIVE_SETTING = "WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE"


class SettingsWithoutLiveTranslations:
    """Django's settings as `wagtail_localize.operations` sees them after patch 4."""

    def __getattr__(self, name: str):
        if name == NEVER_LIVE_SETTING:
            return False
        return getattr(django_settings, name)


def install_untranslated_never_live() -> None:
    """Patch 4: a new translation is a draft until it is translated and approved.
    Idempotent."""
    from wagtail_localize import operations

    if not isinstance(operations.settings, SettingsWithoutLiveTranslations):
        operations.settings = SettingsWithoutLiveTranslations()
        logger.debug("wagtail-localize never publishes an untranslated copy")


def install_comments_in_admin_language() -> None:
    """Patch 5: the editor says how each segment was translated in the admin user's
    language. Idempotent."""
    from .provenance import translation_comment

    current = StringTranslation.get_comment
    if getattr(current, "in_admin_language", False):
        return

    def get_comment(self: StringTranslation) -> str | None:
        return translation_comment(self)

    get_comment.in_admin_language = True
    get_comment.__wrapped__ = current
    get_comment.__doc__ = current.__doc__
    StringTranslation.get_comment = get_comment
    logger.debug("wagtail-localize's segment comments follow the admin language")


def install_bulk_segment_refresh() -> None:
    """Patch 1: `TranslationSource.refresh_segments()` refreshes in bulk and carries
    changed segments' translations forward. Idempotent."""
    current = TranslationSource.refresh_segments
    if getattr(current, "keeps_translations", False):
        return

    def refresh_segments(self: TranslationSource) -> None:
        refresh_and_carry_forward(self)

    refresh_segments.keeps_translations = True
    refresh_segments.__wrapped__ = current
    refresh_segments.__doc__ = current.__doc__
    TranslationSource.refresh_segments = refresh_segments
    logger.debug("Installed the bulk TranslationSource.refresh_segments")


def install_batched_indexing_of_translations(
    *, batched: Callable[[], AbstractContextManager]
) -> None:
    """Patch 2: a translated object is indexed once per build (inside `batched()`),
    not once per save. Idempotent."""
    current = TranslationSource.create_or_update_translation
    if getattr(current, "indexes_once", False):
        return

    def create_or_update_translation(self: TranslationSource, *args, **kwargs):
        with batched():
            return current(self, *args, **kwargs)

    create_or_update_translation.indexes_once = True
    create_or_update_translation.__wrapped__ = current
    create_or_update_translation.__doc__ = current.__doc__
    TranslationSource.create_or_update_translation = create_or_update_translation
    logger.debug("Installed batched indexing of translations")


SEARCH, REFERENCES = "search", "references"


def replace_index_receivers(make_receiver: Callable[[str, Callable], Callable]) -> None:
    """Patch 3: for each of modelsearch's (SEARCH) and Wagtail's (REFERENCES)
    `post_save` receivers, connect `make_receiver(index, theirs)` in its place on every
    model it listens to. Ours is connected before theirs is removed, so a save in
    between is indexed twice rather than not at all."""
    from modelsearch import index
    from modelsearch.signal_handlers import post_save_signal_handler
    from wagtail.models import ReferenceIndex
    from wagtail.signal_handlers import update_reference_index_on_save

    swaps = [
        (SEARCH, post_save_signal_handler, index.get_indexed_models()),
        (REFERENCES, update_reference_index_on_save, ReferenceIndex.tracked_models),
    ]
    for name, theirs, models in swaps:
        ours = make_receiver(name, theirs)
        for model in list(models):
            uid = (name, model)
            # Held strongly: `ours` is a closure nothing else keeps alive.
            post_save.connect(ours, sender=model, dispatch_uid=uid, weak=False)
            if not post_save.disconnect(theirs, sender=model):
                post_save.disconnect(ours, sender=model, dispatch_uid=uid)
    logger.debug("Replaced the search and reference index receivers")
