"""Webhooks: signed events delivered by a background worker with retries; a slow or
dead subscriber never delays publishing."""

import base64
import hashlib
import hmac
import json
import time
from datetime import timedelta

import pytest
from django.urls import reverse

from api.models import WebhookDelivery, WebhookSubscription
from api.webhooks import retry_delay
from tests.background import run_background_tasks
from tests.factories import translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscription(receiver):
    return WebhookSubscription.objects.create(
        name="Website", url=receiver.url + "/hook"
    )


def run_worker() -> None:
    run_background_tasks()


def test_publishing_posts_a_signed_event(receiver, subscription, published):
    page = published(slug="stem-cells")
    assert receiver.requests == []  # nothing is sent while publishing
    run_worker()
    [request] = receiver.requests
    payload = json.loads(request.body)
    assert payload | {"time": None} == {
        "event": "article.published",
        "id": page.pk,
        "locale": "en",
        "translation_key": str(page.translation_key),
        "slug": "stem-cells",
        "path": "/en/stem-cells/",
        "time": None,
    }
    headers = {k.lower(): v for k, v in request.headers.items()}
    timestamp = headers["x-cms-timestamp"]
    # The legacy header is keyed with the bytes the whsec_ secret encodes.
    expected = hmac.new(
        base64.b64decode(subscription.secret.removeprefix("whsec_")),
        f"{timestamp}.".encode() + request.body,
        hashlib.sha256,
    ).hexdigest()
    assert headers["x-cms-signature"] == f"sha256={expected}"
    assert abs(int(timestamp) - time.time()) < 60
    assert headers["x-cms-event"] == "article.published"
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.response_status, delivery.attempt) == (
        "succeeded",
        200,
        1,
    )


def test_translation_unpublish_and_delete_events(
    receiver, subscription, published, locales, django_capture_on_commit_callbacks
):
    page = published(slug="a")
    with django_capture_on_commit_callbacks(execute=True):
        korean = translate(page, locales["ko"], slug="a-ko")
    with django_capture_on_commit_callbacks(execute=True):
        korean.unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    run_worker()
    events = [
        (json.loads(r.body)["event"], json.loads(r.body)["locale"])
        for r in receiver.requests
    ]
    assert events == [
        ("article.published", "en"),
        ("translation.published", "ko"),
        ("article.unpublished", "ko"),
        # Wagtail unpublishes a live page before deleting it.
        ("article.unpublished", "en"),
        ("article.deleted", "en"),
    ]


def test_subscribers_choose_events_and_locales(
    receiver, published, locales, django_capture_on_commit_callbacks
):
    WebhookSubscription.objects.create(
        name="Korean app", url=receiver.url, locales="ko", on_article_published=False
    )
    page = published(slug="a")
    with django_capture_on_commit_callbacks(execute=True):
        translate(page, locales["ko"], slug="a-ko")
    with django_capture_on_commit_callbacks(execute=True):
        translate(page, locales["ar"], slug="a-ar")
    run_worker()
    assert [json.loads(r.body)["slug"] for r in receiver.requests] == ["a-ko"]


def test_failed_deliveries_are_retried_with_backoff_then_given_up(
    receiver, subscription, published, settings
):
    settings.CMS_WEBHOOK_RETRY_BASE_SECONDS = 0  # retries are due at once
    settings.CMS_WEBHOOK_MAX_ATTEMPTS = 3
    receiver.mode = "error"
    published(slug="a")
    for _ in range(3):
        run_worker()
    attempts = list(
        WebhookDelivery.objects.order_by("attempt").values_list("attempt", "status")
    )
    assert attempts == [(1, "failed"), (2, "failed"), (3, "gave_up")]
    assert len(receiver.requests) == 3
    assert len({r.headers["X-CMS-Delivery"] for r in receiver.requests}) == 1


def test_backoff_is_exponential(settings):
    settings.CMS_WEBHOOK_RETRY_BASE_SECONDS = 30
    assert [retry_delay(n) for n in (1, 2, 3, 4)] == [
        timedelta(seconds=30),
        timedelta(seconds=60),
        timedelta(seconds=120),
        timedelta(seconds=240),
    ]


def test_a_hanging_subscriber_never_delays_publishing(
    receiver, subscription, published, settings
):
    receiver.mode = "hang"
    settings.CMS_WEBHOOK_TIMEOUT_SECONDS = 0.5
    started = time.monotonic()
    published(slug="a")
    assert time.monotonic() - started < 2  # publishing only queued the delivery
    run_worker()
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed"
    assert "Timeout" in delivery.error
    assert delivery.next_attempt_at is not None


def test_the_delivery_log_is_visible_and_read_only_in_the_admin(
    admin_client_logged_in, receiver, subscription, published
):
    published(slug="a")
    run_worker()
    index = admin_client_logged_in.get(reverse("webhookdelivery:index"))
    assert index.status_code == 200
    assert b"article.published" in index.content
    assert admin_client_logged_in.get(reverse("webhookdelivery:add")).status_code in (
        302,
        403,
    )


def test_subscriber_form_refuses_unknown_locales(admin_client_logged_in):
    response = admin_client_logged_in.post(
        reverse("webhooksubscription:add"),
        {
            "name": "X",
            "url": "https://example.org/h",
            "secret": "whsec_" + base64.b64encode(bytes(32)).decode(),
            "locales": "ko,xx",
        },
    )
    assert response.status_code == 200
    assert "Unknown locale" in response.content.decode()
    assert not WebhookSubscription.objects.exists()
