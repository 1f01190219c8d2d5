"""Inline HTML to Wagtail's stored rich text, keeping only what the target block allows.

Bold, italic, superscript, subscript and links become `<b>`, `<i>`, `<sup>`, `<sub>`
and `<a href>` when the block's features include them; any other inline element is
unwrapped (its words are kept). Links the site cannot serve (relative paths to the old
site, `javascript:`) lose the link and keep the text, with a notice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from html import escape

from bs4 import NavigableString, PageElement, Tag
from bs4.element import PreformattedString

# Source tag -> (feature, stored tag).
MARKS = {
    "b": ("bold", "b"),
    "strong": ("bold", "b"),
    "i": ("italic", "i"),
    "em": ("italic", "i"),
    "sup": ("superscript", "sup"),
    "sub": ("subscript", "sub"),
}
# Unwrapped without a notice: they carry no formatting a reader would miss.
QUIET_WRAPPERS = {
    "abbr", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "font", "ins", "kbd",
    "mark", "q", "s", "samp", "small", "span", "time", "u", "var", "wbr",
}  # fmt: skip
# Elements whose text is not prose: never turned into words.
NOT_TEXT = {"script", "style", "template", "noscript", "head", "title", "meta", "link"}
# Block elements: a word boundary on each side when their text is flattened.
BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1",
    "h2", "h3", "h4", "h5", "h6", "header", "hr", "legend", "li", "main", "nav", "ol",
    "option", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul", "button", "label",
}  # fmt: skip
LINK_SCHEMES = ("http://", "https://", "mailto:", "tel:")

# A line break between two Chinese or Japanese characters is not a space.
_CJK_BREAK = re.compile(
    r"(?<=[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef])\s*\n\s*"
    r"(?=[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef])"
)
_SPACES = re.compile(r"\s+")

Note = Callable[[str, PageElement | None], None]


def collapse_whitespace(text: str) -> str:
    return _SPACES.sub(" ", _CJK_BREAK.sub("", text))


def plain_text(node: PageElement) -> str:
    """The words of `node`, as a reader sees them: one space between words and
    between blocks, nothing from scripts or styles."""
    parts: list[str] = []

    def walk(current: PageElement) -> None:
        if isinstance(current, PreformattedString):
            return  # comments, doctypes, CDATA
        if isinstance(current, NavigableString):
            parts.append(str(current))
            return
        if current.name in NOT_TEXT and current is not node:
            return
        separator = " " if current.name in BLOCK_TAGS or current.name == "br" else ""
        parts.append(separator)
        for child in current.children:
            walk(child)
        parts.append(separator)

    walk(node)
    return collapse_whitespace("".join(parts)).strip()


def acceptable_href(href: str) -> str:
    """The link target to keep, or "" when a reader of the new site could not follow
    it: a fragment within the article, or an absolute http(s), mailto or tel URL."""
    href = href.strip()
    if href.startswith("#") and len(href) > 1:
        return href
    if href.lower().startswith(LINK_SCHEMES):
        return href
    return ""


def inline_html(
    nodes: Iterable[PageElement], *, features: Iterable[str], note: Note
) -> str:
    """`nodes` as stored rich text without a paragraph around it."""
    allowed = set(features)
    pieces: list[str] = []
    open_tags: list[str] = []

    def wrap(tag_html: str, stored_tag: str, node: Tag) -> None:
        open_tags.append(stored_tag)
        pieces.append(tag_html)
        for child in node.children:
            walk(child)
        pieces.append(f"</{stored_tag}>")
        open_tags.pop()

    def walk(node: PageElement) -> None:
        if isinstance(node, PreformattedString):
            return
        if isinstance(node, NavigableString):
            pieces.append(escape(collapse_whitespace(str(node)), quote=False))
            return
        name = node.name
        if name == "br":
            pieces.append("<br/>")
            return
        if name in NOT_TEXT:
            if name in ("script", "style", "template", "noscript"):
                note(f"<{name}> removed: it is not article text", node)
            return
        if name in MARKS:
            feature, stored_tag = MARKS[name]
            if feature in allowed and stored_tag not in open_tags:
                wrap(f"<{stored_tag}>", stored_tag, node)
                return
            if feature not in allowed:
                note(f"<{name}> formatting is not allowed here: text kept", node)
        elif name == "a":
            raw_href = node.get("href") or ""
            href = acceptable_href(raw_href)
            if href and "link" in allowed and "a" not in open_tags:
                wrap(f'<a href="{escape(href)}">', "a", node)
                return
            if raw_href and not href:
                note(
                    f"link to {raw_href!r} removed (not an absolute URL): text kept",
                    node,
                )
        elif name in BLOCK_TAGS:
            if name not in ("p", "div", "span"):
                note(f"<{name}> inside running text: kept as text", node)
            pieces.append(" ")
            for child in node.children:
                walk(child)
            pieces.append(" ")
            return
        elif name not in QUIET_WRAPPERS:
            note(f"<{name}> has no rich-text equivalent: text kept", node)
        for child in node.children:
            walk(child)

    for node in nodes:
        walk(node)
    return tidy("".join(pieces))


_LEADING_SPACE_IN_TAG = re.compile(r"(<(?:b|i|sup|sub|a [^>]*)>) ")
_TRAILING_SPACE_IN_TAG = re.compile(r" (</(?:b|i|sup|sub|a)>)")
_EMPTY_TAG = re.compile(r"<(b|i|sup|sub|a)(?: [^>]*)?></\1>")
_SPACE_AROUND_BREAK = re.compile(r" ?<br/> ?")


def tidy(html: str) -> str:
    """Collapse the spaces left where elements met, move them outside formatting,
    drop empty formatting, and trim the ends (line breaks included)."""
    previous = None
    while html != previous:
        previous = html
        html = re.sub(r" {2,}", " ", html)
        html = _LEADING_SPACE_IN_TAG.sub(r" \1", html)
        html = _TRAILING_SPACE_IN_TAG.sub(r"\1 ", html)
        html = _EMPTY_TAG.sub("", html)
        html = _SPACE_AROUND_BREAK.sub("<br/>", html)
        html = html.strip()
        html = re.sub(r"^(<br/>)+|(<br/>)+$", "", html)
    return html
