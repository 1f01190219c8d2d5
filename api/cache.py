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
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import xxhash
from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_etags, parse_http_date_safe

from . import generations
from .compression import compressed_forms
from .cors import ORIGIN_HEADERS

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
    except Exception as exc:  # noqa: BLE001 - any backend failure means "no cache"
        retry = getattr(settings, "CMS_API_CACHE_RETRY_SECONDS", 5)
        _unavailable_until = time.monotonic() + retry
        # An outage, not a bug: one line (no traceback) every few seconds.
        logger.warning(
            "API response cache unavailable (%s); answering uncached for %ss",
            exc,
            retry,
        )
        return default


@lru_cache(maxsize=4096)  # the same few keys at every request (the sites', ...)
def _gen_key(kind: str, value: str) -> str:
    digest = hashlib.sha1(value.encode(), usedforsecurity=False).hexdigest()
    return f"{PREFIX}:gen:{kind}:{digest}"


def bump(*, slugs: Iterable[str] = (), locales: Iterable[str] = ()) -> None:
    """Make every cached response that depends on these slugs or locales unreachable.
    (`api.invalidation` decides which; this only forgets.)"""
    tokens = {_gen_key("slug", slug): uuid.uuid4().hex for slug in set(slugs)}
    tokens |= {_gen_key("locale", code): uuid.uuid4().hex for code in set(locales)}
    if tokens:
        _safe(lambda: _set_generations(tokens))


def _set_generations(tokens: dict[str, str]) -> None:
    backend = cache_backend()
    backend.set_many(tokens, timeout=None)
    generations.for_backend(backend).changed(tokens)


def _read_generations(keys: list[str]) -> dict[str, str] | None:
    """The generations of `keys` that exist (`api.generations`: without a round trip
    when nothing changed); None when the cache is unavailable."""
    backend = cache_backend()
    return _safe(
        lambda: generations.for_backend(backend).read(keys, fetch=backend.get_many)
    )


SITES = ("sites", "")


def current_generation(kind: str, value: str = "") -> str | None:
    """The shared generation of one thing (e.g. the sites), made if missing; None
    when the cache is unavailable. Lets a process keep an answer in memory only for
    as long as no process has changed what it depends on."""
    key = _gen_key(kind, value)
    found = (_read_generations([key]) or {}).get(key)
    if found is None:
        found = uuid.uuid4().hex
        if not _safe(lambda: cache_backend().add(key, found, timeout=None)):
            found = _safe(lambda: cache_backend().get(key))
    return found


def bump_generation(kind: str, value: str = "") -> None:
    _safe(lambda: _set_generations({_gen_key(kind, value): uuid.uuid4().hex}))


@dataclass(frozen=True)
class CachedResponse:
    generation: str
    body: bytes
    headers: dict[str, str]
    # The body compressed once, by encoding ("br", "gzip"): hits never compress.
    encoded: dict[str, bytes]


# Everything the response said (security headers included) except what is personal
# or depends on the caller (CORS: added to each answer by the middleware).
UNCACHED_HEADERS = {"set-cookie", "x-cache", *ORIGIN_HEADERS}


