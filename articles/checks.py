from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.checks import CheckMessage, Error, Tags, Warning, register


@register(Tags.compatibility)
def check_locale_fallbacks(app_configs, **kwargs) -> list[CheckMessage]:
    """Fallback chains must name languages Django knows; a chain of an enabled language
    should only name enabled languages (the others are skipped at run time)."""
    enabled = {code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES}
    messages: list[CheckMessage] = []
    for code, chain in getattr(settings, "CMS_LOCALE_FALLBACKS", {}).items():
        for candidate in [code, *chain]:
            if candidate not in LANG_INFO:
                messages.append(
                    Error(
                        f"CMS_LOCALE_FALLBACKS names unknown language {candidate!r}.",
                        id="articles.E001",
                    )
                )
            elif code in enabled and candidate not in enabled:
                messages.append(
                    Warning(
                        f"The fallback chain of {code!r} names {candidate!r}, which "
                        "is not in CMS_LANGUAGES; it will be skipped.",
                        id="articles.W001",
                    )
                )
    return messages


# What the articles apps need from the host, and why: `manage.py check` names what
# is missing (the README's "Adding the apps" section lists the same; a test keeps
# them together).
REQUIRED_APPS = {
    "articles.translation": "the translation workflow (roles, review, XLIFF)",
    "wagtail_localize": "translating articles",
    "wagtail.contrib.table_block": "tables in articles",
}
# One of these manages locales in the admin.
LOCALE_APPS = ("wagtail_localize.locales", "wagtail.locales")


def missing_apps(required: dict[str, str], *, check_id: str) -> list[CheckMessage]:
    """An error for each app of `required` (name: what it is needed for) that
    INSTALLED_APPS lacks."""
    installed = set(settings.INSTALLED_APPS)
    return [
        Error(
            f"INSTALLED_APPS lacks {app!r}, needed for {why}.",
            hint=f"Add {app!r} to INSTALLED_APPS.",
            id=check_id,
        )
        for app, why in required.items()
        if app not in installed
    ]


@register(Tags.compatibility)
def check_installation(app_configs, **kwargs) -> list[CheckMessage]:
    installed = set(settings.INSTALLED_APPS)
    messages = missing_apps(REQUIRED_APPS, check_id="articles.E002")
    if not installed & set(LOCALE_APPS):
        messages.append(
            Error(
                "INSTALLED_APPS has no locale management app.",
                hint="Add 'wagtail_localize.locales' (instead of 'wagtail.locales').",
                id="articles.E003",
            )
        )
    if not getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        messages.append(
            Error(
                "WAGTAIL_I18N_ENABLED is not True: articles cannot be translated.",
                hint="Set WAGTAIL_I18N_ENABLED = True.",
                id="articles.E004",
            )
        )
    if not getattr(settings, "WAGTAIL_CONTENT_LANGUAGES", None):
        messages.append(
            Error(
                "WAGTAIL_CONTENT_LANGUAGES is not set: there are no content languages.",
                hint='Set WAGTAIL_CONTENT_LANGUAGES = LANGUAGES = [("en", "English"), '
                '("ko", "Korean"), ...], the source language first.',
                id="articles.E005",
            )
        )
    outcome = "articles.review_outcome.ReviewOutcomeMiddleware"
    if outcome not in getattr(settings, "MIDDLEWARE", []):
        messages.append(
            Warning(
                "MIDDLEWARE lacks the review outcome middleware: medical reviewers "
                "are not told whether their approval published the page or held "
                "it for a release.",
                hint=f"Add {outcome!r} after Django's MessageMiddleware.",
                id="articles.W002",
            )
        )
    finish = "articles.workflow.finish_medical_review"
    if getattr(settings, "WAGTAIL_FINISH_WORKFLOW_ACTION", None) != finish:
        messages.append(
            Error(
                "WAGTAIL_FINISH_WORKFLOW_ACTION is not the articles' own: approving "
                "an article with an open release would publish it at once.",
                hint=f"Set WAGTAIL_FINISH_WORKFLOW_ACTION = {finish!r}.",
                id="articles.E006",
            )
        )
    return messages
