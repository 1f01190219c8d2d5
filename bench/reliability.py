"""The reliability suite (issue 6): `make reliability`.

Runs the project as in production (`cms.serve`, DEBUG off) against a PostgreSQL and a
Redis of its own, started for the run on spare ports, so that stopping them hurts
nothing else on the machine. Then, against that running server:

1. schemathesis, from the project's own OpenAPI document: no 5xx, no response that
   breaks the schema, no input the document allows refused (but for signed tokens a
   fuzzer cannot sign) and none it does not allow accepted;
2. the leak hunt: hidden articles planted with markers, every endpoint crawled;
3. hostile input: each answered with a 400 or 404 JSON in bounded time;
4. faults: Redis stopped (uncached 200s), PostgreSQL stopped under load (503 JSON
   within seconds, recovery on its own), a webhook receiver that hangs or fails
   (publishing is not slowed), a machine-translation provider that hangs (a clear
   message within its timeout);
5. mixed load: reads at full speed for RELIABILITY_SECONDS (60) while articles and
   translations are published several times a second: no 5xx, and every read that
   starts after a publish has completed sees the new content.

Prints the figures at the end (requests made, 5xx seen, leaks found, faults survived)
and exits non-zero if anything failed.
"""

import multiprocessing
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import requests
from common import ROOT, app_server

sys.path.insert(0, str(ROOT))
from tests.services import RedisServer, free_port  # noqa: E402

MIXED_SECONDS = float(os.environ.get("RELIABILITY_SECONDS", "60"))
SCHEMATHESIS_SECONDS = int(os.environ.get("RELIABILITY_SCHEMA_SECONDS", "90"))
READERS = 4
HOT_ARTICLES = ["bench-0", "bench-1", "bench-2"]


@dataclass
class Figures:
    requests: int = 0
    server_errors: Counter = field(default_factory=Counter)
    leaks: list = field(default_factory=list)
    faults: dict = field(default_factory=dict)
    failures: list = field(default_factory=list)

    def fail(self, what: str) -> None:
        print(f"  FAILED: {what}", flush=True)
        self.failures.append(what)

    def count(self, status: int, path: str) -> None:
        self.requests += 1
        if status >= 500 and status != 503:
            self.server_errors[f"{status} {path[:80]}"] += 1


# -- private services --------------------------------------------------------------


