"""The termbase as one check run sees it: the terms of the run's languages loaded in
one query when first needed, and kept while the termbase is unchanged (one query
tells: its size and last change), so that every process checks against what was
last saved, wherever it was saved."""

from __future__ import annotations

import contextvars
import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.db.models import Count, Max

from ...models import Term
from ..languages import language_data
from ..qa.base import language
from .matching import TermIndex

APPROVED, FORBIDDEN = Term.Status.APPROVED, Term.Status.FORBIDDEN


@dataclass
class TermbaseSnapshot:
    version: tuple
    _indexes: dict[tuple[str, str], TermIndex] = field(default_factory=dict)
    _approved: dict[tuple[str, int], list[Term]] = field(default_factory=dict)
    _concept_ids: dict[int, str] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def preload(self, codes: Iterable[str]) -> None:
        """Load the terms of content languages `codes` not loaded yet, in one query."""
        with self._lock:
            missing = [
                c for c in dict.fromkeys(codes) if (c, APPROVED) not in self._indexes
            ]
            if not missing:
                return
            indexes = {
                (code, status): TermIndex(language_data(language(code)).terms)
                for code in missing
                for status in (APPROVED, FORBIDDEN)
            }
            approved = defaultdict(list)
            if self.version[0]:  # an empty termbase needs no query
                for term in Term.objects.filter(
                    locale__language_code__in=missing, status__in=[APPROVED, FORBIDDEN]
                ).values_list(
                    "id",
                    "concept_id",
                    "concept__concept_id",
                    "text",
                    "status",
                    "case_sensitive",
                    "locale__language_code",
                ):
                    pk, concept_pk, concept_id, text, status, sensitive, code = term
                    indexes[(code, status)].add(
                        term_id=pk,
                        concept_pk=concept_pk,
                        text=text,
                        case_sensitive=sensitive,
                    )
                    self._concept_ids[concept_pk] = concept_id
                    if status == APPROVED:
                        approved[(code, concept_pk)].append(
                            Term(
                                pk=pk,
                                concept_id=concept_pk,
                                text=text,
                                case_sensitive=sensitive,
                            )
                        )
            self._indexes.update(indexes)
            self._approved.update(approved)

    def index(self, code: str, status: str) -> TermIndex:
        """The terms of `status` in content language `code`."""
        self.preload([code])
        return self._indexes[(code, status)]

    def approved_terms(self, code: str, concept_pk: int) -> list[Term]:
        """The approved terms of a concept in content language `code`."""
        self.preload([code])
        return self._approved.get((code, concept_pk), [])

    def concept_id(self, concept_pk: int) -> str:
        return self._concept_ids.get(concept_pk, str(concept_pk))


_latest: TermbaseSnapshot | None = None
_latest_lock = threading.Lock()
_current: contextvars.ContextVar[TermbaseSnapshot | None] = contextvars.ContextVar(
    "termbase", default=None
)


def termbase_version() -> tuple:
    """Changes whenever a term is added, changed or removed, or a concept renamed."""
    facts = Term.objects.aggregate(
        n=Count("id"), changed=Max("updated_at"), renamed=Max("concept__updated_at")
    )
    return (facts["n"], facts["changed"], facts["renamed"])


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
            _latest = TermbaseSnapshot(version=version)
        return _latest


@contextmanager
def termbase_for_run(languages: Iterable[str] = ()) -> Iterator[None]:
    """One termbase for every segment of a check run, its languages loaded at once."""
    snapshot = termbase()
    snapshot.preload(languages)
    token = _current.set(snapshot)
    try:
        yield
    finally:
        _current.reset(token)
