"""Periodic jobs of the background worker (`manage.py run_worker`): Wagtail's scheduled
publishing every minute, and whatever else registers here (review reminders, the
search index's merge...).

Each job has a row (`PeriodicJob`) saying when it runs next. A scheduler takes a run by
moving that time on to the job's next slot with one UPDATE that only matches the value
it read, so with several workers (on one machine or many, SQLite or PostgreSQL) each
slot runs on exactly one of them. A job that raises is logged, recorded on its row and
run again at its next slot; it never stops the scheduler or the other jobs. A run that
outlasts its interval may overlap the next slot's on another worker: a job should end
well within its interval and be safe to repeat."""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.apps import apps
from django.conf import settings
from django.db import close_old_connections, connections, transaction
from django.db.models import Min
from django.utils import timezone
from wagtail.models import DraftStateMixin, Page, Revision

from articles.review_reminders import send_review_reminders

from .models import PeriodicJob
from .review_states import refresh_review_states, review_states_interval
from .search_index import merge_search_index

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    interval: timedelta
    run: Callable[[], object]


_registry: dict[str, Job] = {}


def register_periodic_job(*, name: str, interval: timedelta, run: Callable) -> Job:
    """Have every worker's scheduler run `run()` once per `interval`, across workers."""
    if interval <= timedelta(0):
        raise ValueError(f"{name}: the interval must be positive")
    job = _registry[name] = Job(name=name, interval=interval, run=run)
    return job


def unregister_periodic_job(name: str) -> None:
    _registry.pop(name, None)


def periodic_jobs() -> list[Job]:
    return list(_registry.values())


class ScheduledPublishingFailed(Exception):
    """Some expiries or go-lives of a run failed; each is tried again at the next."""


def publish_scheduled() -> None:
    """Wagtail's scheduled publishing (its `publish_scheduled` command): expired pages
    and snippets are unpublished and approved go-live revisions published, through the
    same calls as the admin's buttons, so `page_published` / `page_unpublished` update
    the read model, leave tombstones, and queue webhooks and CDN purges as they do for
    an editor.

    The same steps as Wagtail's command, each object in a transaction of its own. The
    command commits a revision's go-live time as cleared before it saves the page: a
    save that failed (a locked SQLite database, a handler that raised) lost the
    schedule, and the article never went live. Here a failure rolls that object back
    whole, to be tried again at the next run, and does not hold up the others. Parity
    with the command, and that the command still loses the schedule, are tested
    (tests/api/test_scheduled_publishing.py)."""
    failures = []
    now = timezone.now()
    for model in _draft_state_models():
        expired = model.objects.filter(live=True, expire_at__lt=now)
        for obj in list(expired.order_by("expire_at")):
            _one_at_a_time(
                failures,
                obj,
                lambda obj=obj: obj.unpublish(
                    set_expired=True, log_action="wagtail.unpublish.scheduled"
                ),
            )
    due = Revision.objects.filter(approved_go_live_at__lt=now)
    for revision in list(due.order_by("approved_go_live_at")):
        _one_at_a_time(
            failures,
            revision,
            lambda revision=revision: revision.publish(
                log_action="wagtail.publish.scheduled"
            ),
        )
    if failures:
        raise ScheduledPublishingFailed(
            f"{len(failures)} failed, to be tried again: " + "; ".join(failures)
        )


def _draft_state_models() -> list[type]:
    """What Wagtail's command visits: pages, then every other model with drafts."""
    return [Page] + [
        model
        for model in apps.get_models()
        if issubclass(model, DraftStateMixin) and not issubclass(model, Page)
    ]


def _one_at_a_time(failures: list[str], obj: object, change: Callable) -> None:
    try:
        with transaction.atomic():
            change()
    except Exception:
        logger.exception("Scheduled publishing of %r failed", obj)
        failures.append(repr(obj))


def scheduled_publishing_interval() -> timedelta:
    return timedelta(seconds=getattr(settings, "CMS_SCHEDULED_PUBLISHING_SECONDS", 60))


def review_reminders_interval() -> timedelta:
    return timedelta(seconds=getattr(settings, "CMS_REVIEW_REMINDERS_SECONDS", 86400))


def search_index_merge_interval() -> timedelta:
    return timedelta(seconds=getattr(settings, "CMS_SEARCH_INDEX_MERGE_SECONDS", 900))


def register_periodic_jobs() -> None:
    """The API's periodic jobs; called from `ApiConfig.ready()`."""
    register_periodic_job(
        name="publish_scheduled",
        interval=scheduled_publishing_interval(),
        run=publish_scheduled,
    )
    register_periodic_job(
        name="refresh_review_states",
        interval=review_states_interval(),
        run=refresh_review_states,
    )
    register_periodic_job(
        name="send_review_reminders",
        interval=review_reminders_interval(),
        run=send_review_reminders,
    )
    register_periodic_job(
        name="merge_search_index",
        interval=search_index_merge_interval(),
        run=merge_search_index,
    )


