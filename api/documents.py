"""Building the read model. Everything that decides what an article looks like to an API
client happens here, once per publish, so that requests only read stored JSON."""

import hashlib
import json
import threading
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django_tasks import task
from wagtail.models import Page, ReferenceIndex, Site

from articles.links import (
    is_publicly_visible,
    live_public_translations,
    page_path,
    remembered_sites_and_restrictions,
    site_of,
)
from articles.locales import default_language_code
from articles.media import remembered_images
from articles.models import ArticlePage, ReviewSettings
from articles.models.review import (
    OutdatedTranslationPolicy,
    OverduePolicy,
    review_status,
)
from articles.translation.selectors import drift_of, drifts_of

from .invalidation import invalidate
from .models import (
    NEVER_REVIEWED,
    ArticleDocument,
    ArticleDocumentTopic,
    ArticleTombstone,
    ChangeSequence,
    HeadlessPreviewSettings,
)
from .public_urls import MEDIA_MARK, public_page_url
from .search_index import ensure_search_index, optimize_search_index
from .serializers import ArticleDetailSerializer, ArticleListItemSerializer


def dump(data) -> str:
    """The JSON text the API sends: compact, UTF-8, and safe inside <script>."""
    text = json.dumps(
        data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")
    )
    # `<`, `>` and `&` as JSON escapes (as Django's `json_script` writes them), which
    # any JSON parser reads back as the same characters: the text is then safe inside
    # an HTML <script> element as it is, `json_ld` in <script
    # type="application/ld+json"> or a whole document in a page's hydration data.
    # Three passes of `replace` (each a scan in C): `str.translate` with a table
    # looked every character up, a tenth of a bulk publish's document builds.
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _fold_accent(ch: str) -> str:
    # Latin letters lose their accents (so "te bao" finds "tế bào"); Hangul and other
    # scripts are left whole, where decomposing would match half-syllables.
    if ch == "đ":
        return "d"
    if ord(ch) < 0x250 or 0x1E00 <= ord(ch) <= 0x1EFF:
        return "".join(
            c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)
        )
    return ch


class _AccentFolding(dict):
    """A `str.translate` table that folds each character once per process (articles
    run to tens of thousands of characters, drawn from a few hundred)."""

    def __missing__(self, codepoint: int) -> str:
        folded = self[codepoint] = _fold_accent(chr(codepoint))
        return folded


_ACCENT_FOLDING = _AccentFolding()


def normalise_for_search(text: str) -> str:
    """Search text and queries go through the same normalisation: NFKC (full-width
    forms, compatibility ideographs), case folding and Latin accent folding, so that
    matching is a substring test that also works in scripts written without spaces."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_ACCENT_FOLDING)
    return " ".join(folded.split())


def _articles():
    """Articles with everything their documents show."""
    return ArticlePage.objects.select_related(
        "locale", "hero_image", "author__photo", "medical_reviewer__photo"
    ).prefetch_related("article_topics__topic")


def _load(page_id: int) -> ArticlePage | None:
    return _preloaded("pages", page_id, lambda: _articles().filter(pk=page_id).first())


def _preloaded(kind: str, page_id: int, read: Callable):
    """What `build_documents_together` read of `page_id` for this build (taken, so
    that a second build of the page reads it again), else `read()`."""
    preloaded = getattr(_deferred, "preloaded", None)
    if preloaded is not None and page_id in preloaded[kind]:
        return preloaded[kind].pop(page_id)
    return read()


def _once_per_batch(kind: str, key, read: Callable):
    """`read()`, remembered under `key` until the end of `batched_document_builds`
    (outside one, read each time)."""
    remembered = getattr(_deferred, kind, None)
    if remembered is None:
        return read()
    if key not in remembered:
        remembered[key] = read()
    return remembered[key]


def _remembered_per_site(model, site):
    """`model.for_site(site)` (a site setting), read once per site in a batch: a
    changed setting rebuilds the site's documents after it commits."""
    return _once_per_batch(
        "site_settings", (model, site.pk), lambda: model.for_site(site)
    )


