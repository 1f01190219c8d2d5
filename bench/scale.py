"""Cost per request does not grow with the corpus (issue 6): `make bench-scale`.

Runs bench/compare.py twice, on 250 articles (2,000 pages) and on 2,500 articles
(20,000 pages), each on its own SQLite database under var/bench/ (seeding 2,500
articles takes about an hour the first time; it resumes where it stopped), and prints
for each endpoint requests/s, p50, p99 and queries at both sizes, with the ratio of the
per-request cost at 20,000 pages to that at 2,000. Target: every endpoint of ours
within 1.5x. Worker memory is printed for both runs.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "var" / "bench"
SIZES = {  # articles -> database
    int(os.environ.get("BENCH_SMALL", "250")): BENCH / "bench.sqlite3",
    int(os.environ.get("BENCH_LARGE", "2500")): BENCH / "scale.sqlite3",
}
TARGET = 1.5


def run(articles: int, database: Path) -> dict:
    results = BENCH / f"results-{articles}.json"
    env = {
        **os.environ,
        "BENCH_ARTICLES": str(articles),
        "DATABASE_URL": f"sqlite:///{database}",
        "BENCH_RESULTS": str(results),
    }
    print(f"== {articles} articles ({articles * 8:,} pages)", flush=True)
    subprocess.run(
        [sys.executable, str(ROOT / "bench" / "compare.py")], env=env, check=True
    )
    return json.loads(results.read_text())


def main() -> int:
    BENCH.mkdir(parents=True, exist_ok=True)
    (small, small_db), (large, large_db) = sorted(SIZES.items())
    a, b = run(small, small_db), run(large, large_db)
    print(
        f"\n{'endpoint':32} {'req/s':>8} {'req/s':>8} {'p50':>8} {'p50':>8} "
        f"{'queries':>8} {'cost':>6}"
    )
    print(
        f"{'':32} {small * 8:>8,} {large * 8:>8,} {small * 8:>8,} {large * 8:>8,} "
        f"{'':>8} {'ratio':>6}"
    )
    worst = 0.0
    for name, r in a["results"].items():
        other = b["results"][name]
        ratio = r["rps"] / other["rps"]  # time per request, large over small
        ours = not name.startswith(("Wagtail", "ceiling"))
        if ours:
            worst = max(worst, ratio)
        q_small = a["queries"].get(name, [0])[0]
        q_large = b["queries"].get(name, [0])[0]
        print(
            f"{name:32} {r['rps']:8.0f} {other['rps']:8.0f} {r['p50']:>8} "
            f"{other['p50']:>8} {q_small:>3} {q_large:>4} {ratio:5.2f}x"
            + ("" if ours else "  (not ours)")
        )
    for label, run_ in ((small * 8, a), (large * 8, b)):
        start, end = run_["rss_kb"]
        print(
            f"worker memory at {label:,} pages: {start / 1024:.0f} MB at start, "
            f"{end / 1024:.0f} MB after {run_['served']:,} requests"
        )
    met = worst <= TARGET
    print(
        f"\nWorst cost ratio of our endpoints: {worst:.2f}x"
        f" (target at most {TARGET}x): " + ("met." if met else "NOT MET.")
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
