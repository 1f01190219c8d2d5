"""Rich text as clean HTML for API clients: Wagtail's internal markup (linktype,
data-block-key) never leaves the CMS, links to other articles point at the version a
reader of the served language should see, and document links are absolute.

Whatever wrote the rich text (an editor, the importer, an XLIFF file, machine
translation, a translator's link override, a row written past the forms), the HTML
is finally run through nh3 (the ammonia sanitiser) with an allow-list of what the
editor's features produce, so that a front end can set it as innerHTML.

Rich text is also *stored* the way the admin's editor writes it back
(`editor_rich_text`, `editor_stream_data`): whatever writes an article in code (the
demo loader, the importer, the data migration that tidied older rows) stores exactly
what opening the article in the editor and saving it unchanged would store. Otherwise
the first save of an untouched article rewrites every paragraph, and an autosave
records a revision nobody made.
"""

import hashlib
import json
import re
import uuid
from html import escape

import nh3
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.rich_text import features as feature_registry
from wagtail.rich_text.rewriters import LinkRewriter

from .links import live_translation, page_path
from .safe_urls import ALLOWED_SCHEMES, is_safe_url

# The elements each rich-text feature of the blocks stores (with the tags older
# content may hold for the same formatting).
FEATURE_TAGS = {
    "bold": {"b", "strong"},
    "italic": {"i", "em"},
    "superscript": {"sup"},
    "subscript": {"sub"},
    "link": {"a"},
    "document-link": {"a"},
}
ALLOWED_TAGS = frozenset({"p", "br"}.union(*FEATURE_TAGS.values()))
ALLOWED_ATTRIBUTES = {"a": {"href"}}
# Elements whose content is not prose: dropped with it, not unwrapped.
DROPPED_WITH_CONTENT = frozenset(
    {"script", "style", "template", "noscript", "iframe", "object", "textarea", "title"}
)


def absolute_url(url: str, base_url: str) -> str:
    if not url or url.startswith(("http://", "https://", "//")):
        return url
    return base_url.rstrip("/") + url


def _safe_href(element: str, attribute: str, value: str) -> str | None:
    # nh3 checks schemes; `is_safe_url` also refuses //other.example, bare relative
    # paths and invisible characters, as it does where people type links.
    if attribute == "href" and not is_safe_url(value):
        return None
    return value


def clean_html(html: str) -> str:
    """`html` with only the allowed elements and safe links: no scripts, styles,
    event handlers or other attributes, whatever the input."""
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_safe_href,
        url_schemes=set(ALLOWED_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


def rich_text_for_api(
    source: str, *, language_code: str, base_url: str, site_id: int | None = None
) -> str:
    def page_link(attrs: dict) -> str:
        page = Page.objects.filter(pk=attrs.get("id")).first()
        target = (
            live_translation(page, language_code, site_id=site_id) if page else None
        )
        if target is None:
            # The linked page is not readable: keep the words, drop the link.
            return "<a>"
        return f'<a href="{escape(page_path(target))}">'

    def document_link(attrs: dict) -> str:
        document = get_document_model().objects.filter(pk=attrs.get("id")).first()
        if document is None:
            return "<a>"
        return f'<a href="{escape(absolute_url(document.url, base_url))}">'

    def external_link(attrs: dict) -> str:
        return f'<a href="{escape(attrs.get("href", ""))}">'

    rewriter = LinkRewriter(
        rules={
            "page": page_link,
            "document": document_link,
            "external": external_link,
            "email": external_link,
            "anchor": external_link,
        }
    )
    return clean_html(rewriter(source))


# Rich text as the editor stores it -------------------------------------------------

BLOCK_KEY = re.compile(r'data-block-key="([^"]*)"')
BLOCK_KEY_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789"


def stable_block_key(html: str, position: int, taken: set[str]) -> str:
    """A Draftail block key (5 characters, like the editor's own) derived from the
    text and the block's place in it, so that normalising the same text twice gives
    the same keys: a re-import or a second demo load changes nothing."""
    attempt = 0
    while True:
        digest = hashlib.sha256(f"{position}:{attempt}:{html}".encode()).digest()
        key = "".join(BLOCK_KEY_ALPHABET[byte % 36] for byte in digest[:5])
        if key not in taken:
            return key
        attempt += 1


def editor_rich_text(html: str, *, features: list[str] | None) -> str:
    """`html` as the Draftail editor saves it: through the same conversion the
    widget applies (stored HTML to contentstate for the editor, contentstate back to
    HTML on save). Paragraphs get `data-block-key`s (stable ones, where the text had
    none), `<strong>`/`<em>` become `<b>`/`<i>`, running text gets its `<p>`,
    whitespace is collapsed, and what the features do not allow is dropped. A rich
    text with no words is stored empty, as the editor posts it."""
    if not html or not html.strip():
        return ""
    # Imported here: the converter module loads models, and this one is imported
    # while they load (blocks use `rich_text_for_api`).
    from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

    if features is None:
        features = feature_registry.get_default_features()
    converter = ContentstateConverter(features)
    contentstate = json.loads(converter.from_database_format(html))
    if not any(
        block["text"].strip() or block["entityRanges"]
        for block in contentstate["blocks"]
    ):
        return ""
    kept = set(BLOCK_KEY.findall(html))
    taken = set(kept)
    for position, block in enumerate(contentstate["blocks"]):
        if block["key"] not in kept:
            block["key"] = stable_block_key(html, position, taken)
        taken.add(block["key"])
    return converter.to_database_format(json.dumps(contentstate))


def editor_stream_data(block: blocks.Block, data):
    """The stored (JSON) form `data` of a value of `block`, as the editor writes it
    back: every rich text through `editor_rich_text`, every list item in the
    `{"type": "item", "value", "id"}` form and every stream child with an id (the
    editor gives a new random id to a child without one, on every save)."""
    if isinstance(block, blocks.StreamBlock):
        children = []
        for child in data or []:
            child_block = block.child_blocks.get(child.get("type"))
            if child_block is None:
                children.append(child)
                continue
            children.append(
                {
                    **child,
                    "value": editor_stream_data(child_block, child.get("value")),
                    "id": child.get("id") or str(uuid.uuid4()),
                }
            )
        return children
    if isinstance(block, blocks.ListBlock):
        return [
            {
                "type": "item",
                "value": editor_stream_data(block.child_block, item["value"]),
                "id": item.get("id") or str(uuid.uuid4()),
            }
            if is_list_item(item)
            else {
                "type": "item",
                "value": editor_stream_data(block.child_block, item),
                "id": str(uuid.uuid4()),
            }
            for item in data or []
        ]
    if isinstance(block, blocks.StructBlock) and isinstance(data, dict):
        return {
            name: (
                editor_stream_data(block.child_blocks[name], value)
                if name in block.child_blocks
                else value
            )
            for name, value in data.items()
        }
    if isinstance(block, blocks.RichTextBlock) and isinstance(data, str):
        return editor_rich_text(data, features=block.features)
    return data


def is_list_item(item) -> bool:
    return isinstance(item, dict) and item.get("type") == "item" and "value" in item
