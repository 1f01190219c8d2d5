"""A translator's override of a link, answered by `edit_override` (it replaces
wagtail-localize's `edit_override` view at the same URL, `urls`).

wagtail-localize saves any string a translator types over a synchronised value. When
the overridden value is a string it is a link in this project (a rich-text link's
href, a URL block, an embed), so it must pass `articles.safe_urls` before it is saved;
other overrides (an image, a page, a document) and "Revert" (DELETE) go to
wagtail-localize's own view unchanged.
"""

import io

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse, QueryDict
from wagtail_localize.models import OverridableSegment, Translation
from wagtail_localize.views import edit_translation

from ...safe_urls import validate_safe_url

FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


def overrides_a_link(*, translation_id: int, overridable_segment_id: int) -> bool:
    """Whether the segment belongs to the translation's source and holds a string.
    Anything else is left to wagtail-localize (which answers 404 for a stranger)."""
    translation = (
        Translation.objects.select_related("source").filter(id=translation_id).first()
    )
    if translation is None:
        return False
    segment = OverridableSegment.objects.filter(
        id=overridable_segment_id, context__object_id=translation.source.object_id
    ).first()
    return segment is not None and isinstance(segment.data, str)


def submitted_value(request: HttpRequest) -> str | None:
    """The form field `value` of a PUT, read as DRF reads it for wagtail-localize
    (Django parses form bodies of POST requests only). The body stays readable:
    DRF reads the copy `request.body` keeps."""
    if request.content_type not in FORM_CONTENT_TYPES:
        return None
    if request.content_type == "multipart/form-data":
        data, _files = request.parse_file_upload(request.META, io.BytesIO(request.body))
    else:
        data = QueryDict(request.body, encoding=request.encoding)
    return data.get("value")


def edit_override(
    request: HttpRequest, translation_id: int, overridable_segment_id: int
) -> HttpResponse:
    """Refuse an unsafe link, saving nothing; else delegate.

    The refusal is a 200 carrying `error` (and the typed value as `data`), the one
    answer wagtail-localize's editor shows the translator: it marks the override in
    red with the message. On any other status it shows nothing and leaves the typed
    value looking changed. A body without a form `value` is a 400.
    """
    if request.method == "PUT" and overrides_a_link(
        translation_id=translation_id, overridable_segment_id=overridable_segment_id
    ):
        value = submitted_value(request)
        if value is None:
            return JsonResponse(
                {"error": "Send the new value as form data."}, status=400
            )
        try:
            validate_safe_url(value)
        except ValidationError as error:
            return JsonResponse(
                {"data": value, "error": error.messages[0], "saved": False}
            )
    return edit_translation.edit_override(
        request,
        translation_id=translation_id,
        overridable_segment_id=overridable_segment_id,
    )
