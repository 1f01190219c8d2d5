"""wagtail-localize's "Convert to alias page", for those who may publish without review.

Converting a translated page into an alias of its source copies the source's content
into it, makes it live at once when the source is live, and deletes its translation:
wagtail-localize asks only that the user may edit the page, so a translator's one
click (its editor's footer offers it) put the English text live on the Korean page,
past the medical review. Here, behind the page guard (`guards.page_guard`: who may not
edit the page in its locale is refused), the conversion needs `can_replace_with_source`;
anyone else is sent back to the page with a message saying why, and nothing changes."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail_localize.views.convert import convert_to_alias

from ..permissions import can_replace_with_source
from .guards import page_guard


@page_guard
def convert_to_alias_view(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(Page, id=page_id)
    if not can_replace_with_source(request.user, page):
        messages.error(
            request,
            _(
                "Not converted. An alias shows the source's text in place of this "
                "translation, live at once if the source is, without medical review, "
                "and the translation is deleted: only someone who may publish this "
                "page directly can convert it."
            ),
        )
        return redirect("wagtailadmin_pages:edit", page.id)
    return convert_to_alias(request, page_id=page_id)
