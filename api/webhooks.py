"""Webhooks: tell subscribers about publishing events with signed POST requests,
delivered by a background worker so that no subscriber can slow down publishing.

Signature: the Standard Webhooks specification (standardwebhooks.com), so receivers
check it with that project's library in their language. `webhook-id` is the delivery's
id, the same on every retry (receivers drop repeats by it); `webhook-timestamp` is the
attempt's time in seconds; `webhook-signature` is `v1,<base64 HMAC-SHA256>` of
`<id>.<timestamp>.<body>`, keyed with the bytes the subscription's `whsec_` secret
encodes.

Until CMS_WEBHOOK_LEGACY_SIGNATURE is turned off, the headers subscribers checked
before are sent as well: `X-CMS-Signature: sha256=<hex>`, the HMAC-SHA256 of
`<X-CMS-Timestamp>.<body>` with the same key. Secrets from before were moved to the
`whsec_` form by encoding their text (migration 0005), so the key, and this header,
are byte for byte what they were."""

import base64
import hashlib
import hmac
import json
import logging
import time
import uuid
from datetime import timedelta

import requests
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from articles.links import page_path
from articles.locales import default_language_code

from .background import in_background
from .models import WebhookDelivery, WebhookSubscription

logger = logging.getLogger(__name__)
EVENTS = (
    "article.published",
    "article.unpublished",
    "article.deleted",
    "translation.published",
)


def event_payload(event: str, page, *, path: str | None = None) -> dict:
    return {
        "event": event,
        "id": page.pk,
        "locale": page.locale.language_code,
        "translation_key": str(page.translation_key),
        "slug": page.slug,
        "path": page_path(page) if path is None else path,
        "time": timezone.now().isoformat(),
    }


def published_event(page) -> str:
    return (
        "article.published"
        if page.locale.language_code == default_language_code()
        else "translation.published"
    )


def notify(event: str, payload: dict) -> None:
    """Queue one delivery per interested subscriber, once the change is committed."""

    def enqueue() -> None:
        for subscription in WebhookSubscription.objects.filter(is_active=True):
            if subscription.wants(event, payload["locale"]):
                in_background(deliver_webhook).enqueue(
                    subscription.pk, event, payload, str(uuid.uuid4()), 1
                )

    transaction.on_commit(enqueue)


def standard_signature(
    key: bytes, *, message_id: str, timestamp: str, body: bytes
) -> str:
    signed = f"{message_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.digest(key, signed, "sha256")).decode()


def legacy_signature(key: bytes, *, timestamp: str, body: bytes) -> str:
    mac = hmac.new(key, timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def sends_legacy_signature() -> bool:
    return getattr(settings, "CMS_WEBHOOK_LEGACY_SIGNATURE", True)


def signature_headers(
    subscription: WebhookSubscription,
    *,
    event: str,
    delivery_id: str,
    timestamp: str,
    body: bytes,
) -> dict[str, str]:
    """The signing headers of one attempt: Standard Webhooks', and the legacy ones
    while the setting keeps them."""
    key = subscription.signing_key()
    headers = {
        "webhook-id": delivery_id,
        "webhook-timestamp": timestamp,
        "webhook-signature": standard_signature(
            key, message_id=delivery_id, timestamp=timestamp, body=body
        ),
    }
    if sends_legacy_signature():
        headers |= {
            "X-CMS-Event": event,
            "X-CMS-Delivery": delivery_id,
            "X-CMS-Timestamp": timestamp,
            "X-CMS-Signature": legacy_signature(key, timestamp=timestamp, body=body),
        }
    return headers


def retry_delay(attempt: int) -> timedelta:
    """Exponential backoff: base, 2x base, 4x base... after attempts 1, 2, 3..."""
    base = getattr(settings, "CMS_WEBHOOK_RETRY_BASE_SECONDS", 30)
    return timedelta(seconds=base * 2 ** (attempt - 1))


def post_signed(
    subscription: WebhookSubscription, *, event: str, delivery_id: str, body: bytes
) -> tuple[int | None, str]:
    """One attempt: the response's status (None without one), and the error ("" for
    none)."""
    try:
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "medical-articles-cms/webhooks",
            **signature_headers(
                subscription,
                event=event,
                delivery_id=delivery_id,
                timestamp=str(int(time.time())),
                body=body,
            ),
        }
    except ValueError:
        # A secret saved around the admin's validation: failed like any attempt, so
        # that fixing the secret before the next one is enough.
        return None, "The subscription's secret is not of the form whsec_<base64>."
    try:
        response = requests.post(
            subscription.url,
            data=body,
            headers=headers,
            timeout=getattr(settings, "CMS_WEBHOOK_TIMEOUT_SECONDS", 5),
            allow_redirects=False,
        )
    except requests.RequestException as exc:
        return None, f"{type(exc).__name__}: {exc}"[:1000]
    if not 200 <= response.status_code < 300:
        return (
            response.status_code,
            f"HTTP {response.status_code}: {response.text[:500]}",
        )
    return response.status_code, ""


@task()
def deliver_webhook(
    subscription_id: int, event: str, payload: dict, delivery_id: str, attempt: int
) -> None:
    subscription = WebhookSubscription.objects.filter(pk=subscription_id).first()
    if subscription is None or not subscription.is_active:
        return
    body = json.dumps(payload, cls=DjangoJSONEncoder, separators=(",", ":")).encode()
    started = time.monotonic()
    status_code, error = post_signed(
        subscription, event=event, delivery_id=delivery_id, body=body
    )
    duration_ms = int((time.monotonic() - started) * 1000)

    max_attempts = getattr(settings, "CMS_WEBHOOK_MAX_ATTEMPTS", 6)
    next_attempt_at = None
    if not error:
        status = WebhookDelivery.Status.SUCCEEDED
    elif attempt < max_attempts:
        status = WebhookDelivery.Status.FAILED
        next_attempt_at = timezone.now() + retry_delay(attempt)
        in_background(deliver_webhook).using(run_after=next_attempt_at).enqueue(
            subscription_id, event, payload, delivery_id, attempt + 1
        )
    else:
        status = WebhookDelivery.Status.GAVE_UP
    if error:
        logger.warning("Webhook %s to %s failed: %s", event, subscription.url, error)
    WebhookDelivery.objects.create(
        subscription=subscription,
        delivery_id=delivery_id,
        event=event,
        payload=payload,
        attempt=attempt,
        status=status,
        response_status=status_code,
        error=error,
        duration_ms=duration_ms,
        next_attempt_at=next_attempt_at,
    )
