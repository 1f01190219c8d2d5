"""Which page a reader in a given language should be sent to."""

from wagtail.models import Page

from .locales import fallback_chain


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


def page_path(page: Page) -> str:
    """The page's URL path on its site, with its language prefix (/ko/slug/)."""
    parts = page.get_url_parts()
    return parts[2] if parts else ""
