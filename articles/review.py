"""Starting a medical review: putting an article (or a translation of one) into the
*Medical review* workflow. What approving does is in `articles.models.review`."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.widgets.button import Button
from wagtail.models import Page, WorkflowState

from .models import MedicalReviewRecord


class ReviewError(Exception):
    """A review that cannot start, with a message for the editor."""


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


def last_reviewed_revision(page: Page):
    """The revision of `page` its latest medical review approved, if any."""
    record = (
        MedicalReviewRecord.objects.filter(page=page, revision__isnull=False)
        .select_related("revision")
        .first()
    )
    return record.revision if record else None


def changes_since_review_button(page: Page, user, next_url=None, view_name=None):
    """In the page header, for those who may review or edit the page: the changes
    since the last approved review, so a reviewer compares what they are asked to
    approve with what they approved before, never two autosaves with each other."""
    perms = page.permissions_for_user(user)
    if not (perms.can_publish() or perms.can_edit()):
        return
    reviewed = last_reviewed_revision(page)
    latest = page.latest_revision
    if reviewed is None or latest is None or reviewed.pk == latest.pk:
        return
    yield Button(
        _("Changes since the last medical review"),
        reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[page.pk, reviewed.pk, latest.pk],
        ),
        icon_name="history",
        priority=55,
    )