def _translations(page: ArticlePage, site) -> list[dict]:
    return _once_per_batch(
        "translations",
        (page.translation_key, site.pk),
        lambda: _live_translations(page, site),
    )


def _live_translations(page: ArticlePage, site) -> list[dict]:
    return [
        {
            "locale": sibling.locale.language_code,
            "slug": sibling.slug,
            "title": sibling.title,
            "path": page_path(sibling),
        }
        for sibling in live_public_translations(page, site)
    ]


def invalidate_responses(*, translation_key, extra_slugs=(), locales=()) -> None:
    """Once the transaction commits, make cached API responses that may show this
    article unreachable: any slug of any of its versions can be asked for in any
    locale, and listings of its locales (and those falling back to them) change."""
    versions = _versions(translation_key)
    slugs = {slug for slug, _code in versions} | set(extra_slugs)
    codes = {code for _slug, code in versions} | set(locales)
    pending = getattr(_deferred, "invalidations", None)
    if pending is None:
        invalidate(slugs=slugs, locales=codes)
        return
    # A batch forgets in groups: a long rebuild's changes are served within seconds.
    pending["slugs"] |= slugs
    pending["locales"] |= codes
    if len(pending["slugs"]) >= BATCHED_INVALIDATIONS:
        _forget_pending(pending)


BATCHED_INVALIDATIONS = 200


def _versions(translation_key) -> list[tuple[str, str]]:
    """(slug, language code) of every version of the article; read once per article
    in a batch (whose builds change no page)."""
    return _once_per_batch(
        "versions",
        translation_key,
        lambda: list(
            ArticlePage.objects.filter(translation_key=translation_key).values_list(
                "slug", "locale__language_code"
            )
        ),
    )


def _forget_pending(pending: dict[str, set]) -> None:
    if pending["slugs"] or pending["locales"]:
        invalidate(slugs=pending["slugs"], locales=pending["locales"])
    pending["slugs"], pending["locales"] = set(), set()


def document_snapshot(page_id: int) -> dict | None:
    return _snapshots([page_id])[page_id]


def _snapshots(page_ids) -> dict[int, dict | None]:
    """What each page's document was (for removals and unchanged builds), by page."""
    found = {
        snapshot["page_id"]: snapshot
        for snapshot in ArticleDocument.objects.filter(page_id__in=page_ids).values(
            "page_id", "slug", "locale", "translation_key", "site_id", "etag"
        )
    }
    return {page_id: found.get(page_id) for page_id in page_ids}


def record_removal(previous: dict, *, extra_slugs=()) -> None:
    """An article left its locale's live set: leave a tombstone for delta sync and
    invalidate the responses that showed it."""
    ArticleTombstone.objects.update_or_create(
        page_id=previous["page_id"],
        site_id=previous["site_id"],
        defaults={
            "locale": previous["locale"],
            "translation_key": previous["translation_key"],
            "sequence": ChangeSequence.next(),
        },
    )
    invalidate_responses(
        translation_key=previous["translation_key"],
        extra_slugs=[previous["slug"], *extra_slugs],
        locales=[previous["locale"]],
    )


def remove_article_document(page_id: int, previous: dict | None) -> None:
    """Drop the document `previous` (a `document_snapshot`), if there was one."""
    if previous is not None:
        ArticleDocument.objects.filter(page_id=page_id).delete()
        record_removal(previous)


def frontend_url_template(site) -> str:
    """The site's front-end URL template, else the setting's; "" for the CMS's own
    pages (see `api.public_urls`)."""
    configured = _remembered_per_site(
        HeadlessPreviewSettings, site
    ).frontend_url_template
    return configured or getattr(settings, "CMS_FRONTEND_URL_TEMPLATE", "")


