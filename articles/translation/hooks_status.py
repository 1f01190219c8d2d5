"""Admin wiring for the translation status report: its URLs and its Reports menu
entry."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .status_views import REPORT_PERMISSIONS, TranslationStatusReportView


@hooks.register("register_admin_urls")
def register_translation_status_urls():
    return [
        path(
            "reports/translation-status/",
            TranslationStatusReportView.as_view(),
            name="articles_translation_status",
        ),
        path(
            "reports/translation-status/results/",
            TranslationStatusReportView.as_view(results_only=True),
            name="articles_translation_status_results",
        ),
    ]


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
