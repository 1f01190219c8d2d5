"""Checks on the translated text as a whole: `empty`, `untranslated`, `length`,
`whitespace` and `machine_output`."""

from __future__ import annotations

import re

from django.utils.translation import gettext as _

from .base import ERROR, WARNING, Finding, Segment, language

# Scripts by Unicode range: enough to tell which script most letters are in.
_SCRIPTS = {
    "latin": "A-Za-z\u00c0-\u024f\u1e00-\u1eff",
    "hangul": "\uac00-\ud7af\u1100-\u11ff\u3130-\u318f",
    "han": "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff",
    "kana": "\u3040-\u30ff",
    "arabic": "\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff",
    "cyrillic": "\u0400-\u04ff",
    "thai": "\u0e00-\u0e7f",
}
_LETTERS = {name: re.compile(f"[{ranges}]") for name, ranges in _SCRIPTS.items()}
# The scripts a language is written in; a language not listed is not script-checked.
LANGUAGE_SCRIPTS = {
    "en": {"latin"},
    "vi": {"latin"},
    "ko": {"hangul", "han"},
    "zh": {"han"},
    "ja": {"kana", "han"},
    "ar": {"arabic"},
    "ru": {"cyrillic"},
    "th": {"thai"},
}
# Characters of translation per character of English source, roughly, from the
# demo articles and public medical leaflets; `length` warns far outside them.
LENGTH_RATIOS = {"zh": 0.33, "ja": 0.5, "ko": 0.55, "ar": 1.0, "ru": 1.15, "vi": 1.2}
LENGTH_TOLERANCE = 2.5  # warn below ratio / 2.5 or above ratio x 2.5
MIN_LENGTH_CHECKED = 30  # characters of source: shorter texts vary too much
# Text left in the source language on purpose: citations, identifiers, addresses.
_KEPT_ON_PURPOSE = re.compile(
    r"\bet al\b|\bdoi\b|\bPMID\b|\bISBN\b|https?://|\b(?:19|20)\d\d;\s*\d+", re.I
)
_WORD = re.compile(r"\w+")


def _script_counts(text: str) -> dict[str, int]:
    return {name: len(pattern.findall(text)) for name, pattern in _LETTERS.items()}


def kept_on_purpose(text: str) -> bool:
    """Short names and codes (MRI, COVID-19, a drug's name) and citations are often
    the same in every language."""
    return len(_WORD.findall(text)) <= 3 or bool(_KEPT_ON_PURPOSE.search(text))


def check_empty(segment: Segment) -> list[Finding]:
    if not segment.source_text.strip():
        return []
    if not segment.target:
        message = _("This segment is not translated yet.")
    elif not segment.target_text.strip():
        message = _("The translation is empty.")
    else:
        return []
    return [Finding("empty", ERROR, message, segment.id)]


def check_untranslated(segment: Segment) -> list[Finding]:
    source, target = segment.source_text.strip(), segment.target_text.strip()
    if not target or not source or kept_on_purpose(source):
        return []
    if language(segment.source_language) == language(segment.target_language):
        return []
    if target == source:
        return [
            Finding(
                "untranslated",
                WARNING,
                _("The translation is the same as the source text."),
                segment.id,
            )
        ]
    expected = LANGUAGE_SCRIPTS.get(language(segment.target_language))
    source_scripts = LANGUAGE_SCRIPTS.get(language(segment.source_language))
    if not expected or not source_scripts or expected & source_scripts:
        return []
    counts = _script_counts(target)
    letters = sum(counts.values())
    foreign = sum(counts[name] for name in source_scripts)
    if letters >= 20 and foreign / letters >= 0.6:
        return [
            Finding(
                "untranslated",
                WARNING,
                _("Most of the translation is still in the source language's script."),
                segment.id,
            )
        ]
    return []


def check_length(segment: Segment) -> list[Finding]:
    source, target = segment.source_text.strip(), segment.target_text.strip()
    if not target or len(source) < MIN_LENGTH_CHECKED:
        return []
    source_ratio = LENGTH_RATIOS.get(language(segment.source_language), 1.0)
    ratio = LENGTH_RATIOS.get(language(segment.target_language), 1.0) / source_ratio
    expected = len(source) * ratio
    if len(target) < expected / LENGTH_TOLERANCE:
        message = _(
            "The translation is much shorter than usual for these languages "
            "(%(actual)d characters where about %(expected)d are usual): is a "
            "sentence missing?"
        )
    elif len(target) > expected * LENGTH_TOLERANCE:
        message = _(
            "The translation is much longer than usual for these languages "
            "(%(actual)d characters where about %(expected)d are usual): is "
            "something added or repeated?"
        )
    else:
        return []
    return [
        Finding(
            "length",
            WARNING,
            message % {"actual": len(target), "expected": round(expected)},
            segment.id,
        )
    ]


_EDGE = " \t\r\n"


def check_whitespace(segment: Segment) -> list[Finding]:
    source, target = segment.source_text, segment.target_text
    if not target:
        return []
    findings = []
    leading = target[: len(target) - len(target.lstrip(_EDGE))]
    trailing = target[len(target.rstrip(_EDGE)) :]
    if (leading and not source.startswith(leading)) or (
        trailing and not source.endswith(trailing)
    ):
        findings.append(
            Finding(
                "whitespace",
                WARNING,
                _("The translation starts or ends with spaces the source does not."),
                segment.id,
                "edges",
            )
        )
    if re.search(r"[ \t]{2,}", target.strip(_EDGE)) and not re.search(
        r"[ \t]{2,}", source
    ):
        findings.append(
            Finding(
                "whitespace",
                WARNING,
                _("The translation has doubled spaces the source does not."),
                segment.id,
                "doubled",
            )
        )
    return findings


def check_machine_output(segment: Segment) -> list[Finding]:
    if not segment.machine or not segment.target:
        return []
    return [
        Finding(
            "machine_output",
            WARNING,
            _(
                "Machine translation (%(tool)s) that no person has edited or "
                "confirmed yet."
            )
            % {"tool": segment.tool_name or _("unknown provider")},
            segment.id,
        )
    ]
