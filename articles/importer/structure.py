"""The neutral shape of an imported article: what the parser read, before it becomes
StreamField data. Rich text is already in Wagtail's stored format, limited to the
features of the block it is meant for."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Notice:
    """Something the importer could not carry over as it was: the editor should look."""

    message: str
    line: int | None = None

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}" if self.line else self.message


@dataclass
class Paragraph:
    html: str  # one or more <p> elements


@dataclass
class BulletList:
    items: list[str]  # inline rich text


@dataclass
class NumberedItem:
    text: str
    sub_items: list[str] = field(default_factory=list)


@dataclass
class NumberedList:
    items: list[NumberedItem]
    start: int | None = None


@dataclass
class Figure:
    src: str  # as written in the file
    alt: str
    caption: str = ""
    credit: str = ""
    line: int | None = None


@dataclass
class Quote:
    text: str
    attribution: str = ""


@dataclass
class Table:
    rows: list[list[str]]
    caption: str = ""
    header_row: bool = False
    header_column: bool = False


@dataclass
class Callout:
    body: str  # one or more <p> elements
    kind: str = "note"
    title: str = ""


@dataclass
class Embed:
    url: str
    title: str
    caption: str = ""


Block = Paragraph | BulletList | NumberedList | Figure | Quote | Table | Callout | Embed


@dataclass
class Section:
    heading: str
    level: int = 2
    anchor: str = ""  # the file's id, kept exactly; blank until derived
    line: int | None = None
    content: list[Block] = field(default_factory=list)


@dataclass
class ParsedArticle:
    title: str
    summary: str
    sections: list[Section]
    notices: list[Notice] = field(default_factory=list)
    language: str = ""  # the file's own lang attribute, if any
