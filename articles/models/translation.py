"""What the translation workflow remembers beyond wagtail-localize's own tables: how far
each translation has drifted from its source, and which kept segment translations wait
for a translator to confirm them."""

from django.db import models
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
