"""wagtail-localize's "Sync translated pages" (its `UpdateTranslationsView`), scoped to
the locales the user may submit into, with our machine translation.

Its own view machine-translates with wagtail-localize's per-segment
`apply_machine_translation`, which lets a provider's failure escape as a server error
and leaves earlier locales translated. Here the machine translation option runs
`machine.machine_translate` (in bulk) for the translations the user may
machine-translate, then wagtail-localize's own `form_valid` does the rest; a provider
failure rolls everything back and is one message.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail_localize.models import Translation
from wagtail_localize.views import update_translations

from ...releases import holding_release
from ..machine import MachineTranslationError, machine_translate
from ..permissions import (
    can_machine_translate,
    can_publish_translation,
    submittable_locale_codes,
)
from ..send_to_review import publishing_refusal


class UncheckedPublishing(Exception):
    """A translation would be published past the quality gate; nothing is done."""


class ScopedUpdateTranslationsView(update_translations.UpdateTranslationsView):
    """Refresh a source and its translations into the locales the user may submit
    into; machine translation only where they translate; publishing only for those
    who may publish every translation of the source (translations otherwise go live
    through review)."""

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.scoped_translations():
            raise PermissionDenied
        page = Page.objects.filter(
            translation_key=self.object.object_id, locale_id=self.object.locale_id
        ).first()
        release = holding_release(page) if page is not None else None
        if release is not None and release.source_revision_id:
            # Syncing reads the live article: translators would lose the held change.
            messages.error(
                request,
                _(
                    "This article has an open release: its translations are already "
                    "made from the change medical review approved. Publish or cancel "
                    "the release before syncing."
                ),
            )
            perms = page.permissions_for_user(request.user)
            if perms.can_edit() or perms.can_publish():
                return redirect("articles_release", page.pk)
            return redirect("wagtailadmin_explore", page.get_parent().pk)
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

    def may_publish(self) -> bool:
        # wagtail-localize publishes every enabled translation of the source.
        scoped = self.scoped_translations()
        every = self.object.translations.filter(enabled=True).count()
        user = self.request.user
        return len(scoped) == every and all(
            can_publish_translation(user, t) for t in scoped
        )

    def get_form(self):
        form = super().get_form()
        if not self.may_publish():
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

    def form_valid(self, form):
        use_machine_translation = form.cleaned_data.pop(
            "use_machine_translation", False
        )
        form.cleaned_data.setdefault("publish_translations", False)
        try:
            with transaction.atomic():
                publish = form.cleaned_data["publish_translations"]
                if use_machine_translation or publish:
                    # What follows needs the new segments (wagtail-localize's
                    # form_valid refreshes the source again: cheap once in step).
                    self.object.update_from_db()
                if use_machine_translation:
                    self.machine_translate()
                if publish:
                    self.refuse_unchecked_publishing()
                return super().form_valid(form)
        except UncheckedPublishing as error:
            messages.error(self.request, str(error))
            return redirect(self.request.get_full_path())
        except MachineTranslationError as error:
            messages.error(
                self.request,
                _("Nothing was synced or translated. %(reason)s") % {"reason": error},
            )
            return redirect(self.request.get_full_path())

    def refuse_unchecked_publishing(self) -> None:
        """Publishing every translation at once passes the quality gate too."""
        for translation in self.object.translations.filter(enabled=True):
            reason = publishing_refusal(translation)
            if reason:
                raise UncheckedPublishing(
                    _("Nothing was published (%(locale)s). %(reason)s")
                    % {
                        "locale": translation.target_locale.get_display_name(),
                        "reason": reason,
                    }
                )

    def machine_translate(self) -> None:
        """Machine-translate what is new in each translation the user may
        machine-translate (all or nothing)."""
        user = self.request.user
        for translation in self.scoped_translations():
            if can_machine_translate(user, translation):
                machine_translate(translation, user)
