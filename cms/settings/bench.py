"""Benchmarks: production settings on this machine, plus the ceiling view. The
benchmark scripts set DJANGO_SECRET_KEY, REDIS_URL and DATABASE_URL."""

from .production import *  # noqa: F403
from .production import env

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
CMS_API_ANON_RATE = None
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
# bench: the seed_bench command the benchmark scripts run.
INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.api.v2", "bench"]  # noqa: F405
WAGTAILAPI_LIMIT_MAX = 100
# BENCH_NO_RESPONSE_CACHE=1 serves every API request uncached (the "uncached" rows):
# no response is stored or read, while the shared generations (which tell each
# process when its site memo is current) work as in production.
CMS_API_RESPONSE_CACHE = not env.bool("BENCH_NO_RESPONSE_CACHE", default=False)
