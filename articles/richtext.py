"""Rich text as clean HTML for API clients: Wagtail's internal markup (linktype,
data-block-key) never leaves the CMS, links to other articles point at the version a
reader of the served language should see, and document links are absolute."""

import re
from html import escape

from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.rich_text.rewriters import LinkRewriter

from .links import live_translation, page_path

_BLOCK_KEY = re.compile(r'\sdata-block-key="[^"]*"')


def absolute_url(url: str, base_url: str) -> str:
    if not url or url.startswith(("http://", "https://", "//")):
        return url
    return base_url.rstrip("/") + url


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
    return _BLOCK_KEY.sub("", rewriter(source))
