"""Webhook secrets in the Standard Webhooks form, `whsec_` and the key in base64.

Each existing secret becomes `whsec_` + base64 of its own UTF-8 text, not a new random
key: the bytes the deliveries are keyed with stay the ones the X-CMS-Signature header
has always been keyed with, so existing subscribers go on verifying it unchanged, and
the new headers are signed with the same key, with nothing new to hand out. A receiver
that moves to a Standard Webhooks library is given the `whsec_` form the admin now
shows (or makes it from its old secret the same way). This holds for a secret that
already began with `whsec_`: its text was the key, and is encoded like any other.

Backwards, secrets go back to their text; one made after this migration (random bytes,
seldom valid UTF-8) is left as it is."""

import base64
import binascii

from django.db import migrations, models

import api.models

PREFIX = "whsec_"


def standard_form(secret: str) -> str:
    return PREFIX + base64.b64encode(secret.encode()).decode()


def legacy_form(secret: str) -> str:
    try:
        return base64.b64decode(secret.removeprefix(PREFIX), validate=True).decode()
    except (binascii.Error, UnicodeDecodeError):
        return secret


def to_standard_form(apps, schema_editor) -> None:
    subscriptions = apps.get_model("articles_api", "WebhookSubscription")
    for pk, secret in subscriptions.objects.values_list("pk", "secret"):
        subscriptions.objects.filter(pk=pk).update(secret=standard_form(secret))


def to_legacy_form(apps, schema_editor) -> None:
    subscriptions = apps.get_model("articles_api", "WebhookSubscription")
    for pk, secret in subscriptions.objects.values_list("pk", "secret"):
        subscriptions.objects.filter(pk=pk).update(secret=legacy_form(secret))


class Migration(migrations.Migration):
    dependencies = [("articles_api", "0004_search_trigram_index")]

    operations = [
        migrations.AlterField(
            model_name="webhooksubscription",
            name="secret",
            field=models.CharField(
                default=api.models.new_webhook_secret,
                help_text=(
                    "Shared with the receiver, which checks the webhook-signature "
                    "header with a Standard Webhooks library."
                ),
                max_length=1100,
                validators=[api.models.validate_webhook_secret],
                verbose_name="secret",
            ),
        ),
        migrations.RunPython(to_standard_form, to_legacy_form),
    ]
