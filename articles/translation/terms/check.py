"""The `terms` quality check: a source term whose approved translation the target
does not use (a warning: the sentence may say it another correct way), and a
forbidden term in the target (an error)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..languages import language_data
from ..qa.base import ERROR, WARNING, Finding, Segment, language
from .matching import contains
from .snapshot import APPROVED, FORBIDDEN, termbase


def check_terms(segment: Segment) -> list[Finding]:
    if not segment.target.strip():
        return []
    base = termbase()
    findings = []
    source_index = base.index(segment.source_language, APPROVED)
    target_rule = language_data(language(segment.target_language)).terms
    target_text = segment.target_text
    if source_index.size:
        for entry in source_index.find(segment.source_text):
            approved = base.approved_terms(segment.target_language, entry.concept_pk)
            if not approved or any(
                contains(
                    target_text,
                    term.text,
                    target_rule,
                    case_sensitive=term.case_sensitive,
                )
                for term in approved
            ):
                continue
            findings.append(
                Finding(
                    "terms",
                    WARNING,
                    _(
                        "The termbase translates “%(source)s” as %(approved)s; the "
                        "translation uses none of them."
                    )
                    % {
                        "source": entry.text,
                        "approved": ", ".join(f"“{t.text}”" for t in approved),
                    },
                    segment.id,
                    base.concept_id(entry.concept_pk),
                )
            )
    forbidden = base.index(segment.target_language, FORBIDDEN)
    if forbidden.size:
        for entry in forbidden.find(target_text):
            approved = base.approved_terms(segment.target_language, entry.concept_pk)
            if approved:
                message = _(
                    "“%(term)s” is a forbidden term: the termbase says %(approved)s."
                ) % {
                    "term": entry.text,
                    "approved": ", ".join(f"“{t.text}”" for t in approved),
                }
            else:
                message = _("“%(term)s” is a forbidden term.") % {"term": entry.text}
            findings.append(
                Finding("terms", ERROR, message, segment.id, "!" + entry.text)
            )
    return findings


def segment_terms(
    source_text: str, source_language: str, target_language: str
) -> list[dict]:
    """The termbase's terms in a segment's source, each with its approved
    translations into the target language: what the translation editor shows."""
    base = termbase()
    index = base.index(source_language, APPROVED)
    if not index.size:
        return []
    return [
        {
            "source": entry.text,
            "approved": [
                term.text
                for term in base.approved_terms(target_language, entry.concept_pk)
            ],
        }
        for entry in index.find(source_text)
    ]
