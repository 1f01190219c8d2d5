"""A large language model as a machine translator, through the OpenAI-compatible
chat-completions API: a hosted service, or a self-hosted vLLM or Ollama server.

Each request carries, beside the texts, the termbase's approved terms found in them
and the target language's style guide. Inline markup travels as numbered
placeholders (⟦1⟧) that must come back intact: a text whose placeholders come back
changed is refused (left untranslated), never written with broken markup. The answer
is a JSON object; a refusal, a cut-off or unreadable answer, a timeout or a rate
limit is one clear message for the translator, and nothing is written."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

import requests
from django.utils.translation import gettext as _
from wagtail_localize.strings import StringValue

from ...models import TranslationStyleGuide
from ..terms.check import segment_terms
from ..terms.snapshot import termbase_for_run
from .providers import HTTPMachineTranslator, batches

_TAG = re.compile(r"<[^<>]+>")
_PLACEHOLDER = re.compile(r"⟦\d+⟧")


@dataclass(frozen=True)
class Masked:
    """A text with its tags replaced by placeholders, and the tags to put back."""

    text: str
    tags: dict[str, str]

    def restore(self, translated: str) -> str | None:
        """The translation with its tags back, or None when its placeholders are not
        exactly the text's (each once)."""
        if Counter(_PLACEHOLDER.findall(translated)) != Counter(self.tags.keys()):
            return None
        return _PLACEHOLDER.sub(lambda match: self.tags[match.group(0)], translated)


def mask_tags(text: str) -> Masked:
    tags: dict[str, str] = {}

    def placeholder(match: re.Match) -> str:
        key = f"⟦{len(tags) + 1}⟧"
        tags[key] = match.group(0)
        return key

    return Masked(_TAG.sub(placeholder, text), tags)


class LanguageModelTranslator(HTTPMachineTranslator):
    """OPTIONS: BASE_URL (the server, e.g. http://127.0.0.1:11434 for Ollama), MODEL,
    API_KEY (if the server asks for one), TIMEOUT."""

    display_name = "Language model"
    path = "/v1/chat/completions"
    max_texts = 20
    max_bytes = 24_000
    default_timeout = 60.0

    @property
    def model(self) -> str:
        return self.options.get("MODEL") or ""

    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}

    def can_translate(self, source_locale, target_locale) -> bool:
        return source_locale.language_code != target_locale.language_code

    def translate(
        self, source_locale, target_locale, strings: Iterable[StringValue]
    ) -> dict[StringValue, StringValue]:
        if not self.model:
            raise self.error(
                _(
                    "%(provider)s has no model configured "
                    "(CMS_MACHINE_TRANSLATION_MODEL)."
                )
            )
        guide = (
            TranslationStyleGuide.objects.filter(locale=target_locale)
            .values_list("guide", flat=True)
            .first()
        )
        translated: dict[StringValue, StringValue] = {}
        languages = (source_locale.language_code, target_locale.language_code)
        with requests.Session() as session, termbase_for_run(languages):
            for batch in batches(list(strings), self.batch_size(), self.max_bytes):
                masked = [mask_tags(string.data) for string in batch]
                terms = self.glossary(batch, source_locale, target_locale)
                answer = self.post(
                    session,
                    self.chat(source_locale, target_locale, masked, terms, guide),
                )
                outputs = self.outputs(answer, len(batch))
                for string, mask, output in zip(batch, masked, outputs, strict=True):
                    restored = mask.restore(output)
                    if restored is not None:
                        translated[string] = StringValue(restored)
        return translated

    def glossary(self, batch, source_locale, target_locale) -> dict[str, str]:
        terms: dict[str, str] = {}
        for string in batch:
            for term in segment_terms(
                string.data, source_locale.language_code, target_locale.language_code
            ):
                if term["approved"]:
                    terms.setdefault(term["source"], term["approved"][0])
        return terms

    def chat(self, source_locale, target_locale, masked, terms, guide) -> dict:
        source = source_locale.get_display_name()
        target = target_locale.get_display_name()
        rules = [
            f"Translate medical content for a hospital's patients from {source} "
            f"({source_locale.language_code}) into {target} "
            f"({target_locale.language_code}).",
            'Answer with a JSON object {"translations": [...]} holding exactly one '
            "translation for each text of the user's list, in the same order.",
            "Keep every placeholder such as ⟦1⟧ exactly as written, once each, where "
            "it belongs in the translation.",
            "Keep every number, dose and unit exactly.",
        ]
        if terms:
            rules.append(
                "Use these approved terms: "
                + "; ".join(f"{s} → {t}" for s, t in sorted(terms.items()))
                + "."
            )
        if guide:
            rules.append(f"Style guide for {target}: {guide}")
        return {
            "model": self.model,
            "temperature": 0,
            "response_format": {"type": "json_object"},
            "messages": [
                {"role": "system", "content": "\n".join(rules)},
                {
                    "role": "user",
                    "content": json.dumps(
                        {"texts": [m.text for m in masked]}, ensure_ascii=False
                    ),
                },
            ],
        }

    def outputs(self, answer, count: int) -> list[str]:
        try:
            choice = answer["choices"][0]
            message = choice["message"]
        except (KeyError, IndexError, TypeError):
            raise self.error(
                _("%(provider)s returned an answer we could not read.")
            ) from None
        if choice.get("finish_reason") == "content_filter" or message.get("refusal"):
            raise self.error(_("%(provider)s declined to translate these texts."))
        if choice.get("finish_reason") == "length":
            raise self.error(
                _(
                    "%(provider)s's answer was cut off before the end; nothing was "
                    "written."
                )
            )
        try:
            results = json.loads(message.get("content") or "")["translations"]
        except (ValueError, KeyError, TypeError):
            results = None
        if not (
            isinstance(results, list)
            and len(results) == count
            and all(isinstance(text, str) for text in results)
        ):
            raise self.error(_("%(provider)s returned an answer we could not read."))
        return results
