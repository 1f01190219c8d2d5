"""The translator's *Send to medical review*: its confirmation view and its button."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.admin.widgets.button import Button
from wagtail.models import Page

from ...review import ReviewError
from ..permissions import can_edit_translation
from ..qa import ERROR, WARNING
from ..qa.run import (
    NOT_OVERRIDABLE,
    OverrideError,
    QualityReport,
    check_translation,
    override_findings,
)
from ..selectors import translation_targeting
from ..send_to_review import (
    QualityGateError,
    publishing_refusal,
    submit_translation_for_review,
)

# One reason field per finding, "reason-<n>", beside a hidden "finding-<n>" naming
# the finding: [segment id, check code, detail] as JSON.


def override_reasons(data) -> dict[tuple[str, str, str], str]:
    """The reasons typed on the form, by finding."""
    reasons = {}
    for name, value in data.items():
        if not name.startswith("reason-") or not value.strip():
            continue
        try:
            segment_id, check, detail = json.loads(
                data.get("finding-" + name.removeprefix("reason-"), "")
            )
        except (TypeError, ValueError):
            continue
        reasons[(str(segment_id), str(check), str(detail))] = value
    return reasons


def submit_for_review(request, page_id: int):
    """Send the translation of a page to medical review (GET: confirm, showing the
    quality-check findings; POST: record any overrides and send, or say what is
    still open)."""
    page = get_object_or_404(Page, id=page_id).specific
    translation = translation_targeting(page)
    if translation is None:
        messages.error(request, _("This page is not a translation."))
        return redirect("wagtailadmin_pages:edit", page.id)
    if not can_edit_translation(request.user, translation):
        return permission_denied(request)

    next_url = get_valid_next_url_from_request(request) or reverse(
        "wagtailadmin_explore", args=[page.get_parent().id]
    )
    status = 200
    reasons: dict = {}
    if request.method == "POST":
        reasons = override_reasons(request.POST)
        try:
            with transaction.atomic():
                if reasons:
                    override_findings(
                        translation=translation, user=request.user, reasons=reasons
                    )
                submit_translation_for_review(
                    translation=translation, user=request.user
                )
        except (OverrideError, QualityGateError) as error:
            messages.error(request, str(error))
            status = 400
        except ValidationError as error:
            messages.error(
                request,
                _("The translation cannot be sent to review: %(errors)s")
                % {"errors": "; ".join(error.messages)},
            )
            return redirect(next_url)
        except ReviewError as error:
            messages.error(request, str(error))
            return redirect(next_url)
        else:
            messages.success(
                request,
                _("'%(title)s' was sent to medical review.")
                % {"title": page.get_admin_display_title()},
            )
            return redirect(next_url)

    report = check_translation(translation)
    return TemplateResponse(
        request,
        "articles/translation/submit_for_review.html",
        {
            "page": page,
            "locale": translation.target_locale,
            "next_url": next_url,
            "errors": finding_rows(report, ERROR, reasons),
            "warnings": finding_rows(report, WARNING),
            "overridden": overridden_rows(report),
            "header_title": _("Send to medical review"),
            "page_title": _("Send to medical review"),
            "page_subtitle": page.get_admin_display_title(),
        },
        status=status,
    )


def finding_rows(
    report: QualityReport, severity: str, typed: dict | None = None
) -> list[dict]:
    """One row per segment with open findings of `severity`; each finding with the
    key its override is recorded under and the reason typed so far."""
    typed = typed or {}
    rows = []
    number = 0
    for segment in report.segments:
        findings = segment.open_findings(severity)
        if findings:
            rows.append(
                {
                    "segment": segment.segment,
                    "findings": [
                        {
                            "n": (number := number + 1),
                            "finding": finding,
                            "key": json.dumps(
                                [finding.segment_id, finding.check, finding.detail]
                            ),
                            "overridable": finding.check not in NOT_OVERRIDABLE,
                            "reason": typed.get(
                                (finding.segment_id, finding.check, finding.detail), ""
                            ),
                        }
                        for finding in findings
                    ],
                }
            )
    return rows


def overridden_rows(report: QualityReport) -> list[dict]:
    return [
        {"segment": segment.segment, "finding": finding, "override": override}
        for segment in report.segments
        for finding, override in segment.overridden
    ]


def send_to_review_buttons(page, user, view_name=None, next_url=None):
    """*Send to medical review* on a translated page a user may work on."""
    if page.is_root() or page.workflow_in_progress:
        return
    translation = translation_targeting(page)
    if translation is None or not can_edit_translation(user, translation):
        return
    url = reverse("articles_submit_translation_for_review", args=[page.id])
    yield Button(
        gettext_lazy("Send to medical review"), url, icon_name="tick", priority=70
    )


def editor_review_tools() -> str:
    """The script that gives wagtail-localize's translation editor its review
    tools (see the template)."""
    return render_to_string(
        "articles/translation/editor_review_tools.html",
        {
            "send_url": reverse("articles_submit_translation_for_review", args=[0]),
            "send_label": _("Send to medical review"),
            "check_url": reverse("articles_translation_check", args=[0]),
            "check_label": _("Translation check"),
            "marks_url": reverse("articles_translation_marks", args=[0]),
            "next_label": _("Next flagged segment"),
            "changed_label": _("The source changed since this was translated"),
            "terms_label": _("Termbase:"),
            "memory_label": _("Translation memory"),
            # Filled in by the script with the languages' names.
            "heading_label": _("%(source)s to %(target)s translation"),
        },
    )


def refuse_unchecked_publishing(request, instance):
    """Before wagtail-localize's editor publishes a translation (its *Publish in
    <language>*, for those who may publish): the quality gate applies there too."""
    if request.method != "POST" or request.POST.get("action") != "publish":
        return None
    translation = translation_targeting(instance)
    if translation is None:
        return None
    reason = publishing_refusal(translation)
    if reason is None:
        return None
    messages.error(request, _("Not published. %(reason)s") % {"reason": reason})
    return redirect(request.get_full_path())
