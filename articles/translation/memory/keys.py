"""The digest a segment's text is looked up by: the same text, whatever its spacing
or Unicode form, has the same key."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_SPACES = re.compile(r"\s+")


def memory_key(text: str) -> str:
    normal = _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip()
    return hashlib.sha256(normal.encode()).hexdigest()[:32]
