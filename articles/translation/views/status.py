"""The "Translation status" admin report: source articles down, locales across, one
state per cell (see `status.py` for the rules), with links to act on each."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import django_filters
from django import forms
from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from django.utils.timezone import localtime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.views.reports import ReportView
from wagtail.models import Locale
from wagtail.permission_policies.pages import PagePermissionPolicy

from ...locales import default_language_code
from ...models import ArticlePage, Topic
from ..permissions import can_see_locale, submittable_locale_codes
from ..status.cells import STATE_LABELS, ArticleStatusRow, CellState, CellStatus
from ..status.report import (
    actionable_locales,
    articles_possibly_in_state,
    content_locales,
    rows_in_state,
    source_articles,
    translation_status,
)

# Who sees the report: anyone who may add, edit or publish some page.
REPORT_PERMISSIONS = ["add", "change", "publish"]


def locale_choices() -> list[tuple[str, str]]:
    return [(code, str(name)) for code, name in settings.WAGTAIL_CONTENT_LANGUAGES]


def topic_choices() -> list[tuple[str, str]]:
    """Topics by translation key, named in the default language, so one choice
    matches the topic's translations in every locale."""
    topics = Topic.objects.filter(locale__language_code=default_language_code())
    return [
        (str(key), name) for key, name in topics.values_list("translation_key", "name")
    ]


# Lazy labels, translated into each admin user's language.
STATE_CHOICES = [
    (state.value, STATE_LABELS[state])
    for state in CellState
    if state != CellState.SOURCE
]


class TranslationStatusFilterSet(WagtailFilterSet):
    """Read by the view, not applied by django-filter: locales choose the columns,
    the state chooses rows after their cells are computed."""

    locale = django_filters.MultipleChoiceFilter(
        label=_("Locales"),
        choices=locale_choices,
        widget=forms.CheckboxSelectMultiple,
        method="keep",
    )
    topic = django_filters.ChoiceFilter(
        label=_("Topic"), choices=topic_choices, method="keep"
    )
    state = django_filters.ChoiceFilter(
        label=_("Any cell in state"), choices=STATE_CHOICES, method="keep"
    )

    class Meta:
        model = ArticlePage
        fields: list[str] = []

    def keep(self, queryset, name, value):
        return queryset


@dataclass(frozen=True)
class CellDisplay:
    status: CellStatus
    text: str
    links: list[tuple[str, str]]  # (label, url)


@dataclass(frozen=True)
class RowDisplay:
    status: ArticleStatusRow
    edit_url: str | None
    cells: list[CellDisplay]


def cell_text(cell: CellStatus) -> str:
    text = cell.state.label
    if cell.state == CellState.IN_PROGRESS and cell.percent is not None:
        text = f"{text} · {cell.percent}%"
    if cell.state == CellState.OUTDATED and cell.source_changed_at:
        changed = (
            ngettext(
                "%(count)d segment changed",
                "%(count)d segments changed",
                cell.changed_segments,
            )
            % {"count": cell.changed_segments}
            if cell.changed_segments
            # Every changed segment was translated again or confirmed: what is left
            # is to send the translation to review, which brings the page in step.
            else str(_("segments checked: send to medical review"))
        )
        since = date_format(localtime(cell.source_changed_at), "DATE_FORMAT")
        text = f"{text} · {since} · {changed}"
    return text


class UrlMaker:
    """`reverse()` once, then fill in ids: a page of the report has hundreds of
    links, and reversing through the admin's URLconf is the slowest part of it."""

    SENTINEL = 987654321

    def __init__(self, name: str):
        self.template = reverse(name, args=[self.SENTINEL])

    def __call__(self, pk: int) -> str:
        return self.template.replace(str(self.SENTINEL), str(pk))


