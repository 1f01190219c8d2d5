"""The OpenAPI description of what the API takes and returns. The JSON itself comes
from the blocks and serializers; these classes only describe it, so that app developers
can generate typed clients (content blocks are a union discriminated by `type`). The
parameters' bounds and patterns are the ones `api.params` enforces."""

from django.conf import settings
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    PolymorphicProxySerializer,
)
from rest_framework import serializers

from articles.locales import MAX_TAG_LENGTH, content_language_codes

from . import schema_examples as examples
from .locales import MAX_ACCEPT_LANGUAGE
from .params import (
    MAX_PAGE_SIZE,
    MAX_TOKEN_LENGTH,
    SIGNED_VALUE_PATTERN,
    SLUG_PATTERN,
    locale_pattern,
)
from .schema_blocks import CONTENT_BLOCK_SCHEMAS, type_field


def only_delivery_api(endpoints: list, **kwargs) -> list:
    """The OpenAPI document describes this API only, not Wagtail's admin APIs."""
    return [endpoint for endpoint in endpoints if endpoint[0].startswith("/api/v1/")]


def server_url(request=None) -> str:
    """Where clients reach the API: its public (CDN) URL when set, else the scheme
    and host the document was asked from, else the CMS's (as `api.invalidation`)."""
    if getattr(settings, "CMS_API_PUBLIC_URL", ""):
        return settings.CMS_API_PUBLIC_URL.rstrip("/")
    if request is not None:
        return request.build_absolute_uri("/").rstrip("/")
    return getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")


def served_and_public(result: dict, generator, request, public: bool) -> dict:
    """Lists the server, and says that every operation is public with an empty list
    of security requirements, where drf-spectacular writes `[{}]` ("anonymous
    allowed") for views open to anyone."""
    if url := server_url(request):
        result["servers"] = [{"url": url}]
    for operations in result["paths"].values():
        for operation in operations.values():
            operation["security"] = []
    return result


ContentBlocks = PolymorphicProxySerializer(
    component_name="ContentBlock",
    serializers=CONTENT_BLOCK_SCHEMAS,
    resource_type_field_name="type",
    many=True,
)


class SectionSerializer(serializers.Serializer):
    type = type_field("section")
    id = serializers.UUIDField()
    anchor = serializers.CharField(help_text="The same in every locale.")
    heading = serializers.CharField()
    level = serializers.ChoiceField(choices=[2, 3])
    content = ContentBlocks


class TocSubsectionSerializer(serializers.Serializer):
    anchor = serializers.CharField()
    heading = serializers.CharField()
    level = serializers.ChoiceField(choices=[2, 3])
    children = serializers.ListField(child=serializers.DictField(), max_length=0)


class TocEntrySerializer(serializers.Serializer):
    anchor = serializers.CharField()
    heading = serializers.CharField()
    level = serializers.ChoiceField(choices=[2, 3])
    children = TocSubsectionSerializer(many=True)


class ReferenceSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    citation = serializers.CharField()
    url = serializers.CharField(allow_blank=True)
    doi = serializers.CharField(allow_blank=True)
    doi_url = serializers.CharField(allow_blank=True)
    pmid = serializers.CharField(allow_blank=True)
    pubmed_url = serializers.CharField(allow_blank=True)


class AlternateSerializer(serializers.Serializer):
    hreflang = serializers.CharField(help_text="BCP 47, e.g. zh-Hans, or x-default")
    href = serializers.URLField()


class SeoSerializer(serializers.Serializer):
    title = serializers.CharField()
    description = serializers.CharField(allow_blank=True)
    canonical_url = serializers.URLField()
    alternates = AlternateSerializer(many=True)


class ErrorDetailSerializer(serializers.Serializer):
    code = serializers.CharField()
    message = serializers.CharField()
    details = serializers.JSONField(help_text="Per-parameter messages, when any.")


class ErrorSerializer(serializers.Serializer):
    error = ErrorDetailSerializer()


# Parameters and responses the views share. Bounds and patterns are the ones the
# parameter serializers enforce (`api.params`), so that a client generated from the
# document (or a fuzzer) knows what will be accepted.
TOKEN_SCHEMA = {
    "type": "string",
    "maxLength": MAX_TOKEN_LENGTH,
    "pattern": SIGNED_VALUE_PATTERN,
}
PAGE_SIZE_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE}
SLUG_SCHEMA = {"type": "string", "pattern": SLUG_PATTERN}


def locale_schema() -> dict:
    """A BCP 47 tag of a content language, which resolves to a content locale (zh-TW
    to zh-hant); the examples are the content locales themselves."""
    return {
        "type": "string",
        "maxLength": MAX_TAG_LENGTH,
        "pattern": locale_pattern(),
        "examples": content_language_codes(),
    }


LOCALE_PARAMETERS = [
    OpenApiParameter(
        "locale",
        locale_schema(),
        description="A content locale (GET /locales/) or any BCP 47 language tag of "
        "a content language, resolved to the content locale of its language and "
        "script: zh-CN, zh-SG and zh-Hans-* give zh-hans, zh-TW, zh-HK and zh-Hant-* "
        "zh-hant, ko-KR ko. Case and `_` or `-` do not matter. Any other value is a "
        "400 `unknown_locale`. Without it, Accept-Language is negotiated the same "
        "way; without either, the default locale.",
    ),
    OpenApiParameter(
        "Accept-Language",
        {"type": "string", "maxLength": MAX_ACCEPT_LANGUAGE},
        location=OpenApiParameter.HEADER,
        description="Used when `locale` is absent; q-values are honoured.",
    ),
]


def ok(
    serializer: type[serializers.Serializer], description: str, example: dict
) -> OpenApiResponse:
    return OpenApiResponse(
        serializer, description, [OpenApiExample("From the demo", example)]
    )


def error(status: int, description: str) -> OpenApiResponse:
    """An error response, with the body that status really has. The example is in
    the schema (JSON Schema `examples`, under an `allOf` so that Redoc's sampler
    reads it instead of writing "string" for every field) rather than a named
    example: named ones are cases (the 400's unknown locale), this is the shape."""
    return OpenApiResponse(
        {
            "allOf": [{"$ref": "#/components/schemas/Error"}],
            "examples": [examples.ERRORS[status]],
        },
        description=description,
    )


ERRORS = {
    400: OpenApiResponse(
        ErrorSerializer,
        "A parameter the document does not allow; `details` names it. Sent empty, a "
        "parameter is malformed, not absent.",
        [OpenApiExample("Unknown locale", examples.UNKNOWN_LOCALE)],
    ),
    404: error(404, "Not found."),
    405: error(405, "Only GET, HEAD and OPTIONS are allowed."),
    406: error(406, "Only application/json responses are available."),
    429: error(429, "Too many requests: ask again after `Retry-After` seconds."),
    500: error(500, "Internal error. The problem has been logged."),
    503: error(
        503, "The database is unreachable: ask again after `Retry-After` seconds."
    ),
}
