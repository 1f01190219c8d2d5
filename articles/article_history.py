"""One article's history across its languages: who edited, translated, reviewed and
published what, in which locale, read from Wagtail's audit log (`PageLogEntry`) of
every page that shares the article's translation key."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from wagtail.models import Page, PageLogEntry

from .locales import language_info

# The log is long for a long-lived article in eight languages; a page of the newest
# is what a reviewer reads, and the per-page history holds the rest.
MAX_ENTRIES = 300


@dataclass(frozen=True)
class HistoryEntry:
    timestamp: datetime
    locale: str
    language: str
    user: str
    action: str
    comment: str
    page_id: int
    revision_id: int | None


def article_history(page: Page, *, user) -> list[HistoryEntry]:
    """The newest entries first, of the versions of `page` that `user` may see the
    history of (edit or publish permission on that version)."""
    versions = [
        version
        for version in page.get_translations(inclusive=True).select_related("locale")
        if _may_see_history(version, user)
    ]
    locales = {version.pk: version.locale.language_code for version in versions}
    entries = (
        PageLogEntry.objects.filter(page_id__in=list(locales))
        .select_related("user")
        .order_by("-timestamp", "-pk")[:MAX_ENTRIES]
    )
    return [
        HistoryEntry(
            timestamp=entry.timestamp,
            locale=locales[entry.page_id],
            language=language_info(locales[entry.page_id]).name_local,
            user=entry.user_display_name,
            action=entry.message,
            comment=entry.comment,
            page_id=entry.page_id,
            revision_id=entry.revision_id,
        )
        for entry in entries
    ]


def _may_see_history(page: Page, user) -> bool:
    permissions = page.permissions_for_user(user)
    return permissions.can_edit() or permissions.can_publish()
