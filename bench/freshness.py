"""Freshness figures (issue 5), on a warm production-like server:

- a cached article detail and a 304 revalidation, as a ratio to a trivial Django view
  returning a constant 5 KB JSON on the same server (target: at least 70%);
- the time from publishing an edit to the first response that shows it (target: < 1 s).

Run: `make bench-freshness` (or `.venv/bin/python bench/freshness.py`). Uses gunicorn
(1 sync worker: one core), Redis on 127.0.0.1:6379 (db 15), wrk, and a SQLite database
under var/bench/ unless DATABASE_URL is set.
"""

import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PORT = int(os.environ.get("BENCH_PORT", "8765"))
BASE = f"http://127.0.0.1:{PORT}"
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
os.environ.update(ENV)
sys.path.insert(0, str(ROOT))


def manage(*args: str) -> None:
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args], cwd=ROOT, env=ENV, check=True
    )


def wrk(path: str, *headers: str) -> dict:
    command = ["wrk", "-t1", f"-c{CONNECTIONS}", f"-d{DURATION}", "--latency"]
    for header in headers:
        command += ["-H", header]
    out = subprocess.run(  # noqa: S603
        [*command, BASE + path], capture_output=True, text=True, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def percentile(p: str) -> str:
        match = re.search(rf"\s{p}%\s+([\d.]+\w+)", out)
        return match.group(1) if match else "?"

    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {
        "rps": rps,
        "p50": percentile("50"),
        "p99": percentile("99"),
        "errors": int(non_2xx.group(1)) if non_2xx else 0,
    }


def get(path: str, headers: dict | None = None):
    request = urllib.request.Request(BASE + path, headers=headers or {})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def start_server() -> subprocess.Popen:
    server = subprocess.Popen(  # noqa: S603
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "cms.wsgi",
            "--workers",
            "1",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--log-level",
            "warning",
            "--env",
            "DJANGO_SETTINGS_MODULE=cms.settings.bench",
        ],
        cwd=ROOT,
        env=ENV,
    )
    for _ in range(100):
        try:
            if get("/bench/ceiling/")[0] == 200:
                return server
        except OSError:
            pass
        time.sleep(0.1)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def publish_to_fresh_seconds(slug: str, rounds: int = 5) -> list[float]:
    import django

    django.setup()
    from articles.models import ArticlePage

    timings = []
    page = ArticlePage.objects.get(slug=slug)
    for n in range(rounds):
        title = f"{page.title.split(' [')[0]} [edit {n} {time.time_ns()}]"
        page.title = title
        started = time.perf_counter()
        page.save_revision().publish()
        while True:
            status, _headers, body = get(f"/api/v1/articles/{slug}/?locale=en")
            if status == 200 and json.loads(body)["title"] == title:
                break
        timings.append(time.perf_counter() - started)
        page.refresh_from_db()
    return timings


def main() -> None:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk (make bench does it)")
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    manage("migrate", "--noinput", "-v0")
    manage("load_demo", "--no-admin", "-v0")
    subprocess.run(  # noqa: S603
        ["redis-cli", "-n", ENV["REDIS_URL"].rsplit("/", 1)[-1], "flushdb"],
        capture_output=True,
        check=False,
    )
    server = start_server()
    try:
        slug = "stem-cell-therapy-spinal-degeneration"
        detail = f"/api/v1/articles/{slug}/?locale=en"
        status, headers, body = get(detail)
        assert status == 200, body[:200]
        _s, warm_headers, _b = get(detail)
        assert warm_headers.get("X-Cache") == "HIT", "the response cache is not warm"
        etag = headers["ETag"]
        assert get(detail, {"If-None-Match": etag})[0] == 304

        results = {
            "ceiling: constant 5 KB JSON view": wrk("/bench/ceiling/"),
            "cached article detail": wrk(detail),
            "304 revalidation (If-None-Match)": wrk(detail, f"If-None-Match: {etag}"),
        }
        ceiling = results["ceiling: constant 5 KB JSON view"]["rps"]
        print(
            f"\nFreshness benchmark: gunicorn 1 worker, {DURATION}, {CONNECTIONS} conns"
        )
        print(f"detail response: {len(body):,} bytes\n")
        print(f"{'endpoint':38} {'req/s':>9} {'p50':>9} {'p99':>9} {'vs ceiling':>11}")
        for name, r in results.items():
            ratio = r["rps"] / ceiling
            print(
                f"{name:38} {r['rps']:9.0f} {r['p50']:>9} {r['p99']:>9} {ratio:10.0%}"
            )
            if r["errors"]:
                print(f"  !! {r['errors']} non-2xx/3xx responses")
        timings = publish_to_fresh_seconds(slug)
        print(
            "\npublish -> first fresh response: "
            f"median {statistics.median(timings) * 1000:.0f} ms, "
            f"max {max(timings) * 1000:.0f} ms over {len(timings)} publishes "
            "(target < 1 s)"
        )
        targets_met = (
            all(
                results[name]["rps"] / ceiling >= 0.7
                for name in (
                    "cached article detail",
                    "304 revalidation (If-None-Match)",
                )
            )
            and max(timings) < 1
        )
        print("targets met" if targets_met else "TARGETS NOT MET")
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
