"""The termbase as DeepL glossaries: one per language pair, holding each concept's
approved source term and its first approved translation, made again (and the old
one deleted) when those change, and named in every translation request."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from wagtail.models import Locale

from ...models import DeepLGlossary, Term


def glossary_entries(source_locale: Locale, target_locale: Locale) -> dict[str, str]:
    """Approved source term -> approved target term, one per source term (DeepL's
    rule), the first approved translation of each concept."""
    approved = Term.objects.filter(status=Term.Status.APPROVED)
    targets: dict[int, str] = {}
    for concept_id, text in (
        approved.filter(locale=target_locale)
        .order_by("id")
        .values_list("concept_id", "text")
    ):
        targets.setdefault(concept_id, text)
    entries: dict[str, str] = {}
    for concept_id, text in (
        approved.filter(locale=source_locale, concept_id__in=list(targets))
        .order_by("id")
        .values_list("concept_id", "text")
    ):
        source, target = _clean(text), _clean(targets[concept_id])
        if source and target:
            entries.setdefault(source, target)
    return entries


def _clean(text: str) -> str:
    # Tabs and line breaks would break the TSV DeepL reads.
    return " ".join(text.split())


def deepl_glossary_id(
    *,
    source_locale: Locale,
    target_locale: Locale,
    source_code: str,
    target_code: str,
    request: Callable[[str, str, dict | None], Any],
) -> str | None:
    """The id of the DeepL glossary holding the termbase for this pair, made or
    remade through `request(method, path, payload)` when the terms changed; None
    when the pair has no terms."""
    entries = glossary_entries(source_locale, target_locale)
    stored = DeepLGlossary.objects.filter(
        source_language=source_code, target_language=target_code
    ).first()
    if not entries:
        return None
    tsv = "\n".join(f"{source}\t{target}" for source, target in sorted(entries.items()))
    digest = hashlib.sha256(tsv.encode()).hexdigest()
    if stored is not None and stored.entries_digest == digest:
        return stored.glossary_id
    answer = request(
        "POST",
        "/v2/glossaries",
        {
            "name": f"Medical termbase {source_code}-{target_code}",
            "source_lang": source_code,
            "target_lang": target_code,
            "entries": tsv,
            "entries_format": "tsv",
        },
    )
    glossary_id = str(answer["glossary_id"])
    if stored is not None:
        # The old glossary is no longer named; a failure to delete it leaves only
        # an unused glossary behind.
        request("DELETE", f"/v2/glossaries/{stored.glossary_id}", None)
    DeepLGlossary.objects.update_or_create(
        source_language=source_code,
        target_language=target_code,
        defaults={
            "glossary_id": glossary_id,
            "entries_digest": digest,
            "entries": len(entries),
        },
    )
    return glossary_id
