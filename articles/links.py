"""Which page a reader in a given language should be sent to."""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from wagtail.models import Page, PageViewRestriction, Site

from .locales import content_language_codes, fallback_chain

_remembered = threading.local()


@contextmanager
def remembered_sites_and_restrictions() -> Iterator[None]:
    """Within this block, each site, and whether any page has a view restriction, are
    read once: bulk builds ask for every version of every article. (A site or
    restriction changed meanwhile is seen by the next block, as each publish rebuilds
    what it changes.)"""
    if getattr(_remembered, "sites", None) is not None:
        yield
        return
    _remembered.sites, _remembered.restricted = {}, None
    _remembered.root_paths = None
    try:
        yield
    finally:
        _remembered.sites = _remembered.restricted = _remembered.root_paths = None


def _any_view_restriction() -> bool:
    if getattr(_remembered, "sites", None) is None:
        return PageViewRestriction.objects.exists()
    if _remembered.restricted is None:
        _remembered.restricted = PageViewRestriction.objects.exists()
    return _remembered.restricted


def is_publicly_visible(page: Page) -> bool:
    """Live, with no view restriction (password, login or groups) on it or above.
    Where no page of any site has one (most sites), no ancestor is read."""
    return page.live and not (
        _any_view_restriction() and page.get_view_restrictions().exists()
    )


class _RootPaths:
    """What `Page.get_url_parts(request)` keeps the sites' root paths on: the
    documented way to share one read of them between pages."""


def _url_parts(page: Page):
    """`page.get_url_parts()`. Within `remembered_sites_and_restrictions`, every page
    shares one read of the sites' root paths, which Wagtail reads from the cache for
    each page instance otherwise (a build looks at a dozen instances)."""
    if getattr(_remembered, "sites", None) is None:
        return page.get_url_parts()
    if _remembered.root_paths is None:
        _remembered.root_paths = _RootPaths()
    return page.get_url_parts(_remembered.root_paths)


def site_id_of(page: Page) -> int | None:
    """The id of the site `page` is routed under (`Page.get_site`'s), without reading
    the site."""
    parts = _url_parts(page)
    return parts[0] if parts else None


def site_of(page: Page) -> Site | None:
    """The site `page` is routed under, as `Page.get_site` finds it; read once per
    site within `remembered_sites_and_restrictions`."""
    site_id = site_id_of(page)
    if site_id is None:
        return None
    sites = getattr(_remembered, "sites", None)
    if sites is None:
        return Site.objects.get(id=site_id)
    if site_id not in sites:
        sites[site_id] = Site.objects.get(id=site_id)
    return sites[site_id]


def live_translation(
    page: Page, language_code: str, *, site_id: int | None = None
) -> Page | None:
    """`page` in `language_code` when that translation is live and public, otherwise
    the first live, public translation along the language's fallback chain. With
    `site_id`, pages of other sites do not count."""
    translations = {
        p.locale.language_code: p
        for p in page.get_translations(inclusive=True).select_related("locale").live()
    }
    for code in [language_code, *fallback_chain(language_code)]:
        candidate = translations.get(code)
        if candidate is None or not is_publicly_visible(candidate):
            continue
        if site_id is None or getattr(candidate.get_site(), "pk", None) == site_id:
            return candidate
    return None


def live_public_translations(page: Page, site, *, keep: Page | None = None) -> list:
    """`page` in every language it is live and public in on `site`, in the order of
    the content languages (`keep`, when live, is listed even if it is not public:
    the page being shown)."""
    order = {code: i for i, code in enumerate(content_language_codes())}
    site_id = getattr(site, "pk", None)
    siblings = [
        sibling
        for sibling in page.get_translations(inclusive=True)
        .live()
        .select_related("locale")
        if (keep is not None and sibling.pk == keep.pk)
        or (is_publicly_visible(sibling) and site_id_of(sibling) == site_id)
    ]
    siblings.sort(key=lambda p: order.get(p.locale.language_code, len(order)))
    return siblings


def page_path(page: Page) -> str:
    """The page's URL path on its site, with its language prefix (/ko/slug/)."""
    parts = _url_parts(page)
    return parts[2] if parts else ""
