"""The translator's *Send to medical review*: its confirmation view and its button."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
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
from ..selectors import translation_targeting
from ..send_to_review import submit_translation_for_review


def submit_for_review(request, page_id: int):
    """Send the translation of a page to medical review (GET: confirm; POST: do)."""
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
    if request.method == "POST":
        try:
            submit_translation_for_review(translation=translation, user=request.user)
        except ValidationError as error:
            messages.error(
                request,
                _("The translation cannot be sent to review: %(errors)s")
                % {"errors": "; ".join(error.messages)},
            )
        except ReviewError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("'%(title)s' was sent to medical review.")
                % {"title": page.get_admin_display_title()},
            )
        return redirect(next_url)

    return TemplateResponse(
        request,
        "articles/translation/submit_for_review.html",
        {
            "page": page,
            "locale": translation.target_locale,
            "next_url": next_url,
            "header_title": _("Send to medical review"),
            "page_title": _("Send to medical review"),
            "page_subtitle": page.get_admin_display_title(),
        },
    )


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
