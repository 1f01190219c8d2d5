"""Update the search index and the reference index once per operation, not per save.

Wagtail re-indexes a page for search (modelsearch) and for references (its
ReferenceIndex) on every `post_save`. Building a translated page saves it four or five
times (the copy, the slug fix, each revision), and indexing an 800-segment article
reads every block: about a quarter of the time of submitting it for translation went to
indexing the same draft five times over.

`indexing_batched()` collects the saves made inside it and updates both indexes once
per object when it ends. Outside it nothing changes. `search_indexing_paused()` skips
the search index altogether, for bulk loads whose search runs elsewhere. Wagtail's and
modelsearch's receivers are swapped for ours on first use, once every app is ready
(`patches.replace_index_receivers`); the batch lives in a context variable, so other
threads of a threaded server keep indexing every save.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

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
        meta = instance._meta
        pending.add((index, meta.app_label, meta.model_name, str(instance.pk)))

    return receiver


def install_batching_receivers() -> None:
    """Put our batching receivers in place of modelsearch's and Wagtail's.
    Idempotent."""
    global _installed
    if not _installed:
        replace_index_receivers(_batching)
        _installed = True
