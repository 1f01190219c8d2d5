"""HTTP caching and the server-side response cache.

Cached responses are found without touching the database: their key holds the request
(host, path, query, resolved locale) and the current *generation* of what they depend
on: the slug asked for (details) or the locale (listings, topics). When an article's
stored JSON changes, `api.documents` bumps the generations of every slug of every
version of that article and of every locale whose responses can show it, so the next
read misses and rebuilds. A generation is a random token, never a counter, so a
generation lost from the cache can never bring an old response back.
"""

import hashlib
import logging
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_etags, parse_http_date_safe

logger = logging.getLogger(__name__)
PREFIX = "api:v1"


def cache_backend():
    return caches[getattr(settings, "CMS_API_CACHE", "default")]


_unavailable_until = 0.0


def _safe(call, default=None):
    """A cache outage degrades to uncached answers, never to an error. After a failure
    the cache is left alone for a few seconds (no connection attempt per request),
    then tried again, so caching resumes by itself when the cache server returns."""
    global _unavailable_until
    if time.monotonic() < _unavailable_until:
        return default
    try:
        return call()
    except Exception:  # noqa: BLE001 - any backend failure means "no cache"
        retry = getattr(settings, "CMS_API_CACHE_RETRY_SECONDS", 5)
        _unavailable_until = time.monotonic() + retry
        logger.warning(
            "API response cache unavailable; answering uncached for %ss",
            retry,
            exc_info=True,
        )
        return default


def _gen_key(kind: str, value: str) -> str:
    digest = hashlib.sha1(value.encode(), usedforsecurity=False).hexdigest()
    return f"{PREFIX}:gen:{kind}:{digest}"


def generations(kinds: Iterable[tuple[str, str]]) -> str | None:
    """The current generation tokens for (kind, value) pairs, creating missing ones.
    None when the cache is unavailable."""
    keys = [_gen_key(kind, value) for kind, value in kinds]
    cache = cache_backend()
    found = _safe(lambda: cache.get_many(keys))
    if found is None:
        return None
    missing = {key: uuid.uuid4().hex for key in keys if key not in found}
    if missing:
        _safe(lambda: cache.set_many(missing, timeout=None))
        found.update(missing)
    return ":".join(found[key] for key in keys)


def bump(*, slugs: Iterable[str] = (), locales: Iterable[str] = ()) -> None:
    """Make every cached response that depends on these slugs or locales unreachable.
    (`api.invalidation` decides which; this only forgets.)"""
    tokens = {_gen_key("slug", slug): uuid.uuid4().hex for slug in set(slugs)}
    tokens |= {_gen_key("locale", code): uuid.uuid4().hex for code in set(locales)}
    if tokens:
        _safe(lambda: cache_backend().set_many(tokens, timeout=None))


@dataclass(frozen=True)
class CachedResponse:
    body: bytes
    headers: dict[str, str]


def response_key(request, variant: str, generation: str) -> str:
    raw = "|".join(
        [request._get_raw_host(), request.get_full_path(), variant, generation]
    )
    return f"{PREFIX}:resp:{hashlib.sha256(raw.encode()).hexdigest()}"


def lookup(key: str | None) -> CachedResponse | None:
    if key is None:
        return None
    return _safe(lambda: cache_backend().get(key))


def store(key: str | None, response: HttpResponse) -> None:
    if key is None or response.status_code != 200:
        return
    cached = CachedResponse(
        body=response.content,
        headers={
            name: response[name]
            for name in (
                "Content-Type",
                "Content-Language",
                "Vary",
                "ETag",
                "Last-Modified",
            )
            if name in response
        },
    )
    timeout = getattr(settings, "CMS_API_RESPONSE_CACHE_SECONDS", 3600)
    _safe(lambda: cache_backend().set(key, cached, timeout=timeout))


def to_response(cached: CachedResponse) -> HttpResponse:
    response = HttpResponse(cached.body)
    for name, value in cached.headers.items():
        response[name] = value
    response["X-Cache"] = "HIT"
    return response


def with_validators(response: HttpResponse, body: str | bytes, last_modified=None):
    """A strong ETag of the exact body, Last-Modified, and Cache-Control."""
    data = body.encode() if isinstance(body, str) else body
    response["ETag"] = f'"{hashlib.sha256(data).hexdigest()[:32]}"'
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    return response


def cache_control(response: HttpResponse) -> HttpResponse:
    max_age = getattr(settings, "CMS_API_MAX_AGE", 60)
    swr = getattr(settings, "CMS_API_STALE_WHILE_REVALIDATE", 300)
    response["Cache-Control"] = (
        f"public, max-age={max_age}, stale-while-revalidate={swr}"
    )
    return response


def not_modified(request, response: HttpResponse) -> HttpResponse | None:
    """304 when the client's copy is current: If-None-Match wins over
    If-Modified-Since, as RFC 9110 says."""
    if_none_match = request.headers.get("If-None-Match")
    etag = response.get("ETag")
    if if_none_match is not None:
        if etag and (
            if_none_match.strip() == "*" or etag in parse_etags(if_none_match)
        ):
            return _not_modified(response)
        return None
    since = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    modified = parse_http_date_safe(response.get("Last-Modified", ""))
    if since is not None and modified is not None and modified <= since:
        return _not_modified(response)
    return None


def _not_modified(response: HttpResponse) -> HttpResponse:
    result = HttpResponseNotModified()
    for name in ("ETag", "Last-Modified", "Cache-Control", "Vary", "Content-Language"):
        if name in response:
            result[name] = response[name]
    return result
