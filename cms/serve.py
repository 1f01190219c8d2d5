"""The production HTTP server: `python -m cms.serve`.

granian (an HTTP server in Rust running the WSGI application) was chosen over gunicorn
on `make bench`'s figures: its connections stay open between requests (HTTP keep-alive),
as a CDN's or an app's do, and parsing HTTP outside Python leaves the worker's time to
Django. One blocking thread per worker process, because more threads only contend for
Python's interpreter lock: run more processes instead (WEB_CONCURRENCY).

A request line or header up to granian's buffer (400 KB) reaches the application, so an
over-long search, cursor or Accept-Language header gets the API's JSON 400 naming the
limit, as under gunicorn with `gunicorn.conf.py`.
"""

import os

from granian import Granian
from granian.constants import Interfaces
from granian.log import LogLevels


def server_options(environ: dict[str, str] = os.environ) -> dict:
    """granian's settings, from HOST, PORT, WEB_CONCURRENCY and LOG_LEVEL."""
    return {
        "target": "cms.wsgi:application",
        "interface": Interfaces.WSGI,
        "address": environ.get("HOST", "0.0.0.0"),  # noqa: S104 - behind the proxy
        "port": int(environ.get("PORT", "8000")),
        "workers": int(environ.get("WEB_CONCURRENCY") or 2 * (os.cpu_count() or 1)),
        "blocking_threads": 1,
        "respawn_failed_workers": True,
        "log_level": LogLevels(environ.get("LOG_LEVEL", "info").lower()),
    }


def main() -> None:
    Granian(**server_options()).serve()


if __name__ == "__main__":
    main()
