"""Which page a reader in a given language should be sent to."""

from wagtail.models import Page

from .locales import content_language_codes, fallback_chain


def is_publicly_visible(page: Page) -> bool:
    """Live, with no view restriction (password, login or groups) on it or above."""
    return page.live and not page.get_view_restrictions().exists()


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
    siblings = [
        sibling
        for sibling in page.get_translations(inclusive=True)
        .live()
        .select_related("locale")
        .specific()
        if (keep is not None and sibling.pk == keep.pk)
        or (is_publicly_visible(sibling) and sibling.get_site() == site)
    ]
    siblings.sort(key=lambda p: order.get(p.locale.language_code, len(order)))
    return siblings


def page_path(page: Page) -> str:
    """The page's URL path on its site, with its language prefix (/ko/slug/)."""
    parts = page.get_url_parts()
    return parts[2] if parts else ""
