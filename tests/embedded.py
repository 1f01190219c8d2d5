"""The embedded default (`make run`: SQLite, no Redis) in real processes, for tests
about what separate processes see: a migrated database of its own, its own cache
namespace and media folder, `manage.py` commands, servers and workers."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.services import free_port

ROOT = Path(__file__).resolve().parents[1]

only_on_sqlite = pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "sqlite").startswith("sqlite"),
    reason="about the embedded default (SQLite); runs once, in the SQLite pass",
)


class EmbeddedSite:
    def __init__(self, work: Path, *, settings: str = "cms.settings.dev", **env: str):
        self.database = work / "db.sqlite3"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings,
            "DATABASE_URL": f"sqlite:///{self.database}",
            "DJANGO_MEDIA_ROOT": str(work / "media"),
            "REDIS_URL": "",
            "CACHE_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(work)]),
            **env,
        }
        self.env.pop("PYTEST_ADDOPTS", None)

    def manage(self, *args: str, stdin: str | None = None) -> str:
        done = subprocess.run(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    def start(self, *args: str, log: Path | None = None) -> subprocess.Popen:
        """`manage.py <args>` running in the background."""
        return subprocess.Popen(  # noqa: S603
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            stdout=log.open("w") if log else subprocess.DEVNULL,
            stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
        )

    @contextmanager
    def server(self) -> Iterator[str]:
        """The development server on a spare port (not 8000); yields its base URL."""
        port = free_port()
        process = self.start("runserver", "--noreload", f"127.0.0.1:{port}")
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        try:
            while True:
                try:
                    urllib.request.urlopen(f"{base}/api/v1/locales/", timeout=2)  # noqa: S310
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.2)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=10)
