"""Finding terms in text, by each language's rule (`languages/<language>.toml`,
`[terms]`): whole words (en, vi, ar: with its article and attached particles, with
or without diacritics), the start of a word followed by anything (ko: particles
after the last word; ru: each word by its stem), or anywhere (zh, ja: no spaces
between words).

Words are compared as words, not through regular expressions: a spaced language's
terms are indexed by their first word (its stem, where the rule has stems) and only
tried where a word of the text begins with it; an unspaced language's by their
first two characters, tried at each position. So the cost follows the text's
length and the terms that share its words, not the termbase's size."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ..languages import TermRule

# Arabic harakat, superscript alef, Quranic marks and tatweel: not part of a word's
# spelling for matching.
_ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_WORD = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")
KEY = 2  # characters of an unspaced term's start that index it


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


@dataclass(frozen=True)
class Entry:
    term_id: int
    concept_pk: int
    text: str
    case_sensitive: bool
    words: tuple[str, ...]  # normalised (stemmed) words; one string when unspaced


def _entry(term_id, concept_pk, text, case_sensitive, rule) -> Entry | None:
    normal = normalise(text, rule, case_sensitive=case_sensitive)
    if rule.boundary == "none":
        words = (_SPACES.sub(" ", normal).strip(),)
    else:
        words = tuple(_WORD.findall(normal))
        if rule.stem_endings:
            words = tuple(_stem(word, rule) for word in words)
    if not words or not words[0]:
        return None
    return Entry(term_id, concept_pk, text, case_sensitive, words)


class TermIndex:
    """The terms of one language and status, ready to be found in text."""

    def __init__(self, rule: TermRule) -> None:
        self.rule = rule
        # By case-sensitivity, then by key: the first word (spaced languages) or
        # the first characters (unspaced ones).
        self._keys: dict[bool, dict[str, list[Entry]]] = {True: {}, False: {}}
        self.size = 0

    def add(self, *, term_id: int, concept_pk: int, text: str, case_sensitive: bool):
        entry = _entry(term_id, concept_pk, text, case_sensitive, self.rule)
        if entry is None:
            return
        key = entry.words[0][:KEY] if self.rule.boundary == "none" else entry.words[0]
        self._keys[case_sensitive].setdefault(key, []).append(entry)
        self.size += 1

    def find(self, text: str) -> list[Entry]:
        """The terms found in `text`, each once, in order of first appearance."""
        found: dict[int, Entry] = {}
        for sensitive, keys in self._keys.items():
            if not keys:
                continue
            normal = normalise(text, self.rule, case_sensitive=sensitive)
            if self.rule.boundary == "none":
                self._find_anywhere(normal, keys, found)
            else:
                self._find_words(normal, keys, found)
        return list(found.values())

    def _find_anywhere(self, normal: str, keys, found) -> None:
        normal = _SPACES.sub(" ", normal)
        for i in range(len(normal)):
            for key in {normal[i : i + KEY], normal[i]}:
                for entry in keys.get(key, ()):
                    if entry.term_id not in found and normal.startswith(
                        entry.words[0], i
                    ):
                        found[entry.term_id] = entry

    def _find_words(self, normal: str, keys, found) -> None:
        words = _WORD.findall(normal)
        for i, word in enumerate(words):
            for key in self._keys_of(word):
                for entry in keys.get(key, ()):
                    if entry.term_id not in found and self._matches_at(
                        entry.words, words, i
                    ):
                        found[entry.term_id] = entry

    def _bare(self, word: str) -> list[str]:
        """`word`, and `word` without each prefix the rule allows (بالخلايا)."""
        forms = [word]
        for prefix in self.rule.prefixes:
            if word.startswith(prefix) and len(word) > len(prefix):
                forms.append(word[len(prefix) :])
        return forms

    def _keys_of(self, word: str) -> set[str]:
        """The keys a term starting at this text word may be filed under."""
        keys = set()
        for form in self._bare(word):
            if self.rule.boundary == "start" or self.rule.stem_endings:
                keys.update(form[:n] for n in range(1, len(form) + 1))
            else:
                keys.add(form)
                keys.update(
                    form[: -len(ending)]
                    for ending in self.rule.endings
                    if form.endswith(ending)
                )
        return keys

    def _word_matches(self, term_word: str, text_word: str, *, last: bool) -> bool:
        for form in self._bare(text_word):
            if self.rule.stem_endings:
                if form.startswith(term_word):
                    return True
            elif form == term_word:
                return True
            elif last and self.rule.boundary == "start" and form.startswith(term_word):
                return True
            elif last and any(form == term_word + e for e in self.rule.endings):
                return True
        return False

    def _matches_at(self, term_words, words, i) -> bool:
        if i + len(term_words) > len(words):
            return False
        last = len(term_words) - 1
        return all(
            self._word_matches(term_word, words[i + n], last=n == last)
            for n, term_word in enumerate(term_words)
        )


def contains(text: str, term: str, rule: TermRule, *, case_sensitive: bool) -> bool:
    """Whether `term` is found in `text` by the rule (one term)."""
    index = TermIndex(rule)
    index.add(term_id=0, concept_pk=0, text=term, case_sensitive=case_sensitive)
    return bool(index.find(text))
