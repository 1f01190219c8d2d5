"""What an import did, file by file, in words for the person who ran it."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .structure import Notice

FAILED = "failed"


@dataclass
class FileReport:
    path: Path
    status: str = FAILED  # created, updated, unchanged or failed
    error: str = ""
    title: str = ""
    slug: str = ""
    locale: str = ""
    page_id: int | None = None
    published: bool = False  # by this import
    live: bool = False
    notices: list[Notice] = field(default_factory=list)
    outline: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def failed(self) -> bool:
        return self.status == FAILED

    def headline(self) -> str:
        if self.failed:
            return f"{self.path}: failed: {self.error}"
        verb = f"would be {self.status}" if self.dry_run else self.status
        where = f"{self.locale}/{self.slug}"
        page = "" if self.dry_run or self.page_id is None else f", page {self.page_id}"
        return f"{self.path}: {verb}: {self.title!r} ({where}{page}, {self.state})"

    @property
    def state(self) -> str:
        if self.published:
            return "would publish" if self.dry_run else "published"
        if self.status == "unchanged":
            return "live" if self.live else "draft"
        return "draft; the live version is unchanged" if self.live else "draft"


@dataclass
class ImportReport:
    files: list[FileReport] = field(default_factory=list)
    dry_run: bool = False

    @property
    def failed(self) -> list[FileReport]:
        return [report for report in self.files if report.failed]

    def summary(self) -> str:
        counts = Counter(report.status for report in self.files)
        warnings = sum(len(report.notices) for report in self.files)
        parts = [
            f"{counts[status]} {status}"
            for status in ("created", "updated", "unchanged", FAILED)
        ]
        prefix = "Dry run, nothing saved: " if self.dry_run else ""
        return f"{prefix}{', '.join(parts)}; {warnings} warning(s)."
