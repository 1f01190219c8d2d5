"""Block elements of an article to the neutral blocks of `structure`: paragraphs,
tables, figures, quotes, callouts and videos (lists are in `lists`). What has no
equivalent keeps its words as a paragraph, with a notice naming the element and its
line."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from urllib.parse import urlsplit

from bs4 import PageElement, Tag

from ..blocks import SectionContentBlock
from ..blocks.content import VIDEO_HOSTS
from .inline import inline_html, plain_text
from .structure import (
    Block,
    Callout,
    Embed,
    Figure,
    Notice,
    Paragraph,
    Quote,
    Table,
)

_CONTENT = SectionContentBlock()
# Each rich text keeps the features its block allows (articles/blocks/content.py).
PARAGRAPH_FEATURES = _CONTENT.child_blocks["paragraph"].features
CALLOUT_FEATURES = _CONTENT.child_blocks["callout"].child_blocks["body"].features
_FIGURE = _CONTENT.child_blocks["image"].child_blocks
CAPTION_MAX = _FIGURE["caption"].field.max_length
CREDIT_MAX = _FIGURE["credit"].field.max_length
ALT_MAX = _FIGURE["alt_text"].field.max_length
ATTRIBUTION_MAX = (
    _CONTENT.child_blocks["quote"].child_blocks["attribution"].field.max_length
)
CALLOUT_TITLE_MAX = (
    _CONTENT.child_blocks["callout"].child_blocks["title"].field.max_length
)
VIDEO_TITLE_MAX = _CONTENT.child_blocks["embed"].child_blocks["title"].field.max_length

DASHES = "—–―-"
CALLOUT_CLASSES = {
    "callout": "note",
    "note": "note",
    "info": "note",
    "tip": "note",
    "warning": "warning",
    "caution": "warning",
    "danger": "warning",
    "alert": "warning",
    "key-fact": "key_fact",
    "key_fact": "key_fact",
    "keyfact": "key_fact",
    "important": "key_fact",
}


def line_of(node: PageElement | None) -> int | None:
    """The line of `node` in the file the editor has. For Markdown, the converter
    marks each block with its Markdown line (`data-md-line`); elements inside a block
    are counted from there."""
    if node is None:
        return None
    element = node if isinstance(node, Tag) else node.parent
    marked = element
    while marked is not None and not marked.get("data-md-line"):
        marked = marked.parent
    if marked is None:
        return element.sourceline
    offset = (element.sourceline or 0) - (marked.sourceline or 0)
    return int(marked["data-md-line"]) + max(offset, 0)


@dataclass
class Notes:
    """Collects the notices of one file."""

    items: list[Notice] = field(default_factory=list)

    def __call__(self, message: str, node: PageElement | None = None) -> None:
        self.items.append(Notice(message, line_of(node)))


def paragraph_html(nodes: Iterable[PageElement], note: Notes) -> str:
    text = inline_html(nodes, features=PARAGRAPH_FEATURES, note=note)
    return f"<p>{text}</p>" if text else ""


def text_paragraph(text: str) -> Paragraph:
    return Paragraph(f"<p>{escape(text, quote=False)}</p>")


def pull_images(tag: Tag, note: Notes) -> list[Figure]:
    """Take the images out of a block that cannot hold them; they follow it as
    figures (an image inside a paragraph, a list item or a table cell)."""
    figures = []
    for img in tag.find_all("img"):
        found = image_figure(img, note)
        img.extract()
        if found is not None:
            figures.append(found)
    return figures


def image_figure(img: Tag, note: Notes, *, caption: str = "") -> Figure | None:
    src = (img.get("src") or "").strip()
    if not src:
        note("<img> without src skipped", img)
        return None
    alt = collapse(img.get("alt") or "")
    caption = caption or collapse(img.get("title") or "")
    if not alt:
        alt = caption or src.rsplit("/", 1)[-1]
        note(f"image {src!r} has no alt text: used {alt!r}; write a better one", img)
    if len(alt) > ALT_MAX:
        note(f"alt text of {src!r} shortened to {ALT_MAX} characters", img)
        alt = alt[: ALT_MAX - 1] + "…"
    return Figure(src=src, alt=alt, caption=caption, line=line_of(img))


def collapse(text: str) -> str:
    return " ".join(text.split())


def note_lost_links(
    tag: Tag, note: Notes, *, where: str, permalinks: bool = False
) -> None:
    """Headings, table cells, quotes and captions hold plain text: the words of a
    link in them are kept, its target is not, and the editor is told. With
    `permalinks`, links to a fragment pass quietly (a heading's link to itself: its
    section's anchor does that job)."""
    for link in tag.find_all("a"):
        href = (link.get("href") or "").strip()
        if href and not (permalinks and href.startswith("#")):
            note(f"link to {href!r} in {where} removed (plain text): text kept", link)


# Tables, quotes, callouts, figures, videos -------------------------------------------


def table(tag: Tag, note: Notes, *, caption: str = "") -> list[Block]:
    figures = pull_images(tag, note)
    note_lost_links(tag, note, where="a table")
    rows: list[list[str]] = []
    header_cells: list[list[bool]] = []
    spanned = False
    for tr in tag.find_all("tr"):
        if tr.find_parent("table") is not tag:
            continue  # a table nested in a cell: its words are in that cell
        row, headers = [], []
        for cell in tr.find_all(["td", "th"], recursive=False):
            row.append(plain_text(cell))
            headers.append(cell.name == "th")
            span = span_of(cell, "colspan")
            spanned = spanned or span > 1 or span_of(cell, "rowspan") > 1
            for _extra in range(1, span):
                row.append("")
                headers.append(cell.name == "th")
        if row:
            rows.append(row)
            header_cells.append(headers)
    if spanned:
        note("table cells spanning several columns or rows were unmerged", tag)
    if not any(cell for row in rows for cell in row):
        note("empty <table> skipped", tag)
        return figures
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    header_row = tag.find("thead") is not None or all(header_cells[0])
    body_headers = header_cells[1:] if header_row else header_cells
    header_column = bool(body_headers) and all(h and h[0] for h in body_headers)
    caption_tag = tag.find("caption")
    return [
        Table(
            rows=rows,
            caption=plain_text(caption_tag) if caption_tag else caption,
            header_row=header_row,
            header_column=header_column,
        ),
        *figures,
    ]


def span_of(cell: Tag, attribute: str) -> int:
    value = str(cell.get(attribute) or "1").strip()
    return int(value) if value.isdigit() and int(value) > 0 else 1


def quote(tag: Tag, note: Notes, *, attribution: str = "") -> list[Block]:
    figures = pull_images(tag, note)
    note_lost_links(tag, note, where="a quote")
    source = tag.find(["footer", "cite"])
    if source is not None and not attribution:
        attribution = plain_text(source.extract()).lstrip(DASHES + " ").strip()
    paragraphs = [plain_text(p) for p in tag.find_all("p")] or [plain_text(tag)]
    if not attribution and len(paragraphs) > 1 and paragraphs[-1][:1] in DASHES:
        # Markdown has no <footer>: "> — Name" on the last line is the attribution.
        attribution = paragraphs.pop().lstrip(DASHES + " ").strip()
    text = "\n\n".join(p for p in paragraphs if p)
    if len(attribution) > ATTRIBUTION_MAX:
        note("quote attribution too long for its field: kept in the quote", tag)
        text, attribution = f"{text}\n\n{attribution}", ""
    if not text:
        note("empty <blockquote> skipped", tag)
        return figures
    return [Quote(text=text, attribution=attribution), *figures]


def callout_kind(tag: Tag) -> str | None:
    """The callout kind a class names (`<aside>` is a note by default), or None."""
    kinds = {CALLOUT_CLASSES.get(name.lower()) for name in tag.get("class") or []}
    for kind in ("warning", "key_fact", "note"):  # "callout warning" is a warning
        if kind in kinds:
            return kind
    return "note" if tag.name == "aside" else None


def callout(tag: Tag, note: Notes) -> list[Block]:
    figures = pull_images(tag, note)
    title = ""
    heading = tag.find(["h2", "h3", "h4", "h5", "h6"])
    if heading is not None:
        note_lost_links(heading, note, where="a callout title")
        title = plain_text(heading.extract())
    paragraphs: list[str] = []
    children = [child for child in tag.children if isinstance(child, Tag)]
    if any(not isinstance(c, Tag) and c.strip() for c in tag.children):
        # Text directly in the callout: all of it is one paragraph.
        text = inline_html(tag.contents, features=CALLOUT_FEATURES, note=note)
        paragraphs, children = ([f"<p>{text}</p>"] if text else []), []
    for child in children:
        if child.name in ("ul", "ol"):
            note(f"<{child.name}> in a callout: each item kept as a paragraph", child)
            for li in child.find_all("li"):
                text = inline_html(li.contents, features=CALLOUT_FEATURES, note=note)
                if text:
                    paragraphs.append(f"<p>{text}</p>")
            continue
        text = inline_html([child], features=CALLOUT_FEATURES, note=note)
        if text:
            paragraphs.append(f"<p>{text}</p>")
    if len(title) > CALLOUT_TITLE_MAX:
        paragraphs.insert(0, f"<p>{escape(title, quote=False)}</p>")
        title = ""
    if not paragraphs and title:
        paragraphs, title = [f"<p>{escape(title, quote=False)}</p>"], ""
    if not paragraphs:
        note(f"empty <{tag.name}> skipped", tag)
        return figures
    return [
        Callout(
            body="".join(paragraphs), kind=callout_kind(tag) or "note", title=title
        ),
        *figures,
    ]


def figure(tag: Tag, note: Notes, *, heading: str) -> list[Block]:
    figcaption = tag.find("figcaption")
    caption, credit = "", ""
    if figcaption is not None:
        note_lost_links(figcaption, note, where="a caption")
        figcaption.extract()
        credit_tag = figcaption.find(
            class_=lambda c: c and "credit" in c
        ) or figcaption.find("small")
        if credit_tag is not None:
            credit = plain_text(credit_tag.extract())
        caption = plain_text(figcaption)
    if tag.find("table") is not None:
        return table(tag.find("table"), note, caption=caption)
    if tag.find("blockquote") is not None:
        return quote(tag.find("blockquote"), note, attribution=caption)
    if tag.find("iframe") is not None and not tag.find("img"):
        return embed(tag.find("iframe"), note, heading=heading, caption=caption)
    images = tag.find_all("img")
    if not images:
        return fallback(tag, note)
    if len(images) > 1:
        note(f"figure with {len(images)} images: its caption goes with the first", tag)
    blocks: list[Block] = []
    for position, img in enumerate(images):
        found = image_figure(img, note, caption=caption if position == 0 else "")
        if found is None:
            continue
        if position == 0:
            found.credit = credit
        blocks.extend(fit_figure_text(found, note, tag))
    return blocks


def fit_figure_text(found: Figure, note: Notes, tag: Tag) -> list[Block]:
    """A caption or credit too long for its field moves to a paragraph below."""
    extra: list[Block] = []
    if len(found.caption) > CAPTION_MAX:
        note(f"caption longer than {CAPTION_MAX} characters: kept as a paragraph", tag)
        extra.append(text_paragraph(found.caption))
        found.caption = ""
    if len(found.credit) > CREDIT_MAX:
        note(f"credit longer than {CREDIT_MAX} characters: kept as a paragraph", tag)
        extra.append(text_paragraph(found.credit))
        found.credit = ""
    return [found, *extra]


def embed(tag: Tag, note: Notes, *, heading: str, caption: str = "") -> list[Block]:
    """A YouTube or Vimeo player becomes a video block; other frames are unmappable."""
    src = (tag.get("src") or "").strip()
    if src.startswith("//"):
        src = "https:" + src
    parts = urlsplit(src)
    if parts.hostname not in VIDEO_HOSTS:
        return fallback(tag, note)
    title = collapse(tag.get("title") or "") or caption or heading
    if not (tag.get("title") or "").strip():
        note(f"video {src!r} has no title: used {title!r}", tag)
    return [
        Embed(
            url=parts._replace(scheme="https").geturl(),
            title=title[:VIDEO_TITLE_MAX],
            caption=caption[:CAPTION_MAX],
        )
    ]


def fallback(tag: Tag, note: Notes) -> list[Block]:
    """An element with no equivalent block keeps its words as a paragraph (and its
    images as figures)."""
    figures = pull_images(tag, note)
    text = plain_text(tag) or (tag.get("src") or tag.get("data") or "").strip()
    if not text:
        note(f"<{tag.name}> has no equivalent block and no text: skipped", tag)
        return figures
    note(f"<{tag.name}> has no equivalent block: kept as a paragraph of its text", tag)
    return [text_paragraph(text), *figures]
