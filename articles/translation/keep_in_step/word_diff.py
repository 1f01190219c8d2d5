"""A word-level diff of two versions of a source text, for translators: what the
editor added, removed or reworded, instead of a whole paragraph struck through.
Chinese and Japanese, written without spaces, are compared character by character."""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

SAME, ADDED, REMOVED = "same", "added", "removed"

_TOKEN = re.compile(
    r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|\w+|\s+|[^\w\s]"
)


@dataclass(frozen=True)
class DiffPart:
    kind: str  # SAME, ADDED or REMOVED
    text: str


def word_diff(old: str, new: str) -> list[DiffPart]:
    """`old` turned into `new`, as runs of unchanged, removed and added text."""
    before, after = _TOKEN.findall(old), _TOKEN.findall(new)
    parts: list[DiffPart] = []
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            _append(parts, SAME, "".join(before[i1:i2]))
            continue
        if tag in ("delete", "replace"):
            _append(parts, REMOVED, "".join(before[i1:i2]))
        if tag in ("insert", "replace"):
            _append(parts, ADDED, "".join(after[j1:j2]))
    return parts


def _append(parts: list[DiffPart], kind: str, text: str) -> None:
    if not text:
        return
    if parts and parts[-1].kind == kind:
        parts[-1] = DiffPart(kind, parts[-1].text + text)
    else:
        parts.append(DiffPart(kind, text))


def gained_words(parts: list[DiffPart]) -> bool:
    """Whether the new text has words the old did not: a kept translation may lack
    them (a new warning, a dose), so confirming it needs an explicit check."""
    return any(part.kind == ADDED and re.search(r"\w", part.text) for part in parts)
