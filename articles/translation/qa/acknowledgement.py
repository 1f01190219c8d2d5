"""What a medical reviewer must acknowledge before approving a translation: segments
that still hold machine output no person has edited, and a translation no longer
synced with its source, which nothing checks against it. Registered with the review
task (`articles.models.review.APPROVAL_ACKNOWLEDGEMENTS`) by the app's `ready()`."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page
from wagtail_localize.models import StringTranslation, Translation

from ..selectors import translation_targeting


def unedited_machine_translation(page: Page) -> str | None:
    """A statement about the page's unedited machine translation, or None. One or two
    queries: the review dashboard asks it for every page awaiting review."""
    translation = translation_targeting(page)
    if translation is None:
        return None
    count = StringTranslation.objects.filter(
        locale_id=translation.target_locale_id,
        context__object_id=translation.source.object_id,
        translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE,
    ).count()
    if not count:
        return None
    return ngettext(
        "Approved knowing that %(count)d segment is machine translation no "
        "translator edited.",
        "Approved knowing that %(count)d segments are machine translation no "
        "translator edited.",
        count,
    ) % {"count": count}


def stopped_translation(page: Page) -> str | None:
    """A statement about a page whose translation was stopped (wagtail-localize's
    "Stop synced translation") and not restarted, or None. Its text is written in
    Wagtail's own editor: the quality checks, which compare a translation's segments
    with the source's, no longer see it. One query."""
    synced = set(
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id
        ).values_list("enabled", flat=True)
    )
    if synced != {False}:
        return None
    return _(
        "Approved knowing that this translation is no longer synced with its "
        "source: no check compared its numbers, doses and terms with the source's."
    )
