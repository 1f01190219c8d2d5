"""What the CMS's own article pages put in <head> and in their language switcher,
taken from what the API delivers for the same article (`articles.site_pages`), so
the HTML's canonical URL, hreflang alternates and JSON-LD are the API's own."""

from __future__ import annotations

import json

from django.http import HttpRequest
from wagtail.models import Page

from articles.models import ArticlePage
from articles.site_pages import PageHead, PageTranslation

from .documents import dump, serialize_article
from .models import ArticleDocument
from .public_urls import with_absolute_urls


def article_page_head(page: Page, request: HttpRequest) -> PageHead | None:
    """The head of an article page: the stored document of the live article, or,
    in preview or for a page the API does not deliver (not public), the document
    the API would build now."""
    if not isinstance(page, ArticlePage):
        return None
    text = None
    if page.live and not getattr(request, "is_preview", False):
        text = (
            ArticleDocument.objects.filter(page_id=page.pk)
            .values_list("detail_json", flat=True)
            .first()
        )
    if text is None:
        site = page.get_site()
        if site is None:
            return None
        _listing, detail = serialize_article(page, site)
        text = dump(detail)
    detail = json.loads(with_absolute_urls(text, request))
    seo = detail["seo"]
    return PageHead(
        canonical_url=seo["canonical_url"],
        alternates=seo["alternates"],
        translations=[
            PageTranslation(
                code=t["locale"],
                title=t["title"],
                path=t["path"],
                is_current=t["locale"] == page.locale.language_code,
            )
            for t in detail["translations"]
        ],
        json_ld=detail["json_ld"],
        image_url=detail["json_ld"].get("image", ""),
    )
