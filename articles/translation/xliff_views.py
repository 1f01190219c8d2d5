"""Admin views for XLIFF exchange: download a translation as XLIFF, upload a translated
file and see what happened to each segment, and a small page listing the
translations of one source with their files."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail_localize.models import Translation, TranslationSource

from .xliff import (
    CONTENT_TYPE,
    NOT_PUBLISHED_NOTE,
    XliffError,
    can_exchange_files,
    export_xliff,
    import_xliff,
    max_upload_bytes,
    xliff_filename,
)


class XliffUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Translated XLIFF file"),
        help_text=gettext_lazy(
            "The .xlf file exported here, with targets filled in by the agency."
        ),
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        limit = max_upload_bytes()
        # Refuse by the declared size before reading anything into memory.
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s bytes; the limit is %(limit)s bytes.")
                % {"size": f"{upload.size:,}", "limit": f"{limit:,}"}
            )
        return upload.read(limit + 1)


def get_translation(translation_id: int) -> Translation:
    return get_object_or_404(
        Translation.objects.select_related(
            "source__locale", "source__specific_content_type", "target_locale"
        ),
        pk=translation_id,
        enabled=True,
    )


def allowed_translation(request: HttpRequest, translation_id: int) -> Translation:
    translation = get_translation(translation_id)
    if not can_exchange_files(request.user, translation):
        raise PermissionDenied
    return translation


def download(request: HttpRequest, translation_id: int) -> HttpResponse:
    translation = allowed_translation(request, translation_id)
    response = HttpResponse(export_xliff(translation), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="{xliff_filename(translation)}"'
    )
    return response


def upload(request: HttpRequest, translation_id: int) -> TemplateResponse:
    translation = allowed_translation(request, translation_id)
    report = None
    if request.method == "POST":
        form = XliffUploadForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                report = import_xliff(
                    translation, form.cleaned_data["file"], request.user
                )
            except XliffError as error:
                form.add_error("file", str(error))
        if report is not None:
            if report.rejected:
                messages.warning(request, report.summary())
            else:
                messages.success(request, report.summary())
            form = XliffUploadForm()
    else:
        form = XliffUploadForm()
    return TemplateResponse(
        request,
        "articles/translation/xliff_upload.html",
        {
            "page_title": _("Translation file (XLIFF)"),
            "page_subtitle": _("%(object)s into %(locale)s")
            % {
                "object": translation.source.object_repr,
                "locale": translation.target_locale.get_display_name(),
            },
            "header_icon": "doc-full",
            "translation": translation,
            "form": form,
            "report": report,
            "not_published_note": NOT_PUBLISHED_NOTE,
            "download_url": reverse("articles_xliff_download", args=[translation.pk]),
            "edit_url": target_edit_url(translation),
        },
        status=400 if form.errors else 200,
    )


def source_files(request: HttpRequest, source_id: int) -> TemplateResponse:
    """Every translation of one source with its download and upload links, for the
    translations the user may work on."""
    source = get_object_or_404(TranslationSource, pk=source_id)
    translations = [
        translation
        for translation in source.translations.filter(enabled=True)
        .select_related(
            "source__locale", "source__specific_content_type", "target_locale"
        )
        .order_by("target_locale__language_code")
        if can_exchange_files(request.user, translation)
    ]
    if not translations:
        raise PermissionDenied
    return TemplateResponse(
        request,
        "articles/translation/xliff_source.html",
        {
            "page_title": _("Translation files (XLIFF)"),
            "page_subtitle": source.object_repr,
            "header_icon": "doc-full",
            "source": source,
            "rows": [
                {
                    "translation": translation,
                    "locale": translation.target_locale.get_display_name(),
                    "download_url": reverse(
                        "articles_xliff_download", args=[translation.pk]
                    ),
                    "upload_url": reverse(
                        "articles_xliff_upload", args=[translation.pk]
                    ),
                }
                for translation in translations
            ],
        },
    )


def target_edit_url(translation: Translation) -> str | None:
    try:
        return translation.get_target_instance_edit_url()
    except (ObjectDoesNotExist, NoReverseMatch):  # not created yet, or no edit view
        return None
