"""The administrators' screen of content languages: which are set up, and setting
one up in one step (what `manage.py setup_locale` does)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from ..new_language import LanguageSetupError, language_setups, set_up_language
from ..roles import RolesError


def may_set_up_languages(user) -> bool:
    # Groups, permissions and the review workflow change: administrators only.
    return user.is_active and user.is_superuser


def content_languages_view(request: HttpRequest) -> HttpResponse:
    if not may_set_up_languages(request.user):
        raise PermissionDenied
    setups = language_setups()
    if request.method == "POST":
        code = request.POST.get("code", "")
        by_code = {setup.code: setup for setup in setups}
        if code not in by_code or by_code[code].is_source:
            messages.error(request, _("Choose a content language from the list."))
            return redirect("articles_content_languages")
        try:
            set_up_language(code=code, user=request.user)
        except (LanguageSetupError, RolesError) as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _(
                    "%(language)s is ready for translation: its locale, article "
                    "index, translator group and review workflow are set up."
                )
                % {"language": by_code[code].name},
            )
        return redirect("articles_content_languages")
    return TemplateResponse(
        request,
        "articles/translation/content_languages.html",
        {
            "setups": setups,
            "page_title": _("Content languages"),
            "header_icon": "site",
        },
    )
