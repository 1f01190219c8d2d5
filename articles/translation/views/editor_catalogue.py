"""The JavaScript catalogue of wagtail-localize's translation editor, completed from
this app's catalogues (`wagtail_localize_strings`): wagtail-localize serves only its
own, in which Korean lacks 27 of the editor's 48 strings."""

from __future__ import annotations

from django.utils.translation import gettext
from django.views.i18n import JavaScriptCatalog

from ..wagtail_localize_strings import EDITOR_STRINGS


class EditorJavaScriptCatalog(JavaScriptCatalog):
    """wagtail-localize's `javascript_catalog`, its editor's strings translated as the
    server translates them: from Django's merged catalogues, where this app's hold
    every one, so the editor and the pages around it use the same words."""

    packages = ["wagtail_localize"]

    def get_catalog(self) -> dict:
        catalog = super().get_catalog()
        for msgid in EDITOR_STRINGS:
            translated = gettext(msgid)
            if translated != msgid:
                catalog[msgid] = translated
        return catalog


editor_javascript_catalog = EditorJavaScriptCatalog.as_view()
