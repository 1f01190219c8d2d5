"""Checking a whole translation: every segment through every registered check, with
the overrides translators recorded. A constant number of queries whatever the size
of the article (segments, their translations, the overrides)."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail_localize.models import StringTranslation, Translation

from ...models import QualityOverride
from ..xliff.units import SourceSegment, unique_segments
from .base import ERROR, WARNING, Finding, Segment
from .registry import check_run, check_segment


def target_hash(target: str) -> str:
    return hashlib.sha256(target.encode()).hexdigest()


@dataclass
class SegmentReport:
    """One segment of a translation, as a translator or reviewer needs it."""

    source: SourceSegment
    segment: Segment
    findings: list[Finding] = field(default_factory=list)
    # By finding key (check, detail).
    overrides: dict[tuple[str, str], QualityOverride] = field(default_factory=dict)

    def open_findings(self, severity: str | None = None) -> list[Finding]:
        return [
            finding
            for finding in self.findings
            if finding.key not in self.overrides
            and (severity is None or finding.severity == severity)
        ]

    @property
    def findings_with_overrides(self) -> list[tuple[Finding, QualityOverride | None]]:
        return [(finding, self.overrides.get(finding.key)) for finding in self.findings]

    @property
    def overridden(self) -> list[tuple[Finding, QualityOverride]]:
        return [
            (finding, self.overrides[finding.key])
            for finding in self.findings
            if finding.key in self.overrides
        ]


@dataclass
class QualityReport:
    translation: Translation
    segments: list[SegmentReport]

    @property
    def findings(self) -> list[Finding]:
        return [f for report in self.segments for f in report.findings]

    def open_findings(self, severity: str | None = None) -> list[Finding]:
        return [f for report in self.segments for f in report.open_findings(severity)]

    @property
    def open_errors(self) -> list[Finding]:
        return self.open_findings(ERROR)

    @property
    def open_warnings(self) -> list[Finding]:
        return self.open_findings(WARNING)

    @property
    def machine_segments(self) -> list[SegmentReport]:
        return [report for report in self.segments if report.segment.machine]

    def segment(self, segment_id: str) -> SegmentReport | None:
        return next((r for r in self.segments if r.segment.id == segment_id), None)


def check_translation(translation: Translation) -> QualityReport:
    """Every segment of `translation` through every registered check."""
    source = translation.source
    segments = unique_segments(translation)
    targets = {
        (row["translation_of_id"], row["context_id"]): row
        for row in StringTranslation.objects.filter(
            locale_id=translation.target_locale_id,
            context__object_id=source.object_id,
        ).values(
            "translation_of_id", "context_id", "data", "translation_type", "tool_name"
        )
    }
    overrides: dict[str, dict[tuple, QualityOverride]] = defaultdict(dict)
    for override in QualityOverride.objects.filter(translation=translation).order_by(
        "created_at", "id"
    ):
        key = (override.check_code, override.detail)
        overrides[override.segment_id][key] = override  # the latest wins
    source_code = source.locale.language_code
    target_code = translation.target_locale.language_code
    with check_run(languages=(source_code, target_code)):
        reports = [
            _segment_report(
                source_segment, targets, overrides, source_code, target_code
            )
            for source_segment in segments
        ]
    return QualityReport(translation=translation, segments=reports)


def _segment_report(
    source_segment, targets, overrides, source_code: str, target_code: str
) -> SegmentReport:
    row = targets.get((source_segment.string_id, source_segment.context_id))
    target = row["data"] if row else ""
    segment = Segment(
        id=source_segment.id,
        source=source_segment.data,
        target=target,
        source_language=source_code,
        target_language=target_code,
        machine=bool(
            row
            and row["translation_type"] == StringTranslation.TRANSLATION_TYPE_MACHINE
        ),
        tool_name=(row or {}).get("tool_name") or "",
        path=source_segment.path,
    )
    digest = target_hash(target)
    return SegmentReport(
        source=source_segment,
        segment=segment,
        findings=check_segment(segment),
        overrides={
            key: override
            for key, override in overrides[segment.id].items()
            if override.target_hash == digest
        },
    )


class OverrideError(ValueError):
    """An override that cannot be recorded; the message says why."""


# A segment with no translation cannot be reviewed: the page would show the source.
NOT_OVERRIDABLE = {"empty"}


@transaction.atomic
def override_findings(
    *, translation: Translation, user, reasons: dict[tuple[str, str, str], str]
) -> list[QualityOverride]:
    """Record that `user` overrides the findings named by (segment id, check code,
    detail), each with its reason, for the segment's current translation. A blank
    reason, a finding that is not open or one that cannot be overridden is refused
    (OverrideError), and nothing is recorded."""
    report = check_translation(translation)
    name = (user.get_full_name() or user.get_username()) if user else ""
    new = []
    for (segment_id, check, detail), reason in reasons.items():
        reason = (reason or "").strip()
        segment = report.segment(segment_id)
        if segment is None or (check, detail) not in {
            f.key for f in segment.open_findings()
        }:
            raise OverrideError(
                _("That finding is no longer open: the page was changed meanwhile.")
            )
        if check in NOT_OVERRIDABLE:
            raise OverrideError(_("An untranslated segment cannot be overridden."))
        if not reason:
            raise OverrideError(_("Give a reason for each finding you override."))
        new.append(
            QualityOverride(
                translation=translation,
                segment_id=segment_id,
                check_code=check,
                detail=detail,
                target_hash=target_hash(segment.segment.target),
                reason=reason,
                user=user if getattr(user, "pk", None) else None,
                user_name=name,
            )
        )
    return QualityOverride.objects.bulk_create(new)
