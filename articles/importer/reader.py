"""The walk through an article's content, in document order: each `<h2>` opens a
section and each `<h3>` a subsection, and every other element becomes blocks of the
current section (or of the lead, before the first one)."""

from __future__ import annotations

from html import escape

from bs4 import NavigableString, Tag
from bs4.element import PreformattedString
from django.core.exceptions import ValidationError

from ..anchors import ANCHOR_MAX_LENGTH, validate_anchor
from . import content, lists
from .content import Notes, line_of
from .inline import MARKS, QUIET_WRAPPERS, plain_text
from .structure import Block, Paragraph, Section

INLINE_TAGS = set(MARKS) | QUIET_WRAPPERS | {"a", "br", "img"}
CONTAINERS = {
    "html", "body", "article", "main", "section", "div", "header", "footer", "hgroup",
    "center",
}  # fmt: skip
# Not article text: left out, with a notice.
REMOVED = {"script", "style", "template", "noscript"}
# Nothing to keep: left out quietly.
EMPTY = {"hr", "head", "title", "meta", "link"}


class ArticleReader:
    """Reads one article's content (`read_children(root)`) into `title`, `lead`,
    `sections` and the notices of `note`."""

    def __init__(self):
        self.note = Notes()
        self.title = ""
        self.lead: list[Block] = []
        self.sections: list[Section] = []
        self.used_anchors: set[str] = set()
        self.inline_run: list = []

    # Output -------------------------------------------------------------------------

    @property
    def blocks(self) -> list[Block]:
        return self.sections[-1].content if self.sections else self.lead

    def add(self, blocks: list[Block]) -> None:
        for block in blocks:
            previous = self.blocks[-1] if self.blocks else None
            if isinstance(block, Paragraph) and isinstance(previous, Paragraph):
                previous.html += block.html  # consecutive paragraphs: one rich text
            else:
                self.blocks.append(block)

    def flush_inline_run(self) -> None:
        if self.inline_run:
            nodes, self.inline_run = self.inline_run, []
            figures, text_nodes = [], []
            for node in nodes:
                if isinstance(node, Tag) and node.name == "img":
                    figures.append(content.image_figure(node, self.note))
                    node.extract()
                    continue  # a figure now, not text of the paragraph
                if isinstance(node, Tag):
                    figures.extend(content.pull_images(node, self.note))
                text_nodes.append(node)
            html = content.paragraph_html(text_nodes, self.note)
            self.add(([Paragraph(html)] if html else []) + [f for f in figures if f])

    # Walking ------------------------------------------------------------------------

    def read_children(self, parent: Tag) -> None:
        for child in list(parent.children):
            self.read(child)
        self.flush_inline_run()

    def read(self, node) -> None:
        if isinstance(node, PreformattedString):
            return
        if isinstance(node, NavigableString):
            if node.strip() or self.inline_run:
                self.inline_run.append(node)
            return
        name = node.name
        if name in INLINE_TAGS:
            self.inline_run.append(node)
            return
        self.flush_inline_run()
        if name in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.heading(node)
        elif name in REMOVED:
            self.note(f"<{name}> removed: it is not article text", node)
        elif name in EMPTY:
            pass
        elif name == "nav":
            self.note("<nav> skipped: navigation is not article content", node)
        elif name == "p":
            figures = content.pull_images(node, self.note)
            html = content.paragraph_html(node.contents, self.note)
            self.add(([Paragraph(html)] if html else []) + figures)
        elif name == "ul":
            self.add(lists.bullet_list(node, self.note))
        elif name == "ol":
            self.add(lists.numbered_list(node, self.note))
        elif name == "table":
            self.add(content.table(node, self.note))
        elif name == "blockquote":
            self.add(content.quote(node, self.note))
        elif name == "figure":
            self.add(content.figure(node, self.note, heading=self.current_heading))
        elif name == "iframe":
            self.add(content.embed(node, self.note, heading=self.current_heading))
        elif name == "aside" or (
            name in ("div", "section") and content.callout_kind(node)
        ):
            self.add(content.callout(node, self.note))
        elif name in CONTAINERS:
            self.read_children(node)
        else:
            self.add(content.fallback(node, self.note))

    @property
    def current_heading(self) -> str:
        return self.sections[-1].heading if self.sections else self.title

    def heading(self, tag: Tag) -> None:
        level = int(tag.name[1])
        text = plain_text(tag)
        content.note_lost_links(
            tag, self.note, where=f"the <{tag.name}> heading", permalinks=True
        )
        if level == 1 and not self.title:
            self.title = text
            return
        if not text:
            self.note(f"empty <{tag.name}> skipped", tag)
            return
        if level == 1:
            self.note("another <h1>: kept as a section", tag)
            level = 2
        if level > 3:
            self.note(
                f"<{tag.name}> kept as a bold paragraph: sections go two levels deep",
                tag,
            )
            self.add([Paragraph(f"<p><b>{escape(text, quote=False)}</b></p>")])
            return
        self.sections.append(
            Section(
                heading=text, level=level, anchor=self.anchor_of(tag), line=line_of(tag)
            )
        )

    def anchor_of(self, heading: Tag) -> str:
        """The anchor the file gives the heading, exactly, or "" (derived later)."""
        anchor = heading.get("id") or ""
        if not anchor:
            named = heading.find(
                lambda tag: tag.get("id") or (tag.name == "a" and tag.get("name"))
            )
            if named is not None:
                anchor = named.get("id") or named.get("name")
        if not anchor:
            parent = heading.parent
            first_element = parent.find(True, recursive=False) if parent else None
            if (
                parent is not None
                and parent.name in ("section", "div")
                and first_element is heading
            ):
                anchor = parent.get("id") or ""
        if not anchor:
            return ""
        try:
            validate_anchor(anchor)
            if len(anchor) > ANCHOR_MAX_LENGTH:
                raise ValidationError("too long")
        except ValidationError:
            self.note(
                f"id {anchor!r} cannot be an anchor: one is derived from the heading",
                heading,
            )
            return ""
        if anchor in self.used_anchors:
            self.note(
                f"id {anchor!r} used twice: the second heading gets a derived anchor",
                heading,
            )
            return ""
        self.used_anchors.add(anchor)
        return anchor

    def anchor_is_used(self, anchor: str) -> bool:
        return anchor in self.used_anchors
