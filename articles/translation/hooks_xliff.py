"""Admin wiring for XLIFF exchange: the URLs, and the ways translators reach them.

- a translated page or snippet gets "Download XLIFF" / "Upload XLIFF" in its listing
  and header "more" menus;
- a source with translations gets "XLIFF files", a page listing its languages;
- wagtail-localize's translation editor (where its PO download lives) gets the same two
  links above the editor.
"""

from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.models import TranslatableMixin
from wagtail_localize.models import Translation, TranslationSource

from . import xliff_views
from .xliff import can_exchange_files


@hooks.register("register_admin_urls")
def register_xliff_urls():
    return [
        path(
            "translation-files/<int:translation_id>/download/",
            xliff_views.download,
            name="articles_xliff_download",
        ),
        path(
            "translation-files/<int:translation_id>/upload/",
            xliff_views.upload,
            name="articles_xliff_upload",
        ),
        path(
            "translation-files/source/<int:source_id>/",
            xliff_views.source_files,
            name="articles_xliff_source",
        ),
    ]


def xliff_buttons(instance, user):
    """The XLIFF entries for one page or snippet in its own locale."""
    if not isinstance(instance, TranslatableMixin):
        return
    translation = (
        Translation.objects.filter(
            source__object_id=instance.translation_key,
            target_locale_id=instance.locale_id,
            enabled=True,
        )
        .select_related("source__specific_content_type", "source__locale")
        .first()
    )
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
    source = TranslationSource.objects.filter(
        object_id=instance.translation_key,
        locale_id=instance.locale_id,
        translations__enabled=True,
    ).first()
    if source is not None:
        yield Button(
            _("XLIFF files"),
            reverse("articles_xliff_source", args=[source.pk]),
            icon_name="doc-full",
            priority=72,
        )


@hooks.register("register_page_listing_more_buttons")
def page_listing_xliff_buttons(page, user, next_url=None):
    yield from xliff_buttons(page, user)


@hooks.register("register_page_header_buttons")
def page_header_xliff_buttons(page, user, next_url=None, view_name=None):
    yield from xliff_buttons(page, user)


@hooks.register("register_snippet_listing_buttons")
def snippet_listing_xliff_buttons(snippet, user, next_url=None):
    yield from xliff_buttons(snippet, user)


@hooks.register("insert_editor_js")
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
