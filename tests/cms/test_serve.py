"""The production server (`python -m cms.serve`): granian, HTTP keep-alive, and the
API's own answer to over-long requests."""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cms.serve import server_options

ROOT = Path(__file__).resolve().parents[2]


def test_settings_come_from_the_environment():
    options = server_options(
        {"HOST": "127.0.0.1", "PORT": "9001", "WEB_CONCURRENCY": "3"}
    )
    assert (options["address"], options["port"], options["workers"]) == (
        "127.0.0.1",
        9001,
        3,
    )
    # More threads per process only contend for the interpreter lock.
    assert options["blocking_threads"] == 1
    assert options["respawn_failed_workers"] is True


def test_by_default_two_workers_per_core_on_every_interface():
    options = server_options({})
    assert options["address"] == "0.0.0.0"  # noqa: S104 - behind the proxy
    assert options["port"] == 8000
    assert options["workers"] == 2 * (os.cpu_count() or 1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def production_server(tmp_path_factory):
    """The test settings served by `cms.serve`, as production serves its own."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CMS_"))}
    env |= {
        "DJANGO_SETTINGS_MODULE": "cms.settings.test",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "LOG_LEVEL": "WARNING",
    }
    log = tmp_path_factory.mktemp("serve") / "server.log"
    server = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "cms.serve"],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    try:
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail(f"cms.serve did not start: {log.read_text()}")
        yield port
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_one_connection_serves_request_after_request(production_server):
    connection = http.client.HTTPConnection("127.0.0.1", production_server, timeout=10)
    sockets = set()
    for _ in range(3):
        connection.request("GET", "/api/v1/locales/")
        response = connection.getresponse()
        response.read()
        sockets.add(id(connection.sock))
        assert response.getheader("Connection", "").lower() != "close"
    assert len(sockets) == 1  # http.client reconnects when the server closes


def test_an_over_long_search_gets_the_api_json_400(production_server):
    connection = http.client.HTTPConnection("127.0.0.1", production_server, timeout=10)
    connection.request("GET", "/api/v1/articles/?search=" + "a" * 20_000)
    response = connection.getresponse()
    body = response.read()
    assert response.status == 400
    assert response.getheader("Content-Type").startswith("application/json")
    assert b"search" in body
