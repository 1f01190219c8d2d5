"""The delivery read model: each live article's JSON, built once when it is published
and read by the API in one indexed query."""

import base64
import binascii
import secrets
import uuid
from datetime import date

from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from .public_urls import validate_frontend_url_template

NEVER_REVIEWED = date.min


class ArticleDocument(models.Model):
    """One live, public article in one locale, as the API delivers it."""

    page = models.OneToOneField(
        "wagtailcore.Page", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+"
    )
    translation_key = models.UUIDField()
    locale = models.CharField(max_length=20)
    slug = models.CharField(max_length=255)
    path = models.CharField(max_length=2048)
    title = models.CharField(max_length=255)
    first_published_at = models.DateTimeField(null=True)
    last_published_at = models.DateTimeField(null=True)
    last_reviewed = models.DateField(null=True)
    # last_reviewed, with never-reviewed articles at the start of time, so that the
    # "-last_reviewed" listing walks an index (they come last) instead of sorting.
    reviewed_sort = models.DateField(default=NEVER_REVIEWED)
    next_review_due = models.DateField(null=True)
    # current, due_soon or overdue, as of the last build: the worker rebuilds a
    # document whose status the date has changed (`api.review_states`).
    review_status = models.CharField(max_length=10, default="current")
    # Lower-cased, NFKC-normalised text for search in every script.
    search_title = models.TextField()
    search_text = models.TextField()
    listing_json = models.TextField()
    detail_json = models.TextField()
    etag = models.CharField(max_length=64)
    built_at = models.DateTimeField(auto_now=True)
    # Position in the change sequence: delta sync returns what is after a token's.
    sequence = models.BigIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["site", "locale", "slug"]),
            # An article's versions; covers "has a version in these locales?", which
            # a fallback listing asks of each article it passes over.
            models.Index(
                fields=["translation_key", "site", "locale"],
                name="api_document_versions",
            ),
            # A detail looks a slug up in any locale (links carry any version's slug).
            models.Index(fields=["slug", "site"]),
            # In each listing order. The search title and the translation key ride
            # along: a search for a title match and a fallback listing's "listed in
            # another locale already?" are answered from the index, without opening
            # the rows they pass over.
            *(
                models.Index(
                    fields=[
                        "site",
                        "locale",
                        *keys,
                        "search_title",
                        "translation_key",
                    ],
                    name=f"api_document_by_{name}",
                )
                for name, keys in [
                    ("newest", ["-first_published_at", "-page"]),
                    ("title", ["title", "page"]),
                    ("reviewed", ["-reviewed_sort", "-page"]),
                ]
            ),
            models.Index(fields=["site", "locale", "sequence"]),
        ]

    def __str__(self) -> str:
        return f"{self.locale}:{self.slug}"


class ArticleDocumentTopic(models.Model):
    document = models.ForeignKey(
        ArticleDocument, on_delete=models.CASCADE, related_name="topics"
    )
    slug = models.CharField(max_length=100)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["document", "slug"], name="unique_document_topic"
            )
        ]
        indexes = [models.Index(fields=["slug", "document"])]

    def __str__(self) -> str:
        return self.slug


class ArticleTombstone(models.Model):
    """An article that left a locale's live set (unpublished, deleted, restricted or
    moved off the site), for delta sync. Removed when the article comes back."""

    page_id = models.IntegerField()
    site = models.ForeignKey(
        "wagtailcore.Site", on_delete=models.CASCADE, related_name="+"
    )
    locale = models.CharField(max_length=20)
    translation_key = models.UUIDField()
    sequence = models.BigIntegerField()
    removed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["site", "locale", "sequence"])]
        constraints = [
            models.UniqueConstraint(
                fields=["page_id", "site"], name="unique_tombstone_page"
            )
        ]

    def __str__(self) -> str:
        return f"{self.locale}:{self.page_id} removed"


class ChangeSequence(models.Model):
    """One row whose value numbers every change to the read model. Taking the next
    number locks the row until the transaction commits, so numbers become visible in
    order and a reader never sees change n+1 before change n."""

    value = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def next(cls) -> int:
        """The next number, in one statement (three and a savepoint before: a bulk
        publish takes one per document). `UPDATE … RETURNING` is in SQLite since
        3.35 and in PostgreSQL."""
        table = connection.ops.quote_name(cls._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET value = value + 1 WHERE id = 1 RETURNING value"  # noqa: S608 - the model's own table
            )
            row = cursor.fetchone()
        if row is not None:
            return row[0]
        cls.objects.get_or_create(pk=1)  # the first change of a new database
        return cls.next()

    @classmethod
    def current(cls) -> int:
        return cls.objects.filter(pk=1).values_list("value", flat=True).first() or 0


