"""Translation workflow on a long article (issue 3): `make bench-translation`.

wagtail-localize takes about ten queries per segment to snapshot and machine-translate
a page (measured on this machine: an article of 800 segments took 7,600 queries and
1.6 s to submit on SQLite). For an article of 800 body segments this prints the time
and query count of: submit for translation, machine translation, sync after a source
edit, XLIFF export and XLIFF import. Target: each at least 5x fewer queries than that
(at most 1,520) and under 1 s.

It runs on its own SQLite database under var/bench/ (or DATABASE_URL), created afresh.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATABASE = ROOT / "var" / "bench" / "translation.sqlite3"
BASELINE_QUERIES = 7_600
TARGET_QUERIES = BASELINE_QUERIES // 5
TARGET_SECONDS = 1.0
QA_LABEL = "quality checks (every segment)"
QA_TARGET_SECONDS = 0.5
QA_TARGET_QUERIES = 5  # constant whatever the article's size


def measure(label: str, action, rows: list) -> object:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        result = action()
        elapsed = time.perf_counter() - started
    rows.append((label, elapsed, len(queries.captured_queries)))
    return result


def main() -> int:
    DATABASE.parent.mkdir(parents=True, exist_ok=True)
    DATABASE.unlink(missing_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{DATABASE}")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.bench")
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-key")
    os.environ.setdefault("REDIS_URL", "")
    os.environ.setdefault("CMS_MACHINE_TRANSLATION", "dummy")

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from wagtail.models import Locale, Page
    from wagtail_localize.models import StringSegment, Translation, TranslationSource
    from wagtail_localize.operations import translate_object

    from articles.translation.keep_in_step.refresh import update_translation_source
    from articles.translation.machine import machine_translate
    from articles.translation.machine.providers import DummyTranslator
    from articles.translation.qa.run import check_translation
    from articles.translation.xliff import export_xliff, import_xliff
    from tests.factories import ArticleIndexPageFactory, ArticlePageFactory, publish
    from tests.translation.helpers import long_body

    print("Setting up (migrate, an article of 800 body segments)...", flush=True)
    call_command("migrate", "--noinput", verbosity=0)
    english = Locale.objects.get_or_create(language_code="en")[0]
    japanese = Locale.objects.get_or_create(language_code="ja")[0]
    index = ArticleIndexPageFactory(parent=Page.get_first_root_node(), locale=english)
    publish(index)
    article = publish(ArticlePageFactory(parent=index, body=long_body()))
    user = get_user_model().objects.create_superuser("bench", "bench@example.org", "x")

    rows = []
    measure(
        "submit for translation (snapshot + draft page)",
        lambda: translate_object(article, [japanese]),
        rows,
    )
    source = TranslationSource.objects.get_for_instance(article)
    segments = StringSegment.objects.filter(source=source).count()
    translation = Translation.objects.get(source=source, target_locale=japanese)
    measure(
        "machine translation (dummy provider)",
        lambda: machine_translate(translation, user, translator=DummyTranslator({})),
        rows,
    )

    # An editor rewrites ten section headings of the source.
    body = article.body.get_prep_value()
    for n, child in enumerate(body[:10]):
        child["value"]["heading"] = f"Revised heading {n}"
    article.body = body
    article.save()
    measure(
        "sync after a source edit (10 headings)",
        lambda: update_translation_source(source),
        rows,
    )
    translation.refresh_from_db()
    document = measure("XLIFF export", lambda: export_xliff(translation), rows)
    translated = export_xliff(translation, pseudo=lambda text: f"[ja] {text}")
    report = measure(
        "XLIFF import (every segment)",
        lambda: import_xliff(translation, translated, user),
        rows,
    )
    quality = measure(QA_LABEL, lambda: check_translation(translation), rows)

    print(
        f"\nAn article of {segments} string segments; {len(document):,} bytes of XLIFF;"
        f" import: {report.summary()}\n"
    )
    print(f"| operation | seconds | queries | fewer than {BASELINE_QUERIES:,} |")
    print("|---|---|---|---|")
    failed = False
    for label, elapsed, queries in rows:
        ratio = BASELINE_QUERIES / max(queries, 1)
        met = queries <= TARGET_QUERIES and elapsed < TARGET_SECONDS
        if label == QA_LABEL:
            met = queries <= QA_TARGET_QUERIES and elapsed < QA_TARGET_SECONDS
        failed |= not met
        # wagtail-localize has no quality checks to compare with.
        fewer = "" if label == QA_LABEL else f"{ratio:,.0f}x"
        print(
            f"| {label} | {elapsed:.2f} | {queries:,} | {fewer} |"
            + ("" if met else " **target missed**")
        )
    print(
        f"\nTargets: at most {TARGET_QUERIES:,} queries and under"
        f" {TARGET_SECONDS:.0f} s each (quality checks: at most {QA_TARGET_QUERIES}"
        f" queries and under {QA_TARGET_SECONDS} s, {len(quality.findings)} findings"
        f" on the pseudo-translation): " + ("met." if not failed else "NOT all met.")
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
