"""Snippet permissions in Wagtail are per model; the locale scopes them: a translator
edits, creates and deletes topics and clinicians only in the locales they translate
into (hook functions, registered in `wagtail_hooks`); wagtail-localize's snippet API
shows them only those locales."""

from __future__ import annotations

from wagtail.admin.auth import permission_denied
from wagtail.models import TranslatableMixin
from wagtail_localize.views import snippets_api

from ...locales import content_language_codes, default_language_code
from ..permissions import can_see_locale, can_translate_into


def _snippet_refused(request, instances) -> bool:
    return any(
        isinstance(instance, TranslatableMixin)
        and not can_translate_into(request.user, instance.locale)
        for instance in instances
    )


def refuse_editing_snippets_of_other_locales(request, instance):
    if _snippet_refused(request, [instance]):
        return permission_denied(request)


def refuse_deleting_snippets_of_other_locales(request, instances):
    if _snippet_refused(request, instances):
        return permission_denied(request)


def refuse_creating_snippets_in_other_locales(request, model):
    code = request.GET.get("locale") or default_language_code()
    if issubclass(model, TranslatableMixin) and not can_translate_into(
        request.user, code
    ):
        return permission_denied(request)


class LocaleScopedSnippetViewSet(snippets_api.SnippetViewSet):
    """wagtail-localize's snippet API (used by its editor's choosers), showing a
    translator only the snippets of the source language and of their own locales."""

    def get_queryset(self):
        queryset = super().get_queryset()
        user = self.request.user
        if issubclass(queryset.model, TranslatableMixin):
            codes = [
                code for code in content_language_codes() if can_see_locale(user, code)
            ]
            queryset = queryset.filter(locale__language_code__in=codes)
        return queryset
