"""Admin wiring only: URLs, menu entries, buttons and hooks of the translation
workflow. The views, buttons and rules live in `views/`, `urls` and `permissions`."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .urls import guarded_wagtail_localize_urls, translation_urls
from .views import changed_segments, quality, release, send_to_review, snippets, xliff
from .views.languages import may_set_up_languages
from .views.status import REPORT_PERMISSIONS, TranslationStatusReportView
from .views.termbase import TerminologyGroup

# URLs: ours, and wagtail-localize's behind locale guards, registered before its own.
hooks.register("register_admin_urls", translation_urls)
hooks.register("register_admin_urls", guarded_wagtail_localize_urls, order=-100)


# The Reports menu entry ----------------------------------------------------------


class TranslationStatusMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return TranslationStatusReportView.permission_policy.user_has_any_permission(
            request.user, REPORT_PERMISSIONS
        )


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return TranslationStatusMenuItem(
        _("Translation status"),
        reverse("articles_translation_status"),
        name="translation-status",
        icon_name="site",
        order=8900,
    )


class ContentLanguagesMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return may_set_up_languages(request.user)


@hooks.register("register_settings_menu_item")
def register_content_languages_menu_item():
    return ContentLanguagesMenuItem(
        _("Content languages"),
        reverse("articles_content_languages"),
        name="content-languages",
        icon_name="site",
        order=610,
    )


@hooks.register("register_admin_viewset")
def register_terminology_viewsets():
    return TerminologyGroup()


# Buttons ---------------------------------------------------------------------------


@hooks.register("register_page_listing_more_buttons")
def page_listing_xliff_buttons(page, user, next_url=None):
    yield from xliff.xliff_buttons(page, user)


@hooks.register("register_page_header_buttons")
def page_header_xliff_buttons(page, user, next_url=None, view_name=None):
    yield from xliff.xliff_buttons(page, user)


@hooks.register("register_snippet_listing_buttons")
def snippet_listing_xliff_buttons(snippet, user, next_url=None):
    yield from xliff.xliff_buttons(snippet, user)


hooks.register("register_page_header_buttons", send_to_review.send_to_review_buttons)
hooks.register(
    "register_page_listing_more_buttons", send_to_review.send_to_review_buttons
)
hooks.register("register_page_header_buttons", changed_segments.changed_segments_button)
hooks.register("register_page_header_buttons", quality.translation_check_button)
hooks.register("register_page_header_buttons", release.release_button)
hooks.register("insert_editor_js", xliff.translation_editor_xliff_links)
hooks.register("insert_editor_js", send_to_review.editor_review_tools)

# Opening a translation says which segments changed: before wagtail-localize's own
# hook, which answers with its editor.
hooks.register(
    "before_edit_page", changed_segments.warn_translator_of_changed_segments, order=-10
)

# Publishing a translation from wagtail-localize's editor passes the quality gate:
# before its own hook, which publishes.
hooks.register(
    "before_edit_page", send_to_review.refuse_unchecked_publishing, order=-20
)
hooks.register(
    "before_edit_snippet", send_to_review.refuse_unchecked_publishing, order=-20
)

# Snippets of other locales ---------------------------------------------------------

hooks.register(
    "before_edit_snippet", snippets.refuse_editing_snippets_of_other_locales, order=-100
)
hooks.register(
    "before_delete_snippet",
    snippets.refuse_deleting_snippets_of_other_locales,
    order=-100,
)
hooks.register(
    "before_create_snippet",
    snippets.refuse_creating_snippets_in_other_locales,
    order=-100,
)
