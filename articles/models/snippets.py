"""Translatable snippets shown on articles: topics and the clinicians who write and
review them."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField


class Topic(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"),
        max_length=100,
        allow_unicode=True,
        help_text=_("Used in links and API filters; the same in every language."),
    )
    description = models.TextField(_("description"), blank=True)
    review_interval_days = models.PositiveIntegerField(
        _("review interval (days)"),
        null=True,
        blank=True,
        help_text=_(
            "Optional. Articles on this topic are reviewed at least this often "
            "(a shorter cycle than the site's wins)."
        ),
    )
    # When the topic was last saved: the topic list's Last-Modified.
    last_changed = models.DateTimeField(_("last changed"), auto_now=True)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("review_interval_days"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]
    # The slug is an identifier, not prose: every translation keeps the source's.
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        SynchronizedField("slug", overridable=False),
        SynchronizedField("review_interval_days", overridable=False),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "slug"], name="unique_topic_slug_per_locale"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Clinician(TranslatableMixin, index.Indexed, models.Model):
    name = models.CharField(_("name"), max_length=150)
    credentials = models.CharField(
        _("credentials"), max_length=150, blank=True, help_text=_("For example MD, PhD")
    )
    specialty = models.CharField(_("specialty"), max_length=150, blank=True)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField(_("short biography"), blank=True, max_length=1000)

    panels = [
        FieldPanel("name"),
        FieldPanel("credentials"),
        FieldPanel("specialty"),
        FieldPanel("photo"),
        FieldPanel("bio"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("clinician")
        verbose_name_plural = _("clinicians")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.credentials}" if self.credentials else self.name
