"""The translation check: source beside translation, section by section, with each
segment's quality findings, the overrides translators gave and why, which segments
are still machine output and which changed in the source since they were
translated. For the translator before sending to review, and for the medical
reviewer before approving."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail.admin.widgets.button import Button
from wagtail.models import Page
from wagtail_localize.models import Translation

from ...models import MedicalReviewRecord, StaleSegmentTranslation
from ..memory.fuzzy import fuzzy_matches
from ..memory.prefill import MEMORY_TOOL_NAME
from ..permissions import (
    can_check_translation,
    can_edit_translation,
    can_replace_with_source,
    can_stop_sync,
)
from ..qa.base import plain_text
from ..qa.run import QualityReport, SegmentReport, check_translation
from ..segments.extract import texts_by_path
from ..selectors import (
    allowed_translation,
    target_edit_url,
    target_or_none,
    translation_targeting,
)
from ..terms.check import segment_terms
from ..terms.snapshot import termbase_for_run
from ..xliff.apply import TOOL_NAME as XLIFF_TOOL_NAME


@dataclass
class SectionRows:
    heading: str
    anchor: str
    rows: list[SegmentReport] = field(default_factory=list)


def section_headings(instance) -> dict[str, tuple[str, str]]:
    """Body section block id -> (heading, anchor) of the source."""
    found = {}
    for child in getattr(instance, "body", None) or []:
        value = child.value
        if hasattr(value, "get"):
            found[child.id] = (value.get("heading") or "", value.get("anchor") or "")
    return found


def group_by_section(reports: list[SegmentReport], instance) -> list[SectionRows]:
    headings = section_headings(instance)
    sections: dict[str, SectionRows] = {}
    for report in reports:
        field_name, _dot, rest = report.source.path.partition(".")
        block_id = rest.partition(".")[0]
        if field_name == "body" and block_id in headings:
            heading, anchor = headings[block_id]
            key = block_id
        else:
            heading, anchor, key = (
                field_name.replace("_", " ").capitalize(),
                "",
                field_name,
            )
        sections.setdefault(key, SectionRows(heading, anchor)).rows.append(report)
    return list(sections.values())


def changed_since(revision, report: QualityReport) -> set[str]:
    """Ids of the segments whose current translation is not the text at their place
    in `revision` of the translated page."""
    texts = {
        path: {plain_text(text) for text in written}
        for path, written in texts_by_path(revision.as_object()).items()
    }
    return {
        row.segment.id
        for row in report.segments
        if row.segment.target
        and row.source.path != "slug"  # stored slugified: not the typed text
        and row.segment.target_text not in texts.get(row.source.path, set())
    }


def changed_since_approval(
    translation: Translation, report: QualityReport
) -> set[str] | None:
    """Segments changed since the last version a medical reviewer approved (None:
    never approved)."""
    page = translation_page(translation)
    record = (
        MedicalReviewRecord.objects.filter(page_id=page.pk, revision__isnull=False)
        .select_related("revision")
        .first()
        if page is not None
        else None
    )
    return None if record is None else changed_since(record.revision, report)


def changed_since_sent(translation: Translation, report: QualityReport) -> set[str]:
    """Segments edited after the translation was sent to review: approval publishes
    the text as sent, not these edits."""
    page = translation_page(translation)
    if page is None or not page.workflow_in_progress or page.latest_revision is None:
        return set()
    return changed_since(page.latest_revision, report)


def translation_check(request: HttpRequest, translation_id: int) -> TemplateResponse:
    translation = allowed_translation(
        translation_id, request.user, can_check_translation
    )
    report = check_translation(translation)
    return TemplateResponse(
        request,
        "articles/translation/translation_check.html",
        {
            "translation": translation,
            "sections": group_by_section(
                report.segments, translation.source.as_instance()
            ),
            "changed": changed_segment_ids(translation, report),
            "since_approval": changed_since_approval(translation, report),
            "since_sent": changed_since_sent(translation, report),
            "errors": len(report.open_errors),
            "warnings": len(report.open_warnings),
            "machine": len(report.machine_segments),
            "total": len(report.segments),
            "edit_url": target_edit_url(translation),
            "page_title": _("Translation check"),
            "page_subtitle": f"{translation.source.object_repr} "
            f"({translation.target_locale.get_display_name()})",
            "header_icon": "tick",
        },
    )


def segment_marks(request: HttpRequest, translation_id: int) -> JsonResponse:
    """What the translation editor marks on each segment, by source text (the
    editor's segments show their source text): open findings, origin, and whether
    the source changed since it was translated."""
    translation = get_object_or_404(Translation, pk=translation_id, enabled=True)
    if not can_check_translation(request.user, translation):
        raise PermissionDenied
    report = check_translation(translation)
    changed = changed_segment_ids(translation, report)
    marks: dict[str, dict] = {}
    memory = fuzzy_matches(
        [row.segment.source for row in report.segments],
        source_locale_id=translation.source.locale_id,
        target_locale_id=translation.target_locale_id,
    )
    with termbase_for_run(
        (
            translation.source.locale.language_code,
            translation.target_locale.language_code,
        )
    ):
        for row, matches in zip(report.segments, memory, strict=True):
            findings = [
                {"check": f.check, "severity": f.severity, "message": str(f.message)}
                for f in row.open_findings()
            ]
            from_file = row.segment.tool_name == XLIFF_TOOL_NAME
            from_memory = row.segment.tool_name == MEMORY_TOOL_NAME
            terms = segment_terms(
                row.segment.source_text,
                row.segment.source_language,
                row.segment.target_language,
            )
            if (
                findings
                or from_file
                or from_memory
                or terms
                or matches
                or row.segment.id in changed
            ):
                entry = marks.setdefault(
                    row.segment.source_text.strip(),
                    {
                        "findings": [],
                        "changed": False,
                        "origin": "",
                        "terms": terms,
                        "memory": [
                            {
                                "score": match.score,
                                "diff": match.diff,
                                "target": plain_text(match.target),
                                "lang": row.segment.target_language,
                            }
                            for match in matches
                        ],
                    },
                )
                entry["findings"].extend(findings)
                entry["changed"] |= row.segment.id in changed
                if from_file:
                    entry["origin"] = str(_("From an XLIFF file"))
                elif from_memory:
                    entry["origin"] = str(_("From the translation memory"))
    page = translation_page(translation)
    can_send = (
        can_edit_translation(request.user, translation)
        and page is not None
        and not page.workflow_in_progress
    )
    return JsonResponse(
        {
            "segments": marks,
            "can_send": can_send,
            # The editor's "Convert to alias page" is shown only to whom it is allowed.
            "can_convert_to_alias": page is not None
            and can_replace_with_source(request.user, page),
            # And its "Stop synced translation".
            "can_stop_sync": can_stop_sync(request.user, translation),
        }
    )


def translation_page(translation: Translation) -> Page | None:
    instance = target_or_none(translation)
    return instance if isinstance(instance, Page) else None


def changed_segment_ids(translation: Translation, report) -> set[str]:
    changed = set(
        StaleSegmentTranslation.objects.filter(translation=translation).values_list(
            "string_translation__translation_of_id", "string_translation__context_id"
        )
    )
    return {
        r.segment.id
        for r in report.segments
        if (r.source.string_id, r.source.context_id) in changed
    }


def translation_check_button(page, user, next_url=None, view_name=None):
    translation = translation_targeting(page)
    if translation is not None and can_check_translation(user, translation):
        yield Button(
            _("Translation check"),
            reverse("articles_translation_check", args=[translation.pk]),
            icon_name="tick",
            priority=65,
        )
