"""Locale guards for wagtail-localize's own views, chosen by what their URL names.

wagtail-localize checks only a model-wide `submit_translation` permission (anyone with
it may create a translation in any locale) and, for snippets, a model-wide edit
permission. `urls.guarded_wagtail_localize_urls` wraps each of its views in the guard
for the object its URL names (a translation, a page); a view whose URL names neither
is for those who see every locale, unless it is listed as showing no translation.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from wagtail.models import Page
from wagtail_localize.models import Translation

from ..permissions import (
    can_edit_instance_in_locale,
    can_edit_translation,
    can_see_every_locale,
)


def translation_guard(view: Callable) -> Callable:
    """The URL names a translation: the user must work on it (its target locale)."""

    @wraps(view)
    def guarded(request, *args, translation_id, **kwargs):
        translation = get_object_or_404(Translation, id=translation_id)
        if not can_edit_translation(request.user, translation):
            raise PermissionDenied
        return view(request, *args, translation_id=translation_id, **kwargs)

    return guarded


def page_guard(view: Callable) -> Callable:
    """The URL names a page: the user must be able to edit it in its locale."""

    @wraps(view)
    def guarded(request, *args, page_id, **kwargs):
        page = get_object_or_404(Page, id=page_id)
        if not can_edit_instance_in_locale(request.user, page):
            raise PermissionDenied
        return view(request, *args, page_id=page_id, **kwargs)

    return guarded


def every_locale_guard(view: Callable) -> Callable:
    """The view lists or changes translations of any locale: only for those who see
    every locale (editors of the source, administrators)."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if not can_see_every_locale(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return guarded


def guard_for(route_parameters: set[str]) -> Callable[[Callable], Callable]:
    """The guard for a view whose URL has these parameters."""
    if "translation_id" in route_parameters:
        return translation_guard
    if "page_id" in route_parameters:
        return page_guard
    return every_locale_guard