class PrivatePostgres:
    """A throwaway PostgreSQL cluster (initdb) on a spare port."""

    def __init__(self) -> None:
        bindir = sorted(Path("/usr/lib/postgresql").glob("*/bin"))
        if not bindir:
            raise SystemExit("PostgreSQL server binaries not found (initdb, pg_ctl).")
        self.bin = bindir[-1]
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="cms-reliability-pg-"))
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/reliability"

    def run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        subprocess.run([*prefix, *command], check=True, capture_output=True)

    def init(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        self.run(
            str(self.bin / "initdb"), "-D", str(self.dir / "data"), "-U", "postgres",
            "-A", "trust", "--no-sync", "-E", "UTF8",
        )  # fmt: skip
        self.start()
        self.run(
            str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
            "-U", "postgres", "reliability",
        )  # fmt: skip

    def start(self) -> None:
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.dir} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        self.run(
            str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-o", options,
            "-l", str(self.dir / "log"), "-w", "start",
        )  # fmt: skip

    def stop(self) -> None:
        self.run(
            str(self.bin / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "fast",
            "-w", "stop",
        )  # fmt: skip

    def destroy(self) -> None:
        try:
            self.stop()
        except subprocess.CalledProcessError:
            pass
        shutil.rmtree(self.dir, ignore_errors=True)


# -- the site's content, made in this process ----------------------------------------


def prepare_content() -> list[str]:
    """Migrate, seed a small corpus, plant the hidden articles; returns the markers."""
    from django.core.management import call_command
    from wagtail.models import Locale

    from articles.models import ArticleIndexPage
    from tests.leaks import plant_hidden_articles

    call_command("migrate", "--noinput", verbosity=0)
    call_command("seed_bench", "--articles", "6", verbosity=0)
    index = ArticleIndexPage.objects.get(slug="bench-library")
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    return plant_hidden_articles(index, locales)


def publish_revision(slug: str, number: int) -> None:
    """A new summary carrying `rev <number>`, published the way the admin does."""
    from articles.models import ArticlePage

    page = ArticlePage.objects.get(slug=slug)
    page.summary = f"rev {number}: an updated summary of the treatment."
    page.save_revision().publish()


def database_reconnect() -> None:
    from django.db import connections

    connections.close_all()


# -- phases ---------------------------------------------------------------------------


# Registers positive_data_acceptance_of_unsigned_tokens: schemathesis's "valid data
# should have been accepted" check, less the signed tokens a fuzzer cannot sign.
SCHEMATHESIS_HOOKS = ROOT / "bench" / "schemathesis_hooks.py"


def run_schemathesis(base: str, figures: Figures) -> None:
    print(f"== schemathesis (at most {SCHEMATHESIS_SECONDS} s)", flush=True)
    report = Path(tempfile.mkdtemp(prefix="cms-schemathesis-"))
    command = [
        str(Path(sys.executable).with_name("schemathesis")), "run",
        f"{base}/api/v1/schema/",
        "--checks", "not_a_server_error,status_code_conformance,"
        "content_type_conformance,response_schema_conformance,"
        "negative_data_rejection,positive_data_acceptance_of_unsigned_tokens",
        "--max-time", str(SCHEMATHESIS_SECONDS), "--max-examples", "60",
        "--seed", "1", "--workers", "2", "--request-timeout", "10",
        "--generation-database", "none", "--no-color",
        "--report", "junit", "--report-junit-path", str(report / "junit.xml"),
    ]  # fmt: skip
    result = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=SCHEMATHESIS_SECONDS + 120,
        cwd=report,  # where schemathesis keeps its own files
        env={**os.environ, "SCHEMATHESIS_HOOKS": str(SCHEMATHESIS_HOOKS)},
    )
    junit_file = report / "junit.xml"
    junit = junit_file.read_text() if junit_file.exists() else ""
    cases = re.findall(r'tests="(\d+)"', junit)
    figures.requests += sum(int(n) for n in cases)
    # schemathesis ends with a pytest-style "=== 1 warning in 90s ===" line; CI reads
    # the last such line as the test suite's result, so print the report without it.
    lines = [
        line
        for line in result.stdout.strip().splitlines()[-25:]
        if not re.fullmatch(r"=+ .* in [\d.]+s.* =+", line.strip())
    ]
    print("\n".join(lines), flush=True)
    print(f"  schemathesis exit code {result.returncode}", flush=True)
    if result.returncode != 0:
        figures.fail(
            "schemathesis found responses that break the schema or are 5xx, or "
            "valid input rejected, or invalid input accepted"
        )
    shutil.rmtree(report, ignore_errors=True)


def run_leak_hunt(base: str, markers: list[str], figures: Figures) -> None:
    from tests.leaks import crawl

    print("== leak hunt", flush=True)
    session = requests.Session()

    def fetch(path, params):
        response = session.get(base + path, params=params, timeout=10)
        figures.count(response.status_code, path)
        return response.status_code, response.text

    made, server_errors, everything = crawl(fetch)
    figures.leaks = [marker for marker in markers if marker in everything]
    print(f"  {made} requests, {len(figures.leaks)} leak(s)", flush=True)
    if "visible-article" not in everything:
        figures.fail("the leak hunt did not see the visible article")
    if figures.leaks:
        figures.fail(f"hidden articles leaked: {figures.leaks}")
    if server_errors:
        figures.fail(f"server errors during the leak hunt: {server_errors[:5]}")


def run_hostile_input(base: str, figures: Figures) -> None:
    from tests.hostile import hostile_requests

    print("== hostile input", flush=True)
    for url, headers in hostile_requests():
        url = url.replace("/articles/a/", "/articles/bench-0/")
        started = time.monotonic()
        response = requests.get(base + url, headers=headers, timeout=10)
        elapsed = time.monotonic() - started
        figures.count(response.status_code, url)
        is_json = response.headers.get("Content-Type", "").startswith(
            "application/json"
        )
        if response.status_code not in (400, 404) or not is_json or elapsed > 5:
            figures.fail(
                f"hostile {url[:60]!r}: {response.status_code} in {elapsed:.1f} s"
            )
    print(f"  {len(hostile_requests())} requests", flush=True)


