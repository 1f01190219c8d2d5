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
