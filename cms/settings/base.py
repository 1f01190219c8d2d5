"""Settings shared by every environment. Everything host-specific comes from the
environment (see `.env.example`); nothing here is a secret."""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "articles",
    "articles.translation",
    "api",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    # Answers repeated API reads before everything below it runs.
    "api.middleware.ResponseCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "api.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Tells a medical reviewer what their approval did (published, or held).
    "articles.review_outcome.ReviewOutcomeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

# Databases: SQLite under var/ by default, anything dj-database-url understands
# otherwise.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", 60))
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, whose check of a reused connection costs a round trip only
    # when the server has written to it (`cms.postgresql`).
    DATABASES["default"]["ENGINE"] = "cms.postgresql"
if "postgresql" in DATABASES["default"]["ENGINE"]:
    # A database that is down or unreachable fails a request within seconds (a 503
    # from the API) instead of holding a worker until the operating system gives up.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault(
        "connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", 3)
    )
if "sqlite" in DATABASES["default"]["ENGINE"]:
    _sqlite = DATABASES["default"].setdefault("OPTIONS", {})
    # Several processes share the file (the server, the worker, any manage.py
    # command). In SQLite's write-ahead log mode readers and the one writer do not
    # block each other; in its default mode a long read held off a publish until it
    # failed with "database is locked". A transaction takes the write lock when it
    # begins (IMMEDIATE), so it waits its turn (up to DATABASE_SQLITE_TIMEOUT
    # seconds) instead of failing at once when it first writes after another wrote.
    # SQLite's page cache per connection (2 MB by default): a search that reads the
    # few articles the index names by key read their pages again from the operating
    # system at each request when they did not fit. With 16 MB, `make bench`'s
    # searches for a different word at each request went from 880 to 1,096 req/s
    # (English) and from 732 to 891 (Chinese); the other rows within a few percent.
    _sqlite.setdefault(
        "init_command",
        "PRAGMA journal_mode = WAL; "
        f"PRAGMA cache_size = -{1024 * env.int('DATABASE_SQLITE_CACHE_MB', 16)}",
    )
    _sqlite.setdefault("transaction_mode", "IMMEDIATE")
    _sqlite.setdefault("timeout", env.int("DATABASE_SQLITE_TIMEOUT", 20))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, so that several app servers share it; otherwise
# files under var/cache/, shared by every process of this machine (the server, the
# worker, any manage.py command), so that what one process publishes every other
# serves at once. An in-process cache would keep serving what it had.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                # A Redis outage degrades to uncached responses, never to errors.
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="cms"),
        }
    }
    # The API's response cache reports outages itself (api.cache), with a warning and
    # a short pause before it tries again.
    CACHES["api"] = {
        **CACHES["default"],
        "OPTIONS": {
            key: value
            for key, value in CACHES["default"]["OPTIONS"].items()
            if key != "IGNORE_EXCEPTIONS"
        },
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache" / "default"),
            "OPTIONS": {"MAX_ENTRIES": 10000},
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="cms"),
        },
        "api": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache" / "api"),
            "OPTIONS": {"MAX_ENTRIES": 10000},
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="cms"),
        },
    }
CMS_API_CACHE = "api"
# HTTP caching of API responses (seconds).
CMS_API_MAX_AGE = env.int("CMS_API_MAX_AGE", default=60)
CMS_API_STALE_WHILE_REVALIDATE = env.int("CMS_API_STALE_WHILE_REVALIDATE", default=300)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

# Languages. CMS_LANGUAGES lists the content languages, the first one being the source
# language of new articles. Names and text direction come from Django's own table.
USE_I18N = True
USE_TZ = True
TIME_ZONE = env.str("DJANGO_TIME_ZONE", default="Asia/Seoul")
CMS_LANGUAGES = env.list(
    "CMS_LANGUAGES", default=["en", "ko", "zh-hans", "zh-hant", "ja", "ru", "vi", "ar"]
)
LANGUAGE_CODE = CMS_LANGUAGES[0]
WAGTAIL_I18N_ENABLED = True
# Medical review's approval is held while the article has an open release.
WAGTAIL_FINISH_WORKFLOW_ACTION = "articles.workflow.finish_medical_review"


def _language_name(code: str) -> str:
    from django.conf.locale import LANG_INFO

    info = LANG_INFO.get(code)
    if info is None:
        raise environ.ImproperlyConfigured(
            f"CMS_LANGUAGES: unknown language code {code!r}"
        )
    return info["name"]


WAGTAIL_CONTENT_LANGUAGES = LANGUAGES = [
    (code, _(_language_name(code))) for code in CMS_LANGUAGES
]

# Where each locale looks when an article is not translated yet, in order. A locale not
# listed here falls back to the default language. A JSON object in the environment, such
# as {"zh-hant": ["zh-hans", "en"]}, replaces the default.
CMS_LOCALE_FALLBACKS = env.json(
    "CMS_LOCALE_FALLBACKS", default={"zh-hant": ["zh-hans", "en"]}
)

