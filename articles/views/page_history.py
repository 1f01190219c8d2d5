"""Page history for medical reviewers too."""

from wagtail.admin.views.pages.history import PageHistoryView


class ReviewerPageHistoryView(PageHistoryView):
    """Wagtail's page history, open also to those who may publish the page: medical
    reviewers approve (publish) through the workflow without editing, and must see
    what changed and by whom. Wagtail's own view asks for add, change or delete
    permission on some page; the page itself is still checked (`get_object`: publish
    or edit permission on it)."""

    any_permission_required = ["add", "change", "delete", "publish"]
