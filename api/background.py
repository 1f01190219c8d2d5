"""Work the API hands to the background worker (webhook deliveries, CDN purges), on
the task backend named "background". `manage.py run_worker` works that queue (it is
db_worker with the periodic jobs of `api.periodic` beside it).

The tasks are declared on the default backend and sent to "background" when they are
queued, not when they are declared: a host without that backend still starts (and
runs the work in the request, with a warning from `manage.py check`) instead of
failing on import."""

from __future__ import annotations

from django.conf import settings
from django_tasks.base import Task

BACKEND = "background"


def has_background_backend() -> bool:
    return BACKEND in (getattr(settings, "TASKS", None) or {})


def in_background(task: Task) -> Task:
    """`task` on the background backend, where the host configured one."""
    return task.using(backend=BACKEND) if has_background_backend() else task