class PreviewSnapshot(models.Model):
    """The state of an article as an editor previewed it (usually unsaved edits), read
    by the front end through a signed, expiring token. Old snapshots are removed as new
    ones are made."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    content = models.JSONField(encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"preview of page {self.page_id}"


@register_setting(icon="view")
class HeadlessPreviewSettings(BaseSiteSetting):
    preview_url = models.CharField(
        _("front-end preview URL"),
        max_length=500,
        blank=True,
        help_text=_(
            "Where the admin's Preview button sends editors, e.g. "
            "https://www.hospital.example/{locale}/preview?token={token}. "
            "Placeholders: {token}, {locale}, {slug}. Blank: the CMS's own preview."
        ),
    )
    frontend_url_template = models.CharField(
        _("front-end URL of an article"),
        max_length=500,
        blank=True,
        validators=[validate_frontend_url_template],
        help_text=_(
            "Where patients read an article, for canonical and language links in "
            "the API, e.g. https://www.hospital.example{path} or "
            "https://www.hospital.example/{locale}/articles/{slug}. Placeholders: "
            "{locale}, {slug}, {path} (with its language prefix, /ko/...). Blank: "
            "the CMS_FRONTEND_URL_TEMPLATE setting, else this CMS's own pages."
        ),
    )

    class Meta:
        verbose_name = _("headless front end")


WHSEC_PREFIX = "whsec_"
# Standard Webhooks asks for 24 to 64 random bytes; new secrets take 32.
WEBHOOK_SECRET_MIN_BYTES = 24


def new_webhook_secret() -> str:
    """A secret in the Standard Webhooks form: `whsec_` and base64 of random bytes."""
    return WHSEC_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def webhook_signing_key(secret: str) -> bytes:
    """The HMAC key a `whsec_` secret stands for, decoded as the receivers' libraries
    decode it (standard base64). Raises ValueError for anything else."""
    if not secret.startswith(WHSEC_PREFIX):
        raise ValueError("not a whsec_ secret")
    encoded = secret.removeprefix(WHSEC_PREFIX)
    try:
        # Padding is optional, as in the libraries.
        key = base64.b64decode(encoded + "=" * (-len(encoded) % 4), validate=True)
    except binascii.Error as error:
        raise ValueError("not base64") from error
    if not key:
        raise ValueError("empty key")
    return key


def validate_webhook_secret(secret: str) -> None:
    try:
        webhook_signing_key(secret)
    except ValueError as error:
        raise ValidationError(
            _("Enter a secret of the form whsec_ followed by base64, e.g. %(example)s")
            % {"example": new_webhook_secret()}
        ) from error


class WebhookSubscription(models.Model):
    """A receiver told about publishing events, by signed POST requests."""

    name = models.CharField(_("name"), max_length=100)
    url = models.URLField(_("URL"), max_length=500)
    # Long enough for a migrated secret: up to 200 characters of UTF-8, in base64.
    secret = models.CharField(
        _("secret"),
        max_length=1100,
        default=new_webhook_secret,
        validators=[validate_webhook_secret],
        help_text=_(
            "Shared with the receiver, which checks the webhook-signature header "
            "with a Standard Webhooks library."
        ),
    )
    on_article_published = models.BooleanField(_("article.published"), default=True)
    on_article_unpublished = models.BooleanField(_("article.unpublished"), default=True)
    on_article_deleted = models.BooleanField(_("article.deleted"), default=True)
    on_translation_published = models.BooleanField(
        _("translation.published"), default=True
    )
    locales = models.CharField(
        _("locales"),
        max_length=200,
        blank=True,
        help_text=_(
            "Comma-separated locale codes, e.g. ko,zh-hans. Blank: every locale."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("webhook subscription")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from articles.locales import content_language_codes

        unknown = set(self.locale_codes()) - set(content_language_codes())
        if unknown:
            raise ValidationError(
                {"locales": _("Unknown locale(s): %s") % ", ".join(sorted(unknown))}
            )
        if self._secret_is_new() and self._secret_is_short():
            # Only new secrets: a migrated one is as long as it was, and refusing it
            # would block every other edit of its subscription.
            raise ValidationError(
                {
                    "secret": _("Use at least %(n)d random bytes, e.g. %(example)s")
                    % {"n": WEBHOOK_SECRET_MIN_BYTES, "example": new_webhook_secret()}
                }
            )

    def _secret_is_new(self) -> bool:
        return not type(self).objects.filter(pk=self.pk, secret=self.secret).exists()

    def _secret_is_short(self) -> bool:
        try:
            return len(webhook_signing_key(self.secret)) < WEBHOOK_SECRET_MIN_BYTES
        except ValueError:
            return False  # the field's validator has said so already

    def signing_key(self) -> bytes:
        return webhook_signing_key(self.secret)

    def locale_codes(self) -> list[str]:
        return [
            code.strip().lower() for code in self.locales.split(",") if code.strip()
        ]

    def wants(self, event: str, locale: str) -> bool:
        flag = "on_" + event.replace(".", "_")
        codes = self.locale_codes()
        return (
            self.is_active
            and getattr(self, flag, False)
            and (not codes or locale in codes)
        )


class WebhookDelivery(models.Model):
    """One attempt to deliver one event to one subscriber."""

    class Status(models.TextChoices):
        SUCCEEDED = "succeeded", _("succeeded")
        FAILED = "failed", _("failed, will retry")
        GAVE_UP = "gave_up", _("failed, gave up")

    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    delivery_id = models.UUIDField(db_index=True)
    event = models.CharField(max_length=50)
    payload = models.JSONField(encoder=DjangoJSONEncoder)
    attempt = models.PositiveSmallIntegerField()
    status = models.CharField(max_length=20, choices=Status.choices)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)
    duration_ms = models.PositiveIntegerField(default=0)
    attempted_at = models.DateTimeField(auto_now_add=True, db_index=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery attempt")
        ordering = ["-attempted_at"]

    def __str__(self) -> str:
        return f"{self.event} to {self.subscription} #{self.attempt}: {self.status}"


class PeriodicJob(models.Model):
    """When a periodic job of the worker (`api.periodic`) runs next. A worker takes a
    run by moving `next_run_at` on with one conditional UPDATE, so that with several
    workers each run happens on one of them."""

    name = models.CharField(max_length=100, primary_key=True)
    next_run_at = models.DateTimeField()
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_finished_at = models.DateTimeField(null=True, blank=True)
    # The last run's exception, blank when it succeeded.
    last_error = models.TextField(blank=True)

    def __str__(self) -> str:
        return self.name
