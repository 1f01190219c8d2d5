"""HTML and Markdown files to a `ParsedArticle`.

What is read:

- the content: the first `<article>` of the file, else `<main>`, else `<body>` (site
  navigation, headers and footers around it are not the article);
- the title: the first `<h1>`, else `<title>` (with a notice: it often names the site);
- sections: each `<h2>` starts a section and each `<h3>` a subsection; the heading's
  `id` is kept exactly as the anchor (else the `id` of an `<a>` inside it, or of the
  `<section>` it opens); headings without one get an anchor derived later;
- the summary: `<meta name="description">`, else the first paragraph before the first
  `<h2>` when it fits (300 characters), else the article's first paragraph, shortened.
  Content before the first section that is more than that one paragraph becomes a
  first section, "Introduction" in the article's language, anchored `introduction`.

Markdown is converted with markdown-it-py (CommonMark and tables); a heading may end
with `{#anchor}` to carry a legacy anchor.
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup, NavigableString, Tag
from markdown_it import MarkdownIt

from .content import Notes
from .inline import plain_text
from .reader import ArticleReader
from .structure import Block, Notice, Paragraph, ParsedArticle, Section

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
SUMMARY_MAX = 300
INTRODUCTION_ANCHOR = "introduction"
# The heading of the section made from content before the first <h2>.
INTRODUCTION = {
    "en": "Introduction",
    "ko": "소개",
    "zh-hans": "简介",
    "zh-hant": "簡介",
    "ja": "はじめに",
    "ru": "Введение",
    "vi": "Giới thiệu",
    "ar": "مقدمة",
}
_MARKDOWN_ANCHOR = re.compile(r"\s*\{#([^\s}]+)\}\s*$")


class ImportFailure(Exception):
    """The file cannot be imported; the message says why, for the editor."""


# Reading ------------------------------------------------------------------------------


def read_document(path: Path) -> BeautifulSoup:
    suffix = path.suffix.lower()
    if suffix not in HTML_SUFFIXES | MARKDOWN_SUFFIXES:
        known = ", ".join(sorted(HTML_SUFFIXES | MARKDOWN_SUFFIXES))
        raise ImportFailure(
            f"unsupported file type {suffix or '(none)'!r}: use one of {known}"
        )
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ImportFailure(f"cannot read the file: {error.strerror}") from error
    if not data.strip():
        raise ImportFailure("the file is empty")
    if b"\x00" in data:
        raise ImportFailure("not a text file (it holds binary data)")
    if suffix in MARKDOWN_SUFFIXES:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportFailure("not UTF-8 text") from error
        return BeautifulSoup(markdown_to_html(text), "html.parser")
    soup = BeautifulSoup(data, "html.parser")
    if soup.find(True) is None:
        raise ImportFailure("not HTML: the file has no elements")
    return soup


def markdown_to_html(text: str) -> str:
    """Markdown as HTML whose blocks carry their Markdown line (`data-md-line`), so
    notices point at the line the editor wrote."""
    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    tokens = md.parse(text)
    for token in tokens:
        if (
            token.map
            and token.nesting >= 0
            and token.type not in ("inline", "html_block")
        ):
            token.attrSet("data-md-line", str(token.map[0] + 1))

    def html_block(renderer, tokens, idx, options, env) -> str:
        # Raw HTML cannot be marked inside: a wrapper on its first line counts for it.
        token = tokens[idx]
        return f'<div data-md-line="{token.map[0] + 1}">{token.content}</div>\n'

    md.add_render_rule("html_block", html_block)
    return md.renderer.render(tokens, md.options, {})


def content_root(soup: BeautifulSoup, note: Notes) -> Tag:
    articles = soup.find_all("article")
    if len(articles) > 1:
        note(
            f"the file has {len(articles)} <article> elements: only the first is "
            "imported",
            articles[1],
        )
    return (articles[0] if articles else None) or soup.find("main") or soup.body or soup


# The article --------------------------------------------------------------------------


def parse_file(path: Path, *, language_code: str) -> ParsedArticle:
    """The article in the file at `path`, written in `language_code`, or an
    `ImportFailure` saying why it cannot be one."""
    soup = read_document(path)
    markdown = path.suffix.lower() in MARKDOWN_SUFFIXES
    if markdown:
        take_markdown_anchors(soup)
    reader = ArticleReader()
    root = content_root(soup, reader.note)
    reader.read_children(root)
    title_tag = soup.find("title")
    title = reader.title or (plain_text(title_tag) if title_tag else "")
    if not title:
        raise ImportFailure(
            "no title: the file has no '# ' heading"
            if markdown
            else "no title: the file has no <h1> and no <title>"
        )
    if not reader.title:
        # A page's <title> often ends with the site's name.
        reader.note("no <h1>: the title is the page's <title>; check it", title_tag)
    description = soup.find("meta", attrs={"name": "description"})
    summary, lead = summary_and_lead(
        description=(description.get("content") or "").strip() if description else "",
        lead=reader.lead,
        sections=reader.sections,
        notices=reader.note.items,
        title=title,
    )
    sections = reader.sections
    if lead:
        taken = reader.anchor_is_used(INTRODUCTION_ANCHOR)
        sections = [
            Section(
                heading=INTRODUCTION.get(language_code, title),
                anchor="" if taken else INTRODUCTION_ANCHOR,
                content=lead,
            ),
            *sections,
        ]
    html_tag = soup.find("html")
    return ParsedArticle(
        title=title,
        summary=summary,
        sections=sections,
        notices=reader.note.items,
        language=(html_tag.get("lang") if html_tag else "") or root.get("lang") or "",
    )


def summary_and_lead(
    *,
    description: str,
    lead: list[Block],
    sections: list[Section],
    notices: list[Notice],
    title: str,
) -> tuple[str, list[Block]]:
    """The summary, and what is left of the lead (the content before the first
    section) for an introduction section: nothing when the lead was one paragraph
    that became the summary (unless it is all the article has)."""
    first_lead_text = first_paragraph_text(lead)
    if description:
        summary = description
    elif first_lead_text and len(first_lead_text) <= SUMMARY_MAX:
        summary = first_lead_text
        if sections and len(lead) == 1 and lead[0].html.count("<p>") == 1:
            lead = []
    else:
        first_text = first_lead_text or next(
            (text for s in sections if (text := first_paragraph_text(s.content))), ""
        )
        summary = first_text or title
        notices.append(
            Notice(
                'no <meta name="description">: the summary is the first paragraph; '
                "check it"
                if first_text
                else "no paragraph to summarise: the summary is the title; write one"
            )
        )
    if len(summary) > SUMMARY_MAX:
        notices.append(Notice(f"summary shortened to {SUMMARY_MAX} characters"))
        summary = shorten(summary, SUMMARY_MAX)
    return summary, lead


def take_markdown_anchors(soup: BeautifulSoup) -> None:
    """`## Heading {#anchor}` gives the heading the id `anchor`."""
    for heading in soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"]):
        last = heading.contents[-1] if heading.contents else None
        if isinstance(last, NavigableString) and (
            match := _MARKDOWN_ANCHOR.search(last)
        ):
            heading["id"] = match.group(1)
            last.replace_with(last[: match.start()])


def first_paragraph_text(blocks: list[Block]) -> str:
    for block in blocks:
        if isinstance(block, Paragraph):
            first = BeautifulSoup(block.html, "html.parser").find("p")
            return plain_text(first) if first else ""
    return ""


_SENTENCE_END = re.compile(r"[.!?。！？](?=\s|$)|[。！？]")


def shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` characters: at the end of a sentence when one ends
    in the second half, else at a space, else anywhere, with an ellipsis."""
    if len(text) <= limit:
        return text
    head = text[:limit]
    ends = [m.end() for m in _SENTENCE_END.finditer(head)]
    if ends and ends[-1] >= limit // 2:
        return head[: ends[-1]].strip()
    head = text[: limit - 1]
    cut = head.rfind(" ")
    return (head[:cut] if cut >= limit // 2 else head).rstrip() + "…"