def withheld_while_outdated(cycle: ReviewSettings, drift) -> bool:
    """Under the site's "fall back" policy an outdated translation (one with a
    `drift`) is not delivered: readers get the next language of its chain until a
    translation of the new source is approved (which rebuilds this document,
    `translation_outdated_changed`)."""
    policy = cycle.outdated_translation_policy
    return policy == OutdatedTranslationPolicy.FALL_BACK and drift is not None


def review_state(page: ArticlePage, cycle: ReviewSettings) -> dict:
    """The article's review as the API gives it, on today's date. Documents are built
    at publish; the worker rebuilds those whose status has changed since
    (`refresh_review_states`), so stored documents say what today says."""
    status = review_status(
        page.next_review_due,
        today=timezone.localdate(),
        due_soon_days=cycle.due_soon_days,
    )
    return {
        "last_reviewed": page.last_reviewed,
        "next_review_due": page.next_review_due,
        "status": status,
        "flagged": status == "overdue" and cycle.overdue_policy == OverduePolicy.FLAG,
    }


_UNREAD = object()


def serialize_article(
    page: ArticlePage, site, *, cycle: ReviewSettings | None = None, drift=_UNREAD
) -> tuple[dict, dict]:
    """The listing item and the detail of `page` as the API delivers them. The one
    place that decides this: documents, previews and the importer all call it.

    So it is also where output is made safe, for every path that wrote the content
    (each ends in a publish, which builds the document here, or in a preview): the
    blocks and serializers it runs clean rich text (`articles.richtext`), link URLs
    and anchors (`articles.safe_urls`) and video URLs (`articles.blocks.video`), and
    `dump` escapes the JSON text for <script>. Reads only send the stored text.
    `cycle` and `drift` (`drift_of(page)`): when the caller has read them already."""
    template = frontend_url_template(site)
    translations = [
        {
            **t,
            "url": public_page_url(
                template, locale=t["locale"], slug=t["slug"], path=t["path"]
            ),
        }
        for t in _translations(page, site)
    ]
    context = {
        "review": review_state(
            page, cycle or _remembered_per_site(ReviewSettings, site)
        ),
        "drift": drift_of(page) if drift is _UNREAD else drift,
        "language_code": page.locale.language_code,
        # Made absolute per response (`api.public_urls`).
        "base_url": MEDIA_MARK,
        "frontend_template": template,
        "site_id": site.pk,
        "translations": translations,
        "default_translation": next(
            (t for t in translations if t["locale"] == default_language_code()), None
        ),
    }
    listing = ArticleListItemSerializer(page, context=context).data
    detail = ArticleDetailSerializer(page, context=context).data
    return listing, detail


_deferred = threading.local()


# Pages whose builds a deferral holds before building them together: a long import's
# articles are served as it goes, not only at its end.
DEFERRED_BATCH = 50


@contextmanager
def deferred_document_builds():
    """Within this block, documents are built once each, together, instead of at every
    publish (bulk imports and seeding publish each article in many locales): every
    DEFERRED_BATCH pages and at the end, also when the block fails (what it published
    and committed is served)."""
    if getattr(_deferred, "page_ids", None) is not None:
        yield
        return
    _deferred.page_ids = set()
    try:
        yield
    finally:
        page_ids, _deferred.page_ids = _deferred.page_ids, None
        if not transaction.get_connection().needs_rollback:
            build_documents_together(sorted(page_ids))


# Pages read together by `build_documents_together`.
PRELOADED = 50


def build_documents_together(
    page_ids: Iterable[int], *, advance: Callable[[int], None] | None = None
) -> int:
    """`build_article_document` of each page, in a batch that reads PRELOADED pages
    at a time, with their documents as they were and their translation drifts: a
    few queries a chunk where each page took five. Returns how many documents were
    built; `advance(1)` after each page.

    A page published (or unpublished, moved, renamed) by another process between
    that read and its document's write is built again, read afresh, once the chunk
    is written: one page read alone is written milliseconds later, a chunk's last
    page a second or so."""
    if getattr(_deferred, "page_ids", None) is not None:  # built later, together
        for page_id in page_ids:
            _defer_build(page_id)
        return 0
    built = 0
    with batched_document_builds():
        for chunk in _chunks(page_ids, PRELOADED):
            pages = _articles().in_bulk(chunk)
            _deferred.preloaded = {
                "pages": {pk: pages.get(pk) for pk in chunk},
                "snapshots": _snapshots(chunk),
                "drifts": drifts_of(pages.values()),
            }
            try:
                for page_id in chunk:
                    built += build_article_document(page_id) is not None
                    if advance is not None:
                        advance(1)
            finally:
                _deferred.preloaded = None
            for page_id in _published_since(pages.values()):
                build_article_document(page_id)
    return built


