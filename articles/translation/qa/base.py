"""What a quality check sees and says: a translated segment, and its findings."""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

ERROR, WARNING = "error", "warning"

_TAG = re.compile(r"<[^<>]*>")


@dataclass(frozen=True)
class Segment:
    """One translated segment as the checks see it. `source` and `target` are
    wagtail-localize's inline HTML (`<b>`, `<a id="a1">`, `<br/>`); `target` is ""
    while nothing is translated. Languages are content language codes ("zh-hans")."""

    id: str  # the segment's XLIFF unit id: stable across exports
    source: str
    target: str
    source_language: str
    target_language: str
    machine: bool = False  # holds machine output no person has edited
    tool_name: str = ""  # the machine translator, or "XLIFF", "memory"...
    path: str = ""

    @property
    def source_text(self) -> str:
        return plain_text(self.source)

    @property
    def target_text(self) -> str:
        return plain_text(self.target)


@dataclass(frozen=True)
class Finding:
    """One problem of one segment. `check` is a stable code (`numbers`, `units`...);
    `message` is already in the active language (the admin user's, or English for
    commands)."""

    check: str
    severity: str  # ERROR or WARNING
    message: str
    segment_id: str
    # What tells this finding from others of its check on the segment, in no
    # particular language ("5 mg", "b"): an override holds for one finding.
    detail: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.check, self.detail)


Check = Callable[[Segment], Iterable[Finding]]


def plain_text(fragment: str) -> str:
    """The text of an inline HTML fragment: tags dropped, entities decoded."""
    return html.unescape(_TAG.sub("", fragment))


def language(code: str) -> str:
    """The language part of a content language code: "zh-hans" -> "zh"."""
    return code.lower().split("-")[0].split("_")[0]
