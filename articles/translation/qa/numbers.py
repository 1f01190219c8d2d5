"""Numbers and doses that must survive translation. A dose of 5 mg that comes back
as 50 mg is the most harmful error a medical translation can carry, and one a
machine can find: these checks read the numbers of both sides, allowing each
target language its own way of writing them, and compare their values."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from ..languages import all_language_data, language_data
from .base import ERROR, Finding, Segment, language

# Spaces that may group thousands ("1 000"). In the source, plain spaces separate
# numbers ("2 500 mg tablets" is two tablets of 500 mg), so only the typographic
# ones group there; a target may use any of them.
_SOURCE_SPACES = "\u00a0\u2009\u202f"
_TARGET_SPACES = " \u00a0\u2009\u202f"
# CJK and Korean multipliers written after digits: 2万, 2만, 1.2億, 3천만.
_MULTIPLIERS = {"千": 1000, "천": 1000, "万": 10**4, "萬": 10**4, "만": 10**4}
_MULTIPLIERS |= {"亿": 10**8, "億": 10**8, "억": 10**8}


def _comma_decimal(lang: str) -> bool:
    """Whether `lang` writes decimals with a comma (and groups with a dot or a space),
    from its language data."""
    return language_data(lang).decimal_mark == ","


def _number(spaces: str) -> str:
    """A written number: digits with grouping and decimal marks, "1 000" included
    when `spaces` group. (Arabic-Indic marks: U+066B decimal, U+066C grouping.)"""
    plain = r"[0-9]+(?:[.,\u066b\u066c][0-9]+)*"
    grouped = rf"[0-9]{{1,3}}(?:[{spaces}][0-9]{{3}}(?![0-9]))+(?:[.,\u066b][0-9]+)?"
    return rf"(?<![0-9])(?:{grouped}|{plain})"


# 千 alone is not a multiplier in Chinese (千克 is a kilogram), only before 万/亿.
_MULTIPLIER = r"(?:[千천](?=[万萬만亿億억])|천)?[万萬만]?[亿億억]?"
_TOKEN = {
    spaces: re.compile(rf"(?P<num>{_number(spaces)})(?P<mult>{_MULTIPLIER})")
    for spaces in (_SOURCE_SPACES, _TARGET_SPACES)
}


def _normalize(text: str) -> str:
    """Digits of every script (Arabic-Indic, Eastern Arabic-Indic, full-width...)
    as ASCII, one character for one so positions stay those of `text`."""
    chars = [
        str(unicodedata.decimal(c))
        if c.isdecimal()
        # Full-width Latin (ｍｇ, ％) as ASCII, one for one.
        else chr(ord(c) - 0xFEE0)
        if "\uff01" <= c <= "\uff5e"
        else c
        for c in text
    ]
    return "".join(chars)


def _parse(raw: str, grouping: str, decimal: str) -> Decimal | None:
    """`raw` read with one convention, or None when it cannot be written so."""
    marks = [i for i, char in enumerate(raw) if char in decimal]
    if len(marks) > 1:
        return None
    whole, fraction = (raw[: marks[0]], raw[marks[0] + 1 :]) if marks else (raw, "")
    groups = re.split(f"[{re.escape(grouping)}]", whole)
    if not all(group.isdigit() for group in groups) or fraction.strip("0123456789"):
        return None
    if len(groups) > 1 and (
        len(groups[0]) > 3 or any(len(group) != 3 for group in groups[1:])
    ):
        return None
    return Decimal("".join(groups) + ("." + fraction if fraction else ""))


def _values(raw: str, comma_decimal: bool) -> list[Decimal]:
    """The value of `raw` in the language's own convention ("1,500" is 1500 in
    Korean, 1.5 in Vietnamese; "٥٫٥" is 5.5), or, only when it cannot be written
    so, in the other ("1,5" in Korean is 1.5). Never both: reading "1,500 mg" in
    Korean as 1.5 would let a thousandfold dose pass."""
    if raw.isdigit():
        return [Decimal(raw)]
    conventions = [(",\u066c", ".\u066b"), (".\u066c", ",\u066b")]
    if comma_decimal:
        conventions.reverse()
    for grouping, decimal in conventions:
        value = _parse(raw, grouping, decimal)
        if value is not None:
            return [value]
    return []


def _readings(raw: str, spaces: str, comma_decimal: bool) -> list[tuple[Decimal, ...]]:
    """The readings of one written number, each a tuple of numbers: one number,
    or several when it is a list ("4.2.1") or spaces may not group ("2 500")."""
    pieces = re.split(f"[{spaces}]", raw) if spaces else [raw]
    readings = [(value,) for value in _values("".join(pieces), comma_decimal)]
    if len(pieces) > 1:
        readings.append(tuple(_values(piece, comma_decimal)[0] for piece in pieces))
    elif not readings:
        readings.append(tuple(Decimal(part) for part in re.split(r"[^0-9]+", raw)))
    return readings


@dataclass(eq=False)
class _Token:
    raw: str  # as written, for messages
    start: int
    end: int
    readings: list[tuple[Decimal, ...]]
    multiplier: int = 1

    def singles(self) -> list[Decimal]:
        return [reading[0] for reading in self.readings if len(reading) == 1]


def _tokens(text: str, spaces: str, lang: str) -> list[_Token]:
    """The numbers of `text`, multipliers applied ("2万" is 20000) and joined to
    what follows them ("3만 5,000" is 35000)."""
    normal = _normalize(text)
    tokens: list[_Token] = []
    for match in _TOKEN[spaces].finditer(normal):
        if match["num"] == "00" and normal[match.start() - 1 : match.start()] == ":":
            continue  # the minutes of "8:00", which "8時" or "8시" leave out
        readings = _readings(match["num"], spaces, _comma_decimal(lang))
        multiplier = 1
        for char in match["mult"]:
            multiplier *= _MULTIPLIERS[char]
        if multiplier > 1:
            singles = [reading[0] for reading in readings if len(reading) == 1]
            scaled = [(value * multiplier,) for value in singles] or readings
            # 만 also means "only" in Korean: "3만" may be just 3.
            readings = scaled + (readings if match["mult"] == "만" else [])
        raw = text[match.start() : match.end()]
        tokens.append(_Token(raw, match.start(), match.end(), readings, multiplier))
    for i in range(len(tokens) - 2, -1, -1):
        first, second = tokens[i], tokens[i + 1]
        gap = normal[first.end : second.start]
        if (
            first.multiplier > second.multiplier
            and len(gap) <= 1
            and not gap.strip()
            and second.singles()
            and max(second.singles()) < first.multiplier
        ):
            sums = [(a + b,) for a in first.singles() for b in second.singles()]
            both = [a + b for a in first.readings for b in second.readings]
            raw = text[first.start : second.end]
            merged = list(dict.fromkeys(sums + both))
            tokens[i] = _Token(raw, first.start, second.end, merged, first.multiplier)
            del tokens[i + 1]
    return tokens


def _source_numbers(segment: Segment) -> list[tuple[str, Decimal]]:
    """The source's numbers as written and read, each one number."""
    numbers: list[tuple[str, Decimal]] = []
    lang = language(segment.source_language)
    for token in _tokens(segment.source_text, _SOURCE_SPACES, lang):
        reading = token.readings[0]
        raws = [token.raw] if len(reading) == 1 else re.split(r"\D+", token.raw)
        numbers.extend(zip(raws, reading, strict=False))
    return numbers