def cell_links(
    row: ArticleStatusRow,
    cell: CellStatus,
    *,
    can_act: bool,
    can_submit: bool,
    edit_url: UrlMaker,
    submit_url: UrlMaker,
    send_url: UrlMaker,
) -> list[tuple[str, str]]:
    """Where to go from a cell. The target views check permissions again; these
    only avoid offering what the user cannot do: `can_act`, work in the cell's
    locale; `can_submit`, start a translation into it (editors may for every
    locale, though they translate into none)."""
    if cell.state == CellState.MISSING:
        if not can_submit:
            return []
        query = urlencode({"select_locale": cell.language_code})
        return [(str(_("Translate")), f"{submit_url(row.page_id)}?{query}")]
    if not can_act:
        return []
    if cell.state == CellState.SOURCE:
        return [(str(_("Edit source")), edit_url(row.page_id))]
    if cell.page_id is None:  # submitted, page not created yet
        return []
    # With an enabled wagtail-localize translation, the page's edit view is its
    # translation editor.
    if cell.state == CellState.OUTDATED and not cell.changed_segments:
        return [
            (str(_("Send to medical review")), send_url(cell.page_id)),
            (str(_("Open")), edit_url(cell.page_id)),
        ]
    label = {
        CellState.IN_PROGRESS: _("Translate"),
        CellState.AWAITING_REVIEW: _("Review"),
        CellState.OUTDATED: _("Update"),
        CellState.PUBLISHED: _("Edit"),
    }[cell.state]
    return [(str(label), edit_url(cell.page_id))]


def display_rows(rows: list[ArticleStatusRow], *, user) -> list[RowDisplay]:
    """The rows as the report shows them to `user`: cell texts and the links the
    user may follow."""
    acting = {locale.language_code for locale in actionable_locales(user)}
    submitting = submittable_locale_codes(user)
    edit_url = UrlMaker("wagtailadmin_pages:edit")
    submit_url = UrlMaker("wagtail_localize:submit_page_translation")
    send_url = UrlMaker("articles_submit_translation_for_review")
    return [
        RowDisplay(
            status=row,
            # The title links to the source's editor only for those who may open it.
            edit_url=edit_url(row.page_id) if row.language_code in acting else None,
            cells=[
                CellDisplay(
                    status=cell,
                    text=cell_text(cell),
                    links=cell_links(
                        row,
                        cell,
                        can_act=cell.language_code in acting,
                        can_submit=cell.language_code in submitting,
                        edit_url=edit_url,
                        submit_url=submit_url,
                        send_url=send_url,
                    ),
                )
                for cell in row.cells
            ],
        )
        for row in rows
    ]


class ArticlesPaginator(WagtailPaginator):
    """Counts articles with the admin language's plural forms. Wagtail's own label is
    "<count> <the model's verbose_name_plural>", and ArticlePage's plural is Django's
    default, the translated singular with an English "s" after it."""

    @cached_property
    def items_count_label(self) -> str:
        return ngettext("%(count)d article", "%(count)d articles", self.count) % {
            "count": self.count
        }


class TranslationStatusReportView(ReportView):
    page_title = _("Translation status")
    header_icon = "site"
    results_template_name = "articles/translation/status/report_results.html"
    index_url_name = "articles_translation_status"
    index_results_url_name = "articles_translation_status_results"
    filterset_class = TranslationStatusFilterSet
    paginate_by = 50
    paginator_class = ArticlesPaginator
    permission_policy = PagePermissionPolicy()
    any_permission_required = REPORT_PERMISSIONS
    verbose_name_plural = _("articles")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.is_export = False  # the command serves scripts; no spreadsheet here

    def filter_value(self, name: str):
        if self.filters is None or not self.filters.is_valid():
            return None
        return self.filters.form.cleaned_data.get(name) or None

    @cached_property
    def locales(self) -> list[Locale]:
        """The chosen locales, of those the user may see: a translator sees the
        source language and their own, not every column."""
        user = self.request.user
        return [
            locale
            for locale in content_locales(self.filter_value("locale"))
            if can_see_locale(user, locale)
        ]

    def get_queryset(self):
        return source_articles(topic_key=self.filter_value("topic"))

    def filter_queryset(self, queryset):
        state = self.filter_value("state")
        if not state:
            return queryset
        # A state is known only once the cells are computed: compute them for every
        # article that may match (still five queries), then paginate the matches.
        candidates = articles_possibly_in_state(queryset, state, self.locales)
        return rows_in_state(translation_status(candidates, self.locales), state)

    def decorate_paginated_queryset(self, object_list):
        rows = list(object_list)
        if rows and not isinstance(rows[0], ArticleStatusRow):
            rows = translation_status(object_list, self.locales)
        return display_rows(rows, user=self.request.user)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["locales"] = self.locales
        return context
