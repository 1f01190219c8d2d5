"""Quality checks of translations (QA): each translated segment is checked against
its source by every registered check; each finding has a stable code, a severity and
a message for the translator. Error findings block *Send to medical review* until
fixed or overridden with a reason (`run.override_findings`).

The built-in checks are registered here; other apps add theirs with
`registry.register` (their code must be new)."""

from . import markup, numbers, text
from .base import ERROR, WARNING, Finding, Segment
from .registry import check_segment, register, registered

register("empty", text.check_empty)
register("numbers", numbers.check_numbers)
register("units", numbers.check_units)
register("tags", markup.check_tags)
register("links", markup.check_links)
register("untranslated", text.check_untranslated)
register("length", text.check_length)
register("whitespace", text.check_whitespace)
register("machine_output", text.check_machine_output)


__all__ = [
    "ERROR",
    "WARNING",
    "Finding",
    "Segment",
    "check_segment",
    "register",
    "registered",
]
