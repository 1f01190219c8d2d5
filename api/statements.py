"""Querysets compiled to SQL once per shape, then executed with each request's values.

Building and compiling a listing's queryset cost more than running it (about 0.3 ms
against 0.06 ms on SQLite): the ORM redoes the same work for every request of the
same shape. A `Statement` keeps the SQL the ORM wrote for one shape and where each of
its parameters comes from, so the ORM stays the only place the query is written, and
a request of a known shape only fills in its values.

Where each parameter comes from is found, not declared: the queryset is built twice,
with two sets of placeholder values that no request sends, and every parameter that
differs between the two must be one of the inputs in a form `Statement.of` knows (the
value as the database receives it, a `contains` pattern, or a form the caller names).
A parameter that changes in any other way is an error at once, never a wrong query;
one that does not change is a constant of the shape (a locale of a fallback chain).
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cached_property
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.models import QuerySet
from django.utils.dateparse import parse_datetime

# Input kinds, and how the database receives a value of each.
INT, STR, DATE, DATETIME, STRS = "int", "str", "date", "datetime", "strs"
IDS = "ids"  # a tuple of ints, of any length, always placed as one parameter
Values = Mapping[str, Any]
# A placeholder of Django's "format" style, as Django's SQLite cursor finds them.
_FORMAT_PLACEHOLDER = re.compile(r"(?<![%])%s")


class StatementError(Exception):
    """The queryset's parameters cannot all be traced to its inputs."""


def _placeholder(kind: str, slot: int, variant: int, length: int = 3) -> Any:
    """A value no request sends, different for every slot (one per value placed)
    and variant."""
    n = 2 * slot + variant
    if kind == INT:
        return 1_987_000_000 + n
    if kind == STR:
        # Private-use characters, none of which LIKE escapes. As long as the input
        # up to three characters: whether a term has a trigram shapes a search.
        return "".join(chr(0xE000 + n * 4 + i) for i in range(min(length, 3)))
    if kind == DATE:
        return date(2987, 1, 1) + timedelta(days=n)
    if kind == DATETIME:
        return datetime(2987, 1, 1, tzinfo=UTC) + timedelta(seconds=n, microseconds=n)
    raise ValueError(kind)


