"""Freshness figures (issue 5), on a warm production-like server:

- a cached article detail and a 304 revalidation, as a ratio to a trivial Django view
  returning a constant 5 KB JSON on the same server (target: at least 70%);
- the time from publishing an edit to the first response that shows it (target: < 1 s).

Run: `make bench-freshness` (or `.venv/bin/python bench/freshness.py`). Uses the
production server (`cms.serve`, one worker: one core), Redis on 127.0.0.1:6379 (db 15),
wrk, and a SQLite database under var/bench/ unless DATABASE_URL is set.
"""

import json
import statistics
import time

from common import (
    CONNECTIONS,
    DURATION,
    app_server,
    flush_redis,
    get,
    manage,
    prepare_environment,
    wrk,
)

PORT = 8765


def publish_to_fresh_seconds(base: str, slug: str, rounds: int = 5) -> list[float]:
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
            status, _headers, body = get(base, f"/api/v1/articles/{slug}/?locale=en")
            if status == 200 and json.loads(body)["title"] == title:
                break
        timings.append(time.perf_counter() - started)
        page.refresh_from_db()
    return timings


def main() -> None:
    prepare_environment()
    manage("migrate", "--noinput", "-v0")
    manage("load_demo", "--no-admin", "-v0")
    flush_redis()
    with app_server(PORT) as (base, _server):
        slug = "stem-cell-therapy-spinal-degeneration"
        detail = f"/api/v1/articles/{slug}/?locale=en"
        status, headers, body = get(base, detail)
        assert status == 200, body[:200]
        assert get(base, detail)[1].get("X-Cache") == "HIT", "the cache is not warm"
        etag = headers["ETag"]
        assert get(base, detail, {"If-None-Match": etag})[0] == 304

        results = {
            "ceiling: constant 5 KB JSON view": wrk(base, "/bench/ceiling/"),
            "cached article detail": wrk(base, detail),
            "304 revalidation (If-None-Match)": wrk(
                base, detail, f"If-None-Match: {etag}"
            ),
        }
        ceiling = results["ceiling: constant 5 KB JSON view"]["rps"]
        print(
            f"\nFreshness benchmark: granian 1 worker, {DURATION}, {CONNECTIONS} conns"
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
        timings = publish_to_fresh_seconds(base, slug)
        print(
            "\npublish -> first fresh response: "
            f"median {statistics.median(timings) * 1000:.0f} ms, "
            f"max {max(timings) * 1000:.0f} ms over {len(timings)} publishes "
            "(target < 1 s)"
        )
        met = max(timings) < 1 and all(
            results[name]["rps"] / ceiling >= 0.7
            for name in ("cached article detail", "304 revalidation (If-None-Match)")
        )
        print("targets met" if met else "TARGETS NOT MET")


if __name__ == "__main__":
    main()