def unregister_periodic_jobs() -> None:
    unregister_periodic_job("publish_scheduled")
    unregister_periodic_job("refresh_review_states")
    unregister_periodic_job("send_review_reminders")
    unregister_periodic_job("merge_search_index")


def slot_after(slot: datetime, interval: timedelta, now: datetime) -> datetime:
    """The first slot of the grid `slot + n * interval` that is later than `now`: a
    worker that was stopped for an hour runs a job once, not sixty times."""
    return slot + ((now - slot) // interval + 1) * interval


def claim_slot(*, job: Job, slot: datetime, now: datetime) -> bool:
    """Take the run due at `slot` (the `next_run_at` this scheduler read). Only one
    scheduler's UPDATE matches: the others find `next_run_at` already moved on."""
    return bool(
        PeriodicJob.objects.filter(pk=job.name, next_run_at=slot).update(
            next_run_at=slot_after(slot, job.interval, now), last_started_at=now
        )
    )


class Scheduler:
    """Runs the due jobs of one worker at each `tick()`. `clock` is for tests."""

    def __init__(
        self,
        jobs: Iterable[Job] | None = None,
        *,
        clock: Callable[[], datetime] = timezone.now,
    ) -> None:
        self.jobs = {
            job.name: job for job in (periodic_jobs() if jobs is None else jobs)
        }
        self.clock = clock
        self._prepared = False

    def prepare(self) -> None:
        """A row per job, due now if it is new (whichever worker starts first makes it);
        a run further away than the job's interval (the interval was shortened) is
        brought forward."""
        now = self.clock()
        PeriodicJob.objects.bulk_create(
            [PeriodicJob(name=name, next_run_at=now) for name in self.jobs],
            ignore_conflicts=True,
        )
        for job in self.jobs.values():
            PeriodicJob.objects.filter(
                pk=job.name, next_run_at__gt=now + job.interval
            ).update(next_run_at=now)
        self._prepared = True

    def tick(self) -> list[str]:
        """Run each due job this scheduler claims; the names of those it ran."""
        if not self._prepared:
            self.prepare()
        due = PeriodicJob.objects.filter(
            pk__in=self.jobs, next_run_at__lte=self.clock()
        )
        ran = []
        for name, slot in list(
            due.order_by("next_run_at").values_list("pk", "next_run_at")
        ):
            job = self.jobs[name]
            # The time now, not at the tick's start: the job before may have been long.
            if claim_slot(job=job, slot=slot, now=self.clock()):
                self._run(job)
                ran.append(name)
        return ran

    def seconds_until_due(self) -> float | None:
        """How long until the next run of any job, as far as this scheduler knows."""
        earliest = PeriodicJob.objects.filter(pk__in=self.jobs).aggregate(
            at=Min("next_run_at")
        )["at"]
        if earliest is None:
            return None
        return max((earliest - self.clock()).total_seconds(), 0.0)

    def _run(self, job: Job) -> None:
        error = ""
        try:
            job.run()
        except Exception:
            logger.exception(
                "Periodic job %s failed; it runs again at its next slot", job.name
            )
            error = traceback.format_exc()
        PeriodicJob.objects.filter(pk=job.name).update(
            last_finished_at=self.clock(), last_error=error
        )


class SchedulerThread(threading.Thread):
    """Ticks a scheduler until stopped, sleeping until the next job is due. A daemon:
    `stop()` lets the job in hand finish, but a forced exit does not wait for it."""

    # Bounds of a sleep, and the pause after the database failed a tick.
    min_wait, max_wait = 0.1, 60.0
    retry_wait = 5.0

    def __init__(self, scheduler: Scheduler) -> None:
        super().__init__(name="periodic-scheduler", daemon=True)
        self.scheduler = scheduler
        self.stopping = threading.Event()

    def run(self) -> None:
        logger.info(
            "Periodic jobs: %s",
            ", ".join(
                f"{job.name} every {job.interval.total_seconds():g}s"
                for job in self.scheduler.jobs.values()
            )
            or "none",
        )
        try:
            while not self.stopping.is_set():
                self.stopping.wait(self._tick())
        finally:
            connections.close_all()

    def _tick(self) -> float:
        close_old_connections()
        try:
            self.scheduler.tick()
            wait = self.scheduler.seconds_until_due()
        except Exception:
            # The database is down or locked: try again shortly.
            logger.exception("The periodic scheduler could not run")
            return self.retry_wait
        return (
            self.max_wait
            if wait is None
            else min(max(wait, self.min_wait), self.max_wait)
        )

    def stop(self, timeout: float | None = None) -> None:
        self.stopping.set()
        if self.is_alive():
            self.join(timeout)
