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
    terms: TermRule = field(default_factory=lambda: TermRule())


TERM_BOUNDARIES = ("word", "start", "none")


@dataclass(frozen=True)
class TermRule:
    """How the termbase finds a term in this language's text (`[terms]`)."""

    # "word": a whole word; "start": where a word starts, anything may follow
    # (attached particles, endings); "none": anywhere (no spaces between words).
    boundary: str = "word"
    endings: tuple[str, ...] = ()  # may follow the last word ("s")
    stem_endings: tuple[str, ...] = ()  # dropped from each word of a term
    stem_trim: int = 0  # letters dropped after the ending, while stem_min remain
    stem_min: int = 3
    prefixes: tuple[str, ...] = ()  # may be attached before the first word
    strip_marks: bool = False  # diacritics ignored (Arabic harakat)


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
    rule = data.get("terms", {})
    if rule.get("boundary", "word") not in TERM_BOUNDARIES:
        raise ImproperlyConfigured(
            f"Language data {path}: terms.boundary must be one of "
            f"{', '.join(TERM_BOUNDARIES)}."
        )
    return LanguageData(
        code=path.stem,
        decimal_mark=mark,
        range_words=tuple(numbers.get("range_words", ())),
        range_marks=tuple(numbers.get("range_marks", ())),
        percent_before=tuple(numbers.get("percent_before", ())),
        units={unit: tuple(aliases) for unit, aliases in units.items()},
        terms=TermRule(
            boundary=rule.get("boundary", "word"),
            endings=tuple(rule.get("endings", ())),
            stem_endings=tuple(rule.get("stem_endings", ())),
            stem_trim=int(rule.get("stem_trim", 0)),
            stem_min=int(rule.get("stem_min", 3)),
            prefixes=tuple(rule.get("prefixes", ())),
            strip_marks=bool(rule.get("strip_marks", False)),
        ),
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
