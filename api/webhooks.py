"""Webhooks: tell subscribers about publishing events with signed POST requests,
delivered by a background worker so that no subscriber can slow down publishing.

Signature: `X-CMS-Signature: sha256=<hex>` is the HMAC-SHA256, keyed with the
subscription's secret, of `<X-CMS-Timestamp>.<body>`; receivers should refuse
timestamps older than a few minutes (replay)."""

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


def signature(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def retry_delay(attempt: int) -> timedelta:
    """Exponential backoff: base, 2x base, 4x base... after attempts 1, 2, 3..."""
    base = getattr(settings, "CMS_WEBHOOK_RETRY_BASE_SECONDS", 30)
    return timedelta(seconds=base * 2 ** (attempt - 1))


@task()
def deliver_webhook(
    subscription_id: int, event: str, payload: dict, delivery_id: str, attempt: int
) -> None:
    subscription = WebhookSubscription.objects.filter(pk=subscription_id).first()
    if subscription is None or not subscription.is_active:
        return
    body = json.dumps(payload, cls=DjangoJSONEncoder, separators=(",", ":")).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "medical-articles-cms/webhooks",
        "X-CMS-Event": event,
        "X-CMS-Delivery": delivery_id,
        "X-CMS-Timestamp": timestamp,
        "X-CMS-Signature": signature(subscription.secret, timestamp, body),
    }
    started = time.monotonic()
    status_code, error = None, ""
    try:
        response = requests.post(
            subscription.url,
            data=body,
            headers=headers,
            timeout=getattr(settings, "CMS_WEBHOOK_TIMEOUT_SECONDS", 5),
            allow_redirects=False,
        )
        status_code = response.status_code
        if not 200 <= status_code < 300:
            error = f"HTTP {status_code}: {response.text[:500]}"
    except requests.RequestException as exc:
        error = f"{type(exc).__name__}: {exc}"[:1000]
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
