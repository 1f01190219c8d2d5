"""Keyset pagination with opaque, signed cursors: a page boundary is the sort key of the
last item seen, so articles published meanwhile never shift or repeat items."""

from datetime import date, datetime
from functools import lru_cache

from django.conf import settings
from django.core import signing
from django.db.models import Q, QuerySet
from rest_framework.exceptions import ValidationError

SALT = "api.articles.cursor"


def _encode(value):
    return value.isoformat() if isinstance(value, date | datetime) else value


def _decode(value, kind: str):
    if value is None:
        return None
    if kind == "datetime":
        return datetime.fromisoformat(value)
    if kind == "date":
        return date.fromisoformat(value)
    return value


@lru_cache(maxsize=4)
def _signer(secret: str, fallbacks: tuple[str, ...]) -> signing.TimestampSigner:
    return signing.TimestampSigner(key=secret, fallback_keys=fallbacks, salt=SALT)


def make_cursor(item, keys: list[tuple[str, str, str]], scope: str) -> str:
    """keys: (field, "asc"|"desc", kind) ending with a unique field. Signed as
    `signing.dumps` signs, by a signer made once per secret; not compressed, which
    saved nothing on a payload this short."""
    values = [_encode(getattr(item, field)) for field, _d, _k in keys]
    signer = _signer(settings.SECRET_KEY, tuple(settings.SECRET_KEY_FALLBACKS))
    return signer.sign_object({"s": scope, "v": values})


def read_cursor(token: str, keys: list[tuple[str, str, str]], scope: str) -> list:
    try:
        payload = signing.loads(token, salt=SALT)
        values = payload["v"]
        if payload["s"] != scope or len(values) != len(keys):
            raise ValueError
        return [
            _decode(v, kind) for v, (_f, _d, kind) in zip(values, keys, strict=True)
        ]
    except (signing.BadSignature, ValueError, KeyError, TypeError) as error:
        raise ValidationError(
            {"cursor": ["This cursor is invalid or belongs to another query."]},
            code="invalid_cursor",
        ) from error


def after(
    queryset: QuerySet, keys: list[tuple[str, str, str]], values: list
) -> QuerySet:
    """Rows strictly after `values` in the order given by `keys`."""
    condition = Q()
    for i, (field, direction, _kind) in enumerate(keys):
        step = Q(**{f"{field}__{'gt' if direction == 'asc' else 'lt'}": values[i]})
        for j in range(i):
            step &= Q(**{keys[j][0]: values[j]})
        condition |= step
    return queryset.filter(condition)


def order_by(keys: list[tuple[str, str, str]]) -> list[str]:
    return [
        ("-" if direction == "desc" else "") + field for field, direction, _k in keys
    ]
