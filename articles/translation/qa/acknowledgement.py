"""What a medical reviewer must acknowledge before approving a translation: segments
that still hold machine output no person has edited. Registered with the review task
(`articles.models.review.APPROVAL_ACKNOWLEDGEMENTS`) by the app's `ready()`."""

from __future__ import annotations

from django.utils.translation import ngettext
from wagtail.models import Page
from wagtail_localize.models import StringTranslation

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
