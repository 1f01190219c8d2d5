"""Webhook signatures in the Standard Webhooks format, checked with its own Python
library; the legacy X-CMS-Signature header, kept for existing subscribers until a
setting turns it off; and the migration of their secrets to the `whsec_` form."""

import base64
import hashlib
import hmac
import importlib
import json
import time
from datetime import UTC, datetime

import pytest
from django.apps import apps
from django.urls import reverse
from standardwebhooks import Webhook

from api.models import WebhookDelivery, WebhookSubscription
from api.webhooks import standard_signature
from tests.background import run_background_tasks

pytestmark = pytest.mark.django_db

migration = importlib.import_module("api.migrations.0005_webhook_standard_secrets")


def lower(headers: dict) -> dict:
    return {name.lower(): value for name, value in headers.items()}


def legacy_hmac(key: bytes, request) -> str:
    timestamp = lower(request.headers)["x-cms-timestamp"]
    mac = hmac.new(key, f"{timestamp}.".encode() + request.body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def test_deliveries_verify_with_the_standard_webhooks_library(receiver, published):
    subscription = WebhookSubscription.objects.create(name="App", url=receiver.url)
    page = published(slug="stem-cells")
    run_background_tasks()
    [request] = receiver.requests
    payload = Webhook(subscription.secret).verify(request.body, request.headers)
    assert (payload["event"], payload["id"]) == ("article.published", page.pk)
    headers = lower(request.headers)
    assert headers["webhook-signature"].startswith("v1,")
    assert abs(int(headers["webhook-timestamp"]) - time.time()) < 60
    assert headers["webhook-id"] == str(WebhookDelivery.objects.get().delivery_id)


def test_a_delivery_keeps_its_webhook_id_on_every_retry(receiver, published, settings):
    settings.CMS_WEBHOOK_RETRY_BASE_SECONDS = 0  # retries are due at once
    settings.CMS_WEBHOOK_MAX_ATTEMPTS = 2
    subscription = WebhookSubscription.objects.create(name="App", url=receiver.url)
    receiver.mode = "error"
    published(slug="a")
    run_background_tasks()
    assert len(receiver.requests) == 2
    assert len({lower(r.headers)["webhook-id"] for r in receiver.requests}) == 1
    for request in receiver.requests:  # each attempt is signed afresh
        Webhook(subscription.secret).verify(request.body, request.headers)


def test_the_legacy_header_is_sent_too_by_default(receiver, published):
    subscription = WebhookSubscription.objects.create(name="App", url=receiver.url)
    published(slug="a")
    run_background_tasks()
    [request] = receiver.requests
    headers = lower(request.headers)
    assert headers["x-cms-signature"] == legacy_hmac(
        subscription.signing_key(), request
    )
    assert headers["x-cms-timestamp"] == headers["webhook-timestamp"]
    assert headers["x-cms-delivery"] == headers["webhook-id"]
    assert headers["x-cms-event"] == "article.published"


def test_turning_the_legacy_setting_off_sends_only_standard_headers(
    receiver, published, settings
):
    settings.CMS_WEBHOOK_LEGACY_SIGNATURE = False
    subscription = WebhookSubscription.objects.create(name="App", url=receiver.url)
    published(slug="a")
    run_background_tasks()
    [request] = receiver.requests
    assert not [name for name in lower(request.headers) if name.startswith("x-cms-")]
    Webhook(subscription.secret).verify(request.body, request.headers)


def test_a_migrated_secret_signs_both_headers_with_its_old_key(receiver, published):
    old = "Kc9-old_secret-from-before"  # token_urlsafe, as secrets used to be made
    subscription = WebhookSubscription.objects.create(
        name="Old app", url=receiver.url, secret=old
    )
    migration.to_standard_form(apps, None)
    subscription.refresh_from_db()
    assert subscription.secret == "whsec_" + base64.b64encode(old.encode()).decode()
    published(slug="a")
    run_background_tasks()
    [request] = receiver.requests
    # Byte for byte what the subscriber checked before, with the secret it holds.
    assert lower(request.headers)["x-cms-signature"] == legacy_hmac(
        old.encode(), request
    )
    Webhook(subscription.secret).verify(request.body, request.headers)


@pytest.mark.parametrize(
    "old", ["plain", "non-ASCII 비밀", "whsec_was-already-text", "a" * 200]
)
def test_the_migration_is_reversible_for_every_old_secret(old):
    new = migration.standard_form(old)
    assert len(new) <= WebhookSubscription._meta.get_field("secret").max_length
    assert migration.legacy_form(new) == old


def test_going_back_leaves_secrets_made_after_the_migration_as_they_are():
    random_key = "whsec_" + base64.b64encode(b"\xff" * 32).decode()
    assert migration.legacy_form(random_key) == random_key


def test_new_subscriptions_get_a_random_32_byte_whsec_secret():
    one, two = (
        WebhookSubscription.objects.create(name=name, url="https://example.org/h")
        for name in ("one", "two")
    )
    assert one.secret.startswith("whsec_")
    assert len(one.signing_key()) == 32
    assert one.secret != two.secret


def test_our_signature_is_the_libraries_own():
    secret = "whsec_" + base64.b64encode(b"k" * 32).decode()
    body = json.dumps({"event": "article.published"}).encode()
    ours = standard_signature(
        base64.b64decode(secret[6:]), message_id="d1", timestamp="1700000000", body=body
    )
    theirs = Webhook(secret).sign(
        msg_id="d1",
        timestamp=datetime.fromtimestamp(1700000000, tz=UTC),
        data=body.decode(),
    )
    assert ours == theirs


def test_a_secret_saved_around_validation_fails_the_attempt_visibly(
    receiver, published
):
    WebhookSubscription.objects.create(name="App", url=receiver.url, secret="plain")
    published(slug="a")
    run_background_tasks()
    assert receiver.requests == []
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed"  # retried: fixing the secret is enough
    assert "whsec_" in delivery.error


def subscriber_form(secret: str, **fields) -> dict:
    return {"name": "X", "url": "https://example.org/h", "secret": secret} | fields


def test_the_subscriber_form_offers_a_fresh_whsec_secret(admin_client_logged_in):
    response = admin_client_logged_in.get(reverse("webhooksubscription:add"))
    assert 'value="whsec_' in response.content.decode()


@pytest.mark.parametrize(
    ("secret", "error"),
    [
        ("my-password", "of the form whsec_"),
        ("whsec_not base64!", "of the form whsec_"),
        ("whsec_" + base64.b64encode(b"short").decode(), "at least 24 random bytes"),
    ],
)
def test_the_subscriber_form_refuses_secrets_receivers_cannot_use(
    admin_client_logged_in, secret, error
):
    response = admin_client_logged_in.post(
        reverse("webhooksubscription:add"), subscriber_form(secret)
    )
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not WebhookSubscription.objects.exists()


def test_the_subscriber_form_accepts_a_whsec_secret_with_or_without_padding(
    admin_client_logged_in,
):
    unpadded = "whsec_" + base64.b64encode(bytes(range(32))).decode().rstrip("=")
    response = admin_client_logged_in.post(
        reverse("webhooksubscription:add"), subscriber_form(unpadded)
    )
    assert response.status_code == 302
    assert WebhookSubscription.objects.get().signing_key() == bytes(range(32))


def test_a_short_migrated_secret_does_not_block_other_edits(admin_client_logged_in):
    subscription = WebhookSubscription.objects.create(
        name="Old app", url="https://example.org/h", secret="short"
    )
    migration.to_standard_form(apps, None)
    subscription.refresh_from_db()
    response = admin_client_logged_in.post(
        reverse("webhooksubscription:edit", args=[subscription.pk]),
        subscriber_form(subscription.secret, name="Renamed"),
    )
    assert response.status_code == 302
    subscription.refresh_from_db()
    assert (subscription.name, subscription.signing_key()) == ("Renamed", b"short")