def check_numbers(segment: Segment) -> list[Finding]:
    """Every number of the source is in the target, with the same value, however the
    target language writes it. A number twice in the source must be there twice."""
    if not segment.target.strip():
        return []
    source = _source_numbers(segment)
    lang = language(segment.target_language)
    missing = Counter(value for _raw, value in source)
    # Target numbers with one reading first, then each ambiguous one (spaces that
    # may group, "2 500"; 만, which may mean "only") read the way that finds the
    # most source numbers still missing.
    tokens = _tokens(segment.target_text, _TARGET_SPACES, lang)
    for token in sorted(tokens, key=lambda token: len(token.readings) > 1):
        best = max(token.readings, key=lambda r: (Counter(r) & missing).total())
        missing -= Counter(best) & missing
    matched = Counter(value for _raw, value in source) - missing
    findings = []
    for raw, value in source:
        if matched[value]:
            matched[value] -= 1
            continue
        message = _(
            "The number %(number)s in the source is missing from the translation."
        ) % {"number": raw}
        findings.append(Finding("numbers", ERROR, message, segment.id, raw))
    return findings


# Units: one canonical unit each, with the ways each language writes it, from the
# per-language data (`articles.translation.languages`). Any language's way counts
# in any text: translations quote symbols and words of other languages too.
_RANGE_SIGNS = "-–—−~～〜"
# Alphabetic symbols must end their word ("5 girls" is not grams, "5 лет" not
# litres); Hangul, kana, CJK and Thai may run on ("5mg을", "5毫克的").
_LETTERS = (
    r"A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"  # Latin, vi
    r"\u0391-\u03c9\u0400-\u04ff\u0620-\u064a\u066e-\u06d3"  # Greek, ru, ar
)
_NO_LETTER = rf"(?![{_LETTERS}])"
_GAP = "[ \u00a0\u2009\u202f\u200e\u200f\u061c]{0,2}"


@dataclass(frozen=True)
class _UnitTables:
    units: dict[str, tuple[str, ...]]  # canonical unit -> every way it is written
    canonical: dict[str, str]  # a way, spaces removed -> its canonical unit
    pair: dict[str, re.Pattern]  # by grouping spaces: number (range) and unit


_tables: tuple[dict, _UnitTables] | None = None


