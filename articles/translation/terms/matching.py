"""Finding terms in text, by each language's rule (`languages/<language>.toml`,
`[terms]`): whole words (en, vi, ar: with its article and attached particles, with
or without diacritics), the start of a word followed by anything (ko: particles,
ru: case endings after the stem), or anywhere (zh, ja: no spaces between words).

Candidates come from an index of each term's first characters, looked up at each
position of the text; only those are tried with their pattern, so the cost follows
the text's length, not the termbase's size."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from ..languages import TermRule

# Arabic harakat, superscript alef, Quranic marks and tatweel: not part of a word's
# spelling for matching.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
KEY = 2  # characters of a term's start that index it


def normalise(text: str, rule: TermRule, *, case_sensitive: bool) -> str:
    text = unicodedata.normalize("NFKC", text)
    if rule.strip_marks:
        text = _ARABIC_MARKS.sub("", text)
    return text if case_sensitive else text.casefold()


def _stem(word: str, rule: TermRule) -> str:
    for ending in sorted(rule.stem_endings, key=len, reverse=True):
        if word.endswith(ending) and len(word) - len(ending) >= rule.stem_min:
            word = word[: -len(ending)]
            break
    trim = min(rule.stem_trim, max(len(word) - rule.stem_min, 0))
    return word[: len(word) - trim]


@dataclass
class Entry:
    """One term as the index holds it: its pattern is compiled on first use."""

    term_id: int
    concept_pk: int
    text: str
    case_sensitive: bool
    source: str  # the regular expression
    _compiled: re.Pattern | None = field(default=None, repr=False)

    @property
    def pattern(self) -> re.Pattern:
        if self._compiled is None:
            self._compiled = re.compile(self.source)
        return self._compiled


def term_entry(
    *, term_id: int, concept_pk: int, text: str, case_sensitive: bool, rule: TermRule
) -> tuple[str, Entry] | None:
    """The index key and entry of a term, or None for a blank term."""
    words = normalise(text, rule, case_sensitive=case_sensitive).split()
    if not words:
        return None
    if rule.stem_endings:
        words = [_stem(word, rule) for word in words]
    parts = [re.escape(word) + (r"\w*" if rule.stem_endings else "") for word in words]
    # Later words may carry an attached prefix too (Arabic: الخلايا الجذعية).
    prefix = (
        "(?:" + "|".join(re.escape(p) for p in rule.prefixes) + ")?"
        if rule.prefixes
        else ""
    )
    body = (r"\s+" + prefix).join(parts)
    if rule.endings:
        body += "(?:" + "|".join(re.escape(e) for e in rule.endings) + ")?"
    start = end = ""
    if rule.boundary != "none":
        lookbehinds = [r"(?<!\w)"] + [
            rf"(?<=(?<!\w){re.escape(prefix)})" for prefix in rule.prefixes
        ]
        start = "(?:" + "|".join(lookbehinds) + ")"
    if rule.boundary == "word":
        end = r"(?!\w)"
    entry = Entry(term_id, concept_pk, text, case_sensitive, start + body + end)
    return words[0][:KEY], entry


class TermIndex:
    """The terms of one language and status, ready to be found in text."""

    def __init__(self, rule: TermRule) -> None:
        self.rule = rule
        # By case-sensitivity, then by key length (1 for a one-character term).
        self._keys: dict[bool, dict[str, list[Entry]]] = {True: {}, False: {}}
        self.size = 0

    def add(self, *, term_id: int, concept_pk: int, text: str, case_sensitive: bool):
        made = term_entry(
            term_id=term_id,
            concept_pk=concept_pk,
            text=text,
            case_sensitive=case_sensitive,
            rule=self.rule,
        )
        if made is not None:
            key, entry = made
            self._keys[case_sensitive].setdefault(key, []).append(entry)
            self.size += 1

    def find(self, text: str) -> list[Entry]:
        """The terms found in `text`, each once, in order of first appearance."""
        found: dict[int, Entry] = {}
        for sensitive, keys in self._keys.items():
            if not keys:
                continue
            normal = normalise(text, self.rule, case_sensitive=sensitive)
            for i in range(len(normal)):
                for key in (normal[i : i + KEY], normal[i]):
                    for entry in keys.get(key, ()):
                        if entry.term_id not in found and entry.pattern.match(
                            normal, i
                        ):
                            found[entry.term_id] = entry
                    if len(key) == 1:
                        break
        return list(found.values())


def contains(text: str, term: str, rule: TermRule, *, case_sensitive: bool) -> bool:
    """Whether `term` is found in `text` by the rule (one term, no index)."""
    made = term_entry(
        term_id=0, concept_pk=0, text=term, case_sensitive=case_sensitive, rule=rule
    )
    if made is None:
        return False
    normal = normalise(text, rule, case_sensitive=case_sensitive)
    return made[1].pattern.search(normal) is not None
