"""Per-language data, in one named place: a TOML file per language in this folder
(format in its README.md), or in a folder the host names in
`ARTICLES_LANGUAGE_DATA_DIRS` (a file there replaces ours of the same name). Adding
a content language needs its file, not code; a language without one reads numbers
the English way and knows only the common unit symbols."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

HERE = Path(__file__).parent
COMMON = "common"
DECIMAL_MARKS = (".", ",")


@dataclass(frozen=True)
class LanguageData:
    """What the quality checks know of writing numbers and units in one language."""

    code: str
    decimal_mark: str = "."
    range_words: tuple[str, ...] = ()  # between spaces: "5 до 10"
    range_marks: tuple[str, ...] = ()  # attached: "5から10"
    percent_before: tuple[str, ...] = ()  # "百分之15", "%15"
    units: dict[str, tuple[str, ...]] = field(default_factory=dict)


def _folders() -> list[Path]:
    extra = getattr(settings, "ARTICLES_LANGUAGE_DATA_DIRS", None) or []
    return [HERE, *(Path(folder) for folder in extra)]


def _read(path: Path) -> LanguageData:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ImproperlyConfigured(f"Language data {path}: {error}") from error
    numbers = data.get("numbers", {})
    mark = numbers.get("decimal_mark", ".")
    if mark not in DECIMAL_MARKS:
        raise ImproperlyConfigured(
            f"Language data {path}: decimal_mark must be '.' or ',', not {mark!r}."
        )
    units = data.get("units", {})
    if not isinstance(units, dict) or not all(
        isinstance(aliases, list) and all(isinstance(a, str) and a for a in aliases)
        for aliases in units.values()
    ):
        raise ImproperlyConfigured(
            f"Language data {path}: each unit must list the ways it is written."
        )
    return LanguageData(
        code=path.stem,
        decimal_mark=mark,
        range_words=tuple(numbers.get("range_words", ())),
        range_marks=tuple(numbers.get("range_marks", ())),
        percent_before=tuple(numbers.get("percent_before", ())),
        units={unit: tuple(aliases) for unit, aliases in units.items()},
    )


@functools.cache
def all_language_data() -> dict[str, LanguageData]:
    """Every language's data by code ("common" included), later folders winning."""
    found: dict[str, LanguageData] = {}
    for folder in _folders():
        for path in sorted(folder.glob("*.toml")):
            found[path.stem] = _read(path)
    return found


def language_data(language: str) -> LanguageData:
    """The data of `language` (the language part of a code: "zh", "ko"), or the
    defaults when there is none."""
    return all_language_data().get(language) or LanguageData(code=language)


@receiver(setting_changed)
def _forget_on_setting_change(*, setting: str, **kwargs) -> None:
    if setting == "ARTICLES_LANGUAGE_DATA_DIRS":
        all_language_data.cache_clear()
