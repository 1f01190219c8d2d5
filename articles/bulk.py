"""Bulk operations: an import of hundreds of articles, or seeding. What other apps do
at each publish (building delivery documents, queueing webhooks and CDN purges) may
be batched or put behind other editors' work while one runs.

`articles` knows nothing of those apps: each registers a context manager factory
with `during_bulk_operations`, and `bulk_operation()` enters every one (in the order
they were registered, and leaves them in reverse). Likewise `during_each_bulk_item`
and `bulk_item()`, around each item of the operation (an imported file, in its own
transaction): what is done once per item there (indexing a page once, not at each of
its saves) is done after the item is written, and not at all when it fails."""

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager

_contexts: list[Callable[[], AbstractContextManager]] = []
_item_contexts: list[Callable[[], AbstractContextManager]] = []


def during_bulk_operations(factory: Callable[[], AbstractContextManager]) -> None:
    """Enter `factory()` around every bulk operation (registered once however often
    this is called with it)."""
    if factory not in _contexts:
        _contexts.append(factory)


def bulk_operation() -> AbstractContextManager:
    return _all_of(_contexts)


def during_each_bulk_item(factory: Callable[[], AbstractContextManager]) -> None:
    """Enter `factory()` around each item of a bulk operation (registered once)."""
    if factory not in _item_contexts:
        _item_contexts.append(factory)


def bulk_item() -> AbstractContextManager:
    return _all_of(_item_contexts)


@contextmanager
def _all_of(factories: list[Callable[[], AbstractContextManager]]) -> Iterator[None]:
    """Every factory's context entered, in order (left in reverse)."""
    with ExitStack() as stack:
        for factory in list(factories):
            stack.enter_context(factory())
        yield
