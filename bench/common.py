"""Shared by the benchmark scripts: environment, app servers, wrk and a tiny client."""

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DURATION = os.environ.get("BENCH_DURATION", "10s")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "8")

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "cms.settings.bench",
    "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY", "benchmark-only-key"),
    "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"),
    "DATABASE_URL": os.environ.get(
        "DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench' / 'bench.sqlite3'}"
    ),
    "DJANGO_MEDIA_ROOT": str(ROOT / "var" / "bench" / "media"),
    "DJANGO_STATIC_ROOT": str(ROOT / "var" / "bench" / "static"),
}


def prepare_environment() -> None:
    if not shutil.which("wrk"):
        raise SystemExit(
            "wrk is missing: apt-get install wrk (make bench-tools does it)"
        )
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    os.environ.update(ENV)
    sys.path.insert(0, str(ROOT))


def manage(*args: str, **extra_env: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**ENV, **extra_env},
        check=True,
    )


def flush_redis() -> None:
    database = ENV["REDIS_URL"].rsplit("/", 1)[-1]
    subprocess.run(["redis-cli", "-n", database, "flushdb"], capture_output=True)


def wrk(base: str, path: str | list[str], *headers: str) -> dict:
    """wrk's figures for `path`, or for a list of paths asked in turn (one per
    request). The endpoint is warmed by one request first, and the server is left
    idle after: a single sync worker still works through the requests wrk left
    queued when it stopped, which would otherwise land in the next endpoint's
    latencies (a slow endpoint's in the p99 of the one after it)."""
    paths = path if isinstance(path, list) else [path]
    get(base, paths[0], dict(header.split(": ", 1) for header in headers))
    try:
        return _wrk(base, paths, *headers)
    finally:
        get(base, "/bench/ceiling/")  # answered once the queue is empty


def _wrk(base: str, paths: list[str], *headers: str) -> dict:
    command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{DURATION}", "--latency"]
    for header in headers:
        command += ["-H", header]
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        if len(paths) > 1:
            quoted = ",".join(json.dumps(path) for path in paths)  # Lua strings
            script.write(
                f"paths = {{{quoted}}}\ni = 0\n"
                "request = function()\n"
                "  i = i % #paths + 1\n"
                '  return wrk.format("GET", paths[i])\n'
                "end\n"
            )
            script.flush()
            command += ["-s", script.name]
        out = subprocess.run(
            [*command, base + paths[0]], capture_output=True, text=True, check=True
        ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))

    def percentile(p: str) -> str:
        match = re.search(rf"\s{p}%\s+([\d.]+\w+)", out)
        return match.group(1) if match else "?"

    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {
        "rps": rps,
        "requests": total,
        "p50": percentile("50"),
        "p99": percentile("99"),
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def get(base: str, path: str, headers: dict | None = None):
    """(status, headers, body); the headers are read in any case (granian sends them
    in lower case)."""
    request = urllib.request.Request(base + path, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def worker_rss_kb(server: subprocess.Popen) -> int:
    """Resident memory of the server's (single) worker process."""
    children = (
        Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    )
    status = Path(f"/proc/{children[0]}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1))


# The servers `make bench` compares: production's (cms.serve), and gunicorn's sync
# worker (the production server until issue 18) and threaded worker.
SERVERS = {
    "granian": "granian (production), keep-alive",
    "sync": "gunicorn sync worker",
    "gthread": "gunicorn gthread worker, 4 threads",
}


def server_command(kind: str, port: int, workers: int) -> tuple[list[str], dict]:
    if kind == "granian":
        env = {"HOST": "127.0.0.1", "PORT": str(port), "WEB_CONCURRENCY": str(workers)}
        return [sys.executable, "-m", "cms.serve"], {**env, "LOG_LEVEL": "WARNING"}
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "cms.wsgi",
        "--workers",
        str(workers),
        "--bind",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
    ]
    if kind == "gthread":
        command += ["--worker-class", "gthread", "--threads", "4"]
    return command, {}


@contextmanager
def app_server(
    port: int,
    workers: int = 1,
    log: Path | None = None,
    kind: str = "granian",
    **extra_env: str,
):
    """The project served on `port` by `kind` (see SERVERS), as in production."""
    base = f"http://127.0.0.1:{port}"
    command, server_env = server_command(kind, port, workers)
    server = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**ENV, **server_env, **extra_env},
        stderr=log.open("w") if log else None,
    )
    try:
        for _ in range(200):
            try:
                if get(base, "/bench/ceiling/")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.1)
        else:
            raise SystemExit(f"{SERVERS[kind]} did not start")
        yield base, server
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
