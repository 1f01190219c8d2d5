"""Side by side with Wagtail's own API v2, on the same articles in the same process
(issue 6). `make bench` runs it.

Seeds BENCH_ARTICLES articles (default 250, i.e. 2,000 pages in 8 locales), starts two
gunicorn servers with one sync worker each (production settings; one with the response
cache, one without, for the "uncached" rows) and drives each endpoint with wrk over
127.0.0.1. Queries per request are counted in-process on the same database.
"""

import json
import os
from pathlib import Path
from urllib.parse import quote

from common import (
    CONNECTIONS,
    DURATION,
    flush_redis,
    get,
    gunicorn,
    manage,
    prepare_environment,
    worker_rss_kb,
    wrk,
)

ARTICLES = int(os.environ.get("BENCH_ARTICLES", "250"))
SLUG = "bench-7"


def count_queries(paths: dict[str, str], *, cached: bool) -> dict[str, tuple[int, int]]:
    """(queries, bytes) of one request to each path, in this process."""
    import django
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    django.setup()
    settings.CMS_API_CACHE = "api" if cached else "none"
    settings.CACHES["none"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    client = Client()
    counts = {}
    for name, path in paths.items():
        client.get(path, HTTP_HOST="127.0.0.1")  # warm (and fill the cache)
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path, HTTP_HOST="127.0.0.1")
        assert response.status_code == 200, (path, response.status_code)
        counts[name] = (len(queries.captured_queries), len(response.content))
    return counts


def main() -> None:
    prepare_environment()
    manage("migrate", "--noinput", "-v0")
    manage("seed_bench", "--articles", str(ARTICLES))
    flush_redis()

    import django

    django.setup()
    from articles.models import ArticlePage

    page_id = ArticlePage.objects.get(slug=SLUG).pk
    uncached_paths = {
        "Wagtail API v2 detail": f"/wagtail-api/v2/pages/{page_id}/",
        "detail, uncached": f"/api/v1/articles/{SLUG}/?locale=en",
        "Wagtail API v2 listing of 20": "/wagtail-api/v2/pages/"
        "?type=articles.ArticlePage&fields=summary,hero_rendition&limit=20&locale=en",
        "listing of 20, uncached": "/api/v1/articles/?locale=en&page_size=20",
        "search en, uncached": "/api/v1/articles/?locale=en&search=spinal",
        "search ko, uncached": "/api/v1/articles/?locale=ko&search="
        + quote("줄기세포"),
        "search zh-hans, uncached": "/api/v1/articles/?locale=zh-hans&search="
        + quote("干细胞"),
    }
    cached_paths = {
        "detail, cached": f"/api/v1/articles/{SLUG}/?locale=en",
        "listing of 20, cached": "/api/v1/articles/?locale=en&page_size=20",
    }
    queries = count_queries(uncached_paths, cached=False)
    queries |= count_queries(cached_paths, cached=True)

    results = {}
    with (
        gunicorn(8766, BENCH_NO_RESPONSE_CACHE="1") as (uncached, _s1),
        gunicorn(8767) as (cached, cached_server),
    ):
        rss_start = worker_rss_kb(cached_server)
        results["ceiling: constant 5 KB JSON"] = wrk(cached, "/bench/ceiling/")
        for name, path in uncached_paths.items():
            results[name] = wrk(uncached, path)
        for name, path in cached_paths.items():
            get(cached, path)
            results[name] = wrk(cached, path)
        detail = cached_paths["detail, cached"]
        etag = get(cached, detail)[1]["ETag"]
        results["304 revalidation"] = wrk(cached, detail, f"If-None-Match: {etag}")
        queries["304 revalidation"] = (0, 0)
        queries["ceiling: constant 5 KB JSON"] = (0, 5120)
        rss_end = worker_rss_kb(cached_server)
        served = (
            sum(
                r["requests"]
                for n, r in results.items()
                if "cached" in n and "un" not in n
            )
            + results["ceiling: constant 5 KB JSON"]["requests"]
        )

    ceiling = results["ceiling: constant 5 KB JSON"]["rps"]
    v2_detail = results["Wagtail API v2 detail"]["rps"]
    v2_listing = results["Wagtail API v2 listing of 20"]["rps"]
    print(
        f"\n{ARTICLES} articles x 8 locales; gunicorn 1 sync worker; wrk {DURATION}, "
        f"{CONNECTIONS} connections\n"
    )
    header = f"{'endpoint':32} {'req/s':>8} {'p50':>8} {'p99':>8} {'queries':>8} "
    print(header + f"{'bytes':>8} {'vs v2':>7} {'vs ceiling':>10}")
    for name, r in results.items():
        n_queries, size = queries.get(name, (0, 0))
        versus = ""
        if name.startswith("detail"):
            versus = f"{r['rps'] / v2_detail:6.1f}x"
        elif name.startswith("listing"):
            versus = f"{r['rps'] / v2_listing:6.1f}x"
        print(
            f"{name:32} {r['rps']:8.0f} {r['p50']:>8} {r['p99']:>8} {n_queries:8} "
            f"{size:8} {versus:>7} {r['rps'] / ceiling:9.0%}"
        )
        if r["errors"]:
            print(f"  !! {r['errors']} non-2xx/3xx responses")
    print(
        f"\nworker memory (cached server): {rss_start / 1024:.0f} MB at start, "
        f"{rss_end / 1024:.0f} MB after {served:,} requests"
    )
    checks = {
        "uncached detail >= 5x Wagtail API v2": results["detail, uncached"]["rps"]
        >= 5 * v2_detail,
        "uncached detail <= 4 queries": queries["detail, uncached"][0] <= 4,
        "uncached listing >= 10x Wagtail API v2": results["listing of 20, uncached"][
            "rps"
        ]
        >= 10 * v2_listing,
        "uncached listing <= 5 queries": queries["listing of 20, uncached"][0] <= 5,
        "cached detail >= 70% of ceiling": results["detail, cached"]["rps"]
        >= 0.7 * ceiling,
        "304 >= 70% of ceiling": results["304 revalidation"]["rps"] >= 0.7 * ceiling,
    }
    for name, met in checks.items():
        print(f"  {'met    ' if met else 'NOT MET'}  {name}")
    if os.environ.get("BENCH_RESULTS"):  # for bench/scale.py
        Path(os.environ["BENCH_RESULTS"]).write_text(
            json.dumps(
                {
                    "articles": ARTICLES,
                    "results": results,
                    "queries": queries,
                    "rss_kb": [rss_start, rss_end],
                    "served": served,
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