def _published_since(pages) -> list[int]:
    """Of `pages` (as read), those whose row has changed since: published,
    unpublished, moved or renamed."""
    seen = {
        p.pk: (p.live, p.live_revision_id, p.last_published_at, p.url_path)
        for p in pages
    }
    now = {
        pk: tuple(state)
        for pk, *state in Page.objects.filter(pk__in=seen).values_list(
            "pk", "live", "live_revision_id", "last_published_at", "url_path"
        )
    }
    return [pk for pk, state in seen.items() if now.get(pk) != state]


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _defer_build(page_id: int) -> None:
    pending = _deferred.page_ids
    pending.add(page_id)
    if len(pending) >= DEFERRED_BATCH:
        _deferred.page_ids = None  # the builds below are not deferred again
        try:
            build_documents_together(sorted(pending))
        finally:
            _deferred.page_ids = set()


@contextmanager
def batched_document_builds():
    """Within this block, documents are built as usual, but each article's list of
    live versions is worked out once for all of its versions, each image's renditions
    are looked up once, each site and whether any page is restricted are read once
    (`articles.links`), and the cached responses the builds change are forgotten
    together, every BATCHED_INVALIDATIONS slugs and at the end (also when a build
    fails: what was written is never served stale)."""
    if getattr(_deferred, "invalidations", None) is not None:
        yield
        return
    _deferred.translations, _deferred.versions, _deferred.site_settings = {}, {}, {}
    _deferred.invalidations = {"slugs": set(), "locales": set()}
    try:
        with remembered_images(), remembered_sites_and_restrictions():
            yield
    finally:
        pending = _deferred.invalidations
        _deferred.translations = _deferred.versions = _deferred.site_settings = None
        _deferred.invalidations = None
        _forget_pending(pending)


def build_article_document(page_id: int) -> ArticleDocument | None:
    """Store the delivery JSON of one article in one locale, or remove it when the
    article is no longer live and public."""
    if getattr(_deferred, "page_ids", None) is not None:
        _defer_build(page_id)
        return None
    previous = _preloaded("snapshots", page_id, lambda: document_snapshot(page_id))
    page = _load(page_id)
    site = site_of(page) if page else None
    if page is None or site is None or not is_publicly_visible(page):
        remove_article_document(page_id, previous)
        return None
    # Read once for both uses below.
    cycle = _remembered_per_site(ReviewSettings, site)
    drift = _preloaded("drifts", page.pk, lambda: drift_of(page))
    if withheld_while_outdated(cycle, drift):
        remove_article_document(page_id, previous)
        return None

    listing, detail = serialize_article(page, site, cycle=cycle, drift=drift)
    detail_json = dump(detail)
    etag = hashlib.sha256(detail_json.encode()).hexdigest()[:32]
    if previous and previous["etag"] == etag and previous["site_id"] == site.pk:
        # Nothing a client can see has changed (listing JSON derives from the same
        # fields): no new sequence number, no invalidation.
        return ArticleDocument.objects.get(page_id=page_id)
    with transaction.atomic():
        ArticleTombstone.objects.filter(page_id=page.pk).delete()
        document, _created = ArticleDocument.objects.update_or_create(
            page_id=page.pk,
            defaults={
                "site": site,
                "translation_key": page.translation_key,
                "locale": page.locale.language_code,
                "slug": page.slug,
                "path": page_path(page),
                "title": page.title,
                "first_published_at": page.first_published_at,
                "last_published_at": page.last_published_at,
                "last_reviewed": page.last_reviewed,
                "reviewed_sort": page.last_reviewed or NEVER_REVIEWED,
                "next_review_due": page.next_review_due,
                "review_status": listing["review"]["status"],
                "search_title": normalise_for_search(page.title),
                "search_text": normalise_for_search(
                    f"{page.title} {page.summary} {page.body_text()}"
                ),
                "listing_json": dump(listing),
                "detail_json": detail_json,
                "etag": etag,
                "sequence": ChangeSequence.next(),
            },
        )
        document.topics.all().delete()
        ArticleDocumentTopic.objects.bulk_create(
            ArticleDocumentTopic(document=document, slug=slug)
            for slug in {topic.slug for topic in page.topics}
        )
    invalidate_responses(
        translation_key=page.translation_key,
        extra_slugs=[previous["slug"]] if previous else [],
        locales=[page.locale.language_code]
        + ([previous["locale"]] if previous else []),
    )
    return document


