"""Admin wiring only: the snippets' menu entries and list views, the page header's
link to the changes since the last medical review, and the *Reviews due* report
(URLs, Reports menu entry, dashboard panel)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import ArticlePage, Clinician, Topic
from .review import changes_since_review_button
from .reviews_due import may_see_reviews_due
from .views.article_history import article_history_view
from .views.page_history import ReviewerPageHistoryView
from .views.reviews_due import ReviewsDueReportView
from .views.reviews_due_panel import ReviewsDuePanel


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    list_display = ["name", "slug", "locale"]
    search_fields = ["name"]


class ClinicianViewSet(SnippetViewSet):
    model = Clinician
    icon = "user"
    list_display = ["name", "credentials", "specialty", "locale"]
    search_fields = ["name"]


class ArticleSnippetsGroup(SnippetViewSetGroup):
    items = (TopicViewSet, ClinicianViewSet)
    menu_icon = "doc-full"
    menu_label = _("Article data")
    menu_name = "article-data"


register_snippet(ArticleSnippetsGroup)


hooks.register("register_page_header_buttons", changes_since_review_button)


@hooks.register("register_page_header_buttons")
def article_history_button(page, user, next_url=None, view_name=None):
    if isinstance(page.specific_deferred, ArticlePage):
        yield Button(
            _("History in every language"),
            reverse("articles_article_history", args=[page.pk]),
            icon_name="history",
            priority=56,
        )


class ArticlePageViewSet(PageViewSet):
    model = ArticlePage
    history_view_class = ReviewerPageHistoryView


@hooks.register("register_admin_viewset")
def register_article_page_viewset():
    return ArticlePageViewSet("article_pages")


# Reviews due -------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def article_admin_urls():
    return [
        path(
            "articles/<int:page_id>/history/",
            article_history_view,
            name="articles_article_history",
        ),
        path(
            "reports/reviews-due/",
            ReviewsDueReportView.as_view(),
            name="articles_reviews_due",
        ),
        path(
            "reports/reviews-due/results/",
            ReviewsDueReportView.as_view(results_only=True),
            name="articles_reviews_due_results",
        ),
    ]


class ReviewsDueMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return may_see_reviews_due(request.user)


@hooks.register("register_reports_menu_item")
def register_reviews_due_menu_item():
    return ReviewsDueMenuItem(
        _("Reviews due"),
        reverse("articles_reviews_due"),
        name="reviews-due",
        icon_name="calendar-alt",
        order=8800,
    )


@hooks.register("construct_homepage_panels")
def add_reviews_due_panel(request, panels) -> None:
    panels.append(ReviewsDuePanel())


# Releases ----------------------------------------------------------------------------


@hooks.register("register_log_actions")
def register_release_log_actions(actions) -> None:
    actions.register_action(
        "articles.release_opened", _("Open a release"), _("Release opened")
    )
    actions.register_action(
        "articles.release_held",
        _("Hold for the release"),
        _("Approved, held for the release"),
    )
    actions.register_action(
        "articles.release_cancelled", _("Cancel a release"), _("Release closed")
    )
