"""Lists: `<ul>` to bullet lists, `<ol>` to numbered lists whose items keep the lists
nested in them as their points. Deeper nesting, and nesting in bullet lists (which
have no points), is flattened into the items that follow, with a notice."""

from __future__ import annotations

from bs4 import PageElement, Tag

from ..blocks import SectionContentBlock
from .content import Notes, pull_images
from .inline import inline_html
from .structure import Block, BulletList, NumberedItem, NumberedList

LIST_ITEM_FEATURES = (
    SectionContentBlock()
    .child_blocks["bullet_list"]
    .child_blocks["items"]
    .child_block.features
)


def list_items(list_tag: Tag) -> list[Tag]:
    return list_tag.find_all("li", recursive=False)


def split_item(li: Tag) -> tuple[list[PageElement], list[Tag]]:
    """A list item's own content, and the lists nested in it (taken out)."""
    nested = [
        inner for inner in li.find_all(["ul", "ol"]) if inner.find_parent("li") is li
    ]
    for inner in nested:
        inner.extract()
    return list(li.contents), nested


def item_html(nodes: list[PageElement], note: Notes) -> str:
    return inline_html(nodes, features=LIST_ITEM_FEATURES, note=note)


def flattened_items(list_tag: Tag, note: Notes, *, depth_message: str) -> list[str]:
    """Every item of `list_tag`, lists nested in its items following their parent."""
    items: list[str] = []
    for li in list_items(list_tag):
        own, nested = split_item(li)
        text = item_html(own, note)
        if text:
            items.append(text)
        for inner in nested:
            note(depth_message, inner)
            items.extend(flattened_items(inner, note, depth_message=depth_message))
    return items


def bullet_list(ul: Tag, note: Notes) -> list[Block]:
    figures = pull_images(ul, note)
    items = flattened_items(
        ul,
        note,
        depth_message="list nested in a bullet list: its items follow their parent "
        "(only numbered lists have nested points)",
    )
    return ([BulletList(items)] if items else []) + figures


def numbered_list(ol: Tag, note: Notes) -> list[Block]:
    figures = pull_images(ol, note)
    items: list[NumberedItem] = []
    for li in list_items(ol):
        own, nested = split_item(li)
        text = item_html(own, note)
        sub_items = []
        for inner in nested:
            for sub_li in list_items(inner):
                sub_own, deeper = split_item(sub_li)
                sub_text = item_html(sub_own, note)
                if sub_text:
                    sub_items.append(sub_text)
                for deepest in deeper:
                    note(
                        "third-level list: its items are kept as nested points", deepest
                    )
                    sub_items.extend(
                        flattened_items(
                            deepest, note, depth_message="deeper list flattened"
                        )
                    )
        if text:
            items.append(NumberedItem(text, sub_items))
        elif sub_items:
            note("numbered item without text: its nested points kept as items", li)
            items.extend(NumberedItem(sub) for sub in sub_items)
    try:
        start = int(ol.get("start") or 1)
    except ValueError:
        start = 1
    blocks: list[Block] = (
        [NumberedList(items, start if start > 1 else None)] if items else []
    )
    return blocks + figures
