"""Tests: fast hashing, in-memory cache, no network, and the same database choice as
everywhere else (DATABASE_URL, SQLite by default)."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "api": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "api",
    },
}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The benchmark app, for its seed_bench command (tests/bench/).
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]  # noqa: F405
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1", ".example"]
WAGTAILADMIN_BASE_URL = "http://testserver"
# Static files come from the finders in tests; there is no collected STATIC_ROOT.
MIDDLEWARE = [m for m in MIDDLEWARE if not m.startswith("whitenoise.")]  # noqa: F405
# Rate limits are tested explicitly; the rest of the suite must never meet them.
CMS_API_ANON_RATE = "1000000/minute"
# Tests never reach a real machine-translation provider, whatever the environment says.
CMS_MACHINE_TRANSLATION = "dummy"
