"""Translation memory and termbase at size (issue 14): part of `make bench-translation`.

For an article of 803 segments this prints:
- fuzzy memory lookup of every segment against a memory of 200,000 units
  (target: under 2 s, a bounded number of queries), on SQLite and, when
  `--postgres` is given, on PostgreSQL too;
- term matching of every segment against a termbase of 10,000 concepts (target:
  under 0.5 s), the termbase loaded once, then matched.

Each database is created afresh (SQLite under var/bench/, PostgreSQL as
`bench_memory` on 127.0.0.1). Seeding takes a minute or two.
"""

import os
import random
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE = ROOT / "var" / "bench" / "memory.sqlite3"
POSTGRES = "postgres://postgres@127.0.0.1:5432/bench_memory"
UNITS = 200_000
CONCEPTS = 10_000
MEMORY_TARGET_SECONDS = 2.0
TERMS_TARGET_SECONDS = 0.5

WORDS = (
    "rest stem cell therapy disc spine knee cartilage injection week month scan "
    "surgeon pain patient doctor dose tablet daily twice morning evening walk "
    "exercise recovery injury cord nerve muscle bone joint blood pressure heart "
    "lung kidney liver fever infection wound dressing nurse clinic hospital "
    "result study trial group placebo improvement risk benefit side effect "
    "swelling bruise rehabilitation physiotherapy brace crutch follow visit"
).split()


SYLLABLES = "ka ri to me la no su pe di ra vo ne li ta mo se ru ki po de na lo".split()


def vocabulary(rng: random.Random, size: int = 6000) -> tuple[list[str], list[float]]:
    """The medical words, then made-up words, weighted as words of real text are
    (Zipf: the n-th most common word about 1/n as often as the first)."""
    made = {"".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))) for _n in range(size)}
    words = WORDS + sorted(made - set(WORDS))
    return words, [1 / (rank + 1) for rank in range(len(words))]


def sentence(rng: random.Random, vocabulary: tuple[list[str], list[float]]) -> str:
    words, weights = vocabulary
    chosen = rng.choices(words, weights=weights, k=rng.randint(8, 18))
    return " ".join(chosen).capitalize() + "."


