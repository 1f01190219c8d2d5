"""The medical termbase: concepts, and the terms each language writes them with.

A concept ("stem cell") has, per locale, approved terms (줄기세포), forbidden
variants (a term a translation must not use) and terms a translator proposed, which
a medical reviewer or editor approves. The source term of a concept is its approved
term in the source language. The translation app matches terms in segments and
checks translations against them (`articles.translation.terms`)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel


class TermConcept(ClusterableModel):
    # The concept's id in exchanged files (TBX `id`, the CSV's concept_id): stable.
    concept_id = models.CharField(
        _("concept id"),
        max_length=100,
        unique=True,
        help_text=_("A stable name for the concept, e.g. stem-cell."),
    )
    note = models.TextField(_("note"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    panels = [
        FieldPanel("concept_id"),
        FieldPanel("note"),
        InlinePanel("terms", heading=_("Terms"), label=_("Term")),
    ]

    class Meta:
        verbose_name = _("term concept")
        verbose_name_plural = _("term concepts")
        ordering = ["concept_id"]

    def __str__(self) -> str:
        return self.concept_id

    def save(self, *args, **kwargs) -> None:
        self.updated_at = timezone.now()
        super().save(*args, **kwargs)


class Term(models.Model):
    class Status(models.TextChoices):
        APPROVED = "approved", _("Approved")
        FORBIDDEN = "forbidden", _("Forbidden")
        PROPOSED = "proposed", _("Proposed")

    concept = ParentalKey(
        TermConcept,
        verbose_name=_("concept"),
        on_delete=models.CASCADE,
        related_name="terms",
    )
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=_("locale"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    text = models.CharField(_("term"), max_length=255)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.APPROVED
    )
    case_sensitive = models.BooleanField(
        _("case-sensitive"),
        default=False,
        help_text=_("Match only as written (MRI, not mri)."),
    )
    note = models.TextField(_("note"), blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    panels = [
        FieldPanel("locale"),
        FieldPanel("text"),
        FieldPanel("status"),
        FieldPanel("case_sensitive"),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = _("term")
        verbose_name_plural = _("terms")
        ordering = ["concept_id", "locale_id", "status", "text"]
        constraints = [
            models.UniqueConstraint(
                fields=["concept", "locale", "text"], name="one_term_per_text"
            )
        ]
        indexes = [models.Index(fields=["locale", "status"])]

    def __str__(self) -> str:
        return self.text

    def save(self, *args, **kwargs) -> None:
        self.updated_at = timezone.now()
        super().save(*args, **kwargs)


class TranslationStyleGuide(models.Model):
    """How translations into one language are written (register, forms of address,
    script of drug names...): sent with every request to a language-model translator,
    and there for translators to read."""

    locale = models.OneToOneField(
        "wagtailcore.Locale",
        verbose_name=_("language"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    guide = models.TextField(
        _("style guide"),
        help_text=_(
            "For example: address the patient politely; keep drug names in Latin "
            "script."
        ),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("translation style guide")
        verbose_name_plural = _("translation style guides")

    def __str__(self) -> str:
        return str(self.locale)


class DeepLGlossary(models.Model):
    """The DeepL glossary that holds the termbase for one language pair: made again
    when the pair's approved terms change (`entries_digest`)."""

    source_language = models.CharField(max_length=10)  # DeepL's codes: EN, KO...
    target_language = models.CharField(max_length=10)
    glossary_id = models.CharField(max_length=100)
    entries_digest = models.CharField(max_length=64)
    entries = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("DeepL glossary")
        constraints = [
            models.UniqueConstraint(
                fields=["source_language", "target_language"],
                name="one_deepl_glossary_per_pair",
            )
        ]

    def __str__(self) -> str:
        return f"{self.source_language}→{self.target_language}: {self.glossary_id}"