def refresh_translation_documents(translation_key) -> None:
    """Rebuild every locale of an article: a publish in one locale changes the
    `translations` and `available_locales` of all the others. The list of live
    versions is worked out once for all of them."""
    build_documents_together(
        ArticlePage.objects.filter(translation_key=translation_key)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    # Documents whose page is gone (deleted) go with it by cascade.


def _seen_by_others(page_id: int) -> tuple | None:
    """What other documents show of this one: its versions list entry and the target
    of links to it."""
    return (
        ArticleDocument.objects.filter(page_id=page_id)
        .values_list("site_id", "slug", "title", "path")
        .first()
    )


def articles_linking_to(translation_key) -> set[int]:
    """Articles whose content links to any version of this article (rich-text links,
    call-to-action pages), from Wagtail's reference index."""
    pages = list(Page.objects.filter(translation_key=translation_key))
    if not pages:
        return set()
    references = ReferenceIndex.get_references_to_in_bulk(pages).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    ids = {
        int(object_id) for object_id in references.values_list("object_id", flat=True)
    }
    return set(
        ArticlePage.objects.filter(pk__in=ids)
        .exclude(translation_key=translation_key)
        .values_list("pk", flat=True)
    )


def refresh_after_change(translation_key, changed_page_id: int | None = None) -> None:
    """An article was published, unpublished, moved or deleted in some locale: rebuild
    its versions and the articles whose links may now resolve elsewhere.

    With `changed_page_id` (a publish or unpublish of that page), the page is rebuilt
    first, and when nothing that other documents show of it changed (an edit of its
    body or summary, the common case), they are left alone."""
    if changed_page_id is not None and getattr(_deferred, "page_ids", None) is None:
        before = _seen_by_others(changed_page_id)
        build_article_document(changed_page_id)
        if before is not None and before == _seen_by_others(changed_page_id):
            return
    linking = articles_linking_to(translation_key)
    refresh_translation_documents(translation_key)
    for page_id in linking:
        build_article_document(page_id)


@task()
def rebuild_site_documents(site_id: int) -> int:
    """Every live article of one site, built again (its front-end URL changed)."""
    site = Site.objects.filter(pk=site_id).select_related("root_page").first()
    if site is None:
        return 0
    pages = ArticlePage.objects.filter(
        pk__in=ArticleDocument.objects.filter(site_id=site_id).values("page_id")
    )
    return build_documents_together(pages.values_list("pk", flat=True).iterator())


def rebuild_all_documents(*, advance: Callable[[int], None] | None = None) -> int:
    """Every article's document built again; `advance(1)` after each article. The
    search index is created first where any part of it is missing."""
    ensure_search_index()
    count = build_documents_together(
        ArticlePage.objects.values_list("pk", flat=True).iterator(), advance=advance
    )
    ArticleDocument.objects.exclude(
        page_id__in=ArticlePage.objects.values("pk")
    ).delete()
    optimize_search_index()
    return count
