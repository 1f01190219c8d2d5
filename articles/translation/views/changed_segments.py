"""The page of segment translations kept across a source change, and what points
translators to it (a message in the editor, a header button): thin views over
`keep_in_step.changed_segments`."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages as admin_messages
from wagtail.admin.widgets.button import Button
from wagtail_localize.models import Translation

from ...models import StaleSegmentTranslation
from ..keep_in_step.changed_segments import (
    confirm_stale_segments,
    stale_segments_for_review,
)
from ..permissions import can_edit_translation
from ..selectors import allowed_translation, target_edit_url, translation_targeting
from .quality import section_headings


@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, translation_id: int) -> HttpResponse:
    translation = allowed_translation(
        translation_id, request.user, can_edit_translation
    )
    if request.method == "POST":
        return _confirm(request, translation)
    headings = {
        anchor: heading
        for heading, anchor in section_headings(
            translation.source.as_instance()
        ).values()
    }
    rows = stale_segments_for_review(translation)
    return TemplateResponse(
        request,
        "articles/translation/changed_segments/review.html",
        {
            "translation": translation,
            "rows": rows,
            "entries": [
                {"row": row, "heading": headings.get(row.section) or row.section}
                for row in rows
            ],
            "bulk_confirmable": [
                r for r in rows if not r.gained_words and not r.has_error
            ],
            "edit_url": target_edit_url(translation),
            "page_title": _("Source changes to check"),
            "page_subtitle": f"{translation.source.object_repr} "
            f"({translation.target_locale.get_display_name()})",
            "header_icon": "warning",
        },
    )


def _ids(values: list[str]) -> list[int] | None:
    try:
        return [int(value) for value in values]
    except ValueError:
        return None


def _confirm(request: HttpRequest, translation: Translation) -> HttpResponse:
    here = reverse("articles_changed_segments", args=[translation.pk])
    still_correct = set(_ids(request.POST.getlist("still_correct")) or [])
    if "confirm_all" in request.POST:
        flag_ids = None
    else:
        flag_ids = _ids(request.POST.getlist("confirm"))
        if not flag_ids:
            messages.error(request, _("Choose a segment to confirm."))
            return redirect(here)
    before = StaleSegmentTranslation.objects.filter(translation=translation).count()
    confirmed = confirm_stale_segments(
        translation=translation, flag_ids=flag_ids, still_correct=still_correct
    )
    if confirmed:
        messages.success(
            request,
            ngettext(
                "%(count)d kept translation confirmed.",
                "%(count)d kept translations confirmed.",
                confirmed,
            )
            % {"count": confirmed},
        )
    waiting = [
        row
        for row in stale_segments_for_review(translation)
        if row.gained_words and (flag_ids is None or row.id in flag_ids)
    ]
    if waiting:
        messages.warning(
            request,
            ngettext(
                "The source of %(count)d segment gained words its kept translation "
                "may lack: edit it, or tick 'Translation still correct' and confirm "
                "it on its own.",
                "The source of %(count)d segments gained words their kept "
                "translations may lack: edit them, or tick 'Translation still "
                "correct' and confirm each on its own.",
                len(waiting),
            )
            % {"count": len(waiting)},
        )
    elif not confirmed and before:
        messages.error(request, _("Nothing was confirmed."))
    elif not confirmed:
        messages.error(
            request, _("Nothing to confirm: the segment was reviewed already.")
        )
    return redirect(here)


def _translation_to_review(page, user) -> tuple[Translation, int] | None:
    """The translation that `page` is the target of, with its number of segments to
    review, if there are any and `user` may review them."""
    translation = translation_targeting(page)
    if translation is None:
        return None
    count = StaleSegmentTranslation.objects.filter(translation=translation).count()
    if not count or not can_edit_translation(user, translation):
        return None
    return translation, count


def warn_translator_of_changed_segments(request, page):
    """Opening a translation (wagtail-localize's editor) says which segments changed in
    the source, and links to their review. Returns nothing: the editor still opens."""
    if request.method != "GET":
        return
    found = _translation_to_review(page, request.user)
    if found is None:
        return
    translation, count = found
    admin_messages.warning(
        request,
        ngettext(
            "The source text of %(count)d segment changed since it was translated; "
            "its previous translation is kept until you review it.",
            "The source text of %(count)d segments changed since they were "
            "translated; their previous translations are kept until you review them.",
            count,
        )
        % {"count": count},
        buttons=[
            admin_messages.button(
                reverse("articles_changed_segments", args=[translation.pk]),
                _("Check source changes"),
            )
        ],
    )


def changed_segments_button(page, user, next_url=None, view_name=None):
    found = _translation_to_review(page, user)
    if found is not None:
        translation, count = found
        yield Button(
            _("Check source changes (%(count)d)") % {"count": count},
            reverse("articles_changed_segments", args=[translation.pk]),
            icon_name="warning",
            priority=60,
        )