@dataclass(frozen=True)
class Statement:
    sql: str
    # Per parameter: a form that computes it from the inputs, or a constant.
    params: tuple[Callable[[Values], Any] | _Constant, ...]
    columns: tuple[str, ...]
    # Per column index, a function converting its values as the ORM does (aware
    # datetimes on SQLite, ...).
    converters: tuple[tuple[int, Callable[[Any], Any]], ...]
    alias: str
    # Columns whose values sort the same before conversion as after.
    order_kept: frozenset[str] = frozenset()
    # The parameters' names where `sql` names them (`%(p0)s`...: see `_named`).
    names: tuple[str, ...] = ()
    # On PostgreSQL, whether its datetimes are received as text and converted when
    # read (`_postgres_datetime_step`).
    datetimes_as_text: bool = False

    @classmethod
    def of(
        cls,
        build: Callable[[Values], QuerySet],
        kinds: Mapping[str, str],
        values: Values,
        *,
        forms: Mapping[str, Callable[[Values], Any]] | None = None,
        using: str = "default",
    ) -> Statement:
        """Compile `build(inputs)` for the shape of `values` (kinds name each input's
        kind; STRS is a list of strings; IDS a tuple of ints the caller places as one
        parameter, through a form). `forms` are further values the queryset
        derives from its inputs, by name, each computed from the inputs."""
        connection = connections[using]
        ops = connection.ops

        def adapt(kind: str, value: Any) -> Any:
            if kind == DATE:
                return ops.adapt_datefield_value(value)
            if kind == DATETIME:
                return ops.adapt_datetimefield_value(value)
            return value

        def like(value: str) -> str:
            return f"%{ops.prep_for_like_query(value)}%"

        candidates: dict[str, Callable[[Values], Any]] = {}
        for name, kind in kinds.items():
            if kind == STRS:
                for i in range(len(values[name])):
                    candidates[f"{name}[{i}]"] = lambda v, n=name, i=i: v[n][i]
                    candidates[f"like {name}[{i}]"] = lambda v, n=name, i=i: like(
                        v[n][i]
                    )
            else:
                candidates[name] = lambda v, n=name, k=kind: adapt(k, v[n])
                if kind == STR:
                    candidates[f"like {name}"] = lambda v, n=name: like(v[n])
        candidates |= dict(forms or {})

        def placeholders(variant: int) -> dict[str, Any]:
            chosen = dict(values)
            slots = itertools.count()  # every value placed gets its own
            for name, kind in kinds.items():
                if values.get(name) is None:
                    continue  # absent inputs stay absent: they shape the query
                if kind == STRS:
                    chosen[name] = [
                        _placeholder(STR, next(slots), variant, len(term))
                        for term in values[name]
                    ]
                elif kind == STR:
                    chosen[name] = _placeholder(
                        kind, next(slots), variant, len(values[name])
                    )
                elif kind == IDS:
                    chosen[name] = (_placeholder(INT, next(slots), variant),)
                else:
                    chosen[name] = _placeholder(kind, next(slots), variant)
            return chosen

        compiled = []
        for variant in (0, 1):
            inputs = placeholders(variant)
            queryset = build(inputs)
            compiler = queryset.query.get_compiler(using=using)
            sql, params = compiler.as_sql()
            found = {}
            for label, form in candidates.items():
                try:
                    found.setdefault(_hashable(form(inputs)), label)
                except (KeyError, IndexError, TypeError):
                    continue  # an input this shape does not have
            compiled.append((sql, params, found, compiler))
        (sql, params, found, compiler), (sql_b, params_b, found_b, _c) = compiled
        if sql != sql_b or len(params) != len(params_b):
            raise StatementError("The SQL changes with the inputs' values.")
        sources: list[Callable[[Values], Any] | _Constant] = []
        for param, other in zip(params, params_b, strict=True):
            label = found.get(_hashable(param))
            if label is not None and found_b.get(_hashable(other)) == label:
                sources.append(candidates[label])
            elif _hashable(param) == _hashable(other) and label is None:
                sources.append(_Constant(param))
            else:
                raise StatementError(f"A parameter does not follow the inputs: {sql}")
        names: tuple[str, ...] = ()
        if connection.vendor == "sqlite":
            sql, names = _named(sql, len(params))
        select = compiler.select[: compiler.col_count]
        columns = tuple(alias for _column, _sql, alias in select)
        steps = {
            index: _one_step(functions, expression, connection)
            for index, (functions, expression) in compiler.get_converters(
                [column for column, _sql, _a in select]
            ).items()
        }
        datetimes = [
            index
            for index, (column, _sql, _a) in enumerate(select)
            if column.output_field.get_internal_type() == "DateTimeField"
        ]
        as_text = None
        if (
            connection.vendor == "postgresql"
            and datetimes
            and not any(index in steps for index in datetimes)
        ):
            as_text = _postgres_datetime_step(connection)
        if as_text:
            steps |= dict.fromkeys(datetimes, as_text)
        return cls(
            sql=sql,
            params=tuple(sources),
            columns=columns,
            converters=tuple((index, step) for index, (step, _k) in steps.items()),
            alias=using,
            names=names,
            datetimes_as_text=as_text is not None,
            order_kept=frozenset(
                column
                for index, column in enumerate(columns)
                if index not in steps or steps[index][1]
            ),
        )

    @cached_property
    def row_type(self) -> type[Row]:
        return Row.of(self.columns, dict(self.converters), self.order_kept)

    def rows(self, values: Values) -> list[Row]:
        """The rows for these inputs, each column an attribute, converted as the ORM
        converts them when first read: a listing reads most of its rows' dates
        (the sort keys, when it was built) for one row alone."""
        params = [
            source.value if isinstance(source, _Constant) else source(values)
            for source in self.params
        ]
        connection = connections[self.alias]
        with connection.cursor() as cursor:
            if self.datetimes_as_text:
                _receive_datetimes_as_text(cursor)
            if self.names:
                params = dict(zip(self.names, params, strict=True))
            cursor.execute(self.sql, params)
            rows = cursor.fetchall()
        return list(map(self.row_type, rows))


class _Converted:
    """A column converted when first read; the row keeps the converted value (this
    descriptor defines no __set__, so the row's own attribute wins after that)."""

    def __init__(self, name: str, index: int, convert: Callable[[Any], Any]):
        self.name, self.index, self.convert = name, index, convert

    def __get__(self, row, owner=None):
        if row is None:
            return self
        value = self.convert(tuple.__getitem__(row, self.index))
        row.__dict__[self.name] = value
        return value


