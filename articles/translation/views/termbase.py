"""The termbase in the admin: editors and medical reviewers edit concepts and their
terms (and approve proposed ones); translators read it and propose a term in their
own languages, which stays *proposed* until a reviewer or editor approves it."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.models import Locale

from ...models import Term, TermConcept, TranslationStyleGuide
from ..permissions import translator_locales


class ApprovedTermsColumn(Column):
    """Each approved term with its language, from the prefetched terms."""

    def get_value(self, instance) -> str:
        return ", ".join(
            f"{term.text} ({term.locale.language_code})"
            for term in instance.terms.all()
            if term.status == Term.Status.APPROVED
        )


class TermConceptViewSet(ModelViewSet):
    model = TermConcept
    icon = "openquote"
    menu_label = gettext_lazy("Termbase")
    inspect_view_enabled = True  # what translators (view permission) open
    list_display = [
        "concept_id",
        ApprovedTermsColumn("terms", label=gettext_lazy("Approved terms")),
        Column("proposed", label=gettext_lazy("Proposed")),
    ]
    search_fields = ["concept_id", "note"]
    search_backend_name = None  # the database's own filter: no index to keep
    ordering = ["concept_id"]

    def get_queryset(self, request):
        return TermConcept.objects.annotate(
            proposed=Count("terms", filter=Q(terms__status=Term.Status.PROPOSED))
        ).prefetch_related("terms__locale")


class StyleGuideViewSet(ModelViewSet):
    """How translations into each language are written: editors and medical
    reviewers edit; translators read (a language model translator is given it)."""

    model = TranslationStyleGuide
    icon = "doc-full"
    menu_label = gettext_lazy("Style guides")
    inspect_view_enabled = True
    list_display = ["locale", "updated_at"]
    form_fields = ["locale", "guide"]
    ordering = ["locale_id"]


class TerminologyGroup(ViewSetGroup):
    items = (TermConceptViewSet("termbase"), StyleGuideViewSet("style_guides"))
    menu_icon = "openquote"
    menu_label = gettext_lazy("Terminology")
    menu_name = "terminology"
    menu_order = 250


class ProposeTermForm(forms.Form):
    concept = forms.ModelChoiceField(
        TermConcept.objects.all(), label=gettext_lazy("Concept")
    )
    locale = forms.ModelChoiceField(
        Locale.objects.none(), label=gettext_lazy("Language")
    )
    text = forms.CharField(max_length=255, label=gettext_lazy("Term"))
    note = forms.CharField(
        required=False, widget=forms.Textarea({"rows": 3}), label=gettext_lazy("Note")
    )

    def __init__(self, *args, locales, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["locale"].queryset = locales

    def clean(self):
        data = super().clean()
        if (
            data.get("concept")
            and data.get("locale")
            and Term.objects.filter(
                concept=data["concept"],
                locale=data["locale"],
                text=data.get("text", "").strip(),
            ).exists()
        ):
            raise forms.ValidationError(_("The termbase has this term already."))
        return data


def propose_term_view(request: HttpRequest) -> HttpResponse:
    """A translator proposes a term in one of their languages."""
    codes = translator_locales(request.user)
    if not codes or not request.user.has_perm("articles.view_termconcept"):
        raise PermissionDenied
    locales = Locale.objects.filter(language_code__in=codes).order_by("pk")
    initial = {"concept": request.GET.get("concept")}
    form = ProposeTermForm(request.POST or None, initial=initial, locales=locales)
    if request.method == "POST" and form.is_valid():
        Term.objects.create(
            concept=form.cleaned_data["concept"],
            locale=form.cleaned_data["locale"],
            text=form.cleaned_data["text"].strip(),
            note=form.cleaned_data["note"],
            status=Term.Status.PROPOSED,
            proposed_by=request.user,
        )
        messages.success(
            request,
            _("Term proposed: a medical reviewer or an editor will approve it."),
        )
        return redirect(reverse("articles_propose_term"))
    return TemplateResponse(
        request,
        "articles/translation/propose_term.html",
        {"form": form, "page_title": _("Propose a term"), "header_icon": "openquote"},
    )
