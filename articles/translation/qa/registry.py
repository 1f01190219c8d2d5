"""The registry of quality checks: each has a stable code and a function from a
`Segment` to its findings. The built-in checks register themselves in
`qa/__init__.py`; other apps (a termbase, say) add theirs with `register`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager

from .base import Check, Finding, Segment

_checks: dict[str, Check] = {}
# What a check needs read once per run, not per segment (the termbase, say).
_preparations: dict[str, Callable[..., AbstractContextManager]] = {}


def register(
    code: str,
    check: Check,
    *,
    prepare: Callable[..., AbstractContextManager] | None = None,
) -> None:
    """Add (or replace) the check `code`. `prepare`, if given, is entered around each
    run of the checks over many segments (`check_run`), given the run's
    `languages`."""
    _checks[code] = check
    _preparations.pop(code, None)
    if prepare is not None:
        _preparations[code] = prepare


def unregister(code: str) -> None:
    _checks.pop(code, None)
    _preparations.pop(code, None)


@contextmanager
def check_run(*, languages: tuple[str, ...] = ()) -> Iterator[None]:
    """Around checking many segments in `languages`: each check's preparation,
    entered once."""
    with ExitStack() as stack:
        for prepare in list(_preparations.values()):
            stack.enter_context(prepare(languages=languages))
        yield


def registered() -> dict[str, Check]:
    return dict(_checks)


def check_segment(segment: Segment) -> list[Finding]:
    """Every registered check's findings for one segment. A segment with no target
    yet is only checked for being empty."""
    findings: list[Finding] = []
    for check in _checks.values():
        findings.extend(check(segment))
    return findings
