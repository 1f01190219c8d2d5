"""Update the search index and the reference index once per operation, not per save.

Wagtail re-indexes a page for search (modelsearch) and for references (its
ReferenceIndex) on every `post_save`. Building a translated page saves it four or five
times (the copy, the slug fix, each revision), and indexing an 800-segment article
reads every block: about a quarter of the time of submitting it for translation went to
indexing the same draft five times over.

`indexing_batched()` collects the saves made inside it and updates both indexes once
per object when it ends (a page's inline rows count as the page, as Wagtail's
reference index records them). Outside it nothing changes. Bulk operations batch
each item they write (an imported file, a seeded article: `articles.bulk.bulk_item`).
`search_indexing_paused()` skips the search index altogether, for bulk loads whose
search runs elsewhere. Wagtail's and modelsearch's receivers are swapped for ours on
first use, once every app is ready (`patches.replace_index_receivers`); the batch
lives in a context variable, so other threads of a threaded server keep indexing
every save.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from modelcluster.fields import ParentalKey

from .patches import REFERENCES, SEARCH, replace_index_receivers

Key = tuple[str, str, str, str]  # (index, app_label, model_name, pk)

_pending: ContextVar[set[Key] | None] = ContextVar("pending_indexing", default=None)
_search_paused: ContextVar[bool] = ContextVar("search_paused", default=False)
_installed = False


@contextmanager
def indexing_batched() -> Iterator[None]:
    """Defer index updates of objects saved inside the block to its end, once each.
    Nested blocks join the outermost one. After an exception nothing is indexed: the
    saves belong to a transaction that is being rolled back."""
    if _pending.get() is not None:
        yield
        return
    install_batching_receivers()
    pending: set[Key] = set()
    token = _pending.set(pending)
    try:
        yield
    finally:
        _pending.reset(token)
    update_indexes(pending)


@contextmanager
def search_indexing_paused() -> Iterator[None]:
    """Saves inside the block are not indexed for search (references still are).
    Through our receivers, so that pausing never reconnects Wagtail's behind them."""
    install_batching_receivers()
    token = _search_paused.set(True)
    try:
        yield
    finally:
        _search_paused.reset(token)


def update_indexes(keys: set[Key]) -> None:
    from modelsearch.tasks import insert_or_update_object_task
    from wagtail.tasks import update_reference_index_task

    tasks = {
        SEARCH: insert_or_update_object_task,
        REFERENCES: update_reference_index_task,
    }
    # One transaction for them all: Wagtail's task commits each page's references on
    # its own (on SQLite, a sync of the file to disk per page of a bulk import).
    with transaction.atomic():
        for index, app_label, model_name, pk in sorted(keys):
            tasks[index].enqueue(app_label, model_name, pk)


def _batching(index: str, update_now: Callable) -> Callable:
    def receiver(sender, instance, **kwargs) -> None:
        if index == SEARCH and _search_paused.get():
            return
        pending = _pending.get()
        if pending is None or kwargs.get("raw", False):
            update_now(instance, **kwargs)
            return
        if index == REFERENCES:
            instance = reference_owner(instance)
            if instance is None:
                return  # Wagtail's task records nothing for an orphan either
        meta = instance._meta
        pending.add((index, meta.app_label, meta.model_name, str(instance.pk)))

    return receiver


def reference_owner(instance):
    """The object Wagtail's reference index records a save of `instance` under: a
    child of a cluster (a page's inline row, through its ParentalKey) is recorded as
    its parent, so a page saved with its rows is one update, not one per row's save.
    As `wagtail.tasks.update_reference_index_task` finds it; None without a parent."""
    while instance is not None:
        parental = next(
            (
                field
                for field in instance._meta.get_fields()
                if isinstance(field, ParentalKey)
            ),
            None,
        )
        if parental is None:
            return instance
        instance = getattr(instance, parental.name)
    return None


def install_batching_receivers() -> None:
    """Put our batching receivers in place of modelsearch's and Wagtail's.
    Idempotent."""
    global _installed
    if not _installed:
        replace_index_receivers(_batching)
        _installed = True
