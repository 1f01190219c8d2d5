"""Sections of the neutral structure to the body's StreamField data (its stored JSON
form), and the block ids that keep an article's history readable.

Block ids are kept from a reference version of the article: the previous version when
a file is imported again, the source article when it is a translation. Sections are
paired by anchor, and blocks inside them by position and type, so wagtail-localize
sees unchanged segments as unchanged (their translations survive a re-import) and a
translation's sections carry the same ids as the source's.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from html import escape
from types import SimpleNamespace

from ..blocks import assign_section_anchors
from .structure import (
    Block,
    BulletList,
    Callout,
    Embed,
    Figure,
    NumberedList,
    Paragraph,
    Quote,
    Section,
    Table,
)

ImageFinder = Callable[[Figure], object | None]


def new_id() -> str:
    return str(uuid.uuid4())


def stream_child(block_type: str, value) -> dict:
    return {"type": block_type, "value": value, "id": new_id()}


def list_items(values: list) -> list[dict]:
    return [stream_child("item", value) for value in values]


def assign_anchors(sections: list[Section]) -> None:
    """Derive the anchors the file did not give, exactly as saving the page would
    (`assign_section_anchors`): the file's own ids are never changed."""
    children = [
        SimpleNamespace(
            block_type="section",
            value=section.__dict__,  # .get and item assignment reach the section
        )
        for section in sections
    ]
    assign_section_anchors(children)


def body_data(sections: list[Section], *, image_for: ImageFinder) -> list[dict]:
    """The body's stored form. Figures whose image cannot be found keep their caption
    as a paragraph (the finder has recorded why)."""
    return [
        stream_child(
            "section",
            {
                "heading": section.heading,
                "level": str(section.level),
                "anchor": section.anchor,
                "content": [
                    child
                    for block in section.content
                    for child in content_data(block, image_for=image_for)
                ],
            },
        )
        for section in sections
    ]


def content_data(block: Block, *, image_for: ImageFinder) -> list[dict]:
    if isinstance(block, Paragraph):
        return [stream_child("paragraph", block.html)]
    if isinstance(block, BulletList):
        return [stream_child("bullet_list", {"items": list_items(block.items)})]
    if isinstance(block, NumberedList):
        items = [
            {"text": item.text, "sub_items": list_items(item.sub_items)}
            for item in block.items
        ]
        return [
            stream_child(
                "numbered_list", {"start": block.start, "items": list_items(items)}
            )
        ]
    if isinstance(block, Figure):
        image = image_for(block)
        if image is None:
            text = " ".join(part for part in (block.caption, block.credit) if part)
            return (
                [stream_child("paragraph", f"<p>{escape(text, quote=False)}</p>")]
                if text
                else []
            )
        return [
            stream_child(
                "image",
                {
                    "image": image.pk,
                    "alt_text": block.alt,
                    "caption": block.caption,
                    "credit": block.credit,
                },
            )
        ]
    if isinstance(block, Quote):
        return [
            stream_child(
                "quote",
                {"text": block.text, "attribution": block.attribution, "role": ""},
            )
        ]
    if isinstance(block, Table):
        return [
            stream_child(
                "table",
                {
                    "data": block.rows,
                    "first_row_is_table_header": block.header_row,
                    "first_col_is_header": block.header_column,
                    "table_header_choice": header_choice(block),
                    "table_caption": block.caption,
                },
            )
        ]
    if isinstance(block, Callout):
        return [
            stream_child(
                "callout",
                {"kind": block.kind, "title": block.title, "body": block.body},
            )
        ]
    if isinstance(block, Embed):
        return [
            stream_child(
                "embed",
                {
                    "url": block.url,
                    "title": block.title,
                    "caption": block.caption,
                    "transcript": "",
                },
            )
        ]
    raise TypeError(f"unknown block {block!r}")


def header_choice(table: Table) -> str:
    if table.header_row and table.header_column:
        return "both"
    if table.header_row:
        return "row"
    return "col" if table.header_column else "neither"


# Block ids --------------------------------------------------------------------------


def keep_block_ids(body: list[dict], reference: list[dict]) -> None:
    """Give `body`'s sections the ids of the `reference` sections with the same
    anchor, and the blocks inside them the ids of the blocks at the same place."""
    by_anchor = {
        section["value"].get("anchor"): section
        for section in reference
        if section.get("type") == "section" and section["value"].get("anchor")
    }
    for section in body:
        previous = by_anchor.get(section["value"]["anchor"])
        if previous is not None and previous.get("id"):
            section["id"] = previous["id"]
            keep_ids_by_position(
                section["value"]["content"], previous["value"].get("content") or []
            )


def keep_ids_by_position(children: list[dict], reference: list[dict]) -> None:
    for child, previous in zip(children, reference, strict=False):
        if not isinstance(previous, dict) or child["type"] != previous.get("type"):
            continue
        if previous.get("id"):
            child["id"] = previous["id"]
        value, old_value = child["value"], previous.get("value")
        if isinstance(value, dict) and isinstance(old_value, dict):
            for key, inner in value.items():
                if is_block_list(inner) and is_block_list(old_value.get(key)):
                    keep_ids_by_position(inner, old_value[key])


def is_block_list(value) -> bool:
    return isinstance(value, list) and all(
        isinstance(item, dict) and "type" in item for item in value
    )


# What a body holds, for people ------------------------------------------------------


def outline(body: list[dict], *, new_images: set[int] = frozenset()) -> list[str]:
    """One line per section (subsections indented) and per block inside it."""
    lines = []
    for section in body:
        value = section["value"]
        indent = "  " if str(value["level"]) == "3" else ""
        lines.append(
            f"{indent}h{value['level']} #{value['anchor']}  {value['heading']}"
        )
        for child in value["content"]:
            lines.append(f"{indent}    {describe(child, new_images)}")
    return lines


def describe(child: dict, new_images: set[int]) -> str:
    block_type, value = child["type"], child["value"]
    if block_type == "bullet_list":
        return f"bullet_list: {len(value['items'])} items"
    if block_type == "numbered_list":
        points = sum(len(item["value"]["sub_items"]) for item in value["items"])
        return f"numbered_list: {len(value['items'])} items, {points} nested points"
    if block_type == "image":
        state = "new" if value["image"] in new_images else "existing"
        return f"image: {state} image, alt {value['alt_text']!r}"
    if block_type == "table":
        rows = value["data"]
        return f"table: {len(rows)} rows x {len(rows[0]) if rows else 0} columns"
    return block_type
