"""The screen of an article's history across its languages."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from ..article_history import article_history
from ..models import ArticlePage


def article_history_view(request: HttpRequest, page_id: int) -> HttpResponse:
    page = get_object_or_404(ArticlePage, pk=page_id)
    entries = article_history(page, user=request.user)
    if not entries and not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return TemplateResponse(
        request,
        "articles/history/article_history.html",
        {
            "page": page,
            "entries": entries,
            "page_title": _("History in every language"),
            "page_subtitle": page.get_admin_display_title(),
            "header_icon": "history",
        },
    )
