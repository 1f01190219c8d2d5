"""The termbase as one check run sees it: loaded per locale when first needed, and
kept while the termbase is unchanged (one query tells: its size and last change),
so that every process checks against what was last saved, wherever it was saved."""

from __future__ import annotations

import contextvars
import threading
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db.models import Count, Max
from wagtail.models import Locale

from ...models import Term, TermConcept
from ..languages import language_data
from ..qa.base import language
from .matching import TermIndex

APPROVED, FORBIDDEN = Term.Status.APPROVED, Term.Status.FORBIDDEN


@dataclass
class TermbaseSnapshot:
    version: tuple
    locale_ids: dict[str, int]  # language code -> locale id
    _indexes: dict[tuple[int, str], TermIndex] = field(default_factory=dict)
    _approved: dict[tuple[int, int], list[Term]] = field(default_factory=dict)
    _concept_ids: dict[int, str] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def index(self, code: str, status: str) -> TermIndex | None:
        """The terms of `status` in content language `code` (None: no such locale)."""
        locale_id = self.locale_ids.get(code)
        if locale_id is None:
            return None
        key = (locale_id, status)
        with self._lock:
            if key not in self._indexes:
                self._load(locale_id, code)
            return self._indexes[key]

    def _load(self, locale_id: int, code: str) -> None:
        rule = language_data(language(code)).terms
        indexes = {APPROVED: TermIndex(rule), FORBIDDEN: TermIndex(rule)}
        approved = defaultdict(list)
        for term in Term.objects.filter(
            locale_id=locale_id, status__in=[APPROVED, FORBIDDEN]
        ).only("id", "concept_id", "text", "status", "case_sensitive"):
            indexes[term.status].add(
                term_id=term.pk,
                concept_pk=term.concept_id,
                text=term.text,
                case_sensitive=term.case_sensitive,
            )
            if term.status == APPROVED:
                approved[(locale_id, term.concept_id)].append(term)
        for status, index in indexes.items():
            self._indexes[(locale_id, status)] = index
        self._approved.update(approved)

    def approved_terms(self, code: str, concept_pk: int) -> list[Term]:
        """The approved terms of a concept in content language `code`."""
        if self.index(code, APPROVED) is None:
            return []
        return self._approved.get((self.locale_ids[code], concept_pk), [])

    def concept_id(self, concept_pk: int) -> str:
        with self._lock:
            if concept_pk not in self._concept_ids:
                self._concept_ids.update(
                    TermConcept.objects.filter(pk=concept_pk).values_list(
                        "pk", "concept_id"
                    )
                )
        return self._concept_ids.get(concept_pk, str(concept_pk))


_latest: TermbaseSnapshot | None = None
_latest_lock = threading.Lock()
_current: contextvars.ContextVar[TermbaseSnapshot | None] = contextvars.ContextVar(
    "termbase", default=None
)


def termbase_version() -> tuple:
    counts = Term.objects.aggregate(n=Count("id"), changed=Max("updated_at"))
    concepts = TermConcept.objects.aggregate(n=Count("id"))
    return (counts["n"], counts["changed"], concepts["n"])


def termbase() -> TermbaseSnapshot:
    """The snapshot of the current check run, or the latest (one query to confirm
    it is current)."""
    current = _current.get()
    if current is not None:
        return current
    global _latest
    version = termbase_version()
    with _latest_lock:
        if _latest is None or _latest.version != version:
            _latest = TermbaseSnapshot(
                version=version,
                locale_ids=dict(Locale.objects.values_list("language_code", "pk")),
            )
        return _latest


@contextmanager
def termbase_for_run() -> Iterator[None]:
    """One termbase for every segment of a check run."""
    token = _current.set(termbase())
    try:
        yield
    finally:
        _current.reset(token)
