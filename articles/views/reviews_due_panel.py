"""The *Reviews due* dashboard panel: how many articles are overdue and due soon, and
the most urgent few, for those who see the report. Absent when nothing is due."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import ngettext
from wagtail.admin.ui.components import Component

from ..reviews_due import (
    ReviewCycles,
    articles_by_urgency,
    due,
    due_counts,
    may_see_reviews_due,
    review_rows,
)

MOST_URGENT = 5


def counts_text(counts: dict[str, int]) -> list[str]:
    """ "3 articles overdue", "1 article due soon", in the admin user's language."""
    texts = []
    if counts["overdue"]:
        texts.append(
            ngettext(
                "%(count)d article overdue",
                "%(count)d articles overdue",
                counts["overdue"],
            )
            % {"count": counts["overdue"]}
        )
    if counts["due_soon"]:
        texts.append(
            ngettext(
                "%(count)d article due soon",
                "%(count)d articles due soon",
                counts["due_soon"],
            )
            % {"count": counts["due_soon"]}
        )
    return texts


class ReviewsDuePanel(Component):
    name = "reviews_due"
    template_name = "articles/reviews/panel.html"
    order = 150  # after "Awaiting your review", before the user's own pages

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        today = timezone.localdate()
        cycles = ReviewCycles.load()
        articles = articles_by_urgency(today=today, cycles=cycles)
        counts = due_counts(articles)
        rows = []
        if any(counts.values()):
            rows = review_rows(
                due(articles).select_related("locale")[:MOST_URGENT],
                today=today,
                cycles=cycles,
            )
        return {
            "counts": counts,
            "counts_text": counts_text(counts),
            "rows": rows,
            "report_url": reverse("articles_reviews_due"),
        }

    def render_html(self, parent_context: Any = None) -> SafeString:
        """Nothing for those who may not see the report, nor when nothing is due."""
        request = (parent_context or {}).get("request")
        if request is None or not may_see_reviews_due(request.user):
            return SafeString("")
        context = self.get_context_data(parent_context)
        if not any(context["counts"].values()):
            return SafeString("")
        return SafeString(render_to_string(self.template_name, context))