class Readers:
    """Reader processes (not threads: they would take the interpreter lock from the
    publisher) reading articles as fast as they can: details in two locales,
    listings and, when `uncached`, searches no cache can answer. Each read is recorded
    with when it started (the monotonic clock is the machine's, shared by processes)
    and the revision it saw."""

    def __init__(self, base: str, figures: Figures, *, uncached: bool = False):
        self.base, self.figures, self.uncached = base, figures, uncached
        context = multiprocessing.get_context("fork")
        self.stop_event = context.Event()
        self.results = context.Queue()
        self.processes = [
            context.Process(target=self.read, args=(n,), daemon=True)
            for n in range(READERS)
        ]
        self.reads = []  # (started, finished, slug, status, revision seen or None)
        self.bad_errors = 0  # 5xx answers without the JSON error body

    def __enter__(self) -> "Readers":
        for process in self.processes:
            process.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop_event.set()
        for _ in self.processes:
            reads, paths, bad = self.results.get(timeout=60)
            self.reads += reads
            self.bad_errors += bad
            for status, path in paths:
                self.figures.count(status, path)
        for process in self.processes:
            process.join(timeout=30)

    def paths(self, n: int):
        counter = 0
        while True:
            counter += 1
            for slug in HOT_ARTICLES:
                yield slug, f"/api/v1/articles/{slug}/?locale=en"
                yield f"{slug}-ko", f"/api/v1/articles/{slug}-ko/?locale=ko"
            yield None, "/api/v1/articles/?locale=en&page_size=20"
            if self.uncached:
                yield None, f"/api/v1/articles/?locale=en&search=cell{n}x{counter}"

    def read(self, n: int) -> None:
        session = requests.Session()
        reads, paths, bad = [], [], 0
        for slug, path in self.paths(n):
            if self.stop_event.is_set():
                break
            started = time.monotonic()
            try:
                response = session.get(self.base + path, timeout=15)
                status, text = response.status_code, response.text
            except requests.RequestException:
                status, text = 599, ""
            finished = time.monotonic()
            match = re.search(r"rev (\d+):", text) if slug else None
            bad += status >= 500 and '"error"' not in text
            paths.append((status, path))
            reads.append(
                (started, finished, slug, status, int(match[1]) if match else None)
            )
        self.results.put((reads, paths, bad))


def run_redis_fault(base: str, redis: RedisServer, figures: Figures) -> None:
    print("== fault: Redis stopped", flush=True)
    redis.stop()
    try:
        statuses = Counter()
        session = requests.Session()
        for n in range(60):
            path = (
                f"/api/v1/articles/{HOT_ARTICLES[n % 3]}/?locale=en"
                if n % 2
                else "/api/v1/articles/?locale=en"
            )
            response = session.get(base + path, timeout=10)
            figures.count(response.status_code, path)
            statuses[response.status_code] += 1
        publish_revision("bench-5", 1)  # publishing works without the cache
    finally:
        redis.start()
    after = requests.get(base + "/api/v1/articles/bench-5/?locale=en", timeout=10)
    figures.count(after.status_code, "after redis")
    survived = set(statuses) == {200} and "rev 1:" in after.text
    print(f"  while down: {dict(statuses)}; after: {after.status_code}", flush=True)
    figures.faults["Redis stopped"] = survived
    if not survived:
        figures.fail("Redis outage: expected only 200s and fresh content after")


def run_postgres_fault(base: str, postgres: PrivatePostgres, figures: Figures) -> None:
    print("== fault: PostgreSQL stopped under load", flush=True)
    with Readers(base, figures, uncached=True) as readers:
        time.sleep(3)
        down_at = time.monotonic()
        postgres.stop()
        time.sleep(6)
        up_at = time.monotonic()
        postgres.start()
        database_reconnect()
        time.sleep(8)
    during = [r for r in readers.reads if down_at + 1 <= r[0] <= up_at]
    statuses = Counter(r[3] for r in during)
    slowest = max((r[1] - r[0] for r in readers.reads), default=0)
    recovered_at = next(
        (
            r[0]
            for r in readers.reads
            if r[0] > up_at and all(s[3] == 200 for s in readers.reads if s[0] >= r[0])
        ),
        None,
    )
    others = {s for s in statuses if s not in (200, 503)}
    survived = (
        statuses[503] > 0 and not others and slowest < 5 and recovered_at is not None
    )
    print(
        f"  while down: {dict(statuses)} (503 JSON, or 200 from the response cache);"
        f" slowest answer {slowest:.2f} s; all 200 again "
        + (f"{recovered_at - up_at:.1f} s after restart" if recovered_at else "never"),
        flush=True,
    )
    if readers.bad_errors:
        survived = False
        print(f"  {readers.bad_errors} 5xx answer(s) were not JSON", flush=True)
    probe = requests.get(base + "/api/v1/locales/", timeout=10)
    figures.count(probe.status_code, "after postgres")
    figures.faults["PostgreSQL stopped"] = survived and probe.status_code == 200
    if not figures.faults["PostgreSQL stopped"]:
        figures.fail("PostgreSQL outage: expected 503s, no other 5xx, and recovery")


