"""`manage.py run_worker`: django-tasks' database worker for the "background" backend
(webhook deliveries, CDN purges), with the periodic scheduler (scheduled publishing
and the other jobs of `api.periodic`) in a thread beside it. It takes db_worker's
options; SIGTERM or Ctrl+C stops both once the task and the job in hand are done (a
second one stops at once)."""

from __future__ import annotations

import os

from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from api.background import BACKEND
from api.periodic import Scheduler, SchedulerThread


class Command(db_worker.Command):
    help = (
        "Run the background worker: queued tasks (webhooks, CDN purges) and periodic "
        "jobs (scheduled publishing and expiry)."
    )

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.set_defaults(backend_name=BACKEND)

    def handle(self, *args, **options) -> None:
        reloading = options["reload"] and not options["batch"]
        if reloading and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true":
            # The reloader's parent only watches files; its child schedules.
            super().handle(*args, **options)
            return
        scheduler = SchedulerThread(Scheduler())
        scheduler.start()
        try:
            super().handle(*args, **options)
        finally:
            scheduler.stop()
