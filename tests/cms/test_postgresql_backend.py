"""PostgreSQL's backend (`cms.postgresql`) checks a reused connection as Django does
(`CONN_HEALTH_CHECKS`), but asks the server (`SELECT 1`) only when the server has
written to the idle connection: a silent one is reused with no round trip, one the
server ended is replaced before the request's query, one it only spoke to is kept."""

import time
from collections.abc import Iterator
from unittest import mock

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection, connections
from django.db.backends.base.base import BaseDatabaseWrapper

from cms.postgresql.base import server_wrote

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="PostgreSQL's backend"
    ),
]


@pytest.fixture
def reused() -> Iterator[BaseDatabaseWrapper]:
    """A connection of its own (the test's is inside the test's transaction), open
    and between two requests, as a worker keeps it."""
    wrapper = connections.create_connection("default")
    wrapper.ensure_connection()
    yield wrapper
    wrapper.close()


def next_request(wrapper: BaseDatabaseWrapper) -> None:
    """What Django does when the next request starts (`close_old_connections`)."""
    wrapper.close_if_unusable_or_obsolete()
    assert wrapper.health_check_done is False


def wait_until_server_wrote(wrapper: BaseDatabaseWrapper) -> None:
    deadline = time.monotonic() + 10
    while not server_wrote(wrapper.connection):
        assert time.monotonic() < deadline, "the server never wrote"
        time.sleep(0.01)


def ended_by_the_server(wrapper: BaseDatabaseWrapper) -> int:
    """End the connection's server process, as a restart would, once its socket says
    so, and start the next request; the ended process's id."""
    pid = backend_pid(wrapper)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
    wait_until_server_wrote(wrapper)
    next_request(wrapper)
    return pid


def backend_pid(wrapper: BaseDatabaseWrapper) -> int:
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def test_the_settings_use_this_backend():
    assert connection.settings_dict["ENGINE"] == "cms.postgresql"
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True


def test_a_silent_connection_is_reused_without_asking_the_server(reused):
    pid = backend_pid(reused)
    next_request(reused)
    with mock.patch.object(reused, "is_usable", wraps=reused.is_usable) as asked:
        assert backend_pid(reused) == pid
    asked.assert_not_called()
    assert reused.health_check_done is True


def test_a_connection_the_server_ended_is_replaced_before_the_query(reused):
    pid = ended_by_the_server(reused)
    with mock.patch.object(reused, "is_usable", wraps=reused.is_usable) as asked:
        new_pid = backend_pid(reused)  # no error: a new connection answers
    asked.assert_called_once()
    assert new_pid != pid


def test_a_connection_the_server_only_spoke_to_is_asked_and_kept(reused):
    pid = backend_pid(reused)
    with reused.cursor() as cursor:
        cursor.execute("LISTEN cms_backend_test")
    notifier = connections.create_connection("default")
    try:
        with notifier.cursor() as cursor:  # autocommit: delivered at once
            cursor.execute("NOTIFY cms_backend_test")
    finally:
        notifier.close()
    wait_until_server_wrote(reused)
    next_request(reused)
    with mock.patch.object(reused, "is_usable", wraps=reused.is_usable) as asked:
        assert backend_pid(reused) == pid
    asked.assert_called_once()


def test_without_health_checks_an_ended_connection_fails_as_in_django(reused):
    reused.health_check_enabled = False
    ended_by_the_server(reused)
    with mock.patch.object(reused, "is_usable", wraps=reused.is_usable) as asked:
        reused.close_if_health_check_failed()
    asked.assert_not_called()
    assert reused.connection is not None  # the request's query would fail


def test_a_closed_connection_is_reported_as_written_to(reused):
    raw = reused.connection
    raw.close()
    assert server_wrote(raw) is True


def test_the_backend_refuses_to_start_when_django_changed_what_it_relies_on():
    with (
        mock.patch("cms.postgresql.base.DJANGO_NAMES", ("health_check_gone",)),
        pytest.raises(ImproperlyConfigured, match="health_check_gone"),
    ):
        connections.create_connection("default")


def test_a_connection_without_a_socket_is_reported_as_written_to(reused):
    from psycopg import OperationalError

    with mock.patch.object(
        type(reused.connection),
        "fileno",
        side_effect=OperationalError("the connection is lost"),
    ):
        assert server_wrote(reused.connection) is True
