"""wagtail-localize's "Stop synced translation", for those who may publish the page.

A stopped translation's page is edited in Wagtail's own editor: its text is no longer
checked against the source's (numbers, doses, terms: `qa`), nothing changed in the
source is carried into it, and the medical reviewer is shown no check. wagtail-localize
asks only that the user may edit the page, and offers the button in every
translator's editor. Here, behind the translation guard (who may not work on the
translation is refused), stopping needs `can_stop_sync`; anyone else is sent back
with a message saying why, and the translation stays synced."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail_localize.models import Translation
from wagtail_localize.views.edit_translation import stop_translation

from ..permissions import can_stop_sync
from .guards import translation_guard


@require_POST
@translation_guard
def stop_sync_view(request: HttpRequest, translation_id: int) -> HttpResponse:
    translation = get_object_or_404(Translation, id=translation_id)
    if not can_stop_sync(request.user, translation):
        messages.error(
            request,
            _(
                "The translation is still synced. Once stopped, this page is edited "
                "on its own: nothing checks it against the source's numbers, doses "
                "and terms, and the source's changes are not carried into it. Only "
                "someone who may publish this page directly can stop it."
            ),
        )
        return redirect(
            get_valid_next_url_from_request(request)
            or translation.get_target_instance_edit_url()
        )
    return stop_translation(request, translation_id=translation_id)
