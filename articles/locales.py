"""What the project knows about its content languages: names, text direction and the
fallback chain used when an article is not translated into a locale yet."""

from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header
from langcodes import Language
from langcodes.tag_parser import LanguageTagError, parse_tag

# No reader's language needs a longer tag; refusing them first keeps hostile query
# strings out of the caches below.
MAX_TAG_LENGTH = 40


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


def content_locale_for(tag: str) -> str | None:
    """The enabled content locale a BCP 47 language tag asks for, or None when the tag
    is malformed or names no enabled language. Case and `_` for `-` do not matter.

    The rule: a content locale matches a tag of its language when the script it names,
    if it names one, is the tag's script, or else the script CLDR's likely subtags give
    the tag (langcodes' `maximize`). So zh, zh-CN, zh-SG and zh-Hans-TW are zh-hans;
    zh-TW, zh-HK, zh-MO and zh-Hant-CN are zh-hant; ko-KR, ar-EG and ja-JP are their
    language. Of several matches, one naming the tag's region wins, then one naming no
    region, then the first enabled."""
    tag = tag.strip()
    if len(tag) > MAX_TAG_LENGTH:
        return None
    return _content_locale_for(tag.lower(), tuple(content_language_codes()))


@lru_cache(maxsize=1024)
def _content_locale_for(tag: str, enabled: tuple[str, ...]) -> str | None:
    asked = _subtags(tag)
    if asked is None:
        return None
    language, script, region = asked
    best, best_rank = None, 0
    for code in enabled:
        offered = _subtags(code)
        if offered is None or offered[0] != language:
            continue
        if offered[1] and offered[1] != (script or _likely_script(language, region)):
            continue
        rank = 3 if offered[2] == region else 2 if offered[2] is None else 1
        if rank > best_rank:
            best, best_rank = code, rank
    return best


def _subtags(tag: str) -> tuple[str, str | None, str | None] | None:
    """(language, script, region) of a well-formed tag, else None. An extended
    language subtag (zh-yue) is the language, as RFC 5646 prefers."""
    try:
        parsed = parse_tag(tag)
    except LanguageTagError:
        return None
    found: dict[str, str] = {}
    for kind, value in parsed:
        found.setdefault(kind, value)
    language = found.get("extlang") or found.get("language")
    if language is None:  # grandfathered (i-klingon) or private use only
        return None
    return language, found.get("script"), found.get("territory")


@lru_cache(maxsize=256)
def _likely_script(language: str, region: str | None) -> str | None:
    # Only ever asked about enabled languages: langcodes keeps every tag it has
    # parsed, without bound, so it must not see whatever a request carries.
    return (
        Language.get(f"{language}-{region}" if region else language).maximize().script
    )


def bcp47(language_code: str) -> str:
    """Django's `zh-hans` as the hreflang/BCP 47 tag `zh-Hans`."""
    language, _sep, rest = language_code.partition("-")
    if not rest:
        return language
    return f"{language}-{rest.title() if len(rest) == 4 else rest.upper()}"


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


def negotiate(accept_language: str) -> str | None:
    """The enabled locale an Accept-Language header prefers, or None when it names
    none. Ranges are tried by q-value, ties in header order; q=0 refuses the locale
    its range matches; `*` is the default locale unless refused, else the first
    enabled one not refused. Django's parser reads at most 500 characters and drops
    a malformed header whole."""
    ranges = parse_accept_lang_header(accept_language)
    if not ranges:
        return None
    return _negotiate(ranges, tuple(content_language_codes()), default_language_code())


@lru_cache(maxsize=1024)
def _negotiate(
    ranges: tuple[tuple[str, float], ...], enabled: tuple[str, ...], default: str
) -> str | None:
    # `enabled` is only part of the cache key: content_locale_for reads the setting.
    refused = {content_locale_for(tag) for tag, quality in ranges if quality == 0}
    for tag, quality in ranges:
        if quality == 0:
            break  # the parser sorts by quality, highest first
        if tag == "*":
            return next(
                (code for code in (default, *enabled) if code not in refused), None
            )
        code = content_locale_for(tag)
        if code is not None and code not in refused:
            return code
    return None
