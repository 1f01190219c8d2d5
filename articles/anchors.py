"""Section anchors: the `#fragment` that links into an article.

An anchor is stored on the section, never recomputed: it is derived from the heading
only when the editor leaves it blank, and an anchor that was typed (or imported from
the old site) is kept exactly as it is, however unusual: other sites link to it.
"""

import re
from collections.abc import Iterable

from django.utils.text import slugify

from .safe_urls import validate_safe_anchor

ANCHOR_MAX_LENGTH = 255

# An anchor is an HTML id and a #fragment: whitespace, "#", quotes, backticks and
# angle brackets are refused (`safe_urls.safe_anchor` says which, for the output).
validate_anchor = validate_safe_anchor

_LEADING_NUMBERING = re.compile(r"^[\d.\s]+(?=\D)")


def derive_anchor(
    heading: str, *, taken: Iterable[str] = (), fallback: str = "section"
) -> str:
    """A readable anchor for `heading`, unique among `taken`.

    Unicode letters are kept ("干细胞" gives "干细胞"), so headings in any script
    give a usable fragment; a heading with no letters at all gives `fallback`.
    Leading numbering such as "3.1 " is dropped: numbers change when sections move.
    """
    text = _LEADING_NUMBERING.sub("", heading.strip())
    base = slugify(text, allow_unicode=True)[: ANCHOR_MAX_LENGTH - 4] or fallback
    taken = set(taken)
    anchor, n = base, 2
    while anchor in taken:
        anchor = f"{base}-{n}"
        n += 1
    return anchor