def run_webhook_fault(figures: Figures) -> None:
    from api.models import WebhookSubscription
    from tests.receiver import Receiver

    print("== fault: webhook receiver hangs, then fails", flush=True)

    def publish_times(label: str) -> float:
        times = []
        for n in range(5):
            started = time.monotonic()
            publish_revision("bench-4", 100 + n)
            times.append(time.monotonic() - started)
        median = statistics.median(times)
        print(f"  publish ({label}): median {median * 1000:.0f} ms", flush=True)
        return median

    baseline = publish_times("no webhook")
    survived = True
    for mode in ("hang", "error"):
        receiver = Receiver(mode=mode, hang_seconds=30).start()
        subscription = WebhookSubscription.objects.create(
            name=f"reliability {mode}", url=receiver.url, secret="s" * 32
        )
        try:
            slowest = publish_times(f"receiver {mode}s")
            # The receiver is called by the background worker, never by publish:
            # a 30 s hang must not show in publishing times.
            survived &= slowest < baseline * 1.5 + 0.25
            started = time.monotonic()
            subprocess.run(
                [sys.executable, "manage.py", "db_worker", "--batch", "--backend",
                 "background", "--no-startup-delay"],
                cwd=ROOT, env=os.environ.copy(), capture_output=True, timeout=120,
            )  # fmt: skip
            worked = time.monotonic() - started
            failed = subscription.deliveries.exclude(status="succeeded").count()
            print(
                f"  worker delivered to the {mode} receiver in {worked:.1f} s:"
                f" {failed} attempt(s) recorded as failed",
                flush=True,
            )
            survived &= failed > 0
        finally:
            subscription.delete()
            receiver.stop()
    figures.faults["webhook receiver hangs / fails"] = survived
    if not survived:
        figures.fail("a failing webhook receiver slowed publishing")


def run_machine_translation_fault(figures: Figures) -> None:
    """A translator presses "machine translate" while the provider hangs: the
    translator gets a clear message within the timeout, and nothing is written."""
    from django.contrib.auth import get_user_model
    from wagtail.models import Locale
    from wagtail_localize.models import (
        StringTranslation,
        Translation,
        TranslationSource,
    )

    from articles.models import ArticlePage
    from articles.translation.machine import MachineTranslationError, machine_translate
    from articles.translation.machine.providers import LibreTranslateTranslator
    from tests.receiver import Receiver

    print("== fault: machine-translation provider hangs", flush=True)
    receiver = Receiver(mode="hang", hang_seconds=30).start()
    try:
        source, _ = TranslationSource.get_or_create_from_instance(
            ArticlePage.objects.get(slug="bench-3")
        )
        translation, _ = Translation.objects.get_or_create(
            source=source, target_locale=Locale.objects.get(language_code="ja")
        )
        user = get_user_model().objects.create_user("reliability-translator")
        provider = LibreTranslateTranslator({"BASE_URL": receiver.url, "TIMEOUT": 2})
        before = StringTranslation.objects.count()
        started = time.monotonic()
        try:
            machine_translate(translation, user, translator=provider)
            message = "no error"
        except MachineTranslationError as error:
            message = str(error)
        elapsed = time.monotonic() - started
    finally:
        receiver.stop()
    written = StringTranslation.objects.count() - before
    survived = message != "no error" and elapsed < 10 and written == 0
    print(
        f"  after {elapsed:.1f} s: {message!r}; {written} segment(s) written",
        flush=True,
    )
    figures.faults["machine-translation provider hangs"] = survived
    if not survived:
        figures.fail("a hanging machine-translation provider was not cut off cleanly")


def publish_until(deadline: float, slugs: list[str], first_revision: int) -> list:
    """Publish new revisions of `slugs` in turn until `deadline`; returns (completed
    at, slug, revision) of each publish."""
    published, revision = [], first_revision
    while time.monotonic() < deadline:
        for slug in slugs:
            revision += 1
            publish_revision(slug, revision)
            published.append((time.monotonic(), slug, revision))
    return published


