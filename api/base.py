"""The API's own Django REST Framework configuration, on its views rather than in the
host's global `REST_FRAMEWORK` and `SPECTACULAR_SETTINGS`: a site that installs the
plugin keeps its other DRF APIs as they were, and the delivery API keeps its JSON
errors, rate limit, public access and OpenAPI document whatever the host sets.

Settings the API reads (all optional):
- `CMS_API_ANON_RATE` (default "600/minute"): requests per client; None turns the
  limit off.
- `CMS_API_CORS_ALLOWED_ORIGINS` (default none): browser origins that may read the
  API (`api.cors`).
"""

from __future__ import annotations

import importlib.metadata

from django.conf import settings
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.settings import patched_settings
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.renderers import JSONRenderer
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle
from rest_framework.views import APIView

from .cors import CorsMixin
from .errors import exception_handler

DEFAULT_ANON_RATE = "600/minute"
DISTRIBUTION = "wagtail-medical-articles"
TITLE = "Medical articles API"
DESCRIPTION = "Localized medical articles as typed JSON. Read-only and public."


def package_version() -> str:
    try:
        return importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:  # run from a source tree
        return "0.0.0"


def delivery_schema(**kwargs):
    """`extend_schema` for the API's views, built on drf-spectacular's AutoSchema
    rather than on the host's `DEFAULT_SCHEMA_CLASS` (which `extend_schema` reads
    when it decorates a method)."""

    def decorator(method):
        method.schema = AutoSchema
        return extend_schema(**kwargs)(method)

    return decorator


class DeliveryRateThrottle(AnonRateThrottle):
    """Requests per client address, at `CMS_API_ANON_RATE`."""

    scope = "cms_api"

    def get_rate(self) -> str | None:
        return getattr(settings, "CMS_API_ANON_RATE", DEFAULT_ANON_RATE) or None


class DeliveryAPIView(CorsMixin, APIView):
    """Public, read-only, JSON only: no session or CSRF, the API's own error bodies
    and rate limit, and drf-spectacular's schema."""

    renderer_classes = [JSONRenderer]
    parser_classes = [JSONParser]
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [DeliveryRateThrottle]
    schema = AutoSchema()

    def get_exception_handler(self):
        return exception_handler

    def perform_authentication(self, request):
        """Nothing up front: with no authentication classes every caller is
        anonymous, and `request.user` says so when something asks (the rate limit)
        rather than on every request, as DRF's own docstring offers."""

    def perform_content_negotiation(self, request, force=False):
        """DRF's negotiation, remembered: with the one renderer these views have, the
        Accept header and `?format=` decide it alone. Refusals (406) are not kept."""
        override = api_settings.URL_FORMAT_OVERRIDE
        key = (
            type(self),
            request.META.get("HTTP_ACCEPT"),
            request.query_params.get(override) if override else None,
            self.format_kwarg,
            force,
        )
        found = _negotiated.get(key)
        if found is None:
            renderer, media_type = super().perform_content_negotiation(request, force)
            found = (type(renderer), media_type)
            if len(_negotiated) < 512:  # Accept headers are the client's to vary
                _negotiated[key] = found
        renderer_class, media_type = found
        return renderer_class(), media_type


_negotiated: dict[tuple, tuple[type, str]] = {}


SCHEMA_SETTINGS = {
    "TITLE": TITLE,
    "DESCRIPTION": DESCRIPTION,
    "OAS_VERSION": "3.1.0",
    "PREPROCESSING_HOOKS": ["api.schema.only_delivery_api"],
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.served_and_public",
    ],
    "COMPONENT_SPLIT_REQUEST": False,
    "TAGS": [
        {"name": "articles", "description": "Live articles: listings and details."},
        {"name": "locales", "description": "The content locales."},
        {"name": "topics", "description": "Topics, with their article counts."},
        {"name": "sync", "description": "Delta sync for apps that read offline."},
        {"name": "preview", "description": "Drafts, for the CMS's Preview button."},
    ],
}


def schema_settings() -> dict:
    return {**SCHEMA_SETTINGS, "VERSION": package_version()}


def delivery_openapi(request=None) -> dict:
    """The OpenAPI document of the delivery API, as the schema view serves it."""
    with patched_settings(schema_settings()):
        return SchemaGenerator().get_schema(request=request, public=True)


class DeliverySchemaView(CorsMixin, SpectacularAPIView):
    """The OpenAPI document of the delivery API alone, with the API's own settings
    (title, version of the installed package, OpenAPI 3.1)."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [DeliveryRateThrottle]

    @delivery_schema(exclude=True)
    def get(self, request, *args, **kwargs):
        self.custom_settings = schema_settings()
        return super().get(request, *args, **kwargs)

    def get_exception_handler(self):
        return exception_handler
