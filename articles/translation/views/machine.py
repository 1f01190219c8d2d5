"""The editor's "Translate with ..." button, answered by `machine.machine_translate`
(it replaces wagtail-localize's `machine_translate` view at the same URL, `urls`):
the same URL, form and redirect as wagtail-localize's own view, but translating in bulk
and telling the translator, in a message, why a provider failed."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail_localize.models import Translation

from ..machine import MachineTranslationError, machine_translate
from ..permissions import can_machine_translate


@require_POST
def machine_translate_view(request: HttpRequest, translation_id: int) -> HttpResponse:
    translation = get_object_or_404(
        Translation.objects.select_related("source__locale", "target_locale"),
        id=translation_id,
    )
    if not can_machine_translate(request.user, translation):
        raise PermissionDenied

    try:
        # Also says so when no provider is configured, or it cannot translate into
        # the target language (the editor hides its button then; a stale page may not).
        result = machine_translate(translation, request.user)
    except MachineTranslationError as error:
        messages.error(
            request,
            _("Nothing was translated. %(reason)s") % {"reason": error},
        )
    else:
        if result.segments:
            messages.success(
                request,
                ngettext(
                    "Translated %(count)d segment with %(provider)s.",
                    "Translated %(count)d segments with %(provider)s.",
                    result.segments,
                )
                % {"count": result.segments, "provider": result.provider},
            )
        else:
            messages.warning(request, _("There isn't anything left to translate."))
        if result.with_errors:
            messages.warning(
                request,
                ngettext(
                    "%(count)d machine translation has markup to fix before "
                    "publishing.",
                    "%(count)d machine translations have markup to fix before "
                    "publishing.",
                    result.with_errors,
                )
                % {"count": result.with_errors},
            )

    # The editor always sends `next`: the page it was opened from.
    return redirect(get_valid_next_url_from_request(request) or "wagtailadmin_home")
