"""The source segments an XLIFF file's `<trans-unit>`s stand for, and their ids."""

import uuid
from typing import NamedTuple

from wagtail_localize.models import StringSegment, Translation


def segment_id(path: str, data_hash: uuid.UUID) -> str:
    return f"{path}:{data_hash}"


class SourceSegment(NamedTuple):
    string_id: int
    context_id: int
    path: str
    field_path: str
    data: str
    data_hash: uuid.UUID

    @property
    def id(self) -> str:
        return segment_id(self.path, self.data_hash)


def unique_segments(translation: Translation) -> list[SourceSegment]:
    """Source string segments in page order, one per (string, context): the same text
    twice in one rich text field is one translation in wagtail-localize. Plain rows
    rather than model instances: an article has hundreds."""
    seen = set()
    segments = []
    for row in (
        StringSegment.objects.filter(source_id=translation.source_id)
        .order_by("order")
        .values_list(
            "string_id",
            "context_id",
            "context__path",
            "context__field_path",
            "string__data",
            "string__data_hash",
        )
    ):
        segment = SourceSegment(*row)
        if (segment.string_id, segment.context_id) not in seen:
            seen.add((segment.string_id, segment.context_id))
            segments.append(segment)
    return segments
