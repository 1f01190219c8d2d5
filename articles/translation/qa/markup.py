"""`tags` and `links`: the inline markup of the source, all of it and nothing more.

wagtail-localize keeps a segment's links as `<a id="a1">` (their targets live in the
source) and other inline tags bare (`<b>`, `<i>`, `<br/>`). A tag the translation lost
drops emphasis a patient needs (a bold "not"); a link it lost or invented points a
patient nowhere, or somewhere the source never sent them.
"""

from __future__ import annotations

import re
from collections import Counter

from django.utils.translation import gettext as _

from .base import ERROR, Finding, Segment

_OPENING = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\b([^<>]*)>")
_LINK_ID = re.compile(r"""\bid\s*=\s*["']([^"']*)["']""")


def _tags(fragment: str) -> Counter:
    return Counter(
        name.lower()
        for name, _attributes in _OPENING.findall(fragment)
        if name.lower() != "a"
    )


def _links(fragment: str) -> Counter:
    found: Counter = Counter()
    for name, attributes in _OPENING.findall(fragment):
        if name.lower() == "a":
            match = _LINK_ID.search(attributes)
            found[match.group(1) if match else ""] += 1
    return found


def check_tags(segment: Segment) -> list[Finding]:
    if not segment.target:
        return []
    source, target = _tags(segment.source), _tags(segment.target)
    findings = []
    for name in sorted((source - target).keys()):
        findings.append(
            Finding(
                "tags",
                ERROR,
                _("The source's <%(tag)s> markup is missing from the translation.")
                % {"tag": name},
                segment.id,
                f"-{name}",
            )
        )
    for name in sorted((target - source).keys()):
        findings.append(
            Finding(
                "tags",
                ERROR,
                _("The translation adds <%(tag)s> markup the source does not have.")
                % {"tag": name},
                segment.id,
                f"+{name}",
            )
        )
    return findings


def check_links(segment: Segment) -> list[Finding]:
    if not segment.target:
        return []
    source, target = _links(segment.source), _links(segment.target)
    findings = []
    missing = source - target
    added = target - source
    if missing:
        findings.append(
            Finding(
                "links",
                ERROR,
                _("%(count)d link(s) of the source are missing from the translation.")
                % {"count": sum(missing.values())},
                segment.id,
                "missing",
            )
        )
    if added:
        findings.append(
            Finding(
                "links",
                ERROR,
                _("The translation has %(count)d link(s) the source does not have.")
                % {"count": sum(added.values())},
                segment.id,
                "added",
            )
        )
    return findings
