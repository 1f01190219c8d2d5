"""What an XLIFF import did, segment by segment."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

NOT_PUBLISHED_NOTE = gettext_lazy(
    "Imported translations are saved as segment translations only: the translated "
    "page is not changed or published until a reviewer publishes the translation."
)

# Segment statuses in an ImportReport.
APPLIED = "applied"
UNCHANGED = "unchanged"
SKIPPED = "skipped"
REJECTED = "rejected"


@dataclass(frozen=True)
class SegmentResult:
    segment_id: str
    status: str
    message: str = ""


@dataclass
class ImportReport:
    """What an import did, segment by segment, in the file's order."""

    results: list[SegmentResult] = field(default_factory=list)
    published: bool = False

    def count(self, status: str) -> int:
        return sum(1 for result in self.results if result.status == status)

    @property
    def applied(self) -> int:
        return self.count(APPLIED)

    @property
    def rejected(self) -> int:
        return self.count(REJECTED)

    @property
    def rejected_results(self) -> list[SegmentResult]:
        return [result for result in self.results if result.status == REJECTED]

    def summary(self) -> str:
        return _(
            "%(applied)d segment(s) applied, %(unchanged)d unchanged, "
            "%(skipped)d skipped, %(rejected)d rejected. %(note)s"
        ) % {
            "applied": self.applied,
            "unchanged": self.count(UNCHANGED),
            "skipped": self.count(SKIPPED),
            "rejected": self.rejected,
            "note": NOT_PUBLISHED_NOTE,
        }
