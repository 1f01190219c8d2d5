"""Cost per request does not grow with the corpus (issue 6): `make bench-scale`.

Seeds two corpora on SQLite databases of their own under var/bench/: 250 articles
(2,000 pages) and 2,500 articles (20,000 pages; seeding took 30 minutes here the first
time before issue 18, and resumes where it stopped). Starts the project on each
(`cms.serve`, one worker, production settings; an uncached server and one with the
response cache over Redis) and measures each of our endpoints with wrk on both, in
turn, BENCH_ROUNDS times (default 3), so that the machine's drift over the minutes of
the run weighs on both sizes alike. Prints, per endpoint, the median requests/s and
p50 at both sizes, the queries per request, and the cost ratio (time per request at
20,000 pages over that at 2,000); the workers' memory at the start and the end; the
rate at which `build_article_documents` rebuilds the 20,000 documents; and the search
index's size and write cost at both sizes. Target: every endpoint within 1.5x.
"""

import json
import subprocess
import sys
from contextlib import ExitStack
from pathlib import Path
from statistics import median

from common import (
    ENV,
    ROOT,
    app_server,
    get,
    manage,
    prepare_environment,
    worker_rss_kb,
    wrk,
)
from compare import (
    CEILING,
    OUR_CACHED,
    OUR_UNCACHED,
    REVALIDATION,
    describe_search_index,
    rebuild_rate,
)

BENCH = ROOT / "var" / "bench"
TARGET = 1.5


class Corpus:
    def __init__(self, articles: int, database: Path, redis_db: int, port: int):
        self.articles = articles
        self.pages = articles * 8
        redis_base = ENV["REDIS_URL"].rsplit("/", 1)[0]
        self.env = {
            "DATABASE_URL": f"sqlite:///{database}",
            "REDIS_URL": f"{redis_base}/{redis_db}",
            "BENCH_ARTICLES": str(articles),
        }
        self.port = port

    def seed(self) -> None:
        print(f"== {self.articles} articles ({self.pages:,} pages)", flush=True)
        manage("migrate", "--noinput", "-v0", **self.env)
        manage("seed_bench", "--articles", str(self.articles), **self.env)
        redis = self.env["REDIS_URL"].rsplit("/", 1)[-1]
        subprocess.run(["redis-cli", "-n", redis, "flushdb"], capture_output=True)

    def query_counts(self) -> dict:
        return self.compare("queries")

    def search_index(self) -> dict:
        return self.compare("index")

    def compare(self, command: str) -> dict:
        out = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "compare.py"), command],
            env={**ENV, **self.env},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    prepare_environment()
    small = Corpus(
        int(ENV.get("BENCH_SMALL", "250")), BENCH / "bench.sqlite3", 14, 8770
    )
    large = Corpus(
        int(ENV.get("BENCH_LARGE", "2500")), BENCH / "scale.sqlite3", 15, 8780
    )
    corpora = [small, large]
    for corpus in corpora:
        corpus.seed()
    rebuilt = rebuild_rate(large.pages, **large.env)
    queries = {corpus.pages: corpus.query_counts() for corpus in corpora}
    index_figures = {corpus.pages: corpus.search_index() for corpus in corpora}
    rounds = int(ENV.get("BENCH_ROUNDS", "3"))

    runs: dict[tuple[str, int], list[dict]] = {}
    rss: dict[int, list[int]] = {}
    with ExitStack() as servers:
        bases = {}
        for corpus in corpora:
            uncached, _ = servers.enter_context(
                app_server(corpus.port, BENCH_NO_RESPONSE_CACHE="1", **corpus.env)
            )
            cached, cached_server = servers.enter_context(
                app_server(corpus.port + 1, **corpus.env)
            )
            bases[corpus.pages] = (uncached, cached, cached_server)
            rss[corpus.pages] = [worker_rss_kb(cached_server)]
        detail = OUR_CACHED["detail, cached"]
        etags = {
            pages: get(cached, detail)[1]["ETag"]
            for pages, (_u, cached, _s) in bases.items()
        }
        endpoints = [
            (CEILING, "/bench/ceiling/", True),
            *((name, path, False) for name, path in OUR_UNCACHED.items()),
            *((name, path, True) for name, path in OUR_CACHED.items()),
            (REVALIDATION, detail, True),
        ]
        for round_ in range(rounds):
            print(f"== round {round_ + 1} of {rounds}", flush=True)
            # Alternate which size goes first, so neither always follows the other.
            order = corpora if round_ % 2 == 0 else corpora[::-1]
            for name, path, on_cached_server in endpoints:
                for corpus in order:
                    uncached, cached, _ = bases[corpus.pages]
                    base = cached if on_cached_server else uncached
                    headers = []
                    if name == REVALIDATION:
                        headers = [f"If-None-Match: {etags[corpus.pages]}"]
                    runs.setdefault((name, corpus.pages), []).append(
                        wrk(base, path, *headers)
                    )
        for corpus in corpora:
            rss[corpus.pages].append(worker_rss_kb(bases[corpus.pages][2]))
    served = {
        corpus.pages: sum(
            r["requests"]
            for (name, pages), name_runs in runs.items()
            for r in name_runs
            if pages == corpus.pages
            and (name in (CEILING, REVALIDATION) or name in OUR_CACHED)
        )
        for corpus in corpora
    }

    def typical(name: str, pages: int) -> dict:
        by_speed = sorted(runs[(name, pages)], key=lambda r: r["rps"])
        return by_speed[len(by_speed) // 2]

    s, g = small.pages, large.pages
    print(f"\n{rounds} round(s) of wrk {ENV.get('BENCH_DURATION', '10s')} per endpoint")
    print(
        f"\n| endpoint | req/s at {s:,} | req/s at {g:,} | p50 at {s:,} | "
        f"p50 at {g:,} | queries | cost ratio |"
    )
    print("|---|---|---|---|---|---|---|")
    worst = 0.0
    for name, _path, _cached in endpoints:
        a, b = typical(name, s), typical(name, g)
        ratio = median(r["rps"] for r in runs[(name, s)]) / median(
            r["rps"] for r in runs[(name, g)]
        )
        if name != CEILING:
            worst = max(worst, ratio)
        counts = [queries[p].get(name, [0])[0] for p in (s, g)]
        print(
            f"| {name} | {a['rps']:,.0f} | {b['rps']:,.0f} | {a['p50']} | {b['p50']} "
            f"| {counts[0]} / {counts[1]} | {ratio:.2f}x |"
            + (" (not ours)" if name == CEILING else "")
        )
        if a["errors"] or b["errors"]:
            print(f"  !! non-2xx/3xx responses: {a['errors']} / {b['errors']}")
    for pages in (s, g):
        start, end = rss[pages]
        print(
            f"worker memory (cached server) at {pages:,} pages: {start / 1024:.0f} MB "
            f"at start, {end / 1024:.0f} MB after {served[pages]:,} requests"
        )
    print(
        f"build_article_documents at {large.pages:,} pages: {rebuilt:.1f} documents "
        "per second"
    )
    for pages, figures in index_figures.items():
        print(f"at {pages:,} pages, {describe_search_index(figures)}")
    met = worst <= TARGET
    print(
        f"\nWorst cost ratio of our endpoints: {worst:.2f}x"
        f" (target at most {TARGET}x): " + ("met." if met else "NOT MET.")
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
