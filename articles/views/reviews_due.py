"""The *Reviews due* admin report: articles of every locale with where their medical
review stands, most urgent first, filterable by locale, topic and review state."""

from __future__ import annotations

from datetime import date

import django_filters
from django import forms
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import ReportView

from ..models import ArticlePage
from ..reviews_due import (
    STATE_LABELS,
    ReviewCycles,
    articles_by_urgency,
    in_state,
    may_see_reviews_due,
    on_topic,
    review_rows,
    topic_choices,
)
from ..translation.views.status import ArticlesPaginator

STATE_CHOICES = list(STATE_LABELS.items())


class ReviewsDueFilterSet(WagtailFilterSet):
    """Topic and review state; Wagtail adds the locale filter itself (ArticlePage is
    translatable), as on its own reports."""

    topic = django_filters.ChoiceFilter(
        label=_("Topic"),
        choices=topic_choices,
        method="filter_topic",
        empty_label=_("All"),
    )
    state = django_filters.ChoiceFilter(
        label=_("Review state"),
        choices=STATE_CHOICES,
        method="filter_state",
        widget=forms.RadioSelect,
        empty_label=_("All"),
    )

    class Meta:
        model = ArticlePage
        fields: list[str] = []

    def filter_topic(self, queryset, name, value):
        return on_topic(queryset, value)

    def filter_state(self, queryset, name, value):
        return in_state(queryset, value)


class ReviewsDueReportView(ReportView):
    page_title = _("Reviews due")
    header_icon = "calendar-alt"
    results_template_name = "articles/reviews/report_results.html"
    index_url_name = "articles_reviews_due"
    index_results_url_name = "articles_reviews_due_results"
    filterset_class = ReviewsDueFilterSet
    paginate_by = 50
    paginator_class = ArticlesPaginator
    verbose_name_plural = _("articles")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.is_export = False  # a worklist, not a spreadsheet

    def dispatch(self, request, *args, **kwargs):
        if not may_see_reviews_due(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def today(self) -> date:
        return timezone.localdate()

    @cached_property
    def cycles(self) -> ReviewCycles:
        """Each site's window, read once for this request."""
        return ReviewCycles.load()

    def get_queryset(self):
        return articles_by_urgency(today=self.today, cycles=self.cycles).select_related(
            "locale", "medical_reviewer"
        )

    def decorate_paginated_queryset(self, object_list):
        return review_rows(object_list, today=self.today, cycles=self.cycles)
