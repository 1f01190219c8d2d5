"""What the project knows about its content languages: names, text direction and the
fallback chain used when an article is not translated into a locale yet."""

from dataclasses import dataclass

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.utils.translation import get_supported_language_variant


@dataclass(frozen=True)
class LanguageInfo:
    code: str
    name: str
    name_local: str
    direction: str  # "ltr" or "rtl"

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"


def content_language_codes() -> list[str]:
    """Enabled content languages, the default (source) language first."""
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def default_language_code() -> str:
    return get_supported_language_variant(settings.LANGUAGE_CODE)


def language_info(code: str) -> LanguageInfo:
    info = LANG_INFO[code]
    if "fallback" in info:  # e.g. "zh-cn" points at "zh-hans"
        info = LANG_INFO[info["fallback"][0]]
    return LanguageInfo(
        code=code,
        name=info["name"],
        name_local=info["name_local"],
        direction="rtl" if info["bidi"] else "ltr",
    )


def fallback_chain(code: str) -> list[str]:
    """The locales to try, in order, when content is missing in `code` (`code` itself
    excluded). Every chain ends with the default language, and only names enabled
    languages, so a misconfigured entry can never send a reader to a disabled locale."""
    enabled = content_language_codes()
    default = default_language_code()
    configured = getattr(settings, "CMS_LOCALE_FALLBACKS", {}).get(code, [])
    chain: list[str] = []
    for candidate in [*configured, default]:
        if candidate != code and candidate in enabled and candidate not in chain:
            chain.append(candidate)
    return chain
