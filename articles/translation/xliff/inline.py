"""Inline markup of a segment in XLIFF 1.2, both ways.

wagtail-localize keeps a segment as an HTML fragment whose only tags are inline ones,
with link attributes replaced by ids (`See <a id="a1">the <b>trial</b></a>.<br/>`).
In the file each tag becomes a placeholder: `<g id="a1" ctype="link">` for a paired
tag, `<x id="br1" ctype="lb"/>` for a line break. A link keeps its own id; other tags
are numbered per tag name (`b1`, `b2`), which is enough because they carry no
attributes. Reading a target back accepts exactly the source's placeholders, each once,
in any order and nesting (word order changes in translation).

Whitespace in a target is read as XLIFF 1.2 and CAT tools read it, by `xml:space`
(`normalise_space`): by default runs of whitespace are layout, not text.
"""

import copy
import re
import unicodedata
import xml.etree.ElementTree as ET  # noqa: S405 (building elements; parsing is defused)
from collections import Counter
from dataclasses import dataclass
from html import escape

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from django.utils.translation import gettext as _

XLIFF_NS = "urn:oasis:names:tc:xliff:document:1.2"
VOID_TAGS = {"br", "wbr", "img", "hr"}
CTYPES = {"a": "link", "b": "bold", "i": "italic", "u": "underlined", "br": "lb"}
MAX_DEPTH = 32
# Markup typed as text (`&lt;b&gt;` in the file) instead of kept as a placeholder.
TYPED_TAG = re.compile(
    r"</?(?:a|abbr|acronym|b|br|code|em|i|p|s|span|strong|sub|sup|u)\b[^<>]{0,200}>",
    re.IGNORECASE,
)


_XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def clean_xml_text(text: str) -> str:
    """XML 1.0 cannot carry most control characters; drop them rather than write an
    unreadable file."""
    return _XML_INVALID.sub("", text)


class InlineMarkupError(ValueError):
    """A target's inline markup does not match its source's placeholders."""


@dataclass(frozen=True)
class Placeholder:
    tag: str
    html_id: str | None

    @property
    def paired(self) -> bool:
        return self.tag not in VOID_TAGS

    @property
    def label(self) -> str:
        names = {
            "a": _("link"),
            "b": _("bold"),
            "strong": _("bold"),
            "i": _("italic"),
            "em": _("italic"),
            "br": _("line break"),
        }
        return names.get(self.tag, f"<{self.tag}>")


class PlaceholderIds:
    """Hands out placeholder ids in document order, the same way for a source string
    and for a translation of it."""

    def __init__(self) -> None:
        self.counter: Counter = Counter()
        self.used: set[str] = set()

    def __call__(self, tag: Tag) -> str:
        html_id = tag.attrs.get("id")
        if html_id:
            pid = str(html_id)
        else:
            self.counter[tag.name] += 1
            # An `<a>` without an id is numbered apart from links' own `a1` ids.
            prefix = "link" if tag.name == "a" else tag.name
            pid = f"{prefix}{self.counter[tag.name]}"
        while pid in self.used:
            pid += "_"
        self.used.add(pid)
        return pid


def placeholders_of(html: str) -> dict[str, Placeholder]:
    """The placeholders of a segment's HTML, by id, in document order."""
    if "<" not in html:
        return {}
    ids = PlaceholderIds()
    return {
        ids(tag): Placeholder(tag.name, tag.attrs.get("id"))
        for tag in BeautifulSoup(html, "html.parser").find_all(True)
    }


def html_to_inline(parent: ET.Element, html: str) -> None:
    """Write a segment's HTML into `parent` (a `<source>` or `<target>`) as text and
    XLIFF inline elements."""
    if "<" not in html and "&" not in html:
        parent.text = clean_xml_text(html)
        return
    ids = PlaceholderIds()

    def add_text(element: ET.Element, last: ET.Element | None, text: str) -> None:
        text = clean_xml_text(text)
        if last is None:
            element.text = (element.text or "") + text
        else:
            last.tail = (last.tail or "") + text

    def build(element: ET.Element, node) -> None:
        last = None
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                add_text(element, last, str(child))
            elif isinstance(child, Tag):
                pid = ids(child)
                ctype = CTYPES.get(child.name, f"x-html-{child.name}")
                kind = "g" if child.name not in VOID_TAGS else "x"
                last = ET.SubElement(element, kind, id=pid, ctype=ctype)
                if kind == "g":
                    build(last, child)

    build(parent, BeautifulSoup(html, "html.parser"))


