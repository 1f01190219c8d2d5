"""Page history for medical reviewers too, comparing with the last medical review."""

from functools import cached_property

from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.views.generic.history import ActionColumn
from wagtail.admin.views.pages.history import PageHistoryView

from ..review import last_reviewed_revision


class ReviewActionColumn(ActionColumn):
    """Wagtail's actions of a history entry, led by a comparison with the revision the
    last medical review approved: comparing a version with the one before it often
    compares two autosaves and finds "no differences"."""

    def __init__(self, *args, reviewed=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.reviewed = reviewed

    def get_status(self, instance, parent_context):
        status = super().get_status(instance, parent_context)
        if (
            status is None
            and self.reviewed is not None
            and instance.revision_id == self.reviewed.pk
            and instance.content_changed
        ):
            return _("Last medical review")
        return status

    def get_actions(self, instance, parent_context):
        actions = super().get_actions(instance, parent_context)
        if (
            self.reviewed is None
            or not actions
            or instance.revision_id in (None, self.reviewed.pk)
        ):
            return actions
        url = reverse(
            "wagtailadmin_pages:revisions_compare",
            args=[self.object.pk, self.reviewed.pk, instance.revision_id],
        )
        return [
            {"url": url, "label": _("Compare with the last medical review")},
            *actions,
        ]


class ReviewerPageHistoryView(PageHistoryView):
    """Wagtail's page history, open also to those who may publish the page: medical
    reviewers approve (publish) through the workflow without editing, and must see
    what changed and by whom. Wagtail's own view asks for add, change or delete
    permission on some page; the page itself is still checked (`get_object`: publish
    or edit permission on it). Each version's first action compares it with the last
    reviewed one (`ReviewActionColumn`)."""

    any_permission_required = ["add", "change", "delete", "publish"]

    @cached_property
    def columns(self):
        columns = list(super().columns)
        action = columns[0]
        columns[0] = ReviewActionColumn(
            action.name,
            label=action.label,
            object=action.object,
            url_names=action.url_names,
            user_can_unschedule=action.user_can_unschedule,
            reviewed=last_reviewed_revision(self.object),
        )
        return columns
