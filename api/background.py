"""Work the API hands to the background worker (webhook deliveries, CDN purges), on
the task backend named "background". `manage.py run_worker` works that queue (it is
db_worker with the periodic jobs of `api.periodic` beside it).

The tasks are declared on the default backend and sent to "background" when they are
queued, not when they are declared: a host without that backend still starts (and
runs the work in the request, with a warning from `manage.py check`) instead of
failing on import."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django_tasks.base import DEFAULT_TASK_PRIORITY, Task

BACKEND = "background"
# Work queued by a bulk operation (`articles.bulk`): the worker takes every other
# editor's work first (the database backend takes higher priorities first).
BULK_PRIORITY = DEFAULT_TASK_PRIORITY - 50
_bulk = threading.local()


def has_background_backend() -> bool:
    return BACKEND in (getattr(settings, "TASKS", None) or {})


def in_background(task: Task) -> Task:
    """`task` on the background backend, where the host configured one; behind other
    editors' work when a bulk operation queues it."""
    if not has_background_backend():
        return task
    task = task.using(backend=BACKEND)
    if getattr(_bulk, "active", False):
        task = task.using(priority=BULK_PRIORITY)
    return task


@contextmanager
def behind_other_work() -> Iterator[None]:
    """Within this block, work queued on this thread waits behind other work."""
    if getattr(_bulk, "active", False):
        yield
        return
    _bulk.active = True
    try:
        yield
    finally:
        _bulk.active = False