class Row(tuple):
    """A row of a statement's result: its columns are attributes."""

    columns: tuple[str, ...] = ()
    order_kept: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls,
        columns: tuple[str, ...],
        converters: Mapping[int, Callable[[Any], Any]],
        order_kept: frozenset[str],
    ) -> type[Row]:
        namespace: dict[str, Any] = {"columns": columns, "order_kept": order_kept}
        for index, name in enumerate(columns):
            namespace[name] = (
                _Converted(name, index, converters[index])
                if index in converters
                else property(operator.itemgetter(index))
            )
        return type("Row", (cls,), namespace)

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.columns}


def latest(rows: list[Row], name: str) -> Any:
    """The greatest value of a column over rows, converting one value at most where
    their statements keep the values' order (a page's dates: compared as read)."""
    if not rows:
        return None
    kinds = {type(row) for row in rows}  # a row type per statement
    indexes = {kind.columns.index(name) for kind in kinds}
    if len(indexes) == 1 and all(name in kind.order_kept for kind in kinds):
        return getattr(max(rows, key=operator.itemgetter(indexes.pop())), name)
    return getattr(max(rows, key=operator.attrgetter(name)), name)


def _named(sql: str, count: int) -> tuple[str, tuple[str, ...]]:
    """The SQL with its `count` placeholders named (`%(p0)s`, `%(p1)s`...), and
    their names; or the SQL as it is, and no names, when its placeholders are not
    `count` plain `%s`. Django's SQLite cursor turns `%s` into `?` with a regular
    expression over the whole statement at every execution (17 µs for a listing's
    1 KB), and named placeholders with `%` formatting (3 µs). `%s` is found as
    Django finds it (not after `%`, which `%%s` escapes)."""
    if "%(" in sql:
        return sql, ()
    names = tuple(f"p{i}" for i in range(count))
    remaining = iter(names)
    try:
        named = _FORMAT_PLACEHOLDER.sub(lambda _m: f"%({next(remaining)})s", sql)
    except StopIteration:  # more placeholders than parameters
        return sql, ()
    if next(remaining, None) is not None:  # fewer
        return sql, ()
    return named, names


def _one_step(functions, expression, connection) -> tuple[Callable[[Any], Any], bool]:
    """Django's converters of one column as one function of the value, and whether
    the values sort the same before it as after. SQLite's datetime converter, the
    one listings call most (twice a row), is reduced to what it does with UTC as the
    connection's time zone: make the datetimes sqlite3 hands it aware (parsed from
    the stored text when the column is an expression, which sqlite3 does not
    convert). The reduction is checked against Django's own converter on sample
    values, and not used when they disagree. Its values keep their order: naive
    UTC datetimes, or the text Django stores them as (fixed-width ISO 8601 up to
    the optional fraction, which sorts after the same second without one)."""

    def django(value):
        for function in functions:
            value = function(value, expression, connection)
        return value

    sqlite_datetimes = (
        connection.vendor == "sqlite"
        and len(functions) == 1
        and getattr(functions[0], "__func__", None)
        is type(connection.ops).convert_datetimefield_value
    )
    if not sqlite_datetimes or not settings.USE_TZ:
        return django, False
    zone = connection.timezone

    def reduced(value):
        if value is None:
            return None
        if isinstance(value, str):
            value = parse_datetime(value)
        return value if value.tzinfo is not None else value.replace(tzinfo=zone)

    samples = [None, datetime(2026, 12, 4, 1, 2, 3, 456789), "2026-12-04 01:02:03"]
    if all(reduced(sample) == django(sample) for sample in samples) and all(
        reduced(sample).utcoffset() == django(sample).utcoffset()
        for sample in samples[1:]
    ):
        return reduced, _stored_text_sorts(connection)
    return django, False


def _postgres_datetime_step(connection) -> tuple[Callable[[Any], Any], bool] | None:
    """On PostgreSQL, a datetime column received as its text and converted when first
    read, by the loader the connection would have converted it with on receipt
    (`_receive_datetimes_as_text`), and whether the text sorts as the datetimes do.
    A listing received 42 datetimes, parsed by Django's loader in Python, to read
    one or two of them: a seventh of its time. None when the loader, made without a
    connection, does not convert sample values as the connection's own does."""
    from psycopg.pq import Format

    connection.ensure_connection()
    raw = connection.connection
    oid = _timestamptz()
    loader_class = raw.adapters.get_loader(oid, Format.TEXT)
    if loader_class is None:
        return None
    loader, reference = loader_class(oid, None), loader_class(oid, raw)
    samples = [
        b"2026-12-04 01:02:03+00",
        b"2026-12-04 01:02:03.456789+00",
        b"2026-12-04 10:02:03.5+09",
    ]
    for sample in samples:
        ours, theirs = loader.load(sample), reference.load(sample)
        if ours != theirs or ours.utcoffset() != theirs.utcoffset():
            return None

    def convert(value):
        return None if value is None else loader.load(value)

    # In ISO style and UTC, PostgreSQL writes `2026-12-04 01:02:03.5+00`: fixed width
    # up to the seconds, then an optional fraction without its trailing zeros (`.`
    # sorts after `+`, so after the same second without one), then the offset.
    status = raw.info.parameter_status
    sorts = (status("DateStyle") or "").startswith("ISO") and status("TimeZone") in (
        "UTC",
        "Etc/UTC",
    )
    return convert, sorts


