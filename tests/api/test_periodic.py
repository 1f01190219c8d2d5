"""The worker's periodic scheduler: each job runs once per slot whichever of several
workers claims it, at its interval, and a job that raises is logged and run again at
its next slot without stopping the others."""

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from api import checks
from api.models import PeriodicJob
from api.periodic import (
    Job,
    Scheduler,
    SchedulerThread,
    claim_slot,
    periodic_jobs,
    publish_scheduled,
    register_periodic_job,
)
from api.search_index import merge_search_index

pytestmark = pytest.mark.django_db
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock():
    return Clock()


def counting_job(name: str = "count", interval: timedelta = MINUTE):
    runs = []
    return Job(name=name, interval=interval, run=lambda: runs.append(name)), runs


def test_scheduled_publishing_is_a_registered_job_every_minute():
    [job] = [job for job in periodic_jobs() if job.name == "publish_scheduled"]
    assert (job.interval, job.run) == (MINUTE, publish_scheduled)


def test_the_search_index_is_merged_every_15_minutes_by_default():
    [job] = [job for job in periodic_jobs() if job.name == "merge_search_index"]
    assert (job.interval, job.run) == (timedelta(minutes=15), merge_search_index)


def test_a_new_job_runs_at_the_first_tick_then_once_per_interval(clock):
    job, runs = counting_job()
    scheduler = Scheduler([job], clock=clock)
    assert scheduler.tick() == ["count"]
    assert scheduler.tick() == []
    clock.advance(seconds=59)
    assert scheduler.tick() == []
    assert scheduler.seconds_until_due() == 1
    clock.advance(seconds=1)
    assert scheduler.tick() == ["count"]
    assert len(runs) == 2


def test_after_a_long_stop_a_job_runs_once_and_keeps_its_slots(clock):
    job, runs = counting_job()
    scheduler = Scheduler([job], clock=clock)
    scheduler.tick()
    clock.advance(hours=1, seconds=30)
    assert scheduler.tick() == ["count"]
    assert scheduler.tick() == []
    assert PeriodicJob.objects.get(pk="count").next_run_at == START + 61 * MINUTE
    assert len(runs) == 2


def test_two_workers_share_the_slots_without_running_one_twice(clock):
    job, runs = counting_job()
    first, second = Scheduler([job], clock=clock), Scheduler([job], clock=clock)
    assert first.tick() == ["count"]
    assert second.tick() == []
    clock.advance(minutes=1)
    assert second.tick() == ["count"]
    assert first.tick() == []
    assert len(runs) == 2


def test_a_slot_seen_due_by_two_workers_is_claimed_by_one(clock):
    job, _runs = counting_job()
    Scheduler([job], clock=clock).prepare()
    slot = PeriodicJob.objects.get(pk="count").next_run_at
    # Both read the row before either updated it.
    assert [claim_slot(job=job, slot=slot, now=clock()) for _ in range(2)] == [
        True,
        False,
    ]


# serialized_rollback: the flush after it must leave no rows behind for the next
# transactional test (the browser tests) to collide with.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_workers_racing_for_a_slot_in_parallel_claim_it_once(clock):
    job, _runs = counting_job()
    Scheduler([job], clock=clock).prepare()
    slot = PeriodicJob.objects.get(pk="count").next_run_at
    start, claimed = threading.Barrier(4), []

    def worker() -> None:
        start.wait()
        claimed.append(claim_slot(job=job, slot=slot, now=clock()))
        connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(claimed) == [False, False, False, True]


def test_a_failing_job_is_logged_recorded_and_retried_at_its_next_slot(clock, caplog):
    def fail():
        raise RuntimeError("the database of reminders is away")

    failing = Job(name="failing", interval=MINUTE, run=fail)
    other, runs = counting_job()
    scheduler = Scheduler([failing, other], clock=clock)

    assert sorted(scheduler.tick()) == ["count", "failing"]
    assert runs == ["count"]  # the failure stopped nothing
    assert "Periodic job failing failed" in caplog.text
    row = PeriodicJob.objects.get(pk="failing")
    assert "RuntimeError: the database of reminders is away" in row.last_error
    assert row.next_run_at == START + MINUTE

    assert scheduler.tick() == []  # not before its next slot
    clock.advance(minutes=1)
    assert sorted(scheduler.tick()) == ["count", "failing"]


def test_a_success_clears_the_last_error(clock):
    job, _runs = counting_job()
    PeriodicJob.objects.create(pk="count", next_run_at=START, last_error="Traceback")
    Scheduler([job], clock=clock).tick()
    row = PeriodicJob.objects.get(pk="count")
    assert (row.last_error, row.last_started_at, row.last_finished_at) == (
        "",
        START,
        START,
    )


def test_a_shortened_interval_takes_effect_at_once(clock):
    PeriodicJob.objects.create(pk="count", next_run_at=START + timedelta(hours=1))
    job, _runs = counting_job(interval=MINUTE)
    assert Scheduler([job], clock=clock).tick() == ["count"]


def test_a_job_must_have_a_positive_interval():
    with pytest.raises(ValueError, match="positive"):
        register_periodic_job(name="never", interval=timedelta(0), run=print)


class FlakyScheduler:
    """Fails its first tick (the database is away), then counts."""

    jobs = {}

    def __init__(self) -> None:
        self.ticks = 0

    def tick(self) -> list[str]:
        self.ticks += 1
        if self.ticks == 1:
            raise ConnectionError("database away")
        return []

    def seconds_until_due(self) -> float:
        return 0.0


def test_the_scheduler_thread_outlives_a_failing_tick_and_stops_when_asked(caplog):
    scheduler = FlakyScheduler()
    thread = SchedulerThread(scheduler)
    thread.retry_wait = thread.min_wait = 0.01
    thread.start()
    deadline = time.monotonic() + 5
    while scheduler.ticks < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    thread.stop(timeout=5)
    assert scheduler.ticks >= 3 and not thread.is_alive()
    assert "could not run" in caplog.text


def test_without_a_background_backend_the_check_says_scheduling_needs_the_worker(
    settings,
):
    settings.TASKS = {"default": settings.TASKS["default"]}
    [warning] = [m for m in checks.check_installation(None) if m.id.endswith("W002")]
    assert "go-live and expiry dates are not applied" in warning.msg
    assert "manage.py run_worker" in warning.hint
