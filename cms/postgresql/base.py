"""Django's PostgreSQL backend (`DATABASES[...]["ENGINE"] = "cms.postgresql"`), whose
health check of a reused connection (`CONN_HEALTH_CHECKS`) sends `SELECT 1` only when
the server has written to the idle connection.

Django checks a persistent connection with `SELECT 1` at the first query of every
request: on this machine a round trip of 0.12 ms, a tenth of an uncached listing's
whole time and as much as its one query. The server writes to an idle connection
when it ends it (a restart, `pg_terminate_backend`, an idle timeout: a FATAL message,
then the socket closes), or to pass on a notice, a notification or a changed
parameter. A connection whose socket has nothing to read has had none of these, and
is taken as healthy without asking; one with anything to read is checked as Django
checks it. A server that vanished without a word (its machine lost) is not noticed
by either before the request's query: that query fails (a 503 from the API) and
Django closes the connection at the end of the request, as it does without checks.
"""

import select

from django.core.exceptions import ImproperlyConfigured
from django.db.backends.postgresql import base

# What of Django's health check this backend relies on (Django 4.1 to 5.2).
DJANGO_NAMES = ("health_check_enabled", "health_check_done", "pool")


class DatabaseWrapper(base.DatabaseWrapper):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        missing = [name for name in DJANGO_NAMES if not hasattr(self, name)]
        if missing or not hasattr(super(), "close_if_health_check_failed"):
            raise ImproperlyConfigured(
                "cms.postgresql no longer fits Django's health check (missing: "
                f"{', '.join(missing) or 'close_if_health_check_failed'}); set "
                "DATABASES' ENGINE to django.db.backends.postgresql"
            )

    def close_if_health_check_failed(self) -> None:
        if (
            self.connection is not None
            and self.health_check_enabled
            and not self.health_check_done
            and not self.pool
            and not server_wrote(self.connection)
        ):
            self.health_check_done = True  # what `SELECT 1` would have found
            return
        super().close_if_health_check_failed()


def server_wrote(connection) -> bool:
    """Whether the server wrote to this idle psycopg connection since its last
    query was answered (or psycopg already knows it lost the connection)."""
    if connection.closed or connection.broken:
        return True
    try:
        socket = connection.fileno()
    except base.Database.Error:  # "the connection is lost"
        return True
    poll = select.poll()
    poll.register(socket, select.POLLIN | select.POLLPRI)
    return bool(poll.poll(0))
