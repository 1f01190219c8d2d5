"""How soon the admin's edit view of a long article is usable, in Chromium (issue 17):
`make bench-editor`.

For the 15-section demo article (stem-cell therapy, English) and a 40-section one
made from it, it opens the edit view as a logged-in editor (three times each, after a
warm-up) and prints the median of: the load event, the moment the page is usable
(the end of the last long task once the main thread has been quiet for a second,
like Lighthouse's time to interactive), the longest task, the total blocking time
(the part of each long task over 50 ms), and the DOM elements and form inputs on the
page. Aim: a 15-section article usable within 2 s on an idle machine of this kind.
Figures taken while tests or other benchmarks run are not figures.

It runs the production server (`cms.serve`) on its own SQLite database under
var/bench/ (or DATABASE_URL), created afresh, and needs Debian's Chromium
(make browser)."""

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import ENV, app_server, manage  # noqa: E402

DATABASE = ROOT / "var" / "bench" / "editor.sqlite3"
CHROMIUM = "/usr/bin/chromium"
RUNS = 3
PORT = int(os.environ.get("BENCH_EDITOR_PORT", "8797"))
TARGET_SECONDS = 2.0
ARTICLE = "stem-cell-therapy-spinal-degeneration"

LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    window.__longTasks.push([entry.startTime, entry.duration]);
  }
}).observe({type: "longtask", buffered: true});
"""

FORTY_SECTIONS = f"""
import copy, uuid
from articles.models import ArticlePage
source = ArticlePage.objects.get(slug="{ARTICLE}", locale__language_code="en")
body = source.body.raw_data
sections = []
while len(sections) < 40:
    for child in body:
        if len(sections) == 40:
            break
        child = copy.deepcopy(child)
        child["id"] = str(uuid.uuid4())
        child["value"]["anchor"] = f"{{child['value']['anchor']}}-{{len(sections)}}"
        sections.append(child)
page = ArticlePage(
    title="Forty sections", slug="forty-sections", summary=source.summary,
    body=sections, locale=source.locale,
)
source.get_parent().add_child(instance=page)
page.save_revision().publish()
print(page.pk)
"""


def page_id(slug: str) -> int:
    out = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from articles.models import ArticlePage; print(ArticlePage.objects"
            f".get(slug={slug!r}, locale__language_code='en').pk)",
        ],
        cwd=ROOT,
        env=ENV,
        check=True,
        capture_output=True,
        text=True,
    )
    return int(out.stdout.split()[-1])


def prepare() -> None:
    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    if "DATABASE_URL" not in os.environ:
        DATABASE.unlink(missing_ok=True)
        ENV["DATABASE_URL"] = f"sqlite:///{DATABASE}"
    manage("migrate", "--noinput", "-v", "0")
    manage("collectstatic", "--noinput", "-v", "0")
    manage(
        "load_demo",
        "--admin-username",
        "bench",
        "--admin-password",
        "bench",
        "-v",
        "0",
    )
    subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", FORTY_SECTIONS],
        cwd=ROOT,
        env=ENV,
        check=True,
        capture_output=True,
    )


def measure(page, url: str) -> dict:
    page.goto(url, wait_until="load")
    quiet_since, seen = time.monotonic(), 0
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        count = page.evaluate("window.__longTasks.length")
        if count != seen:
            seen, quiet_since = count, time.monotonic()
        elif time.monotonic() - quiet_since >= 1.0:
            break
        time.sleep(0.1)
    return page.evaluate(
        """() => {
          const nav = performance.getEntriesByType("navigation")[0];
          const tasks = window.__longTasks;
          const lastEnd = Math.max(0, ...tasks.map(([s, d]) => s + d));
          return {
            load: nav.loadEventEnd,
            usable: Math.max(nav.loadEventEnd, lastEnd),
            longest: Math.max(0, ...tasks.map(([s, d]) => d)),
            blocking: tasks.reduce((sum, [s, d]) => sum + Math.max(0, d - 50), 0),
            elements: document.getElementsByTagName("*").length,
            inputs: document.querySelectorAll("input, textarea, select").length,
          };
        }"""
    )


def main() -> None:
    from playwright.sync_api import sync_playwright

    prepare()
    articles = {
        "15 sections": page_id(ARTICLE),
        "40 sections": page_id("forty-sections"),
    }
    rows = []
    with (
        app_server(PORT, workers=2) as (base, _server),
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        context = browser.new_context(
            base_url=base, viewport={"width": 1400, "height": 1000}
        )
        context.add_init_script(LONG_TASKS)
        page = context.new_page()
        page.goto("/admin/login/")
        page.get_by_label("Username").fill("bench")
        page.get_by_label("Password").fill("bench")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/admin/")
        for label, pk in articles.items():
            url = f"/admin/pages/{pk}/edit/"
            measure(page, url)  # warm-up: caches, compiled templates
            runs = [measure(page, url) for _ in range(RUNS)]
            rows.append(
                (
                    label,
                    {key: statistics.median(r[key] for r in runs) for key in runs[0]},
                )
            )
        browser.close()

    print(f"\nEdit view in Chromium (median of {RUNS}; milliseconds)")
    print(
        f"{'article':<12} {'load':>7} {'usable':>7} {'longest':>8} {'blocking':>9}"
        f" {'elements':>9} {'inputs':>7}"
    )
    for label, r in rows:
        print(
            f"{label:<12} {r['load']:>7.0f} {r['usable']:>7.0f} {r['longest']:>8.0f}"
            f" {r['blocking']:>9.0f} {r['elements']:>9.0f} {r['inputs']:>7.0f}"
        )
    usable = rows[0][1]["usable"] / 1000
    verdict = "met" if usable <= TARGET_SECONDS else "NOT met"
    print(
        f"\nTarget: 15 sections usable within {TARGET_SECONDS:.0f} s: {verdict}"
        f" ({usable:.2f} s)."
    )


if __name__ == "__main__":
    main()
