"""The registry of quality checks: each has a stable code and a function from a
`Segment` to its findings. The built-in checks register themselves in
`qa/__init__.py`; other apps (a termbase, say) add theirs with `register`."""

from __future__ import annotations

from .base import Check, Finding, Segment

_checks: dict[str, Check] = {}


def register(code: str, check: Check) -> None:
    """Add (or replace) the check `code`."""
    _checks[code] = check


def unregister(code: str) -> None:
    _checks.pop(code, None)


def registered() -> dict[str, Check]:
    return dict(_checks)


def check_segment(segment: Segment) -> list[Finding]:
    """Every registered check's findings for one segment. A segment with no target
    yet is only checked for being empty."""
    findings: list[Finding] = []
    for check in _checks.values():
        findings.extend(check(segment))
    return findings