def run_mixed_load(base: str, figures: Figures) -> None:
    print(f"== mixed load: {MIXED_SECONDS:.0f} s of reads while publishing", flush=True)
    with Readers(base, figures) as readers:
        deadline = time.monotonic() + MIXED_SECONDS
        # Two publishers side by side: sources in this process, their Korean
        # translations in a forked one (each with its own database connection).
        database_reconnect()
        context = multiprocessing.get_context("fork")
        results = context.Queue()
        translations = context.Process(
            target=lambda: results.put(
                publish_until(deadline, [f"{slug}-ko" for slug in HOT_ARTICLES], 5000)
            )
        )
        translations.start()
        published = publish_until(deadline, HOT_ARTICLES, 1000)
        published += results.get(timeout=120)
        translations.join(timeout=30)
    stale = []
    for started, _finished, slug, status, seen in readers.reads:
        if slug is None or status != 200:
            continue
        expected = max(
            (rev for done, s, rev in published if s == slug and done < started),
            default=None,
        )
        if expected is not None and (seen is None or seen < expected):
            stale.append((slug, expected, seen))
    reads = len(readers.reads)
    statuses = Counter(r[3] for r in readers.reads)
    rate = len(published) / MIXED_SECONDS
    print(
        f"  {reads} reads ({reads / MIXED_SECONDS:.0f}/s) {dict(statuses)};"
        f" {len(published)} publishes ({rate:.1f}/s); {len(stale)} stale read(s)",
        flush=True,
    )
    if set(statuses) - {200}:
        figures.fail(f"mixed load: non-200 answers {dict(statuses)}")
    if stale:
        figures.fail(f"mixed load: reads after a publish saw old content: {stale[:5]}")


def main() -> int:
    postgres, redis = PrivatePostgres(), RedisServer(free_port())
    media = Path(tempfile.mkdtemp(prefix="cms-reliability-media-"))
    env = {
        "DJANGO_SETTINGS_MODULE": "cms.settings.bench",
        "DJANGO_SECRET_KEY": "reliability-only-key",
        "DATABASE_URL": postgres.url,
        "REDIS_URL": f"redis://127.0.0.1:{redis.port}/0",
        "DJANGO_MEDIA_ROOT": str(media),
        "CMS_WEBHOOK_TIMEOUT_SECONDS": "2",
        "CMS_WEBHOOK_MAX_ATTEMPTS": "1",
        "DATABASE_CONN_MAX_AGE": "60",
    }
    os.environ.update(env)
    figures = Figures()
    started = time.monotonic()
    print("== setting up: private PostgreSQL and Redis, content", flush=True)
    postgres.init()
    redis.start()
    try:
        import django

        django.setup()
        markers = prepare_content()
        log = media / "server.log"
        with app_server(free_port(), workers=2, log=log, **env) as (base, _server):
            run_schemathesis(base, figures)
            run_leak_hunt(base, markers, figures)
            run_hostile_input(base, figures)
            run_redis_fault(base, redis, figures)
            run_postgres_fault(base, postgres, figures)
            run_webhook_fault(figures)
            run_machine_translation_fault(figures)
            run_mixed_load(base, figures)
        tracebacks = log.read_text().count("Traceback")
        if tracebacks:
            print(log.read_text()[-5000:])
            figures.fail(f"{tracebacks} traceback(s) in the server's log")
    finally:
        redis.stop()
        postgres.destroy()
        shutil.rmtree(media, ignore_errors=True)

    survived = sum(figures.faults.values())
    print("\n== reliability figures")
    print(f"  requests made      {figures.requests}")
    print(f"  5xx seen           {sum(figures.server_errors.values())} (503s from")
    print("                     the PostgreSQL outage are expected and not counted)")
    print(f"  leaks found        {len(figures.leaks)}")
    print(f"  faults survived    {survived} of {len(figures.faults)}")
    for name, ok in figures.faults.items():
        print(f"    {'ok ' if ok else 'NO '} {name}")
    print(f"  time               {time.monotonic() - started:.0f} s")
    if figures.server_errors:
        print(f"  5xx: {dict(figures.server_errors.most_common(10))}")
        figures.failures.append("5xx seen")
    if figures.failures:
        print(f"\nFAILED: {len(figures.failures)} problem(s)")
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
