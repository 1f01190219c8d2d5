"""Delta sync for apps that keep articles offline.

A sync token names a position in the change sequence (never a time). The first sync
returns every live article of a locale; later ones return what changed after the
token's position and which articles left. Each sync is bounded by the sequence value
read when it starts, so changes made while a client pages through belong to the next
sync: nothing is missed, nothing repeated.
"""

from dataclasses import dataclass

from django.core import signing
from rest_framework.exceptions import ValidationError

from .models import ArticleDocument, ArticleTombstone, ChangeSequence

SALT = "api.sync"
MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class SyncPosition:
    after: int
    until: int | None
    full: bool  # a first sync: no deletions to report


@dataclass
class SyncPage:
    documents: list[ArticleDocument]
    deleted: list[ArticleTombstone]
    next_page: SyncPosition | None
    next_sync: SyncPosition | None


def make_token(position: SyncPosition, *, site_id: int, locale: str) -> str:
    payload = {"s": site_id, "l": locale, "a": position.after, "u": position.until}
    if position.full:
        payload["f"] = 1
    return signing.dumps(payload, salt=SALT, compress=True)


def read_token(token: str, *, site_id: int, locale: str, field: str) -> SyncPosition:
    try:
        payload = signing.loads(token, salt=SALT)
        if payload["s"] != site_id or payload["l"] != locale:
            raise ValueError
        after, until = int(payload["a"]), payload.get("u")
        return SyncPosition(
            after, int(until) if until is not None else None, "f" in payload
        )
    except (signing.BadSignature, ValueError, KeyError, TypeError) as error:
        raise ValidationError(
            {field: ["This token is invalid, or belongs to another site or locale."]},
            code="invalid_token",
        ) from error


def sync_page(
    *, site_id: int, locale: str, position: SyncPosition, page_size: int
) -> SyncPage:
    until = position.until if position.until is not None else ChangeSequence.current()
    window = {"site_id": site_id, "locale": locale, "sequence__gt": position.after}
    window["sequence__lte"] = until
    documents = list(
        ArticleDocument.objects.filter(**window)
        .only("page_id", "locale", "sequence", "detail_json")
        .order_by("sequence")[: page_size + 1]
    )
    deleted = []
    if not position.full:
        deleted = list(
            ArticleTombstone.objects.filter(**window).order_by("sequence")[
                : page_size + 1
            ]
        )
    changes = sorted([*documents, *deleted], key=lambda change: change.sequence)
    if len(changes) > page_size:
        changes = changes[:page_size]
        last = changes[-1].sequence
        return SyncPage(
            documents=[c for c in changes if isinstance(c, ArticleDocument)],
            deleted=[c for c in changes if isinstance(c, ArticleTombstone)],
            next_page=SyncPosition(last, until, position.full),
            next_sync=None,
        )
    return SyncPage(
        documents=documents,
        deleted=deleted,
        next_page=None,
        next_sync=SyncPosition(until, None, full=False),
    )
