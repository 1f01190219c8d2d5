"""The translation memory: every segment translation a medical reviewer approved, with
where it was used, so that the same sentence is not translated (and reviewed) twice.
Filled by the translation app when a review is approved (`articles.translation.
memory`); nothing else writes to it but imports from agencies' files."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MemoryUnit(models.Model):
    class Origin(models.TextChoices):
        REVIEW = "review", _("Medical review")
        IMPORT = "import", _("Imported file")

    source_locale = models.ForeignKey(
        "wagtailcore.Locale", on_delete=models.CASCADE, related_name="+"
    )
    target_locale = models.ForeignKey(
        "wagtailcore.Locale", on_delete=models.CASCADE, related_name="+"
    )
    # wagtail-localize's segment text: inline HTML (`Take <b>5 mg</b>`).
    source_text = models.TextField(_("source"))
    target_text = models.TextField(_("translation"))
    # Digests of the normalised source text, and of its neighbours' (in-context
    # matches: the same sentence between the same sentences).
    source_key = models.CharField(max_length=32)
    previous_key = models.CharField(max_length=32, blank=True)
    next_key = models.CharField(max_length=32, blank=True)
    target_key = models.CharField(max_length=32)
    translation_key = models.UUIDField(_("article"), null=True, blank=True)
    section_anchor = models.CharField(_("section"), max_length=255, blank=True)
    origin = models.CharField(
        _("origin"), max_length=20, choices=Origin.choices, default=Origin.REVIEW
    )
    approved_at = models.DateTimeField(_("approved at"), default=timezone.now)

    class Meta:
        verbose_name = _("translation memory unit")
        verbose_name_plural = _("translation memory units")
        indexes = [
            models.Index(
                fields=["source_locale", "target_locale", "source_key"],
                name="memory_exact_lookup",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "source_locale",
                    "target_locale",
                    "source_key",
                    "previous_key",
                    "next_key",
                    "target_key",
                ],
                name="one_memory_unit_per_use",
            )
        ]

    def __str__(self) -> str:
        return self.source_text[:60]


class MemoryToken(models.Model):
    """A word (or, in Chinese and Japanese, a pair of characters) of a unit's source:
    the index fuzzy matches are found through, per language pair."""

    unit = models.ForeignKey(
        MemoryUnit, on_delete=models.CASCADE, related_name="tokens"
    )
    # Indexed only as the start of the lookup index below: an index of their own
    # would lure SQLite's planner into reading every token of a language.
    source_locale = models.ForeignKey(
        "wagtailcore.Locale", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    target_locale = models.ForeignKey(
        "wagtailcore.Locale", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    token = models.BigIntegerField()  # a stable 64-bit digest of the token

    class Meta:
        indexes = [
            # With the unit: postings are read from the index alone.
            models.Index(
                fields=["source_locale", "target_locale", "token", "unit"],
                name="memory_token_lookup",
            )
        ]

    def __str__(self) -> str:
        return f"{self.token} in {self.unit_id}"


class MemoryTokenCount(models.Model):
    """How many units of a language pair hold a token: lookups start from the rarest
    tokens of a segment, whose units are few. Kept approximately (concurrent
    approvals may both count from the same value); it only orders the search."""

    # Indexed only as the start of the lookup index below: an index of their own
    # would lure SQLite's planner into reading every token of a language.
    source_locale = models.ForeignKey(
        "wagtailcore.Locale", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    target_locale = models.ForeignKey(
        "wagtailcore.Locale", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    token = models.BigIntegerField()
    units = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["source_locale", "target_locale", "token"],
                name="one_count_per_token",
            )
        ]

    def __str__(self) -> str:
        return f"{self.token}: {self.units}"
