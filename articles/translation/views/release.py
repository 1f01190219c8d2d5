"""The release screen of an article: open a release, see where each language stands,
publish the article with the chosen translations, or cancel; and its header button."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.widgets.button import Button
from wagtail.models import Locale

from ...models import ArticlePage, Release
from ...releases import (
    ReleaseError,
    cancel_release,
    open_release,
    open_release_of,
    publish_release,
)
from ..release_progress import release_progress
from ..selectors import translated_source_of


def _source_article(page_id: int) -> ArticlePage:
    """The article `page_id` if it is translated from (a source), else 404."""
    page = get_object_or_404(ArticlePage, pk=page_id)
    if translated_source_of(page) is None:
        raise PermissionDenied
    return page


def _may_see(page: ArticlePage, user) -> bool:
    perms = page.permissions_for_user(user)
    return perms.can_edit() or perms.can_publish()


def release_view(request: HttpRequest, page_id: int) -> HttpResponse:
    page = _source_article(page_id)
    if not _may_see(page, request.user):
        raise PermissionDenied
    release = open_release_of(page)
    if request.method == "POST":
        return _act(request, page, release)
    progress = release_progress(release) if release else []
    return TemplateResponse(
        request,
        "articles/translation/release.html",
        {
            "page": page,
            "release": release,
            "progress": progress,
            "may_publish": page.permissions_for_user(request.user).can_publish(),
            "recent": Release.objects.filter(source_page=page)
            .exclude(status=Release.Status.OPEN)
            .select_related("closed_by")[:5],
            "page_title": _("Release with translations"),
            "page_subtitle": page.get_admin_display_title(),
            "header_icon": "calendar-check",
        },
    )


def _act(request: HttpRequest, page: ArticlePage, release: Release | None):
    action = request.POST.get("action")
    here = reverse("articles_release", args=[page.pk])
    try:
        if action == "open" and release is None:
            open_release(source=page, user=request.user)
            messages.success(
                request,
                _(
                    "Release opened: the next approval of this article is held until "
                    "you publish the release."
                ),
            )
        elif action == "publish" and release is not None:
            codes = request.POST.getlist("locale")
            locales = list(Locale.objects.filter(language_code__in=codes))
            if len(locales) != len(set(codes)):
                raise ReleaseError(_("Choose languages from the list."))
            publish_release(release=release, locales=locales, user=request.user)
            messages.success(request, _("The article and its translations are live."))
        elif action == "cancel" and release is not None:
            cancel_release(release=release, user=request.user)
            messages.success(
                request,
                _("Release cancelled: approvals held for it stay unpublished drafts."),
            )
        else:
            messages.error(
                request, _("That release has changed: here is where it stands now.")
            )
    except ReleaseError as error:
        messages.error(request, str(error))
    return redirect(here)


def release_button(page, user, next_url=None, view_name=None):
    """In the header of a translated article, for those who may edit or publish it."""
    specific = page.specific_deferred
    if not isinstance(specific, ArticlePage) or not _may_see(page, user):
        return
    if translated_source_of(page) is None:
        return
    release = open_release_of(page)
    label = _("Release (open)") if release else _("Release with translations")
    yield Button(
        label,
        reverse("articles_release", args=[page.pk]),
        icon_name="calendar-check",
        priority=57,
    )
