"""The real worker command, `manage.py run_worker`, as production and `make run` start
it: two of them on one SQLite database publish an article whose go-live time comes
while they run, within the scheduling interval (1 s here), once, and stop cleanly on
SIGTERM."""

import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.embedded import EmbeddedSite, only_on_sqlite

INTERVAL = 1.0
# Start-up and a loaded machine (two shared cores) on top of the interval.
SLACK = 4.0

pytestmark = only_on_sqlite

SCHEDULE = """
from datetime import timedelta
from django.utils import timezone
from tests.conftest import make_index_page, make_locales
from tests.factories import ArticlePageFactory
index = make_index_page(make_locales())
page = ArticlePageFactory(parent=index, slug="knee", live=False)
page.go_live_at = timezone.now() + timedelta(seconds={delay})
page.save_revision().publish()  # scheduled, as the admin's "Publish" does
assert not page.live
print(page.go_live_at.timestamp())
"""


@pytest.fixture
def site(tmp_path):
    """A migrated SQLite database with its own cache namespace, and settings that
    run scheduled publishing every second."""
    (tmp_path / "worker_settings.py").write_text(
        "from cms.settings.dev import *  # noqa: F403\n"
        f"CMS_SCHEDULED_PUBLISHING_SECONDS = {INTERVAL:g}\n"
    )
    embedded = EmbeddedSite(tmp_path, settings="worker_settings")

    def start_worker(log: Path) -> subprocess.Popen:
        return embedded.start(
            "run_worker",
            "--no-reload",
            "--no-startup-delay",
            "--interval",
            "0.2",
            log=log,
        )

    embedded.manage("migrate", "-v0")
    return embedded.database, embedded.manage, start_worker


def query(database: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(database, timeout=10) as db:
        return db.execute(sql).fetchall()


def wait_for(database: Path, sql: str, expected: list[tuple], *, until: float):
    """The time `sql` first answered `expected`, or None if it had not by `until`."""
    while time.time() < until:
        now = time.time()
        if query(database, sql) == expected:
            return now
        time.sleep(0.1)
    return None


def test_workers_publish_an_article_when_its_go_live_time_comes(site, tmp_path):
    database, manage, start_worker = site
    go_live = float(manage("shell", stdin=SCHEDULE.format(delay=10)).split()[-1])
    logs = [tmp_path / "worker-1.log", tmp_path / "worker-2.log"]
    workers = [start_worker(log) for log in logs]
    try:
        live_at = wait_for(
            database,
            "SELECT live FROM wagtailcore_page WHERE slug='knee'",
            [(1,)],
            until=go_live + 60,
        )
        output = "\n".join(log.read_text() for log in logs)
        assert live_at is not None, output
        assert go_live <= live_at <= go_live + INTERVAL + SLACK, output
        # Through Wagtail's scheduled publishing (its log entry follows the page's
        # save), into the read model, and once, though both workers kept ticking.
        assert wait_for(
            database,
            "SELECT slug FROM articles_api_articledocument",
            [("knee",)],
            until=time.time() + 10,
        )
        time.sleep(3 * INTERVAL)
        assert query(
            database,
            "SELECT count(*) FROM wagtailcore_pagelogentry "
            "WHERE action='wagtail.publish.scheduled'",
        ) == [(1,)]
        assert query(
            database,
            "SELECT last_error FROM articles_api_periodicjob "
            "WHERE name='publish_scheduled'",
        ) == [("",)]
    finally:
        for worker in workers:
            worker.terminate()
        codes = [worker.wait(timeout=15) for worker in workers]
    output = "\n".join(log.read_text() for log in logs)
    assert codes == [0, 0], output
    assert "Traceback" not in output, output
