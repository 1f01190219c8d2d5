"""What the delivery API needs from the host, checked by `manage.py check`: each
missing piece is named, with what to add (the README's "Adding the apps" section
lists the same; a test keeps them together)."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import CheckMessage, Error, Tags, Warning, register

from articles.checks import missing_apps

from .background import BACKEND, has_background_backend
from .cors import check_allowed_origins
from .search_index import search_index_missing

REQUIRED_APPS = {
    "articles": "the articles the API delivers",
    "rest_framework": "the API's views",
    "drf_spectacular": "the OpenAPI document",
    "drf_spectacular_sidecar": "the documentation page's scripts, served locally",
    "wagtail.contrib.settings": "the headless preview and webhook settings",
    "django_tasks": "webhook deliveries and CDN purges",
}
LOCALE_MIDDLEWARE = "api.middleware.LocaleMiddleware"
DJANGO_LOCALE_MIDDLEWARE = "django.middleware.locale.LocaleMiddleware"


@register(Tags.compatibility)
def check_installation(app_configs, **kwargs) -> list[CheckMessage]:
    messages = missing_apps(REQUIRED_APPS, check_id="articles_api.E001")
    middleware = list(getattr(settings, "MIDDLEWARE", []))
    if LOCALE_MIDDLEWARE not in middleware:
        replacing = DJANGO_LOCALE_MIDDLEWARE in middleware
        messages.append(
            (Warning if replacing else Error)(
                f"MIDDLEWARE lacks {LOCALE_MIDDLEWARE!r}"
                + (
                    f" (in place of {DJANGO_LOCALE_MIDDLEWARE!r}, which redirects API "
                    "URLs to /<language>/api/...)"
                    if replacing
                    else ": pages are served per language from it"
                )
                + ".",
                hint=f"Put {LOCALE_MIDDLEWARE!r} right after Django's "
                "SessionMiddleware (and remove Django's LocaleMiddleware).",
                id="articles_api.W001" if replacing else "articles_api.E002",
            )
        )
    if not has_background_backend():
        messages.append(
            Warning(
                f"TASKS has no {BACKEND!r} backend: webhook deliveries and CDN purges "
                "run during the request that publishes, and are not retried; "
                "go-live and expiry dates are not applied.",
                hint=f'Add "{BACKEND}" to TASKS (django_tasks_db.DatabaseBackend), '
                '"django_tasks_db" to INSTALLED_APPS, and run `manage.py run_worker`: '
                "it sends the queued work and runs scheduled publishing every minute.",
                id="articles_api.W002",
            )
        )
    messages.extend(check_allowed_origins())
    return messages


@register(Tags.database)
def check_search_index(app_configs, databases=None, **kwargs) -> list[CheckMessage]:
    """Run by `migrate` and `check --database default`."""
    messages = []
    for alias in databases or []:
        missing = search_index_missing(alias)
        if missing:
            messages.append(
                Warning(
                    f"The search index of database {alias!r} lacks "
                    f"{', '.join(missing)}: searches can miss articles.",
                    hint="Run `manage.py build_article_documents`, which creates "
                    "what is missing and fills it.",
                    id="articles_api.W003",
                )
            )
    return messages
