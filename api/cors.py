"""Cross-origin reads (CORS) of the delivery API, as the API's own behaviour: a site
that installs the plugin gets it on the API's views without a middleware, and the
site's other URLs are left alone.

It is written here rather than taken from django-cors-headers because that library
is configured only through global `CORS_*` settings for a site-wide middleware (the
host's, for its own URLs), and because the API's response cache must store a
response without the headers that depend on the caller's Origin: they are added
to every answer, cache hits included (`api.middleware.ResponseCacheMiddleware`).

The API is public and read-only, so the rules are short (Fetch standard): no
credentials, GET and HEAD, the request headers a reader sends, and the response
headers it may read.

Setting (optional): `CMS_API_CORS_ALLOWED_ORIGINS`, a list of origins
("https://www.hospital.example") or ["*"] for any; empty (the default) allows none.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import CheckMessage, Error
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

ALLOW_METHODS = "GET, HEAD, OPTIONS"
ALLOW_HEADERS = "Accept, Accept-Language, If-None-Match, If-Modified-Since"
EXPOSE_HEADERS = "Content-Language, ETag, Last-Modified, Link, Retry-After, X-Cache"
PREFLIGHT_MAX_AGE = "86400"
# Headers that depend on the caller's Origin: never stored with a cached response.
ORIGIN_HEADERS = frozenset(
    {
        "access-control-allow-origin",
        "access-control-allow-methods",
        "access-control-allow-headers",
        "access-control-expose-headers",
        "access-control-max-age",
    }
)


def allowed_origins() -> list[str]:
    return list(getattr(settings, "CMS_API_CORS_ALLOWED_ORIGINS", None) or [])


def is_preflight(request: HttpRequest) -> bool:
    return request.method == "OPTIONS" and bool(
        request.headers.get("Access-Control-Request-Method")
    )


def preflight_response(request: HttpRequest) -> HttpResponse:
    """The answer to a browser's preflight, before any view logic or rate limit."""
    return add_cors_headers(request, HttpResponse(status=204))


def add_cors_headers(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    origins = allowed_origins()
    if not origins:
        return response
    any_origin = "*" in origins
    if not any_origin:
        # Shared caches (a CDN) must keep one copy per Origin.
        patch_vary_headers(response, ("Origin",))
    origin = request.headers.get("Origin")
    if not origin or not (any_origin or origin in origins):
        return response
    response["Access-Control-Allow-Origin"] = "*" if any_origin else origin
    response["Access-Control-Expose-Headers"] = EXPOSE_HEADERS
    if is_preflight(request):
        response["Access-Control-Allow-Methods"] = ALLOW_METHODS
        response["Access-Control-Allow-Headers"] = ALLOW_HEADERS
        response["Access-Control-Max-Age"] = PREFLIGHT_MAX_AGE
    return response


class CorsMixin:
    """For the API's DRF views: preflights answered first, and every response
    (errors included) carrying the CORS headers."""

    def dispatch(self, request, *args, **kwargs):
        if is_preflight(request):
            return preflight_response(request)
        return super().dispatch(request, *args, **kwargs)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        return add_cors_headers(request, response)


def check_allowed_origins() -> list[CheckMessage]:
    """An origin is scheme://host[:port] exactly: a path or a trailing slash would
    never match what a browser sends, and fail silently."""
    messages = []
    for origin in allowed_origins():
        if origin == "*":
            continue
        parts = urlsplit(origin) if isinstance(origin, str) else None
        if (
            parts is None
            or parts.scheme not in ("http", "https")
            or not parts.netloc
            or parts.path
            or parts.query
            or parts.fragment
        ):
            messages.append(
                Error(
                    f"CMS_API_CORS_ALLOWED_ORIGINS has {origin!r}, which is not an "
                    "origin: browsers send scheme://host[:port] with no path or "
                    "trailing slash.",
                    hint='Write it as "https://www.hospital.example".',
                    id="articles_api.E003",
                )
            )
    return messages
