"""Fuzzy matches from the memory: for each segment, approved translations of source
texts at least 75% similar to it, with the differences to the current source marked.

Candidates come from the token index, never from a scan: a unit similar enough shares
most (SHARED) of the segment's tokens, so it holds at least EXTRA of the segment's
rarest (n - ceil(SHARED n) + EXTRA) tokens (prefix filtering). Only the postings of
those rare tokens are read, and only the units holding enough of them are read and
scored with rapidfuzz's normalised similarity. The queries are a few per thousand
tokens and units, whatever the memory's size."""

from __future__ import annotations

import difflib
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from rapidfuzz import fuzz

from ...models import MemoryToken, MemoryTokenCount, MemoryUnit
from ..qa.base import plain_text
from .index import normal_text, tokens

THRESHOLD = 75  # percent
SHARED = 0.7  # of a segment's tokens a candidate must hold
EXTRA = 3  # rare tokens of a segment a candidate must hold (see below)
MOST_COMMON = 3_000  # tokens held by more units than this are never started from
CHUNK = 2000
LIMIT = 3


@dataclass(frozen=True)
class FuzzyMatch:
    score: int
    source: str  # the memory's source text (plain)
    target: str  # its approved translation (inline HTML, as stored)
    diff: list[tuple[str, str]]  # ("same" | "insert" | "delete", text) to the segment
    unit_id: int


def fuzzy_matches(
    texts: list[str], *, source_locale_id: int, target_locale_id: int
) -> list[list[FuzzyMatch]]:
    """The best matches (up to three, best first) for each of `texts`."""
    pair = {"source_locale_id": source_locale_id, "target_locale_id": target_locale_id}
    wanted = [tokens(text) for text in texts]
    every = sorted(set().union(*wanted)) if wanted else []
    frequency: dict[int, int] = {}
    for start in range(0, len(every), CHUNK):
        frequency.update(
            MemoryTokenCount.objects.filter(
                **pair, token__in=every[start : start + CHUNK]
            ).values_list("token", "units")
        )
    # Each segment's rarest tokens, and how many of them a unit must hold: a unit
    # holding SHARED of the segment's n tokens holds at least EXTRA of its
    # (n - ceil(SHARED n) + EXTRA) rarest ones.
    plans: list[tuple[list[int], int]] = []
    for found in wanted:
        ordered = sorted(found, key=lambda token: frequency.get(token, 0))
        need = math.ceil(len(ordered) * SHARED)
        prefix = ordered[: len(ordered) - need + EXTRA]
        # Tokens too common to read are left out; a unit must still hold EXTRA of
        # the others (a sentence made only of the commonest words may be missed).
        present = [t for t in prefix if 0 < frequency.get(t, 0) <= MOST_COMMON]
        plans.append((present, max(1, min(EXTRA, len(present)))))
    postings: dict[int, list[int]] = defaultdict(list)
    needed = sorted({t for tokens_, _hits in plans for t in tokens_})
    for start in range(0, len(needed), CHUNK):
        for token, unit_id in MemoryToken.objects.filter(
            **pair, token__in=needed[start : start + CHUNK]
        ).values_list("token", "unit_id"):
            postings[token].append(unit_id)
    candidates = []
    for tokens_, hits in plans:
        counts = Counter(
            unit_id for token in tokens_ for unit_id in postings.get(token, ())
        )
        candidates.append({unit_id for unit_id, n in counts.items() if n >= hits})
    ids = sorted(set().union(*candidates)) if candidates else []
    units: dict[int, tuple] = {}
    for start in range(0, len(ids), CHUNK):
        units.update(
            (row[0], row)
            for row in MemoryUnit.objects.filter(
                pk__in=ids[start : start + CHUNK]
            ).values_list("id", "source_text", "target_text", "approved_at")
        )
    results = []
    for text, unit_ids in zip(texts, candidates, strict=True):
        query = normal_text(text)
        scored = []
        for unit_id in unit_ids:
            row = units.get(unit_id)
            if row is None:
                continue
            score = fuzz.ratio(query, normal_text(row[1]), score_cutoff=THRESHOLD)
            if score:
                scored.append((score, row[3], row))
        scored.sort(key=lambda item: (item[0], item[1]), reverse=True)
        results.append(
            [
                FuzzyMatch(
                    score=int(score),
                    source=plain_text(source),
                    target=target,
                    diff=word_diff(plain_text(source), plain_text(text)),
                    unit_id=unit_id,
                )
                for score, _at, (unit_id, source, target, _approved) in scored[:LIMIT]
            ]
        )
    return results


# Characters of unspaced scripts one by one; words; spaces; punctuation.
_PIECES = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|\s+|\w+|[^\w\s]"
)


def word_diff(memory: str, current: str) -> list[tuple[str, str]]:
    """What the current source has ("insert") or lacks ("delete") compared with the
    memory's source, by word (by character in unspaced scripts)."""
    a, b = _PIECES.findall(memory), _PIECES.findall(current)
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
        if op == "equal":
            out.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("delete", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(("insert", "".join(b[j1:j2])))
    return out
