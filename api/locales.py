"""Which locale a request asks for: `?locale=`, else `Accept-Language`, else the
default. Codes match regardless of case and `_` or `-` (zh-hans, zh-Hans, zh_Hans)."""

from dataclasses import dataclass

from django.utils.translation.trans_real import parse_accept_lang_header
from rest_framework.exceptions import ValidationError

from articles.locales import content_language_codes, default_language_code


@dataclass(frozen=True)
class RequestedLocale:
    code: str
    # True when the choice came from Accept-Language: responses then vary on it.
    negotiated: bool


def match_locale(raw: str) -> str | None:
    """The enabled locale `raw` names, or None."""
    candidate = raw.strip().replace("_", "-").lower()
    enabled = content_language_codes()
    if candidate in enabled:
        return candidate
    # A regional tag (ko-KR, ar-EG) matches its language when that is enabled.
    language = candidate.split("-")[0]
    return language if language in enabled else None


def negotiate(accept_language: str) -> str | None:
    """The best enabled locale for an Accept-Language header, honouring q-values.
    Django's parser ignores headers longer than 500 characters."""
    for code, _quality in parse_accept_lang_header(accept_language):
        if code == "*":
            return default_language_code()
        match = match_locale(code)
        if match:
            return match
    return None


MAX_ACCEPT_LANGUAGE = 500  # Django ignores longer headers; we say so instead


def resolve_locale(raw: str | None, accept_language: str) -> RequestedLocale:
    """The locale for a `?locale=` value (None when absent) and an Accept-Language
    header."""
    if len(accept_language) > MAX_ACCEPT_LANGUAGE:
        raise ValidationError(
            {
                "Accept-Language": [
                    f"The header is longer than {MAX_ACCEPT_LANGUAGE} characters."
                ]
            },
            code="header_too_long",
        )
    if raw is not None:
        code = match_locale(raw)
        if code is None:
            raise ValidationError(
                {
                    "locale": [
                        f"Unknown locale {raw[:40]!r}. Supported: "
                        + ", ".join(content_language_codes())
                        + "."
                    ]
                },
                code="unknown_locale",
            )
        return RequestedLocale(code, negotiated=False)
    return RequestedLocale(
        negotiate(accept_language) or default_language_code(), negotiated=True
    )


def requested_locale(request) -> RequestedLocale:
    """For DRF requests and plain Django requests alike."""
    params = getattr(request, "query_params", None) or request.GET
    return resolve_locale(
        params.get("locale"), request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    )
