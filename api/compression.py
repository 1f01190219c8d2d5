"""Compressed API responses (brotli and gzip) for clients that accept them.

Cached responses are compressed once, when they are stored (`api.cache`), so a cache
hit only picks the stored encoding; other API responses are compressed as they
leave. A compressed representation carries a weak ETag (W/"..."): the bytes differ,
the content does not, and conditional requests compare weakly (RFC 9110 8.8.3.2).
"""

from __future__ import annotations

import gzip

import brotli
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

# Below this, compression saves less than its headers cost.
MIN_BYTES = 500
# Preferred first when the client gives both the same quality.
ENCODINGS = ("br", "gzip")
# Stored responses are compressed once, so harder; live ones must stay fast.
STORED_QUALITY = {"br": 8, "gzip": 6}
LIVE_QUALITY = {"br": 5, "gzip": 6}


def compress(body: bytes, encoding: str, *, stored: bool = False) -> bytes:
    quality = (STORED_QUALITY if stored else LIVE_QUALITY)[encoding]
    if encoding == "br":
        return brotli.compress(body, quality=quality)
    return gzip.compress(body, compresslevel=quality, mtime=0)


def compressed_forms(body: bytes) -> dict[str, bytes]:
    """Every encoding of a body worth compressing, for storing with it."""
    if len(body) < MIN_BYTES:
        return {}
    return {encoding: compress(body, encoding, stored=True) for encoding in ENCODINGS}


def preferred_encoding(accept_encoding: str) -> str | None:
    """The encoding to answer with: the client's highest q-value among ours (br
    before gzip on a tie; `*` counts for both; q=0 refuses), or None for identity."""
    qualities: dict[str, float] = {}
    for item in accept_encoding[:500].split(","):
        name, _, params = item.partition(";")
        name = name.strip().lower()
        quality = 1.0
        params = params.strip().lower()
        if params.startswith("q="):
            try:
                quality = float(params[2:])
            except ValueError:
                quality = 0.0
        if name:
            qualities[name] = quality
    best, best_quality = None, 0.0
    for encoding in ENCODINGS:
        quality = qualities.get(encoding, qualities.get("*", 0.0))
        if quality > best_quality:
            best, best_quality = encoding, quality
    return best


def weaken_etag(response: HttpResponse) -> None:
    etag = response.get("ETag")
    if etag and not etag.startswith("W/"):
        response["ETag"] = "W/" + etag


def encode_response(
    request: HttpRequest, response: HttpResponse, forms: dict[str, bytes] | None = None
) -> HttpResponse:
    """The response in the client's preferred encoding, from stored `forms` when
    given, else compressed now. Always says that it varies on Accept-Encoding."""
    patch_vary_headers(response, ("Accept-Encoding",))
    if response.streaming or response.has_header("Content-Encoding"):
        return response
    encoding = preferred_encoding(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    if encoding is None:
        return response
    if forms is None:
        if len(response.content) < MIN_BYTES:
            return response
        body = compress(response.content, encoding)
    else:
        body = forms.get(encoding)
        if body is None:
            return response
    response.content = body
    response["Content-Length"] = str(len(body))
    response["Content-Encoding"] = encoding
    weaken_etag(response)
    return response
