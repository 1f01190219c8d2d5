"""Releases: a change to an article held back so that its translations go live with it.

While a release is open, medical review's approval of the article (its source) holds
the approved revision instead of publishing it; translators translate that revision,
and approvals of their translations are held too. Publishing the release puts the
source and the chosen translations live in one transaction (`articles.releases`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Release(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        PUBLISHED = "published", _("Published")
        CANCELLED = "cancelled", _("Cancelled")

    source_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="releases",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    # The source revision medical review approved for this release (None until then).
    source_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("approved revision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_held_at = models.DateTimeField(_("source approved at"), null=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("opened at"), default=timezone.now)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True)
    # Language codes published with the source, in the order chosen.
    published_locales = models.JSONField(default=list, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("release")
        verbose_name_plural = _("releases")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_page"],
                condition=Q(status="open"),
                name="one_open_release_per_article",
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_page_id} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class HeldTranslation(models.Model):
    """A translation's revision that medical review approved for a release: published
    when the release is, in the locales chosen then."""

    release = models.ForeignKey(
        Release, on_delete=models.CASCADE, related_name="held_translations"
    )
    page = models.ForeignKey(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", on_delete=models.CASCADE, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_by_name = models.CharField(max_length=255, blank=True)
    approved_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("translation held for a release")
        verbose_name_plural = _("translations held for a release")
        constraints = [
            models.UniqueConstraint(
                fields=["release", "page"], name="one_held_revision_per_page"
            )
        ]

    def __str__(self) -> str:
        return f"{self.page_id} in release {self.release_id}"
