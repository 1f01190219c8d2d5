"""The pages editors write: one article index per locale, and the articles under it."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.cache import patch_vary_headers
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.url_routing import RouteResult
from wagtail_localize.fields import SynchronizedField

from ..blocks import (
    ArticleBodyBlock,
    ReferencesBlock,
    assign_section_anchors,
    table_of_contents,
)
from ..forms import ArticlePageForm
from ..reading_time import reading_time_minutes
from ..site_pages import (
    child_along_fallback_chain,
    redirect_to_served_language,
    site_page_context,
)


class SitePage(Page):
    """A page of the CMS's own site: served only under its own language's URL, with
    its translations, head links and fallback notice in the template context."""

    class Meta:
        abstract = True

    def serve(self, request, *args, **kwargs):
        redirect = redirect_to_served_language(self, request)
        if redirect is not None:
            return redirect
        response = super().serve(request, *args, **kwargs)
        # The fallback notice depends on the reader's language.
        patch_vary_headers(response, ["Accept-Language"])
        return response

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(site_page_context(self, request))
        return context


class ArticleIndexPage(SitePage):
    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["articles.ArticlePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("article index")

    def route(self, request, path_components):
        try:
            return super().route(request, path_components)
        except Http404:
            if len(path_components) != 1:
                raise
            fallback = child_along_fallback_chain(self, path_components[0])
            if fallback is None:
                raise
            # Served, it redirects to the URL of its own language.
            return RouteResult(fallback)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = (
            ArticlePage.objects.child_of(self)
            .live()
            .public()
            .order_by("-first_published_at")
        )
        return context


# What a reader reads, from which the reading time is computed.
READ_FIELDS = frozenset({"title", "summary", "body", "locale", "locale_id"})


class ArticlePage(SitePage):
    summary = models.TextField(
        _("summary"),
        max_length=300,
        help_text=_("One or two plain sentences for listings and search engines."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ArticleBodyBlock(), verbose_name=_("body"))
    author = models.ForeignKey(
        "articles.Clinician",
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="authored_articles",
    )
    medical_reviewer = models.ForeignKey(
        "articles.Clinician",
        verbose_name=_("medical reviewer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviewed_articles",
    )
    last_reviewed = models.DateField(_("last reviewed"), null=True, blank=True)
    next_review_due = models.DateField(_("next review due"), null=True, blank=True)
    references = StreamField(
        ReferencesBlock(), blank=True, verbose_name=_("references")
    )
    disclaimer = RichTextField(
        _("medical disclaimer"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Optional. Shown near the top of the article, under the byline."),
    )
    reading_time_minutes = models.PositiveSmallIntegerField(
        _("reading time (minutes)"), default=0, editable=False
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        InlinePanel("article_topics", label=_("Topics")),
        MultiFieldPanel(
            [
                FieldPanel("author"),
                FieldPanel("medical_reviewer"),
                FieldPanel("last_reviewed"),
                FieldPanel("next_review_due"),
            ],
            heading=_("Authorship and review"),
        ),
        FieldPanel("references"),
        FieldPanel("disclaimer"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("last_reviewed"),
    ]
    parent_page_types = ["articles.ArticleIndexPage"]
    subpage_types: list[str] = []
    base_form_class = ArticlePageForm
    # A translation keeps its source's slug unless a translator overrides it (each
    # locale has its own tree; a translated slug is noise in shared URLs, and
    # machine translation would otherwise "translate" it).
    override_translatable_fields = [SynchronizedField("slug", overridable=True)]

    class Meta:
        verbose_name = _("article")

    def clean(self) -> None:
        super().clean()
        # The admin form has done this already; pages built in code (importer, demo,
        # translations) get their anchors here.
        anchor_errors = assign_section_anchors(self.body)
        if anchor_errors:
            raise ValidationError({"body": list(anchor_errors.values())})
        if (
            self.last_reviewed
            and self.next_review_due
            and self.next_review_due <= self.last_reviewed
        ):
            raise ValidationError(
                {"next_review_due": _("The next review must come after the last one.")}
            )

    def save(self, *args, **kwargs):
        # Saves of a few fields (revisions, publishing) leave the text alone; reading
        # it again would parse every rich text of the body.
        update_fields = kwargs.get("update_fields")
        if update_fields is None or READ_FIELDS.intersection(update_fields):
            self.reading_time_minutes = self.compute_reading_time()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "reading_time_minutes"}
        return super().save(*args, **kwargs)

    def body_text(self) -> str:
        """All the prose a reader reads in the body, as plain text."""
        return " ".join(self.body.stream_block.get_searchable_content(self.body))

    def compute_reading_time(self) -> int:
        language = self.locale.language_code if self.locale_id else "en"
        return reading_time_minutes(
            f"{self.title} {self.summary} {self.body_text()}", language
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["toc"] = table_of_contents(self.body)
        return context

    @property
    def topics(self) -> list:
        return [item.topic for item in self.article_topics.all()]

    def serve_preview(self, request, mode_name):
        """Hand the preview to the front end when the host names a handler (the
        delivery API's headless preview); otherwise render the built-in template."""
        handler_path = getattr(settings, "ARTICLES_PREVIEW_HANDLER", "")
        if handler_path:
            response = import_string(handler_path)(self, request, mode_name)
            if response is not None:
                return response
        return super().serve_preview(request, mode_name)


class ArticlePageTopic(TranslatableMixin, Orderable):
    """A topic of an article. Translatable, so that a translated article points at the
    topic's translation in its own locale."""

    page = ParentalKey(
        ArticlePage, on_delete=models.CASCADE, related_name="article_topics"
    )
    topic = models.ForeignKey(
        "articles.Topic",
        verbose_name=_("topic"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("topic")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("article topic")
