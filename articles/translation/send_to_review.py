"""A translator's way into medical review.

Translators cannot use Wagtail's edit view on a translation (wagtail-localize replaces
it with its translation editor, which only offers "Publish"), so sending a translation
to review writes the translated strings into a draft of the target page and starts (or
resumes) the *Medical review* workflow (`articles.review`).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.models import Page, WorkflowState

from ..review import ReviewError, start_review


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
