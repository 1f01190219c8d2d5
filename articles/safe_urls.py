"""Which link URLs may reach a reader, whoever typed them.

One rule for every URL a person types (block URL fields, link overrides in the
translation editor), and later for the API's output: http, https, mailto and tel
links, paths within this site (`/...`) and `#anchors`. Everything else is refused:
`javascript:`, `data:`, `vbscript:`, `file:`, `ftp:`, scheme-relative
`//other.example` (and its backslash forms, which browsers read as `//`), and bare
relative paths such as `www.example.org` (usually a typo for https://..., and the apps
have no page to resolve them against).

The scheme is read the way a browser reads it (WHATWG URL standard): leading and
trailing spaces and C0 controls stripped, tabs and newlines inside removed, case
ignored; so `java\\tscript:` and ` JavaScript:` are seen for what they are. The value
is also read once HTML-decoded and once NFKC-normalised, since a consumer that decodes
entities (`javascript&colon;`) or folds full-width characters must not find a scheme
the check missed. Invisible characters (controls, zero-width and bidi marks,
non-ASCII spaces) are refused outright: a real link never needs them.

The API applies the same rule again at output (`safe_url`), whatever wrote the value:
the importer, a translation or a row written past the forms. Section anchors, which
become both an HTML id and a `#fragment`, have a rule of their own (`safe_anchor`).
"""

import html
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALLOWED_SCHEMES = frozenset({"http", "https", "mailto", "tel"})

UNSAFE_URL_MESSAGE = _(
    "Only http, https, mailto and tel links, links within this site (/...) and "
    "#anchors are allowed."
)
UNSAFE_ANCHOR_MESSAGE = _(
    "An anchor cannot contain spaces, double quotes, backticks, '<', '>' or '#'."
)
HIDDEN_CHARACTERS_MESSAGE = _(
    "This link contains invisible characters or unusual spaces. Type it again "
    "without them."
)

# What browsers strip from both ends: C0 controls and the space.
_C0_AND_SPACE = "".join(chr(code) for code in range(0x21))
# What a pasted link may carry at its ends and Django's form fields strip anyway.
_ORDINARY_WHITESPACE = " \t\n\r\f"
_TAB_OR_NEWLINE = re.compile("[\t\n\r]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_SLASHES = ("/", "\\")
# Controls, format characters (zero-width, bidi marks), line/paragraph separators and
# spaces; the plain space (U+0020) is the only one allowed inside a link.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Zs"})
# Characters that end an HTML attribute or a tag, percent-encoded in the URLs the API
# hands out: a front end that writes `href="${url}"` without escaping stays safe.
_ATTRIBUTE_BREAKERS = str.maketrans(
    {" ": "%20", '"': "%22", "'": "%27", "<": "%3C", ">": "%3E", "`": "%60"}
)
# What an anchor may not hold besides hidden characters: "#" would end the fragment,
# the others an HTML attribute or tag. Apostrophes stay: legacy anchors that other
# sites link to have them, and a double-quoted id holds them safely.
_ANCHOR_BREAKERS = frozenset('#"`<>')


def browser_normalised(value: str) -> str:
    """`value` as a browser's URL parser starts reading it."""
    return _TAB_OR_NEWLINE.sub("", value.strip(_C0_AND_SPACE))


def has_hidden_characters(value: str) -> bool:
    """Whether `value`, past ordinary whitespace at its ends, holds a character a
    reader cannot see (or a space other than U+0020)."""
    return any(
        character != " " and unicodedata.category(character) in _HIDDEN_CATEGORIES
        for character in value.strip(_ORDINARY_WHITESPACE)
    )


def _is_safe_reading(value: str) -> bool:
    url = browser_normalised(value)
    scheme = _SCHEME.match(url)
    if scheme:
        return scheme[1].lower() in ALLOWED_SCHEMES
    if url.startswith("#"):
        return True
    return url[:1] == "/" and url[1:2] not in _SLASHES


def is_safe_url(value: str) -> bool:
    """Whether `value` may be a link's target. An empty value is no link at all, so
    not a safe one; a field that may be blank checks that before calling this."""
    if not isinstance(value, str) or has_hidden_characters(value):
        return False
    readings = {value, html.unescape(value), unicodedata.normalize("NFKC", value)}
    return all(_is_safe_reading(reading) for reading in readings)


def validate_safe_url(value: str) -> None:
    """Django validator for `is_safe_url`, with a message saying what to type."""
    if is_safe_url(value):
        return
    if isinstance(value, str) and has_hidden_characters(value):
        raise ValidationError(HIDDEN_CHARACTERS_MESSAGE, code="hidden_characters")
    raise ValidationError(UNSAFE_URL_MESSAGE, code="unsafe_url")


def safe_url(value: str | None) -> str:
    """`value` as the API may hand it out, or "" when it is not a safe link: the
    last line for link URLs, whichever path wrote them. The spaces a paste leaves at
    its ends go, and the characters that could end an HTML attribute are
    percent-encoded (which leaves the link's meaning as it was)."""
    if not value or not is_safe_url(value):
        return ""
    return value.strip(_ORDINARY_WHITESPACE).translate(_ATTRIBUTE_BREAKERS)


def safe_anchor(value: str | None) -> str:
    """`value` without the characters an HTML id and a #fragment must not hold:
    whitespace and invisible characters, double quotes, backticks, `<`, `>`, `#`."""
    return "".join(
        character
        for character in value or ""
        if character not in _ANCHOR_BREAKERS
        and unicodedata.category(character) not in _HIDDEN_CATEGORIES
    )


def validate_safe_anchor(value: str) -> None:
    """Django validator for anchors: refuse what `safe_anchor` would remove."""
    if safe_anchor(value) != value:
        raise ValidationError(UNSAFE_ANCHOR_MESSAGE, code="invalid_anchor")