def local_name(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# XML's whitespace. A no-break space (U+00A0) or an ideographic space (U+3000) is text.
XML_WHITESPACE = re.compile("[ \t\n\r]+")
# Inline elements that whitespace runs through (`Take <g>5 mg</g>  daily`); any other
# element (`<x/>`: a line break, an image) is content that ends a run.
TRANSPARENT = {"g", "mrk"}


def space_preserved(element: ET.Element, inherited: bool) -> bool:
    """Whether whitespace in `element` is kept as written: its own `xml:space`, or else
    what it inherits from its parent."""
    value = (element.get(XML_SPACE) or "").strip()
    return {"preserve": True, "default": False}.get(value, inherited)


def normalise_space(target: ET.Element, preserve: bool = False) -> ET.Element:
    """`target` with its whitespace read per `xml:space`, the way CAT tools read
    XLIFF 1.2; `preserve` is what its ancestors (trans-unit up to xliff) say.

    Where whitespace is not preserved (the default), it is formatting: the target's
    leading and trailing whitespace is dropped and every other run of spaces, tabs and
    line breaks, including one running across the edge of a `<g>` placeholder, is one
    space, kept where the run starts. A line break between two Chinese or Japanese
    characters (wrapped text) is dropped instead, as CSS does: those languages do not
    put spaces between words. Where it is preserved (`xml:space="preserve"` on the
    target, an ancestor or an inline element), it is kept exactly.

    Returns `target` itself when nothing changes, else a normalised copy."""
    flow: list[tuple[ET.Element, str] | None] = []  # text to normalise; None: content

    def add(element: ET.Element, attribute: str, preserve: bool) -> None:
        if getattr(element, attribute):
            flow.append(None if preserve else (element, attribute))

    def visit(element: ET.Element, preserve: bool, depth: int) -> None:
        preserve = space_preserved(element, preserve)
        add(element, "text", preserve)
        for child in element:
            if not isinstance(child.tag, str):
                pass  # a comment or processing instruction: not text
            elif local_name(child.tag) in TRANSPARENT and depth < MAX_DEPTH:
                visit(child, preserve, depth + 1)
            else:
                flow.append(None)
            add(child, "tail", preserve)

    visit(target, preserve, 0)
    changes = []
    stretch: list[tuple[ET.Element, str]] = []
    for index, item in enumerate([*flow, None]):
        if item is not None:
            stretch.append(item)
            continue
        if stretch:
            at_start = len(stretch) == index  # nothing before it in the target
            at_end = index == len(flow)
            changes += collapse_stretch(stretch, at_start, at_end)
            stretch = []
    if not changes:
        return target
    # Elements have no parents to follow; the copy's match for each is found by order.
    matches = dict(zip(target.iter(), copy.deepcopy(target).iter(), strict=True))
    for element, attribute, text in changes:
        setattr(matches[element], attribute, text)
    return matches[target]


def collapse_stretch(
    stretch: list[tuple[ET.Element, str]], at_start: bool, at_end: bool
) -> list[tuple[ET.Element, str, str]]:
    """The changed texts of a stretch of not-preserved text with no content between its
    parts, only the edges of `<g>` placeholders: each run is written where it starts."""
    texts = [getattr(element, attribute) for element, attribute in stretch]
    text = "".join(texts)
    out = list(text)
    for run in XML_WHITESPACE.finditer(text):
        start, end = run.span()
        edge = (start == 0 and at_start) or (end == len(text) and at_end)
        wrapped = (
            ("\n" in run.group() or "\r" in run.group())
            and 0 < start
            and end < len(text)
            and east_asian_wide(text[start - 1])
            and east_asian_wide(text[end])
        )
        out[start:end] = ["" if edge or wrapped else " "] + [""] * (end - start - 1)
    changes, offset = [], 0
    for (element, attribute), old in zip(stretch, texts, strict=True):
        new = "".join(out[offset : offset + len(old)])
        offset += len(old)
        if new != old:
            changes.append((element, attribute, new))
    return changes


def east_asian_wide(char: str) -> bool:
    """A character of a language written without spaces between words (Chinese,
    Japanese); not Korean, which has them."""
    wide = unicodedata.east_asian_width(char) in ("F", "W", "H")
    return wide and "HANGUL" not in unicodedata.name(char, "")


def inline_to_html(
    target: ET.Element, placeholders: dict[str, Placeholder], source_html: str
) -> str:
    """A `<target>` back as segment HTML, or InlineMarkupError naming every problem:
    unknown, repeated, missing or misused placeholders, other elements, markup typed
    as text. Its text is taken as it is: `normalise_space` it first."""
    problems: list[str] = []
    used: Counter = Counter()

    def walk(element: ET.Element, depth: int) -> str:
        if depth > MAX_DEPTH:
            raise InlineMarkupError(_("Inline tags are nested too deeply."))
        out = [escape(element.text or "", quote=False)]
        for child in element:
            if not isinstance(child.tag, str):
                out.append(escape(child.tail or "", quote=False))
                continue
            name = local_name(child.tag)
            in_xliff = child.tag.startswith(f"{{{XLIFF_NS}}}") or child.tag[0] != "{"
            if in_xliff and name == "mrk":
                # Segmentation marks some tools add: keep their text, drop the mark.
                out.append(walk(child, depth + 1))
            elif in_xliff and name in ("g", "x"):
                out.append(placeholder_html(child, name, depth))
            else:
                problems.append(
                    _(
                        "<%(name)s> is not an inline tag this file uses; keep the "
                        "source's <g>/<x/> tags."
                    )
                    % {"name": name}
                )
            out.append(escape(child.tail or "", quote=False))
        return "".join(out)

    def placeholder_html(child: ET.Element, name: str, depth: int) -> str:
        pid = child.get("id")
        if not pid:
            problems.append(_("An inline <%(name)s> tag has no id.") % {"name": name})
            return ""
        placeholder = placeholders.get(pid)
        if placeholder is None:
            problems.append(
                _("Inline tag id %(id)r is not in the source segment.") % {"id": pid}
            )
            return walk(child, depth + 1) if name == "g" else ""
        used[pid] += 1
        if placeholder.paired != (name == "g"):
            expected = "<g>…</g>" if placeholder.paired else "<x/>"
            problems.append(
                _("Inline tag %(id)s (%(label)s) must be written %(expected)s.")
                % {"id": pid, "label": placeholder.label, "expected": expected}
            )
            return ""
        if not placeholder.paired:
            if (child.text or "").strip() or len(child):
                problems.append(
                    _("Inline tag %(id)s (%(label)s) cannot contain text.")
                    % {"id": pid, "label": placeholder.label}
                )
            return f"<{placeholder.tag}>"
        opening = (
            f'<{placeholder.tag} id="{escape(placeholder.html_id)}">'
            if placeholder.html_id
            else f"<{placeholder.tag}>"
        )
        return f"{opening}{walk(child, depth + 1)}</{placeholder.tag}>"

    html = walk(target, 0)
    for pid, times in sorted(used.items()):
        if times > 1:
            problems.append(
                _("Inline tag %(id)s appears %(times)d times; the source has it once.")
                % {"id": pid, "times": times}
            )
    missing = [pid for pid in placeholders if pid not in used]
    if missing:
        problems.append(
            _("Inline tag(s) missing from the translation: %(tags)s.")
            % {
                "tags": ", ".join(
                    f"{pid} ({placeholders[pid].label})" for pid in missing
                )
            }
        )
    typed = typed_markup(target, source_html)
    if typed:
        problems.append(
            _(
                "The translation contains HTML typed as text (%(tag)s); keep the "
                "source's inline tags instead."
            )
            % {"tag": typed}
        )
    if problems:
        raise InlineMarkupError(" ".join(problems))
    return html


def typed_markup(target: ET.Element, source_html: str) -> str:
    """The first tag-like text in the target that the source's text does not have."""
    text = "".join(target.itertext())
    if "<" not in text:
        return ""
    source_text = BeautifulSoup(source_html, "html.parser").get_text()
    for match in TYPED_TAG.finditer(text):
        if match.group(0) not in source_text:
            return match.group(0)
    return ""
