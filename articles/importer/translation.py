"""A file imported as the translation of an article: its sections against the source's.

Anchors stay identical across locales (they are not translated), so the file's
headings are expected to carry the source's anchors as their ids, and sections are
paired by anchor. A heading without an id takes the anchor of the source section at
the same place when the two outlines (the sequence of section levels) are the same;
otherwise it gets a derived anchor, like any other. Sections of the file that are not
in the source are imported as they are, and source sections the file lacks are left
out; both are reported.
"""

from __future__ import annotations

from wagtail.models import Locale
from wagtail_localize.models import Translation

from ..models import ArticlePage
from .structure import Notice, Section


def source_outline(source_body: list[dict]) -> list[tuple[str, int, str]]:
    """(anchor, level, heading) of each section of the source's stored body."""
    return [
        (
            child["value"].get("anchor") or "",
            int(child["value"].get("level") or 2),
            child["value"].get("heading") or "",
        )
        for child in source_body
        if child.get("type") == "section"
    ]


def adopt_source_anchors(
    sections: list[Section], source_body: list[dict]
) -> list[Notice]:
    source = source_outline(source_body)
    if [section.level for section in sections] != [level for _a, level, _h in source]:
        return []
    explicit = {section.anchor for section in sections if section.anchor}
    adopted = 0
    for section, (anchor, _level, _heading) in zip(sections, source, strict=True):
        if not section.anchor and anchor and anchor not in explicit:
            section.anchor = anchor
            adopted += 1
    if not adopted:
        return []
    return [
        Notice(
            f"{adopted} heading(s) without an id took the anchor of the source "
            "section at the same place; check that they match"
        )
    ]


def unmatched_sections(
    sections: list[Section], source_body: list[dict]
) -> list[Notice]:
    source = source_outline(source_body)
    source_anchors = {anchor for anchor, _level, _heading in source}
    file_anchors = {section.anchor for section in sections}
    notices = [
        Notice(
            f"section {section.heading!r} (#{section.anchor}) is not in the source "
            "article: imported as it is",
            section.line,
        )
        for section in sections
        if section.anchor not in source_anchors
    ]
    notices.extend(
        Notice(
            f"the source's section #{anchor} ({heading!r}) is missing from the file: "
            "the translation has no such section"
        )
        for anchor, _level, heading in source
        if anchor not in file_anchors
    )
    return notices


def localize_notices(source: ArticlePage, locale: Locale) -> list[Notice]:
    """A warning when wagtail-localize translates the article into `locale`: it
    rebuilds the page from its translated segments when the translation is synced
    or edited there, replacing what this import wrote."""
    managed = Translation.objects.filter(
        source__object_id=source.translation_key,
        target_locale=locale,
        enabled=True,
    ).exists()
    if not managed:
        return []
    return [
        Notice(
            f"wagtail-localize translates this article into {locale.language_code}: "
            "syncing or editing that translation there will replace the imported "
            "text with its translated segments"
        )
    ]
