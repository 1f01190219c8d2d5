"""What the translation workflow remembers beyond wagtail-localize's own tables: how far
each translation has drifted from its source, which kept segment translations wait
for a translator to confirm them, and which quality-check findings a translator
overrode, and why."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TranslationDrift(models.Model):
    """A translation whose source was published with changes since the translation last
    caught up. Deleted when the translation is brought back in step."""

    translation = models.OneToOneField(
        "wagtail_localize.Translation",
        on_delete=models.CASCADE,
        related_name="drift",
    )
    source_changed_at = models.DateTimeField(
        help_text=_("When the source was first published with changes not yet synced.")
    )
    changed_segments = models.PositiveIntegerField(default=0)
    # Anchors of the body sections whose segments changed, in body order; fields
    # outside the body (title, summary...) are listed by field name.
    changed_sections = models.JSONField(default=list, blank=True)
    # What readers are told: every section the source changed in since the live
    # translation was made, in body order. Unlike `changed_sections` (what the
    # translator has left), it does not shrink as a draft catches up.
    outdated_sections = models.JSONField(default=list, blank=True)
    # Set while the source change is held in a release, not yet live: the translator
    # has work to do, but readers are not told the translation is outdated.
    release = models.ForeignKey(
        "articles.Release",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="drifts",
    )

    class Meta:
        verbose_name = _("translation drift")

    def __str__(self) -> str:
        return f"{self.translation}: {self.changed_segments} segment(s) changed"


class StaleSegmentTranslation(models.Model):
    """A segment translation carried over from an earlier version of its source text,
    kept (where wagtail-localize would drop it) until a translator reviews it."""

    translation = models.ForeignKey(
        "wagtail_localize.Translation",
        on_delete=models.CASCADE,
        related_name="stale_segments",
    )
    string_translation = models.OneToOneField(
        "wagtail_localize.StringTranslation",
        on_delete=models.CASCADE,
        related_name="staleness",
    )
    previous_source_text = models.TextField()
    section_anchor = models.CharField(max_length=255, blank=True)
    flagged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("segment translation awaiting review")
        verbose_name_plural = _("segment translations awaiting review")

    def __str__(self) -> str:
        return f"{self.translation}: {self.previous_source_text[:40]}"


class QualityOverride(models.Model):
    """A translator's decision that a quality-check finding does not apply to one
    segment's translation, with their reason. It holds only for the translated text
    it was made for (`target_hash`): a changed translation is checked afresh. Shown to
    the medical reviewer; kept when the translator's account goes (their name stays)."""

    translation = models.ForeignKey(
        "wagtail_localize.Translation",
        on_delete=models.CASCADE,
        related_name="quality_overrides",
    )
    segment_id = models.CharField(
        _("segment"), max_length=512, help_text=_("The segment's XLIFF unit id.")
    )
    check_code = models.CharField(_("check"), max_length=50)
    # Which finding of that check ("5 mg"): one override holds for one finding.
    detail = models.CharField(max_length=255, blank=True)
    target_hash = models.CharField(max_length=64)
    reason = models.TextField(_("reason"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    user_name = models.CharField(_("by"), max_length=255)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("quality check override")
        verbose_name_plural = _("quality check overrides")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["translation", "segment_id"])]

    def __str__(self) -> str:
        return f"{self.check_code} on {self.segment_id}: {self.reason[:40]}"
