"""Medical review of articles, in every locale.

Every article index is under the "Medical review" workflow (`setup_roles`), so an
article, or a translation of one, goes live only when a medical reviewer approves it.
Approving (`MedicalReviewTask.on_action`) calls `record_medical_review`: it keeps a
`MedicalReviewRecord` (who, when, which revision, in which locale) and writes the review
date into a new revision of the page, which is the revision the workflow then publishes,
so `last_reviewed` is the date of the review of *that* language version.

Translators cannot use Wagtail's edit view on a translation (wagtail-localize replaces
it with its translation editor, which only offers "Publish"), so
`submit_translation_for_review` is their way in: it writes the translated strings into a
draft of the target page and starts (or resumes) the review.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, WorkflowState

from ..models import ArticlePage, MedicalReviewRecord

# A review cycle when the article had none: one year.
DEFAULT_REVIEW_INTERVAL = timedelta(days=365)


class ReviewError(Exception):
    """A review that cannot start, with a message for the editor."""


def next_review_due(
    *, reviewed_on: date, previous_review: date | None, previous_due: date | None
) -> date | None:
    """The next review date after a review on `reviewed_on`: a due date still ahead is
    kept; one that has arrived moves on by the article's own review interval."""
    if previous_due is None:
        return None
    if previous_due > reviewed_on:
        return previous_due
    interval = (
        previous_due - previous_review
        if previous_review and previous_due > previous_review
        else DEFAULT_REVIEW_INTERVAL
    )
    return reviewed_on + interval


@transaction.atomic
def record_medical_review(
    *, page: Page, user, comment: str = ""
) -> MedicalReviewRecord:
    """Record that `user` reviewed the latest revision of `page`, and, for an article,
    save a revision of it reviewed today (the one that approval publishes). `page` is
    the workflow's own instance: it is told about the new revision, since the workflow
    publishes the revision it believes is the latest."""
    workflow_page, page = page, page.specific
    today = timezone.localdate()
    revision = page.latest_revision
    if isinstance(page, ArticlePage):
        draft = page.get_latest_revision_as_object()
        due = next_review_due(
            reviewed_on=today,
            previous_review=draft.last_reviewed,
            previous_due=draft.next_review_due,
        )
        if draft.last_reviewed != today or draft.next_review_due != due:
            draft.last_reviewed = today
            draft.next_review_due = due
            # Only the two dates differ from a revision already validated.
            revision = draft.save_revision(user=user, log_action=True, clean=False)
            workflow_page.latest_revision = page.latest_revision = revision
    return MedicalReviewRecord.objects.create(
        page=page,
        locale_id=page.locale_id,
        reviewer=user,
        reviewer_name=(user.get_full_name() or user.get_username()) if user else "",
        revision=revision,
        comment=comment or "",
    )


def start_review(*, page: Page, user) -> WorkflowState:
    """Put the latest revision of `page` into its review workflow (resuming one that
    was sent back for changes)."""
    state = page.current_workflow_state
    if state is not None:
        if state.status == WorkflowState.STATUS_IN_PROGRESS:
            raise ReviewError(_("This page is already awaiting review."))
        state.resume(user=user)
        return state
    workflow = page.get_workflow()
    if workflow is None:
        raise ReviewError(
            _(
                "No review workflow covers this page: ask an administrator to "
                "run setup_roles."
            )
        )
    return workflow.start(page, user)


@transaction.atomic
def submit_translation_for_review(*, translation, user) -> Page:
    """Write the current translated strings into a draft of the target page (never
    published) and send it to review. Raises `ValidationError` when the translated
    page is not valid, and `ReviewError` when it cannot be reviewed now."""
    page = translation.get_target_instance()
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        raise ReviewError(_("This page is already awaiting review."))
    translation.save_target(user=user, publish=False)
    page = Page.objects.get(id=page.id).specific
    start_review(page=page, user=user)
    return page
