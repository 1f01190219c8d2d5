"""Settings come from the environment, and production refuses to start unsafely."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.checks import Error, Warning
from django.test import override_settings

from articles.checks import check_locale_fallbacks
from articles.locales import content_language_codes, fallback_chain, language_info

ROOT = Path(__file__).resolve().parents[2]


def start_django(settings_module: str, **environ) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CMS_"))}
    env.update(environ, DJANGO_SETTINGS_MODULE=settings_module)
    return subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import "
            "settings; print(settings.LANGUAGE_CODE, len(settings.LANGUAGES))",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = start_django("cms.settings.production", DJANGO_DEBUG="false")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_production_without_redis_has_no_per_process_response_cache():
    """A response cache private to each worker would let a publish seen by one worker
    leave the others stale."""
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; "
            "print(settings.CACHES['api']['BACKEND'])",
        ],
        cwd=ROOT,
        env={
            **{k: v for k, v in os.environ.items() if k != "REDIS_URL"},
            "DJANGO_SETTINGS_MODULE": "cms.settings.production",
            "DJANGO_SECRET_KEY": "x" * 50,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "django.core.cache.backends.dummy.DummyCache"


def test_production_starts_with_a_secret_key():
    result = start_django("cms.settings.production", DJANGO_SECRET_KEY="x" * 50)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["en", "8"]


def test_content_languages_come_from_the_environment():
    result = start_django("cms.settings.dev", CMS_LANGUAGES="ko,en,ar")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["ko", "3"]


def test_api_urls_come_from_the_environment():
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.CMS_FRONTEND_URL_TEMPLATE, s.CMS_MEDIA_BASE_URL, "
            "s.CMS_PREVIEW_URL)",
        ],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
            "CMS_FRONTEND_URL_TEMPLATE": "https://www.hospital.example{path}",
            "CMS_MEDIA_BASE_URL": "https://media.hospital.example",
            "CMS_PREVIEW_URL": "https://www.hospital.example/preview?t={token}",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == [
        "https://www.hospital.example{path}",
        "https://media.hospital.example",
        "https://www.hospital.example/preview?t={token}",
    ], result.stderr


def test_an_unknown_language_code_is_refused_at_start():
    result = start_django("cms.settings.dev", CMS_LANGUAGES="en,xx-nowhere")
    assert result.returncode != 0
    assert "unknown language code 'xx-nowhere'" in result.stderr


def test_default_languages_are_the_hospitals_eight():
    assert content_language_codes() == [
        "en",
        "ko",
        "zh-hans",
        "zh-hant",
        "ja",
        "ru",
        "vi",
        "ar",
    ]


@pytest.mark.parametrize(
    ("code", "direction", "name_local"),
    [("ar", "rtl", "العربيّة"), ("ko", "ltr", "한국어"), ("zh-hans", "ltr", "简体中文")],
)
def test_each_language_knows_its_direction_and_native_name(code, direction, name_local):
    info = language_info(code)
    assert (info.direction, info.name_local) == (direction, name_local)


def test_default_fallback_chains():
    assert fallback_chain("zh-hant") == ["zh-hans", "en"]
    assert fallback_chain("ko") == ["en"]
    assert fallback_chain("ar") == ["en"]
    assert fallback_chain("en") == []


@override_settings(CMS_LOCALE_FALLBACKS={"ja": ["zh-hant", "fr", "ja"], "vi": ["en"]})
def test_fallback_chain_skips_disabled_languages_and_ends_with_the_default():
    assert fallback_chain("ja") == ["zh-hant", "en"]
    assert fallback_chain("vi") == ["en"]


@override_settings(CMS_LOCALE_FALLBACKS={"ja": ["xx"], "vi": ["fr"]})
def test_system_check_reports_bad_fallback_chains():
    messages = check_locale_fallbacks(None)
    assert [(type(m), m.id) for m in messages] == [
        (Error, "articles.E001"),
        (Warning, "articles.W001"),
    ]


@pytest.mark.django_db
@pytest.mark.skipif(
    "sqlite" not in os.environ.get("DATABASE_URL", "sqlite"), reason="SQLite's cache"
)
def test_each_sqlite_connection_keeps_16_mb_of_pages():
    """SQLite's own 2 MB did not keep the pages of a search's few named articles."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        assert cursor.fetchone()[0] == -16 * 1024


def sqlite_file_connection(path, **options):
    """A connection to a database file with the settings' SQLite options, as each
    process of the embedded default opens one."""
    from django.conf import settings
    from django.db.backends.sqlite3.base import DatabaseWrapper

    default = settings.DATABASES["default"]
    return DatabaseWrapper(
        {
            **default,
            "NAME": str(path),
            "OPTIONS": {**default["OPTIONS"], **options},
            "TEST": {},
        },
        alias="embedded-file",  # not registered: used by this test alone
    )


@pytest.mark.skipif(
    "sqlite" not in os.environ.get("DATABASE_URL", "sqlite"), reason="SQLite's locks"
)
def test_a_long_read_in_one_process_does_not_hold_off_a_write_in_another(
    tmp_path, django_db_blocker
):
    """In SQLite's default journal mode, a write's commit waited for every reader to
    finish, and failed with "database is locked" when one took longer than the
    timeout: a worker's scheduled publish lost to a rebuild reading pages."""
    with django_db_blocker.unblock():
        writer = sqlite_file_connection(tmp_path / "db.sqlite3", timeout=0.5)
        reader = sqlite_file_connection(tmp_path / "db.sqlite3")
        try:
            with writer.cursor() as cursor:
                cursor.execute("CREATE TABLE page (title TEXT)")
                cursor.execute("INSERT INTO page VALUES ('Knee')")
            with reader.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode")
                assert cursor.fetchone() == ("wal",)
                cursor.execute("BEGIN")
                cursor.execute("SELECT title FROM page")
                assert cursor.fetchall() == [("Knee",)]  # and still reading...
                with writer.cursor() as writing:
                    writing.execute("INSERT INTO page VALUES ('Hip')")  # not locked
                cursor.execute("SELECT title FROM page")
                assert cursor.fetchall() == [("Knee",)]  # its snapshot, unchanged
                cursor.execute("COMMIT")
                cursor.execute("SELECT title FROM page ORDER BY title")
                assert cursor.fetchall() == [("Hip",), ("Knee",)]
            # A transaction that will write waits for the write lock at its start: it
            # cannot fail later, mid-way, for having read first and written second.
            assert writer.transaction_mode == "IMMEDIATE"
        finally:
            writer.close()
            reader.close()
