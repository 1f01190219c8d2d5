"""Rich text as clean HTML for API clients: Wagtail's internal markup (linktype,
data-block-key) never leaves the CMS, links to other articles point at the version a
reader of the served language should see, and document links are absolute.

Whatever wrote the rich text (an editor, the importer, an XLIFF file, machine
translation, a translator's link override, a row written past the forms), the HTML
is finally run through nh3 (the ammonia sanitiser) with an allow-list of what the
editor's features produce, so that a front end can set it as innerHTML.
"""

from html import escape

import nh3
from wagtail.documents import get_document_model
from wagtail.models import Page
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
