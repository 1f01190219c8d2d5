"""Admin wiring for roles and review: wagtail-localize's views, scoped to the locales a
user translates into, and the button that sends a translation to medical review.

wagtail-localize checks only a model-wide `submit_translation` permission (anyone with
it may create a translation in any locale) and, for snippets, a model-wide edit
permission. Its URLs are shadowed here by the same paths, registered first
(`order=-100`), pointing at views that check `roles` before doing exactly what
wagtail-localize's own views do; `reverse("wagtail_localize:...")` still gives the same
URLs, so its templates and JavaScript keep working.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.auth import permission_denied
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.admin.widgets.button import Button
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail_localize.machine_translators import get_machine_translator
from wagtail_localize.models import Translation
from wagtail_localize.views import edit_translation, update_translations
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
    SubmitTranslationForm,
)

from ..locales import default_language_code
from .review import ReviewError, submit_translation_for_review
from .roles import (
    can_edit_translation,
    can_machine_translate,
    can_publish_translation,
    can_submit_translation_into,
    can_translate_into,
    submittable_locale_codes,
)

# Submitting for translation ----------------------------------------------------------


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


# Syncing translations with their source ---------------------------------------------


class ScopedUpdateTranslationsView(update_translations.UpdateTranslationsView):
    """Sync only the translations into locales the user may submit into; machine
    translation only where they translate; publishing only for those who may publish
    every one of them (translations otherwise go live through review)."""

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.scoped_translations():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def scoped_translations(self) -> list[Translation]:
        codes = submittable_locale_codes(self.request.user)
        return [
            translation
            for translation in self.object.translations.filter(
                enabled=True
            ).select_related("source", "target_locale")
            if translation.target_locale.language_code in codes
        ]

    def get_form(self):
        form = super().get_form()
        user = self.request.user
        if not all(
            can_publish_translation(user, t) for t in self.scoped_translations()
        ):
            del form.fields["publish_translations"]
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        codes = submittable_locale_codes(self.request.user)
        context["translations"] = [
            item
            for item in context["translations"]
            if item["locale"].language_code in codes
        ]
        return context

    @transaction.atomic
    def form_valid(self, form):
        user = self.request.user
        self.object.update_from_db()
        translations = self.scoped_translations()

        if form.cleaned_data.get("use_machine_translation"):
            machine_translator = get_machine_translator()
            for translation in translations:
                if can_machine_translate(user, translation):
                    edit_translation.apply_machine_translation(
                        translation.id, user, machine_translator
                    )

        publish = form.cleaned_data.get("publish_translations", False)
        for translation in translations:
            try:
                if publish:
                    translation.save_target(user=user, publish=True)
                else:
                    translation.source.update_target_view_restrictions(
                        translation.target_locale
                    )
            except ValidationError:
                continue  # as wagtail-localize: the editor shows the errors

        self.components.save(
            self.object, sources_and_translations={self.object: translations}
        )
        messages.success(self.request, self.get_success_message())
        return redirect(self.get_success_url() or self.get_default_success_url())


# Working on one translation --------------------------------------------------------


def translation_guard(view):
    """wagtail-localize's per-translation views check only that the user may edit the
    target (for snippets: any snippet of the model): add the locale."""

    @wraps(view)
    def guarded(request, translation_id, *args, **kwargs):
        translation = get_object_or_404(Translation, id=translation_id)
        if not can_edit_translation(request.user, translation):
            raise PermissionDenied
        return view(request, translation_id, *args, **kwargs)

    return guarded


def submit_for_review(request, page_id: int):
    """Send the translation of a page to medical review (GET: confirm; POST: do)."""
    page = get_object_or_404(Page, id=page_id).specific
    translation = Translation.objects.filter(
        source__object_id=page.translation_key,
        target_locale_id=page.locale_id,
        enabled=True,
    ).first()
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


@hooks.register("register_admin_urls", order=-100)
def register_admin_urls():
    guarded = [
        path(
            "submit/page/<int:page_id>/",
            ScopedSubmitPageTranslationView.as_view(),
        ),
        path(
            "submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            ScopedSubmitSnippetTranslationView.as_view(),
        ),
        path(
            "update/<int:translation_source_id>/",
            ScopedUpdateTranslationsView.as_view(),
        ),
    ]
    views = edit_translation
    per_translation = {
        "strings/<int:string_segment_id>/edit/": views.edit_string_translation,
        "overrides/<int:overridable_segment_id>/edit/": views.edit_override,
        "pofile/download/": views.download_pofile,
        "pofile/upload/": views.upload_pofile,
        "machine_translate/": views.machine_translate,
        "preview/": views.preview_translation,
        "preview/<str:mode>/": views.preview_translation,
        "disable/": views.stop_translation,
    }
    guarded += [
        path(f"translate/<int:translation_id>/{route}", translation_guard(view))
        for route, view in per_translation.items()
    ]
    return [
        path("localize/", include((guarded, "articles_localize_guard"))),
        path(
            "translation-review/<int:page_id>/",
            submit_for_review,
            name="articles_submit_translation_for_review",
        ),
    ]


# Snippets: Wagtail's snippet permissions are per model; the locale scopes them -------


def _snippet_refused(request, instances) -> bool:
    return any(
        isinstance(instance, TranslatableMixin)
        and not can_translate_into(request.user, instance.locale)
        for instance in instances
    )


@hooks.register("before_edit_snippet", order=-100)
def refuse_editing_snippets_of_other_locales(request, instance):
    if _snippet_refused(request, [instance]):
        return permission_denied(request)


@hooks.register("before_delete_snippet", order=-100)
def refuse_deleting_snippets_of_other_locales(request, instances):
    if _snippet_refused(request, instances):
        return permission_denied(request)


@hooks.register("before_create_snippet", order=-100)
def refuse_creating_snippets_in_other_locales(request, model):
    code = request.GET.get("locale") or default_language_code()
    if issubclass(model, TranslatableMixin) and not can_translate_into(
        request.user, code
    ):
        return permission_denied(request)


# The "Send to medical review" button -----------------------------------------------


def review_buttons(page, user, view_name=None, next_url=None):
    if page.is_root() or page.workflow_in_progress:
        return
    translation = Translation.objects.filter(
        source__object_id=page.translation_key,
        target_locale_id=page.locale_id,
        enabled=True,
    ).first()
    if translation is None or not can_edit_translation(user, translation):
        return
    url = reverse("articles_submit_translation_for_review", args=[page.id])
    yield Button(
        gettext_lazy("Send to medical review"), url, icon_name="tick", priority=70
    )


hooks.register("register_page_header_buttons", review_buttons)
hooks.register("register_page_listing_more_buttons", review_buttons)
