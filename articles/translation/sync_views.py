"""The review page of segment translations kept across a source change: thin views
over `sync_review`."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods
from wagtail_localize.models import Translation

from .roles import can_edit_translation
from .sync_review import confirm_stale_segments, stale_segments_for_review


def allowed_translation(request: HttpRequest, translation_id: int) -> Translation:
    translation = get_object_or_404(
        Translation.objects.select_related(
            "source__locale", "source__specific_content_type", "target_locale"
        ),
        pk=translation_id,
        enabled=True,
    )
    if not can_edit_translation(request.user, translation):
        raise PermissionDenied
    return translation


@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, translation_id: int) -> HttpResponse:
    translation = allowed_translation(request, translation_id)
    if request.method == "POST":
        return _confirm(request, translation)
    return TemplateResponse(
        request,
        "articles/translation/sync/review.html",
        {
            "translation": translation,
            "rows": stale_segments_for_review(translation),
            "edit_url": _target_edit_url(translation),
            "page_title": _("Changed segments to review"),
            "page_subtitle": f"{translation.source.object_repr} "
            f"({translation.target_locale.get_display_name()})",
            "header_icon": "warning",
        },
    )


def _confirm(request: HttpRequest, translation: Translation) -> HttpResponse:
    here = reverse("articles_sync_review", args=[translation.pk])
    if "confirm_all" in request.POST:
        flag_ids = None
    else:
        try:
            flag_ids = [int(value) for value in request.POST.getlist("confirm")]
        except ValueError:
            flag_ids = []
        if not flag_ids:
            messages.error(request, _("Choose a segment to confirm."))
            return redirect(here)
    confirmed = confirm_stale_segments(translation=translation, flag_ids=flag_ids)
    if confirmed:
        messages.success(
            request,
            ngettext(
                "%(count)d kept translation confirmed.",
                "%(count)d kept translations confirmed.",
                confirmed,
            )
            % {"count": confirmed},
        )
    else:
        messages.error(
            request, _("Nothing to confirm: the segment was reviewed already.")
        )
    return redirect(here)


def _target_edit_url(translation: Translation) -> str | None:
    try:
        return translation.get_target_instance_edit_url()
    except (ObjectDoesNotExist, NoReverseMatch):  # not created yet, or no edit view
        return None
