"""Admin views for XLIFF exchange: download a translation as XLIFF, upload a translated
file and see what happened to each segment, and a small page listing the
translations of one source with their files; and the ways translators reach them:

- a translated page or snippet gets "Download XLIFF" / "Upload XLIFF" in its listing
  and header "more" menus;
- a source with translations gets "XLIFF files", a page listing its languages;
- wagtail-localize's translation editor (where its PO download lives) gets the same two
  links above the editor.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.widgets.button import Button
from wagtail.models import TranslatableMixin
from wagtail_localize.models import TranslationSource

from ..permissions import can_exchange_files
from ..selectors import (
    allowed_translation,
    target_edit_url,
    translated_source_of,
    translation_targeting,
)
from ..xliff import (
    CONTENT_TYPE,
    NOT_PUBLISHED_NOTE,
    XliffError,
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


def download(request: HttpRequest, translation_id: int) -> HttpResponse:
    translation = allowed_translation(translation_id, request.user, can_exchange_files)
    response = HttpResponse(export_xliff(translation), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = (
        f'attachment; filename="{xliff_filename(translation)}"'
    )
    return response


def upload(request: HttpRequest, translation_id: int) -> TemplateResponse:
    translation = allowed_translation(translation_id, request.user, can_exchange_files)
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


# How translators reach them --------------------------------------------------


def xliff_buttons(instance, user):
    """The XLIFF entries for one page or snippet in its own locale."""
    if not isinstance(instance, TranslatableMixin):
        return
    translation = translation_targeting(instance)
    if translation is not None and can_exchange_files(user, translation):
        yield Button(
            _("Download XLIFF"),
            reverse("articles_xliff_download", args=[translation.pk]),
            icon_name="download",
            priority=70,
        )
        yield Button(
            _("Upload XLIFF"),
            reverse("articles_xliff_upload", args=[translation.pk]),
            icon_name="upload",
            priority=71,
        )
    source = translated_source_of(instance)
    if source is not None:
        yield Button(
            _("XLIFF files"),
            reverse("articles_xliff_source", args=[source.pk]),
            icon_name="doc-full",
            priority=72,
        )


def translation_editor_xliff_links():
    # The translation editor is a React app whose menu cannot be extended; a small
    # script adds the links above it, taking the translation id from its props.
    return render_to_string(
        "articles/translation/xliff_editor_links.html",
        {
            "download_url": reverse("articles_xliff_download", args=[0]),
            "upload_url": reverse("articles_xliff_upload", args=[0]),
            "download_label": _("Download XLIFF"),
            "upload_label": _("Upload XLIFF"),
        },
    )