STATIC_URL = "/static/"
STATIC_ROOT = env.str("DJANGO_STATIC_ROOT", default="") or str(VAR_DIR / "static")
MEDIA_URL = env.str("DJANGO_MEDIA_URL", default="/media/")
MEDIA_ROOT = env.str("DJANGO_MEDIA_ROOT", default="") or str(VAR_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

WAGTAIL_SITE_NAME = env.str("WAGTAIL_SITE_NAME", default="Medical articles")
WAGTAILADMIN_BASE_URL = env.str(
    "WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000"
)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

# The delivery API configures Django REST Framework and drf-spectacular on its own
# views (api/base.py); this host's other DRF users (wagtail-localize's editor) keep
# DRF's defaults. Requests per client to the API (429 beyond it):
CMS_API_ANON_RATE = env.str("API_ANON_RATE", default="600/minute")
# Browsers on these origins may read the API (comma-separated, e.g.
# https://www.hospital.example, or *): the API's own CORS (api/cors.py).
CMS_API_CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
# Where media (images, documents) is read from: object storage's or a CDN's origin.
# Unset: each API response's own scheme and host (api/public_urls.py).
CMS_MEDIA_BASE_URL = env.str("CMS_MEDIA_BASE_URL", default="")
# Where patients read an article (canonical, hreflang alternates, json_ld.url):
# placeholders {locale}, {slug}, {path}; per site in Settings > Headless front end.
# Unset: the CMS's own pages, at the response's scheme and host.
CMS_FRONTEND_URL_TEMPLATE = env.str("CMS_FRONTEND_URL_TEMPLATE", default="")
# Headless preview: the admin's Preview button redirects to this front-end URL (a
# per-site value can be set in Settings > Headless preview). Placeholders {token},
# {locale}, {slug}. Blank: the CMS's own HTML preview.
ARTICLES_PREVIEW_HANDLER = "api.preview.headless_preview"
CMS_PREVIEW_URL = env.str("CMS_PREVIEW_URL", default="")
CMS_PREVIEW_TOKEN_SECONDS = env.int("CMS_PREVIEW_TOKEN_SECONDS", default=1800)

# Background work. Wagtail's own tasks (search and reference index) run in-process;
# webhook deliveries and CDN purges go through a database queue worked by
# `python manage.py run_worker`, so that no subscriber or CDN can slow down
# publishing. The same worker applies go-live and expiry dates (Wagtail's scheduled
# publishing) every CMS_SCHEDULED_PUBLISHING_SECONDS.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
CMS_SCHEDULED_PUBLISHING_SECONDS = env.int(
    "CMS_SCHEDULED_PUBLISHING_SECONDS", default=60
)
# How often the worker emails medical reviewers the articles that became due soon or
# overdue (each article once per state and due date): daily by default.
CMS_REVIEW_REMINDERS_SECONDS = env.int("CMS_REVIEW_REMINDERS_SECONDS", default=86400)
# How often the worker moves review states on with the calendar (due soon, overdue)
# and applies the site's overdue policy: hourly by default.
CMS_REVIEW_STATES_SECONDS = env.int("CMS_REVIEW_STATES_SECONDS", default=3600)
# How often the worker merges SQLite's search index into one segment when publishing
# has left it in more than four (nothing to do on PostgreSQL): every 15 minutes.
CMS_SEARCH_INDEX_MERGE_SECONDS = env.int("CMS_SEARCH_INDEX_MERGE_SECONDS", default=900)

# The admin posts one field per input of an article's body: a 40-section article sends
# about 1,300, past Django's default of 1,000, which would refuse to save it (Wagtail's
# documentation recommends raising it for long StreamFields).
DATA_UPLOAD_MAX_NUMBER_FIELDS = env.int(
    "DJANGO_DATA_UPLOAD_MAX_NUMBER_FIELDS", default=10_000
)

# Email (review reminders, Wagtail's workflow notifications). EMAIL_URL such as
# smtp+tls://user:password@smtp.hospital.example:587; printed to the console by default.
vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="cms@hospital.example")
# CDN in front of the API: purge requests go to it after each change. HTTP purge
# (Varnish, nginx, Fastly-style PURGE) needs CMS_CDN_PURGE_URL; see Wagtail's
# frontend cache docs for CloudFront, Cloudflare and Azure.
CMS_API_PUBLIC_URL = env.str("CMS_API_PUBLIC_URL", default="")
if env.str("CMS_CDN_PURGE_URL", default=""):
    WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env.str("CMS_CDN_PURGE_URL"),
        }
    }
CMS_WEBHOOK_TIMEOUT_SECONDS = env.int("CMS_WEBHOOK_TIMEOUT_SECONDS", default=5)
CMS_WEBHOOK_MAX_ATTEMPTS = env.int("CMS_WEBHOOK_MAX_ATTEMPTS", default=6)
CMS_WEBHOOK_RETRY_BASE_SECONDS = env.int("CMS_WEBHOOK_RETRY_BASE_SECONDS", default=30)
CMS_WEBHOOK_LEGACY_SIGNATURE = env.bool("CMS_WEBHOOK_LEGACY_SIGNATURE", default=True)

# Machine translation in wagtail-localize's editor (see .env.example): off unless
# CMS_MACHINE_TRANSLATION names a provider; development and tests use the dummy. The
# translation app checks these and gives wagtail-localize its translator at start-up.
CMS_MACHINE_TRANSLATION = env.str("CMS_MACHINE_TRANSLATION", default="none")
CMS_MACHINE_TRANSLATION_API_KEY = env.str("CMS_MACHINE_TRANSLATION_API_KEY", default="")
CMS_MACHINE_TRANSLATION_URL = env.str("CMS_MACHINE_TRANSLATION_URL", default="")
CMS_MACHINE_TRANSLATION_TIMEOUT = env.str("CMS_MACHINE_TRANSLATION_TIMEOUT", default="")
CMS_MACHINE_TRANSLATION_MODEL = env.str("CMS_MACHINE_TRANSLATION_MODEL", default="")
# Agency files (XLIFF) larger than this are refused before they are parsed.
ARTICLES_LANGUAGE_DATA_DIRS = env.list("ARTICLES_LANGUAGE_DATA_DIRS", default=[])
ARTICLES_XLIFF_MAX_BYTES = env.int("ARTICLES_XLIFF_MAX_BYTES", default=10 * 1024 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django_tasks": {"level": "WARNING"}},
}
