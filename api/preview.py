"""Headless preview: the admin's Preview button sends the editor to the front end with
a signed, expiring token; the front end fetches the draft from /api/v1/preview/ in
exactly the detail shape. Drafts appear nowhere else."""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.http import HttpResponseRedirect
from django.utils import timezone
from rest_framework import exceptions

from articles.links import page_path

from .models import HeadlessPreviewSettings, PreviewSnapshot

SALT = "api.preview"


def token_lifetime() -> int:
    return getattr(settings, "CMS_PREVIEW_TOKEN_SECONDS", 1800)


class PreviewTokenError(exceptions.APIException):
    # Not AuthenticationFailed: DRF turns that into a 403 when no authentication
    # scheme is configured, and this API has none.
    status_code = 401


class PreviewTokenExpired(PreviewTokenError):
    default_code = "token_expired"
    default_detail = "This preview link has expired: press Preview again in the CMS."


class PreviewTokenInvalid(PreviewTokenError):
    default_code = "invalid_token"
    default_detail = "This preview token is not valid."


class PreviewWrongPage(exceptions.PermissionDenied):
    default_code = "wrong_page"
    default_detail = "This preview token is for another page."


def preview_url_template(page) -> str:
    site = page.get_site()
    if site is None:
        return ""
    return HeadlessPreviewSettings.for_site(site).preview_url or getattr(
        settings, "CMS_PREVIEW_URL", ""
    )


def headless_preview(page, request, mode_name):
    """ARTICLES_PREVIEW_HANDLER: snapshot the previewed state and redirect to the
    front end. None (the CMS's own preview) when no preview URL is configured or the
    page has never been saved."""
    template = preview_url_template(page) if page.pk else ""
    if not template:
        return None
    PreviewSnapshot.objects.filter(
        created_at__lt=timezone.now() - timedelta(seconds=token_lifetime())
    ).delete()
    snapshot = PreviewSnapshot.objects.create(
        page_id=page.pk, content=page.serializable_data()
    )
    token = signing.dumps({"s": str(snapshot.pk), "p": page.pk}, salt=SALT)
    return HttpResponseRedirect(
        template.format(token=token, locale=page.locale.language_code, slug=page.slug)
    )


def previewed_page(token: str, *, page_id: int | None = None):
    """The page as it was previewed. Expired and tampered tokens are 401s; a token
    used for another page than the one asked for is a 403."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=token_lifetime())
    except signing.SignatureExpired as error:
        raise PreviewTokenExpired() from error
    except signing.BadSignature as error:
        raise PreviewTokenInvalid() from error
    if page_id is not None and page_id != payload.get("p"):
        raise PreviewWrongPage()
    snapshot = (
        PreviewSnapshot.objects.filter(pk=payload.get("s"), page_id=payload.get("p"))
        .select_related("page")
        .first()
    )
    if snapshot is None:
        raise PreviewTokenInvalid()
    live = snapshot.page.specific
    page = live.with_content_json(snapshot.content)
    return page, page_path(live)