def _unit_tables() -> _UnitTables:
    """Built once from the language data (again when the data changes)."""
    global _tables
    data = all_language_data()
    if _tables is not None and _tables[0] is data:
        return _tables[1]
    units: dict[str, tuple[str, ...]] = {}
    words, marks = set(), set()
    for each in data.values():
        for unit, ways in each.units.items():
            units[unit] = units.get(unit, ()) + ways
        words.update(each.range_words)
        marks.update(each.range_marks)
    aliases = sorted((a for ways in units.values() for a in ways), key=len)
    unit = "|".join(re.escape(a).replace(r"\ ", r"\s*") for a in reversed(aliases))
    between = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    attached = "|".join(re.escape(m) for m in sorted(marks, key=len, reverse=True))
    range_ = rf"\s*(?:[{_RANGE_SIGNS}]{'|' + attached if attached else ''})\s*"
    if between:
        range_ = rf"(?:{range_}|\s+(?:{between})\s+)"
    pair = {
        spaces: re.compile(
            rf"(?:(?P<low>{_number(spaces)}){range_})?(?P<num>{_number(spaces)})"
            rf"{_GAP}(?P<unit>{unit}){_NO_LETTER}"
        )
        for spaces in (_SOURCE_SPACES, _TARGET_SPACES)
    }
    canonical = {
        re.sub(r"\s", "", alias): name for name, ways in units.items() for alias in ways
    }
    tables = _UnitTables(units=units, canonical=canonical, pair=pair)
    _tables = (data, tables)
    return tables


def unit_aliases() -> dict[str, tuple[str, ...]]:
    """Each canonical unit and every way the languages with data write it."""
    return _unit_tables().units


@dataclass(eq=False)
class _Pair:
    text: str  # as written: "5 mg", "٥ ملغ", "5–10 mg"
    values: list[Decimal]  # the readings of the number, the likeliest first
    unit: str  # canonical


def _pairs(text: str, spaces: str, lang: str) -> list[_Pair]:
    """The (value, unit) pairs of `text`. The first number of a range takes the
    unit of the second: "5–10 mg" is 5 mg and 10 mg. A compound unit ("mg/kg")
    counts by its first unit only, as translations may reword the rest ("每公斤
    体重5毫克")."""
    pairs = []
    normal = _normalize(text)
    tables = _unit_tables()
    comma_decimal = _comma_decimal(lang)
    prefixes = language_data(lang).percent_before
    if prefixes:
        marks = "|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True))
        for match in re.finditer(
            rf"(?<![0-9])(?:{marks})\s?(?P<num>{_number(spaces)})", normal
        ):
            readings = _readings(match["num"], spaces, comma_decimal)
            values = list(dict.fromkeys(reading[-1] for reading in readings))
            pairs.append(_Pair(text[match.start() : match.end()], values, "%"))
    for match in tables.pair[spaces].finditer(normal):
        unit = tables.canonical[re.sub(r"\s", "", match["unit"])]
        written = text[match.start() : match.end()]
        for number in (match["low"], match["num"]):
            if number:
                readings = _readings(number, spaces, comma_decimal)
                values = list(dict.fromkeys(reading[-1] for reading in readings))
                pairs.append(_Pair(written, values, unit))
    return pairs


def check_units(segment: Segment) -> list[Finding]:
    """Every dose or measure of the source (a number and its unit) is in the target
    with the same value and the same unit, in whichever script the target writes
    the unit. Reports the changed number, the changed unit or the lost unit."""
    if not segment.target.strip():
        return []
    source_lang = language(segment.source_language)
    target_lang = language(segment.target_language)
    source = _pairs(segment.source_text, _SOURCE_SPACES, source_lang)
    target = _pairs(segment.target_text, _TARGET_SPACES, target_lang)
    unused = list(target)
    left = []
    for pair in source:
        value = pair.values[0]
        same = [t for t in unused if t.unit == pair.unit and value in t.values]
        if same:
            unused.remove(same[0])
        else:
            left.append(pair)
    # Target numbers with no unit after them: all numbers less those of the pairs.
    tokens = _tokens(segment.target_text, _TARGET_SPACES, target_lang)
    bare = Counter(
        v for token in tokens for v in {v for r in token.readings for v in r}
    )
    bare -= Counter(v for pair in target for v in pair.values)
    findings = []
    for pair in left:
        value = pair.values[0]
        other_unit = [t for t in unused if value in t.values]
        other_value = [t for t in unused if t.unit == pair.unit]
        params = {"source": pair.text.strip()}
        if other_unit or other_value:
            changed = (other_unit or other_value)[0]
            unused.remove(changed)
            params["target"] = changed.text.strip()
            if other_unit:
                message = _(
                    "%(source)s became %(target)s in the translation: the unit changed."
                )
            else:
                message = _(
                    "%(source)s became %(target)s in the translation: "
                    "the number changed."
                )
        elif bare[value]:
            bare[value] -= 1
            message = _("The unit of %(source)s is missing from the translation.")
        else:
            message = _("%(source)s in the source is missing from the translation.")
        findings.append(
            Finding("units", ERROR, message % params, segment.id, pair.text.strip())
        )
    for pair in unused:
        # A dose the source does not give ("10 mg for adults" added). "Per one
        # kilogram" (1킬로그램당) rewords a compound unit, it adds no dose.
        if pair.values == [1]:
            continue
        findings.append(
            Finding(
                "units",
                ERROR,
                _("The translation has %(target)s, which the source does not.")
                % {"target": pair.text.strip()},
                segment.id,
                "+" + pair.text.strip(),
            )
        )
    return findings