def _receive_datetimes_as_text(cursor) -> None:
    """Make this psycopg cursor hand timestamptz values over as their bytes."""
    cursor.adapters.register_loader(_timestamptz(), _text_loader())


@functools.cache
def _timestamptz() -> int:
    from psycopg.postgres import types

    return types["timestamptz"].oid


@functools.cache
def _text_loader() -> type:
    from psycopg.adapt import Loader

    class AsText(Loader):
        def load(self, data):
            return bytes(data)

    return AsText


def _stored_text_sorts(connection) -> bool:
    """Whether datetimes as this database stores them sort as the datetimes do."""
    moments = [
        datetime(2026, 12, 4, 1, 2, 3, tzinfo=UTC),
        datetime(2026, 12, 4, 1, 2, 3, 1, tzinfo=UTC),
        datetime(2026, 12, 4, 1, 2, 4, tzinfo=UTC),
        datetime(2026, 12, 4, 10, 0, tzinfo=UTC),
        datetime(2026, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    ]
    stored = [connection.ops.adapt_datetimefield_value(m) for m in moments]
    return all(isinstance(text, str) for text in stored) and sorted(stored) == stored


def shape_of(kinds: Mapping[str, str], values: Values) -> tuple:
    """What of the inputs' values shapes the SQL: which are absent, how many terms,
    and the lengths of strings up to three (placeholders keep them)."""

    def length(text: str) -> int:
        return min(len(text), 3)

    shape = []
    for name, kind in kinds.items():
        value = values.get(name)
        if value is None:
            shape.append(None)
        elif kind == STRS:
            shape.append(tuple(length(text) for text in value))
        elif kind == STR:
            shape.append(length(value))
        else:
            shape.append(kind)  # IDS too: one parameter, whatever the number
    return tuple(shape)


@dataclass(frozen=True)
class _Constant:
    value: Any


def _hashable(value: Any) -> Hashable:
    # Typed, so that 1, 1.0 and True are told apart; psycopg's Int4 and the like
    # (Django wraps some integer parameters in them on PostgreSQL) are integers.
    if isinstance(value, list | tuple):
        return (type(value).__name__, tuple(_hashable(v) for v in value))
    if isinstance(value, int) and not isinstance(value, bool):
        return ("int", int(value))
    return (type(value).__name__, value)


class Statements:
    """Statements by shape, at most `size` of them (least recently used go first);
    shared by a process's threads."""

    def __init__(self, size: int = 512):
        self.size = size
        self.entries: OrderedDict[Hashable, Statement] = OrderedDict()
        self.lock = threading.Lock()

    def statement(
        self,
        build: Callable[[Values], QuerySet],
        kinds: Mapping[str, str],
        values: Values,
        *,
        structure: Hashable,
        forms: Mapping[str, Callable[[Values], Any]] | None = None,
        using: str = "default",
    ) -> Statement:
        """`Statement.of(...)` for the shape of `values`, compiled once: the shape is
        the caller's `structure` (the values `build` branches on or writes into the
        SQL) with what of the inputs shapes the SQL (`shape_of`)."""
        return self.get(
            (using, structure, shape_of(kinds, values)),
            lambda: Statement.of(build, kinds, values, forms=forms, using=using),
        )

    def get(self, shape: Hashable, compile: Callable[[], Statement]) -> Statement:
        with self.lock:
            statement = self.entries.get(shape)
            if statement is not None:
                self.entries.move_to_end(shape)
                return statement
        statement = compile()  # outside the lock: compiling takes a while
        with self.lock:
            self.entries[shape] = statement
            while len(self.entries) > self.size:
                self.entries.popitem(last=False)
        return statement

    def clear(self) -> None:
        with self.lock:
            self.entries.clear()
