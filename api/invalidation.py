"""What to forget when an article changes: the server-side response cache (at once and
again on commit) and, when a CDN is configured (WAGTAILFRONTENDCACHE), every API URL
that may now answer differently, purged by the background worker.

Wagtail purges a page's own URL on publish; listings and other locales that fall back
to the article stay stale in the CDN (Wagtail issue #820). Here the purge list holds the
detail URL of every slug of every version of the article in every locale, and the
first page of the listings and topic lists of every affected locale. Deeper listing
pages and filtered variants expire by `max-age`."""

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction
from django_tasks import task

from articles.locales import content_language_codes, fallback_chain

from . import cache as response_cache
from .background import in_background


def affected_locales(locales: Iterable[str]) -> set[str]:
    """The locales given, and those whose fallback chain reaches them."""
    affected = set(locales)
    for code in content_language_codes():
        if affected & set(fallback_chain(code)):
            affected.add(code)
    return affected


def api_urls(*, slugs: Iterable[str], locales: Iterable[str]) -> list[str]:
    base = getattr(settings, "CMS_API_PUBLIC_URL", "") or getattr(
        settings, "WAGTAILADMIN_BASE_URL", ""
    )
    base = base.rstrip("/") + "/api/v1"
    urls = []
    for slug in sorted(set(slugs)):
        urls.append(f"{base}/articles/{slug}/")
        urls += [
            f"{base}/articles/{slug}/?locale={code}"
            for code in content_language_codes()
        ]
    for code in sorted(affected_locales(locales)):
        urls += [
            f"{base}/articles/?locale={code}",
            f"{base}/articles/?locale={code}&fallback=true",
            f"{base}/topics/?locale={code}",
        ]
    if locales:
        urls += [f"{base}/articles/", f"{base}/topics/"]
    return urls


@task()
def purge_api_urls(urls: list[str]) -> None:
    from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache

    purge_urls_from_cache(urls)


def invalidate(*, slugs: Iterable[str] = (), locales: Iterable[str] = ()) -> None:
    slugs, locales = sorted(set(slugs)), sorted(affected_locales(locales))
    # Now, and again on commit: a read between the two could otherwise cache the
    # old content under the new generation.
    response_cache.bump(slugs=slugs, locales=locales)

    def after_commit() -> None:
        response_cache.bump(slugs=slugs, locales=locales)
        if getattr(settings, "WAGTAILFRONTENDCACHE", None):
            in_background(purge_api_urls).enqueue(
                api_urls(slugs=slugs, locales=locales)
            )

    transaction.on_commit(after_commit)