def run(database_url: str) -> tuple[list, bool]:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.bench")
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-key")
    os.environ.setdefault("REDIS_URL", "")

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import Locale

    from articles.models import MemoryUnit, Term, TermConcept
    from articles.translation.memory.fuzzy import fuzzy_matches
    from articles.translation.memory.index import index_units
    from articles.translation.memory.keys import memory_key
    from articles.translation.terms.snapshot import APPROVED, termbase

    call_command("migrate", "--noinput", verbosity=0)
    english = Locale.objects.get_or_create(language_code="en")[0]
    japanese = Locale.objects.get_or_create(language_code="ja")[0]
    rng = random.Random(14)  # noqa: S311 (benchmark data, not secrets)
    # The 803 segments of the bench article: sentences of medical words, as long as
    # real ones (a heading, paragraphs, points and steps in each of 40 sections).
    vocab = vocabulary(rng)
    texts = [sentence(rng, vocab) for _n in range(803)]

    print(f"  seeding {UNITS:,} memory units...", flush=True)
    started = time.perf_counter()
    batch = []
    for n in range(UNITS):
        # One unit in forty is a near copy of a segment of the article.
        if n % 40 == 0:
            base = texts[n // 40 % len(texts)]
            # One word changed: a near copy of the sentence.
            words = base.rstrip(".").split()
            words[len(words) // 2] = rng.choice(vocab[0])
            source = " ".join(words) + "."
        else:
            source = sentence(rng, vocab)
        batch.append(
            MemoryUnit(
                source_locale=english,
                target_locale=japanese,
                source_text=source,
                target_text=f"[ja] {source}",
                source_key=memory_key(source),
                target_key=memory_key(f"[ja] {source} {n}"),
                previous_key=str(n),
            )
        )
        if len(batch) == 5000:
            created = MemoryUnit.objects.bulk_create(batch)
            if created[0].pk is None:
                created = list(MemoryUnit.objects.order_by("-id")[: len(batch)])
            index_units(created)
            batch = []
    print(f"  seeded in {time.perf_counter() - started:.0f} s", flush=True)

    print(f"  seeding {CONCEPTS:,} concepts...", flush=True)
    concepts = TermConcept.objects.bulk_create(
        TermConcept(concept_id=f"c{n}") for n in range(CONCEPTS)
    )
    concepts = list(TermConcept.objects.order_by("id"))
    terms = []
    for n, concept in enumerate(concepts):
        word = " ".join(rng.choices(vocab[0][:3000], k=rng.randint(1, 3)))
        terms.append(Term(concept=concept, locale=english, text=word, status=APPROVED))
        terms.append(
            Term(concept=concept, locale=japanese, text=f"用語{n}", status=APPROVED)
        )
    # The article's own words are terms too.
    for n, word in enumerate(WORDS[:40]):
        terms.append(
            Term(concept=concepts[n], locale=english, text=word, status=APPROVED)
        )
    Term.objects.bulk_create(terms, batch_size=5000, ignore_conflicts=True)

    if connection.vendor == "postgresql":
        # A database in use has been vacuumed and analysed by autovacuum; a freshly
        # loaded one has not (its index-only scans would read the heap).
        with connection.cursor() as cursor:
            for table in ("memoryunit", "memorytoken", "memorytokencount", "term"):
                cursor.execute(f"VACUUM ANALYZE articles_{table}")

    rows, failed = [], False
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        results = fuzzy_matches(
            texts, source_locale_id=english.pk, target_locale_id=japanese.pk
        )
        elapsed = time.perf_counter() - started
    matched = sum(1 for r in results if r)
    met = elapsed < MEMORY_TARGET_SECONDS
    failed |= not met
    rows.append(
        (
            f"memory lookup, {len(texts)} segments vs {UNITS:,} units "
            f"({matched} with matches)",
            elapsed,
            len(queries.captured_queries),
            met,
        )
    )
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        base = termbase()
        index = base.index("en", APPROVED)
        loaded = time.perf_counter() - started
        found = sum(len(index.find(text)) for text in texts)
        elapsed = time.perf_counter() - started
    met = elapsed - loaded < TERMS_TARGET_SECONDS
    failed |= not met
    rows.append(
        (
            f"term matching, {len(texts)} segments vs {CONCEPTS:,} concepts "
            f"({found} terms found; loading the termbase {loaded:.2f} s of it)",
            elapsed,
            len(queries.captured_queries),
            met,
        )
    )
    return rows, failed


def main() -> int:
    if "--child" in sys.argv:
        url = sys.argv[sys.argv.index("--child") + 1]
        rows, failed = run(url)
        for label, elapsed, queries, met in rows:
            print(
                f"| {label} | {elapsed:.2f} | {queries} |"
                + ("" if met else " **target missed**")
            )
        return 1 if failed else 0
    DATABASE.parent.mkdir(parents=True, exist_ok=True)
    DATABASE.unlink(missing_ok=True)
    targets = [("SQLite", f"sqlite:///{DATABASE}")]
    if "--postgres" in sys.argv:
        subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-U",
                "postgres",
                "-q",
                "-c",
                "DROP DATABASE IF EXISTS bench_memory",
                "-c",
                "CREATE DATABASE bench_memory",
            ],
            check=True,
        )
        targets.append(("PostgreSQL", POSTGRES))
    status = 0
    for name, url in targets:
        print(f"\n{name}:", flush=True)
        print("| operation | seconds | queries |\n|---|---|---|", flush=True)
        # A process per database: Django is set up once per process.
        status |= subprocess.run(
            [sys.executable, __file__, "--child", url], check=False
        ).returncode
    print(
        f"\nTargets: memory lookup under {MEMORY_TARGET_SECONDS:.0f} s, term matching"
        f" under {TERMS_TARGET_SECONDS} s: "
        + ("met." if not status else "NOT all met.")
    )
    return status


if __name__ == "__main__":
    sys.exit(main())
