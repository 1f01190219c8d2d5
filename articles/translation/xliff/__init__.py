"""XLIFF 1.2 exchange with translation agencies for wagtail-localize translations.

A file holds one translation (one source object into one target locale). Each
`<trans-unit>` is one wagtail-localize segment: its id is the segment's translation
context path and the hash of its source string, so the same segment has the same id in
every export. Inline markup (links, bold...) travels as XLIFF inline elements (`<g>`
for paired tags, `<x/>` for line breaks) whose ids name the source's tags; an import
only accepts targets that use exactly the source's placeholders.

Importing saves segment translations only, the way wagtail-localize's PO upload does:
the translated page or snippet changes when a reviewer publishes the translation.
"""

from .apply import import_xliff
from .export import export_xliff, xliff_filename
from .file import XliffError, file_translation_uuid, max_upload_bytes, same_language
from .report import (
    APPLIED,
    NOT_PUBLISHED_NOTE,
    REJECTED,
    SKIPPED,
    UNCHANGED,
    ImportReport,
    SegmentResult,
)

CONTENT_TYPE = "application/x-xliff+xml; charset=utf-8"

__all__ = [
    "APPLIED",
    "CONTENT_TYPE",
    "NOT_PUBLISHED_NOTE",
    "REJECTED",
    "SKIPPED",
    "UNCHANGED",
    "ImportReport",
    "SegmentResult",
    "XliffError",
    "export_xliff",
    "file_translation_uuid",
    "import_xliff",
    "max_upload_bytes",
    "same_language",
    "xliff_filename",
]
