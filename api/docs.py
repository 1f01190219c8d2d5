"""The API's documentation page: Redoc, from drf-spectacular-sidecar's bundle,
reading the OpenAPI document of `api.base`.

Apps are written in hospitals whose networks may not reach Google or Redocly, and a
documentation page that calls home tells third parties who reads it. So the page
asks nothing of another host: no web fonts (Redoc falls back to the system's), no
CDN, and no Redocly logo. Redoc 2 draws that logo at the foot of its menu as an
`<img>` from cdn.redoc.ly, which no option turns off; the bundle is served here with
that one URL replaced by an empty `data:` image (Redoc drops an image that fails to
load), rather than a copy of the bundle committed to this repository. A
Content-Security-Policy on the page then lets the browser fetch only from this site,
should a later Redoc, or an `x-logo` in the document, name another host.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from drf_spectacular.plumbing import get_relative_url
from rest_framework.permissions import AllowAny
from rest_framework.renderers import TemplateHTMLRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from .base import TITLE, delivery_schema
from .compression import compressed_forms, encode_response

SIDECAR_PACKAGE = "drf_spectacular_sidecar"
REDOC_BUNDLE = ("static", "drf_spectacular_sidecar", "redoc", "bundles")
REDOC_SCRIPT = "redoc.standalone.js"
REDOCLY_LOGO = b"https://cdn.redoc.ly/redoc/logo-mini.svg"
NO_IMAGE = b"data:,"
# The script's URL names its content (`?v=`), so browsers keep it until it changes.
SCRIPT_CACHE_CONTROL = "public, max-age=31536000, immutable"

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",  # Redoc's bundle, from `redoc_script`
        "worker-src blob:",  # Redoc's search index
        "connect-src 'self'",  # the OpenAPI document
        "style-src 'self' 'unsafe-inline'",  # Redoc's styled-components
        "img-src 'self' data:",
        "font-src 'self' data:",
        "base-uri 'none'",
        "form-action 'none'",
    ]
)


@dataclass(frozen=True)
class Script:
    body: bytes
    version: str  # a digest of the body
    forms: dict[str, bytes]  # its compressed encodings


@lru_cache(maxsize=1)
def redoc_bundle() -> Script:
    """Redoc's standalone bundle as drf-spectacular-sidecar ships it, with the
    Redocly logo's URL replaced by an empty image: read, patched and compressed
    once per process. (If a later Redoc no longer has that URL, the bundle is
    served unchanged; `tests/e2e/test_api_docs.py` would see any new host.)"""
    folder = resources.files(SIDECAR_PACKAGE).joinpath(*REDOC_BUNDLE)
    body = folder.joinpath(REDOC_SCRIPT).read_bytes().replace(REDOCLY_LOGO, NO_IMAGE)
    version = hashlib.sha256(body).hexdigest()[:16]
    return Script(body=body, version=version, forms=compressed_forms(body))


def redoc_script_url() -> str:
    return f"{reverse('api:docs-script')}?v={redoc_bundle().version}"


@require_safe
def redoc_script(request: HttpRequest) -> HttpResponse:
    """Redoc's bundle, for the docs page (see the module's docstring)."""
    script = redoc_bundle()
    response = HttpResponse(script.body, content_type="text/javascript")
    response["Cache-Control"] = SCRIPT_CACHE_CONTROL
    return encode_response(request, response, script.forms)


class DeliveryDocsView(APIView):
    """The documentation page. Unlike drf-spectacular's `SpectacularRedocView` it
    reads none of the host's `SPECTACULAR_SETTINGS` (a `REDOC_DIST` on a CDN, or
    `REDOC_UI_SETTINGS`, which that view writes into an inline script): the page is
    the same, and as private, on every site that installs the plugin."""

    renderer_classes = [TemplateHTMLRenderer]
    authentication_classes: list = []
    permission_classes = [AllowAny]
    template_name = "api/redoc.html"

    @delivery_schema(exclude=True)
    def get(self, request: Request, *args, **kwargs) -> Response:
        return Response(
            {
                "title": TITLE,
                "redoc_script": redoc_script_url(),
                "schema_url": get_relative_url(reverse("api:schema")),
            },
            template_name=self.template_name,
            headers={
                "Content-Security-Policy": CONTENT_SECURITY_POLICY,
                "Referrer-Policy": "same-origin",
            },
        )
