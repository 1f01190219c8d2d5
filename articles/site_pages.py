"""What the CMS's own pages say around their content: which language a URL serves,
the translations a reader can switch to, the notice when the reader's language is
missing, and the links and data in <head>.

These pages are the reference front end and the editors' preview, so what they say
about an article must match what the delivery API says about it. An app that
delivers articles answers the `article_page_head` hook with the article's canonical
URL, alternates, JSON-LD and translations (the delivery API answers from the
article's stored document); pages no such app describes (article indexes, or an
article on a site without the API) get the CMS's own URLs of their live
translations."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponseRedirect
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext
from langcodes import Language
from wagtail import hooks
from wagtail.models import Locale, Page

from .links import live_public_translations, live_translation, page_path
from .locales import (
    bcp47,
    default_language_code,
    fallback_chain,
    language_info,
    negotiate,
)

PAGE_HEAD_HOOK = "article_page_head"

# JSON inside <script> must not be able to close the element or open a comment.
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class PageTranslation:
    """One language a page exists in, as the language switcher offers it."""

    code: str
    title: str
    path: str
    is_current: bool = False

    @property
    def tag(self) -> str:
        return bcp47(self.code)

    @property
    def name(self) -> str:
        """The language's own name for itself (한국어, العربية): a reader looks for
        their language in their language."""
        return language_info(self.code).name_local

    @property
    def direction(self) -> str:
        return language_info(self.code).direction


@dataclass(frozen=True)
class PageHead:
    canonical_url: str
    alternates: list[dict] = field(default_factory=list)  # {"hreflang", "href"}
    translations: list[PageTranslation] = field(default_factory=list)
    json_ld: dict | None = None
    image_url: str = ""

    @property
    def json_ld_script(self) -> SafeString:
        """The JSON-LD as the text of a <script type="application/ld+json">."""
        if not self.json_ld:
            return mark_safe("")  # noqa: S308 (constant)
        text = json.dumps(self.json_ld, cls=DjangoJSONEncoder, ensure_ascii=False)
        return mark_safe(text.translate(_SCRIPT_ESCAPES))  # noqa: S308 (escaped)


@dataclass(frozen=True)
class FallbackNotice:
    """The reader asked for `wanted` (their browser's language) and the page has no
    translation in it: the notice is written in `wanted`, so the reader can read it
    even when they cannot read the page."""

    wanted: str
    shown: str
    text: str

    @property
    def tag(self) -> str:
        return bcp47(self.wanted)

    @property
    def direction(self) -> str:
        return language_info(self.wanted).direction


def open_graph_locale(code: str) -> str:
    """Open Graph wants language_TERRITORY (ko_KR, zh_CN); CLDR's likely subtags give
    the territory a bare language most likely means."""
    likely = Language.get(code).maximize()
    return f"{likely.language}_{likely.territory}" if likely.territory else code


def redirect_to_served_language(page: Page, request: HttpRequest):
    """Wagtail serves /zh-hant/some-article/ from the default language's tree when
    the site has no zh-hant pages (`Page.localized`), so the URL's language would
    label English text, and the language's fallback chain (zh-hant reads zh-hans
    first) would be ignored. Send the reader instead to the translation the chain
    chooses, whose URL names its language. A redirect that may change once the page
    is translated: 302, not 301."""
    requested = translation.get_language()
    if page.locale.language_code == requested:
        return None
    site = page.get_site()
    target = live_translation(page, requested, site_id=site.pk if site else None)
    url = (target or page).get_url(request)
    if not url or url == request.path:
        return None
    query = request.META.get("QUERY_STRING", "")
    return HttpResponseRedirect(f"{url}?{query}" if query else url)


def child_along_fallback_chain(index: Page, slug: str) -> Page | None:
    """The live page `slug` under `index`'s translations along its language's
    fallback chain: a language with an index of its own but not this article yet
    (after `setup_locale`) sends readers on, rather than answering 404."""
    for code in fallback_chain(index.locale.language_code):
        locale = Locale.objects.filter(language_code=code).first()
        translated = index.get_translation_or_none(locale) if locale else None
        if translated is None:
            continue
        child = translated.get_children().live().filter(slug=slug).first()
        if child is not None:
            return child.specific
    return None


def page_head(page: Page, request: HttpRequest) -> PageHead:
    """The head links, JSON-LD and switcher entries of `page`: from the app that
    delivers it when one answers the hook, otherwise from its live translations."""
    for describe in hooks.get_hooks(PAGE_HEAD_HOOK):
        described = describe(page, request)
        if described is not None:
            return described
    return own_page_head(page, request)


def own_page_head(page: Page, request: HttpRequest) -> PageHead:
    """The CMS's own URLs of the page's live, public translations on its site."""
    translations = live_translations(page)
    absolute = {t.code: request.build_absolute_uri(t.path) for t in translations}
    alternates = [{"hreflang": t.tag, "href": absolute[t.code]} for t in translations]
    if default_language_code() in absolute:
        alternates.append(
            {"hreflang": "x-default", "href": absolute[default_language_code()]}
        )
    return PageHead(
        canonical_url=request.build_absolute_uri(page_path(page)),
        alternates=alternates,
        translations=translations,
    )


def live_translations(page: Page) -> list[PageTranslation]:
    """The page in every language it is live and public in on its site, in the
    order of the content languages, the page itself included."""
    return [
        PageTranslation(
            code=sibling.locale.language_code,
            title=sibling.title,
            path=page_path(sibling),
            is_current=sibling.pk == page.pk,
        )
        for sibling in live_public_translations(page, page.get_site(), keep=page)
    ]


def fallback_notice(
    page: Page, request: HttpRequest, translations: list[PageTranslation]
) -> FallbackNotice | None:
    """When the reader's browser asks for a content language the page is not
    available in, say so (in that language) and name the language shown."""
    wanted = negotiate(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
    shown = page.locale.language_code
    if wanted is None or wanted == shown:
        return None
    if any(t.code == wanted for t in translations):
        return None
    with translation.override(wanted):
        text = gettext(
            "This page is not available in %(wanted)s yet. "
            "You are reading it in %(shown)s."
        ) % {
            "wanted": language_info(wanted).name_local,
            "shown": language_info(shown).name_local,
        }
    return FallbackNotice(wanted=wanted, shown=shown, text=text)


def site_page_context(page: Page, request: HttpRequest) -> dict:
    """What the base template needs beside the page itself."""
    head = page_head(page, request)
    translations = head.translations
    if not any(t.is_current for t in translations):  # a draft, in preview
        current = PageTranslation(
            code=page.locale.language_code,
            title=page.title,
            path=page_path(page),
            is_current=True,
        )
        translations = [
            *(t for t in translations if t.code != current.code),
            current,
        ]
    site = page.get_site()
    home = site.root_page.get_translation_or_none(page.locale) if site else None
    home = home or (site.root_page if site else page)
    return {
        "site_name": (site.site_name if site else "") or home.title,
        "home_url": page_path(home) or "/",
        "head": head,
        "description": page.search_description or getattr(page, "summary", ""),
        "page_translations": translations,
        "fallback_notice": fallback_notice(page, request, translations),
        "open_graph_locale": open_graph_locale(page.locale.language_code),
        "open_graph_alternate_locales": [
            open_graph_locale(t.code) for t in translations if not t.is_current
        ],
    }
