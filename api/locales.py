"""Which locale a request asks for: `?locale=`, else `Accept-Language`, else the
default. Both take BCP 47 tags, matched to content locales by
`articles.locales.content_locale_for` (zh-TW is zh-hant, ko-KR is ko); the site's
LocaleMiddleware negotiates with the same function, so pages and API agree."""

from dataclasses import dataclass

from rest_framework.exceptions import ValidationError

from articles.locales import (
    content_language_codes,
    content_locale_for,
    default_language_code,
    negotiate,
)


@dataclass(frozen=True)
class RequestedLocale:
    code: str
    # True when the choice came from Accept-Language: responses then vary on it.
    negotiated: bool


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
        # An explicit choice that matches nothing (or is no language tag) is an
        # error, not a silent default.
        code = content_locale_for(raw)
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
