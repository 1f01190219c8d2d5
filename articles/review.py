"""Starting a medical review: putting an article (or a translation of one) into the
*Medical review* workflow. What approving does is in `articles.models.review`."""

from __future__ import annotations

from django.utils.translation import gettext as _
from wagtail.models import Page, WorkflowState


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
