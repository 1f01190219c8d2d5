"""Admin wiring: webhook subscribers and the log of every delivery attempt."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from articles.site_pages import PAGE_HEAD_HOOK

from .models import WebhookDelivery, WebhookSubscription
from .page_head import article_page_head

# The CMS's own article pages say in <head> what the API says (`articles.site_pages`).
hooks.register(PAGE_HEAD_HOOK, article_page_head)


class WebhookSubscriptionViewSet(ModelViewSet):
    model = WebhookSubscription
    icon = "globe"
    menu_label = _("Subscribers")
    list_display = ["name", "url", "locales", "is_active"]
    panels = [
        FieldPanel("name"),
        FieldPanel("url"),
        FieldPanel("secret"),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("on_article_published"),
                        FieldPanel("on_article_unpublished"),
                        FieldPanel("on_article_deleted"),
                        FieldPanel("on_translation_published"),
                    ]
                )
            ],
            heading=_("Events"),
        ),
        FieldPanel("locales"),
        FieldPanel("is_active"),
    ]


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Delivery attempts are a log: they can be read and cleared, never written."""

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False
        return super().user_has_permission(user, action)


class WebhookDeliveryViewSet(ModelViewSet):
    model = WebhookDelivery
    icon = "list-ul"
    menu_label = _("Delivery log")
    list_display = [
        "attempted_at",
        "event",
        "subscription",
        "attempt",
        "status",
        "response_status",
        "duration_ms",
    ]
    list_filter = ["status", "event", "subscription"]
    inspect_view_enabled = True
    form_fields = ["status"]


class WebhooksGroup(ModelViewSetGroup):
    items = (WebhookSubscriptionViewSet, WebhookDeliveryViewSet)
    menu_icon = "globe"
    menu_label = _("Webhooks")
    menu_name = "webhooks"
    add_to_settings_menu = True


register_permission_policy(WebhookDelivery, ReadOnlyPolicy(WebhookDelivery))


@hooks.register("register_admin_viewset")
def register_viewsets():
    return WebhooksGroup()
