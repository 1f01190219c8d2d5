"""wagtail-localize's "Translate this page" / snippet submission, scoped to the locales
the user may submit into: the same views, offering only those locales and refusing any
other one (a forged POST) with a form error that names it."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from wagtail.models import Locale
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
    SubmitTranslationForm,
)

from ..permissions import (
    can_see_locale,
    can_submit_translation_into,
    submittable_locale_codes,
)


class LocaleScopedSubmitTranslationForm(SubmitTranslationForm):
    """wagtail-localize's form, offering only the locales the user may submit into and
    refusing any other one (a forged POST) with an error that names it."""

    def __init__(self, instance, *args, user, **kwargs):
        super().__init__(instance, *args, **kwargs)
        self.user = user
        if not self.is_bound:
            field = self.fields["locales"]
            field.queryset = field.queryset.filter(
                language_code__in=submittable_locale_codes(user)
            )

    def clean_locales(self):
        locales = self.cleaned_data["locales"]
        refused = [
            str(locale.get_display_name())
            for locale in locales
            if not can_submit_translation_into(self.user, locale)
        ]
        if refused:
            raise ValidationError(
                _("You may not translate into %(locales)s.")
                % {"locales": ", ".join(refused)}
            )
        return locales


class LocaleScopedSubmitMixin:
    def dispatch(self, request, *args, **kwargs):
        if not submittable_locale_codes(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_object(self):
        # What is submitted is shown (its title, its locale): only from a locale
        # the user may see.
        instance = super().get_object()
        if not can_see_locale(self.request.user, instance.locale):
            raise PermissionDenied
        return instance

    def get_form(self):
        if self.request.method == "POST":
            return LocaleScopedSubmitTranslationForm(
                self.object, self.request.POST, user=self.request.user
            )
        initial = None
        code = self.request.GET.get("select_locale")
        if code and (locale := Locale.objects.filter(language_code=code).first()):
            initial = {"locales": [locale]}
        return LocaleScopedSubmitTranslationForm(
            self.object, initial=initial, user=self.request.user
        )


class ScopedSubmitPageTranslationView(
    LocaleScopedSubmitMixin, SubmitPageTranslationView
):
    pass


class ScopedSubmitSnippetTranslationView(
    LocaleScopedSubmitMixin, SubmitSnippetTranslationView
):
    pass
