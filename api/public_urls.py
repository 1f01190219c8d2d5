"""The absolute URLs the API returns, and where their bases come from.

Patients read the front end, so an article's public URLs (canonical, alternates,
`json_ld.url`, `translations[].url`) follow the site's front-end URL template
(Settings > Headless front end, else `CMS_FRONTEND_URL_TEMPLATE`; placeholders
`{locale}`, `{slug}`, `{path}`), falling back to the CMS's own pages.

A document is built at publish by whichever process publishes (the admin, the
worker, a command), which cannot know the host and port readers use. So it stores
media URLs and the CMS's own page URLs under reserved hosts (RFC 2606 `.invalid`,
which no real URL can have, and which pass sanitisers as ordinary https URLs: rich
text's document links included), and each response swaps them for their bases:
`CMS_MEDIA_BASE_URL` for media, else the request's own scheme and host. The swap is
a string replacement on the stored JSON text, not a rebuild.
"""

from __future__ import annotations

import string
from typing import TypeVar
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

MEDIA_MARK = "https://media.invalid"
SITE_MARK = "https://site.invalid"

# Stored JSON as text, or as its UTF-8 bytes (listings splice bytes).
Text = TypeVar("Text", str, bytes)

PLACEHOLDERS = frozenset({"locale", "slug", "path"})


def validate_frontend_url_template(template: str) -> None:
    """An http(s) URL with no placeholder but {locale}, {slug} and {path}."""
    if not template:
        return
    try:
        names = {
            name for _text, name, _spec, _conv in string.Formatter().parse(template)
        }
    except ValueError as error:
        raise ValidationError(
            _("The template has an unmatched brace: %(error)s"),
            params={"error": error},
            code="invalid_template",
        ) from error
    unknown = sorted(name for name in names - PLACEHOLDERS if name is not None)
    if unknown:
        raise ValidationError(
            _("Unknown placeholder(s) %(names)s: use {locale}, {slug} or {path}."),
            params={"names": ", ".join("{" + name + "}" for name in unknown)},
            code="invalid_template",
        )
    parts = urlsplit(template.replace("{", "").replace("}", ""))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValidationError(
            _("The template must be an absolute http(s) URL, e.g. %(example)s."),
            params={"example": "https://www.hospital.example{path}"},
            code="invalid_template",
        )


def public_page_url(template: str, *, locale: str, slug: str, path: str) -> str:
    """A page's public URL: the front end's, or the CMS's own (marked)."""
    if not template:
        return SITE_MARK + path
    return template.format(
        locale=quote(locale), slug=quote(slug), path=quote(path, safe="/")
    )


def with_absolute_urls(text: Text, request: HttpRequest) -> Text:
    """The stored JSON (text, or its UTF-8 bytes) with its marked URLs made absolute
    for this request."""
    if (b".invalid" if isinstance(text, bytes) else ".invalid") not in text:
        return text
    origin = request.build_absolute_uri("/")[:-1]  # the scheme and host, checked once
    media = (getattr(settings, "CMS_MEDIA_BASE_URL", "") or origin).rstrip("/")
    if isinstance(text, bytes):
        return text.replace(MEDIA_MARK.encode(), media.encode()).replace(
            SITE_MARK.encode(), origin.encode()
        )
    return text.replace(MEDIA_MARK, media).replace(SITE_MARK, origin)
