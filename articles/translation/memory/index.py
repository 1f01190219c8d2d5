"""The token index of the memory: each unit's source split into tokens (words; pairs
of characters where words are not spaced), stored as 64-bit digests with how many
units of the language pair hold each, so that a lookup starts from rare tokens."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

from ...models import MemoryToken, MemoryTokenCount, MemoryUnit
from ..qa.base import plain_text

_WORD = re.compile(r"\w+")
# Han, kana: no spaces between words, so pairs of characters stand for words.
_UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")


def normal_text(text: str) -> str:
    """Plain, case-folded, compatibility-normalised text: what is compared."""
    return unicodedata.normalize("NFKC", plain_text(text)).casefold().strip()


def tokens(text: str) -> set[int]:
    normal = normal_text(text)
    found: set[str] = set()
    for word in _WORD.findall(normal):
        runs = _UNSPACED.findall(word)
        if runs:
            for run in runs:
                found.update(run[i : i + 2] for i in range(max(len(run) - 1, 1)))
            rest = _UNSPACED.sub(" ", word).split()
            found.update(rest)
        else:
            found.add(word)
    return {_digest(token) for token in found}


def _digest(token: str) -> int:
    return int.from_bytes(
        hashlib.blake2b(token.encode(), digest_size=8).digest(), "big", signed=True
    )


def index_units(units: Iterable[MemoryUnit]) -> int:
    """Store the tokens of `units` (not indexed yet) and count them per pair."""
    rows, counts = [], Counter()
    for unit in units:
        for token in tokens(unit.source_text):
            rows.append(
                MemoryToken(
                    unit_id=unit.pk,
                    source_locale_id=unit.source_locale_id,
                    target_locale_id=unit.target_locale_id,
                    token=token,
                )
            )
            counts[(unit.source_locale_id, unit.target_locale_id, token)] += 1
    MemoryToken.objects.bulk_create(rows, batch_size=2000)
    _add_counts(counts)
    return len(rows)


def _add_counts(counts: Counter) -> None:
    by_pair: dict[tuple[int, int], dict[int, int]] = {}
    for (source, target, token), n in counts.items():
        by_pair.setdefault((source, target), {})[token] = n
    for (source, target), added in by_pair.items():
        tokens_ = list(added)
        existing = {}
        for start in range(0, len(tokens_), 2000):
            existing.update(
                {
                    row.token: row
                    for row in MemoryTokenCount.objects.filter(
                        source_locale_id=source,
                        target_locale_id=target,
                        token__in=tokens_[start : start + 2000],
                    )
                }
            )
        for token, row in existing.items():
            row.units += added[token]
        MemoryTokenCount.objects.bulk_update(
            existing.values(), ["units"], batch_size=2000
        )
        MemoryTokenCount.objects.bulk_create(
            [
                MemoryTokenCount(
                    source_locale_id=source, target_locale_id=target, token=t, units=n
                )
                for t, n in added.items()
                if t not in existing
            ],
            batch_size=2000,
            ignore_conflicts=True,
        )


def index_missing(**unit_filter) -> int:
    """Index the units matching `unit_filter` that have no tokens yet."""
    return index_units(
        MemoryUnit.objects.filter(**unit_filter, tokens__isnull=True).only(
            "id", "source_locale_id", "target_locale_id", "source_text"
        )
    )
