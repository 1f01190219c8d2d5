"""A translator's way into medical review.

Translators cannot use Wagtail's edit view on a translation (wagtail-localize replaces
it with its translation editor, which only offers "Publish"), so sending a translation
to review writes the translated strings into a draft of the target page and starts (or
resumes) the *Medical review* workflow (`articles.review`). Every way in goes
through the quality gate: open quality-check errors (`qa`) refuse it.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page, WorkflowState

from ..releases import holding_release
from ..review import ReviewError, start_review
from .qa.run import QualityReport, check_translation
from .selectors import target_or_none


class QualityGateError(ReviewError):
    """Quality-check errors are open: the translation cannot go to review until each
    is fixed or overridden with a reason. `report` says which."""

    def __init__(self, report: QualityReport) -> None:
        self.report = report
        count = len(report.open_errors)
        super().__init__(
            ngettext(
                "%(count)d quality check error is open: fix the translation or "
                "override the finding with a reason.",
                "%(count)d quality check errors are open: fix the translation or "
                "override each finding with a reason.",
                count,
            )
            % {"count": count}
        )


@transaction.atomic
def submit_translation_for_review(*, translation, user) -> Page:
    """Write the current translated strings into a draft of the target page (never
    published) and send it to review. Raises `QualityGateError` while quality-check
    errors are open, `ValidationError` when the translated page is not valid, and
    `ReviewError` when it cannot be reviewed now."""
    report = check_translation(translation)
    if report.open_errors:
        raise QualityGateError(report)
    page = translation.get_target_instance()
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        raise ReviewError(_("This page is already awaiting review."))
    translation.save_target(user=user, publish=False)
    page = Page.objects.get(id=page.id).specific
    start_review(page=page, user=user)
    return page


def publishing_refusal(translation) -> str | None:
    """Why `translation` may not be published directly (wagtail-localize's *Publish*
    in its editor, or "Sync translated pages" with publishing), or None. The same
    gate as review, and machine output no person has edited or confirmed: the
    medical review is where that is acknowledged. Nor while the article has an
    open release: it publishes its translations together."""
    target = target_or_none(translation)
    if isinstance(target, Page) and holding_release(target) is not None:
        return _(
            "This article has an open release: send the translation to medical "
            "review; publishing the release puts it live with the article."
        )
    report = check_translation(translation)
    if report.open_errors:
        return str(QualityGateError(report))
    unconfirmed = [
        segment
        for segment in report.machine_segments
        if ("machine_output", "") not in segment.overrides
    ]
    if unconfirmed:
        return ngettext(
            "%(count)d segment is machine translation no person has edited: send "
            "the translation to medical review, where the reviewer confirms it.",
            "%(count)d segments are machine translation no person has edited: send "
            "the translation to medical review, where the reviewer confirms them.",
            len(unconfirmed),
        ) % {"count": len(unconfirmed)}
    return None
