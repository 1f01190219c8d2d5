"""Machine translation of wagtail-localize translations in bulk: what the editor's
"Translate with ..." button and "Sync translated pages" run. The providers are in
`providers`, their configuration in `config`.

wagtail-localize's own `apply_machine_translation` runs about ten queries per segment
and lets any provider error escape as a server error. `machine_translate` reads the
untranslated segments in one query, asks the provider for each distinct text once
(in batches within the provider's limits), and writes every translation in one
transaction, only once the provider has answered every batch: a failure writes
nothing and comes back as a `MachineTranslationError` whose message is for the
translator.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Exists, OuterRef, Subquery
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.models import StringSegment, StringTranslation
from wagtail_localize.strings import StringValue, validate_translation_links

from ..keep_in_step.drift import refresh_drifts_of
from .providers import MachineTranslationError

logger = logging.getLogger(__name__)

TAG = re.compile(r"<[^<>]*>")


@dataclass(frozen=True)
class MachineTranslationResult:
    provider: str
    segments: int  # segments given a machine translation now
    texts: int  # distinct texts sent to the provider
    already_translated: int  # segments left as they were (manual or earlier)
    with_errors: int  # written, but with markup the editor asks the translator to fix


def machine_translate(
    translation, user, *, translator: BaseMachineTranslator | None = None
) -> MachineTranslationResult:
    """Machine-translate every untranslated string segment of a wagtail-localize
    `Translation` with `translator` (default: the configured one). Segments that
    already have a translation, manual or not, are left alone.

    A bounded number of queries whatever the size of the source; the provider is
    asked before anything is written, and everything is written in one transaction,
    so a failing provider (MachineTranslationError) leaves the translation as it was.
    """
    translator = translator or get_machine_translator()
    if translator is None:
        raise MachineTranslationError(_("Machine translation is not configured."))
    provider = str(translator.display_name)
    source_locale, target_locale = translation.source.locale, translation.target_locale
    if not translator.can_translate(source_locale, target_locale):
        raise MachineTranslationError(
            _("%(provider)s cannot translate from %(source)s into %(target)s.")
            % {
                "provider": provider,
                "source": source_locale.get_display_name(),
                "target": target_locale.get_display_name(),
            }
        )

    rows = (
        StringSegment.objects.filter(source_id=translation.source_id)
        .annotate(
            translated=Exists(
                StringTranslation.objects.filter(
                    translation_of_id=OuterRef("string_id"),
                    locale_id=target_locale.pk,
                    context_id=OuterRef("context_id"),
                )
            )
        )
        .order_by("order")
        .values_list(
            "string_id", "context_id", "context__path", "string__data", "translated"
        )
    )
    # Each distinct text is translated once, then used in every place it appears.
    pending: dict[int, list[tuple[int, str]]] = {}
    texts: dict[int, str] = {}
    already_translated = 0
    for string_id, context_id, path, data, translated in rows:
        if translated:
            already_translated += 1
            continue
        pending.setdefault(string_id, []).append((context_id, path))
        texts[string_id] = data
    if not pending:
        return MachineTranslationResult(provider, 0, 0, already_translated, 0)

    answers = _ask(
        translator,
        source_locale,
        target_locale,
        [StringValue(data) for data in texts.values()],
    )

    new: list[StringTranslation] = []
    titles: list[tuple[int, int]] = []
    for string_id, places in pending.items():
        answer = answers.get(StringValue(texts[string_id]))
        if answer is None or answer.data is None:
            continue  # as wagtail-localize: the provider had nothing for this one
        has_error = not is_valid_translation(texts[string_id], answer.data)
        for context_id, path in places:
            new.append(
                StringTranslation(
                    translation_of_id=string_id,
                    locale_id=target_locale.pk,
                    context_id=context_id,
                    data=answer.data,
                    translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
                    tool_name=provider,
                    last_translated_by=user if getattr(user, "pk", None) else None,
                    has_error=has_error,
                )
            )
            if path == "title":
                titles.append((string_id, context_id))

    with transaction.atomic():
        # A translator saving the same segment meanwhile wins: never overwrite.
        StringTranslation.objects.bulk_create(
            new, batch_size=500, ignore_conflicts=True
        )
        # What StringTranslation's post_save does for a page title, which bulk
        # creation skips: the translated page's draft title follows.
        for string_id, context_id in titles:
            Page.objects.filter(
                translation_key=translation.source.object_id,
                locale_id=target_locale.pk,
            ).update(
                draft_title=Subquery(
                    StringTranslation.objects.filter(
                        translation_of_id=string_id,
                        context_id=context_id,
                        locale_id=target_locale.pk,
                    ).values("data")[:1]
                )
            )
        refresh_drifts_of(source_id=translation.source_id, locale_id=target_locale.pk)

    return MachineTranslationResult(
        provider=provider,
        segments=len(new),
        texts=len(texts),
        already_translated=already_translated,
        with_errors=sum(item.has_error for item in new),
    )


def _ask(translator, source_locale, target_locale, strings):
    try:
        return translator.translate(source_locale, target_locale, strings)
    except MachineTranslationError:
        raise
    except Exception as exc:
        # A translator not of ours (such as wagtail-localize's) fails its own way.
        logger.exception("Machine translation with %s failed", translator)
        raise MachineTranslationError(
            _("%(provider)s could not translate this text (%(reason)s).")
            % {"provider": translator.display_name, "reason": type(exc).__name__}
        ) from exc


def is_valid_translation(source_html: str, translated_html: str) -> bool:
    """What `StringTranslation.save()` checks: only inline tags, and no link the
    source does not have. An invalid one is kept but flagged (`has_error`).

    Most translations keep the source's tags as they were (the source's are valid by
    construction): those, and plain text, need no HTML parsing."""
    tags = TAG.findall(translated_html)
    if len(tags) == translated_html.count("<") and set(tags) <= set(
        TAG.findall(source_html)
    ):
        return True
    try:
        StringValue.from_translated_html(translated_html)
        validate_translation_links(source_html, translated_html)
    except ValueError:
        return False
    return True