@dataclass(frozen=True)
class Slot:
    """Where one request's response lives in the cache, and the generation keys it
    depends on. Found and checked with a single cache round trip."""

    key: str
    generation_keys: tuple[str, ...]

    @classmethod
    def for_request(cls, request, variant: str, depends_on) -> "Slot":
        raw = "|".join([request._get_raw_host(), request.get_full_path(), variant])
        # Every response depends on which site its host names, too.
        depends_on = [*depends_on, SITES]
        return cls(
            key=f"{PREFIX}:resp2:{hashlib.sha256(raw.encode()).hexdigest()}",
            generation_keys=tuple(_gen_key(kind, value) for kind, value in depends_on),
        )

    def read(self) -> tuple[CachedResponse | None, str | None]:
        """(the cached response if it is current, the current generation); the
        generation is None when the cache is unavailable.

        The generations come from this process's copies while Redis announces their
        changes, from the shared cache otherwise (`api.generations`); the body comes
        from this process's memory when it holds the current generation, and from the
        shared cache otherwise."""
        found = _read_generations(list(self.generation_keys))
        if found is None:
            return None, None
        missing = {k: uuid.uuid4().hex for k in self.generation_keys if k not in found}
        if missing:
            _safe(lambda: cache_backend().set_many(missing, timeout=None))
            found.update(missing)
        generation = ":".join(found[k] for k in self.generation_keys)
        cached = _local.get(self.key)
        if cached is None or cached.generation != generation:
            cached = _safe(lambda: cache_backend().get(self.key))
            if cached is None or cached.generation != generation:
                return None, generation
            _local.put(self.key, cached)
        return cached, generation

    def write(self, response: HttpResponse, generation: str) -> CachedResponse:
        """Store under the generation read *before* the response was built: if the
        content changed meanwhile, the stored copy is already out of date."""
        cached = CachedResponse(
            generation=generation,
            body=response.content,
            headers={
                name: value
                for name, value in response.items()
                if name.lower() not in UNCACHED_HEADERS
            },
            encoded=compressed_forms(response.content),
        )
        timeout = getattr(settings, "CMS_API_RESPONSE_CACHE_SECONDS", 3600)
        _safe(lambda: cache_backend().set(self.key, cached, timeout=timeout))
        _local.put(self.key, cached)
        return cached


class LocalResponses:
    """A small least-recently-used store of response bodies in this process. Entries
    are only ever served when their generation is the shared cache's current one, so
    they can never be stale; the bound keeps memory flat."""

    def __init__(self):
        self.entries: OrderedDict[str, CachedResponse] = OrderedDict()
        self.lock = threading.Lock()

    def get(self, key: str) -> CachedResponse | None:
        with self.lock:
            cached = self.entries.get(key)
            if cached is not None:
                self.entries.move_to_end(key)
            return cached

    def put(self, key: str, cached: CachedResponse) -> None:
        limit = getattr(settings, "CMS_API_LOCAL_RESPONSES", 256)
        with self.lock:
            self.entries[key] = cached
            self.entries.move_to_end(key)
            while len(self.entries) > limit:
                self.entries.popitem(last=False)

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()


_local = LocalResponses()


def to_response(cached: CachedResponse) -> HttpResponse:
    response = HttpResponse(cached.body)
    # The headers were validated when the response was first built; copying them
    # without validating again is a measurable share of a cache hit's cost.
    store = getattr(response.headers, "_store", None)
    if isinstance(store, dict):
        store.update(
            {name.lower(): (name, value) for name, value in cached.headers.items()}
        )
    else:  # pragma: no cover - a Django without the internal mapping
        for name, value in cached.headers.items():
            response[name] = value
    response["X-Cache"] = "HIT"
    return response


def with_validators(response: HttpResponse, last_modified=None) -> HttpResponse:
    """A strong ETag of the exact body (the bytes the response holds: a body of many
    languages is encoded once), and Last-Modified. The tag is the body's 128-bit
    XXH3 hash: it only tells versions of one URL apart, which needs no cryptographic
    hash, and SHA-256 took 4% of an uncached listing's time (30 µs for 40 KB)."""
    response["ETag"] = f'"{xxhash.xxh3_128_hexdigest(response.content)}"'
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
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        etag = response.get("ETag")
        if etag and (
            if_none_match.strip() == "*"
            or _opaque(etag) in {_opaque(tag) for tag in parse_etags(if_none_match)}
        ):
            return _not_modified(response)
        return None
    if_modified_since = request.META.get("HTTP_IF_MODIFIED_SINCE")
    if if_modified_since is None:
        return None
    since = parse_http_date_safe(if_modified_since)
    modified = parse_http_date_safe(response.get("Last-Modified", ""))
    if since is not None and modified is not None and modified <= since:
        return _not_modified(response)
    return None


def _opaque(etag: str) -> str:
    """For the weak comparison RFC 9110 asks of If-None-Match: W/"x" matches "x"."""
    return etag[2:] if etag.startswith("W/") else etag


def _not_modified(response: HttpResponse) -> HttpResponse:
    result = HttpResponseNotModified()
    for name in (
        "ETag",
        "Last-Modified",
        "Cache-Control",
        "Vary",
        "Content-Language",
        "Access-Control-Allow-Origin",
        "Access-Control-Expose-Headers",
    ):
        if name in response:
            result[name] = response[name]
    return result
