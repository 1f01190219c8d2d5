"""Thin views: validate the query, call a selector, send stored JSON."""

import json
from urllib.parse import quote, unquote_plus, urlencode

from django.http import HttpResponse, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework.exceptions import NotFound

from articles.locales import (
    content_language_codes,
    default_language_code,
    fallback_chain,
)
from articles.models.review import REVIEW_STATUSES

from . import schema_examples as examples
from .base import DeliveryAPIView, delivery_schema
from .cache import with_validators
from .documents import dump, serialize_article
from .locales import requested_locale
from .params import (
    MAX_PAGE_SIZE,
    MAX_PATH_LENGTH,
    MAX_SEARCH_LENGTH,
    ORDERINGS,
    PATH_PATTERN,
    TEXT_PATTERN,
    ArticleListParams,
    LocaleParams,
    PreviewParams,
    SyncParams,
    has_control_characters,
)
from .preview import previewed_page
from .public_urls import Text, with_absolute_urls
from .responses import (
    ArticleDetailResponse,
    ArticleListResponse,
    LocaleListResponse,
    SyncResponse,
    TopicListResponse,
)
from .schema import (
    ERRORS,
    LOCALE_PARAMETERS,
    PAGE_SIZE_SCHEMA,
    SLUG_SCHEMA,
    TOKEN_SCHEMA,
    error,
    locale_schema,
    ok,
)
from .selectors import (
    ListingPage,
    article_at_path,
    article_document,
    article_listing_page,
    locale_of_path,
    moved_article,
    normalise_page_path,
    topics_with_counts,
)
from .serializers import locale_representation
from .sites import site_id_for_request
from .sync import SyncPosition, make_token, read_token, sync_page


def permanent_redirect(request, location: str) -> HttpResponse:
    """301 to another API URL, keeping the request's `locale`."""
    if "locale" in request.GET:
        joiner = "&" if "?" in location else "?"
        location += joiner + urlencode({"locale": request.GET["locale"]})
    response = HttpResponsePermanentRedirect(location)
    response["Cache-Control"] = "public, max-age=3600"
    return response


def json_response(body: str, *, language: str, negotiated: bool) -> HttpResponse:
    response = HttpResponse(body, content_type="application/json")
    response["Content-Language"] = language
    if negotiated:
        patch_vary_headers(response, ["Accept-Language"])
    return response


class LocaleListView(DeliveryAPIView):
    @staticmethod
    def cache_policy(request, kwargs, locale):
        # From settings alone: the same for every request until a deployment.
        return "locales", []

    @delivery_schema(
        summary="Enabled locales",
        description="The default locale and every enabled one, with its text "
        "direction and the locales it falls back to.",
        responses={
            200: ok(LocaleListResponse, "The locales.", examples.LOCALE_LIST),
            **ERRORS,
        },
    )
    def get(self, request):
        body = json.dumps(
            {
                "default": default_language_code(),
                "locales": [
                    locale_representation(code, fallback_chain(code))
                    for code in content_language_codes()
                ],
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return with_validators(json_response(body, language="en", negotiated=False))


class ArticleListView(DeliveryAPIView):
    @staticmethod
    def cache_policy(request, kwargs, locale):
        # A path lookup shows an article of the path's locale, whatever is asked.
        path = request.GET.get("path")
        code = (path and locale_of_path(normalise_page_path(path))) or locale.code
        return f"list:{locale.code}", [("locale", code)]

    @delivery_schema(
        summary="Live articles of one locale",
        description="Newest first unless `ordering` says otherwise; follow `next` "
        "for the next page.",
        operation_id="articles_list",
        parameters=[
            *LOCALE_PARAMETERS,
            OpenApiParameter(
                "topic",
                {**SLUG_SCHEMA, "maxLength": 100, "examples": ["spine-care"]},
                description="A topic slug (GET /topics/): letters and digits of any "
                "script, `-` and `_`.",
            ),
            OpenApiParameter(
                "search",
                {
                    "type": "string",
                    "maxLength": MAX_SEARCH_LENGTH,
                    "pattern": TEXT_PATTERN,
                    "examples": ["줄기세포"],
                },
                description=f"Words in the title, summary or body; at most "
                f"{MAX_SEARCH_LENGTH} characters, not blank, no control characters "
                "but tab and line breaks. Title matches come first.",
            ),
            OpenApiParameter(
                "reviewed_after",
                OpenApiTypes.DATE,
                description="YYYY-MM-DD: articles medically reviewed after it.",
            ),
            OpenApiParameter(
                "review_status",
                OpenApiTypes.STR,
                enum=list(REVIEW_STATUSES),
                description="Articles whose medical review is current, due soon or "
                "overdue (as `review.status` says).",
            ),
            OpenApiParameter("ordering", OpenApiTypes.STR, enum=ORDERINGS),
            OpenApiParameter(
                "page_size",
                PAGE_SIZE_SCHEMA,
                description=f"1 to {MAX_PAGE_SIZE}; default 20.",
            ),
            OpenApiParameter(
                "fallback",
                OpenApiTypes.BOOL,
                description="`true` fills gaps with the article's version along the "
                "locale's fallback chain (marked is_fallback); `false` by default.",
            ),
            OpenApiParameter(
                "cursor",
                TOKEN_SCHEMA,
                description="From the previous page's `next`, signed by the server: "
                "any other value is a 400 `invalid_cursor`.",
            ),
            OpenApiParameter(
                "path",
                {
                    "type": "string",
                    "maxLength": MAX_PATH_LENGTH,
                    "pattern": PATH_PATTERN,
                    "examples": ["/ko/stem-cell-therapy-spinal-degeneration/"],
                },
                description="For front ends that route by URL: the article at this "
                "path, language prefix included (percent-encoded or not, trailing "
                "slash optional), as the only result, in its own locale; no result "
                "when no live article is there. The listing's other parameters "
                "are ignored: a path names one article.",
            ),
        ],
        responses={
            200: ok(ArticleListResponse, "A page of articles.", examples.ARTICLE_LIST),
            301: OpenApiResponse(
                description="`path` is an old URL of an article (its slug was "
                "changed): `Location` asks again with the article's path now."
            ),
            **ERRORS,
        },
    )
    def get(self, request):
        query = ArticleListParams.validated(request.query_params)
        locale = requested_locale(request)
        if "path" in query:
            return self.one_article_at(request, normalise_page_path(query["path"]))

        page = article_listing_page(
            site_id=site_id_for_request(request),
            locale=locale.code,
            with_fallback=query["fallback"],
            topic=query.get("topic"),
            search=query.get("search", ""),
            reviewed_after=query.get("reviewed_after"),
            review_status=query.get("review_status"),
            ordering=query.get("ordering"),
            page_size=query["page_size"],
            cursor=query.get("cursor"),
        )
        next_url = page.next_cursor and with_cursor(request, page.next_cursor)
        body = with_absolute_urls(listing_body(locale.code, next_url, page), request)
        response = json_response(
            body, language=locale.code, negotiated=locale.negotiated
        )
        return with_validators(response, page.last_modified)

    @staticmethod
    def one_article_at(request, path: str) -> HttpResponse:
        site_id = site_id_for_request(request)
        document = article_at_path(site_id=site_id, path=path)
        moved = not document and moved_article(site_id=site_id, path=path)
        if moved:  # an old URL: ask again with the article's path now
            return permanent_redirect(
                request,
                reverse("api:article-list") + "?" + urlencode({"path": moved.path}),
            )
        code = document.locale if document else (locale_of_path(path) or "")
        code = code or requested_locale(request).code
        items = [fallback_marked(document.listing_json, code, code)] if document else []
        body = with_absolute_urls(
            f'{{"locale":"{code}","next":null,"results":[{",".join(items)}]}}', request
        )
        response = json_response(body, language=code, negotiated=False)
        return with_validators(response, document.built_at if document else None)


class ArticleDetailView(DeliveryAPIView):
    @staticmethod
    def cache_policy(request, kwargs, locale):
        return f"detail:{locale.code}", [("slug", kwargs["slug"])]

    @delivery_schema(
        summary="One article in one locale, or its fallback",
        description="With its body, table of contents, clinicians, references, "
        "translations and SEO data.",
        operation_id="articles_retrieve",
        parameters=[
            OpenApiParameter(
                "slug",
                {**SLUG_SCHEMA, "maxLength": 255, "examples": [examples.SLUG]},
                location=OpenApiParameter.PATH,
                description="The article's slug in any locale.",
            ),
            *LOCALE_PARAMETERS,
        ],
        responses={
            200: ok(ArticleDetailResponse, "The article.", examples.ARTICLE_DETAIL),
            301: OpenApiResponse(
                description="An old slug of an article (it was changed): `Location` "
                "is the article's URL now."
            ),
            **ERRORS,
        },
    )
    def get(self, request, slug: str):
        LocaleParams.validated(request.query_params)
        locale = requested_locale(request)

        # No slug holds control characters, and PostgreSQL refuses NUL in a query.
        readable = len(slug) <= 255 and not has_control_characters(
            slug, allow_whitespace=False
        )
        document = readable and article_document(
            site_id=site_id_for_request(request), locale=locale.code, slug=slug
        )
        if not document:
            moved = readable and moved_article(
                site_id=site_id_for_request(request), slug=slug
            )
            if moved:  # an old slug: the article's URL now
                return permanent_redirect(
                    request, reverse("api:article-detail", args=[moved.slug])
                )
            raise NotFound(
                f"No live article {slug[:100]!r} in {locale.code} or its fallbacks."
            )
        body = with_absolute_urls(
            fallback_marked(document.detail_json, document.locale, locale.code), request
        )
        response = json_response(
            body, language=document.locale, negotiated=locale.negotiated
        )
        return with_validators(response, document.built_at)


class TopicListView(DeliveryAPIView):
    @staticmethod
    def cache_policy(request, kwargs, locale):
        return f"topics:{locale.code}", [("locale", locale.code)]

    @delivery_schema(
        summary="Topics of one locale with their article counts",
        description="In name order.",
        parameters=LOCALE_PARAMETERS,
        responses={
            200: ok(TopicListResponse, "The topics.", examples.TOPIC_LIST),
            **ERRORS,
        },
    )
    def get(self, request):
        LocaleParams.validated(request.query_params)
        locale = requested_locale(request)

        topics = topics_with_counts(
            site_id=site_id_for_request(request), locale=locale.code
        )
        body = json.dumps(
            {"locale": locale.code, "results": topics.topics},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        response = json_response(
            body, language=locale.code, negotiated=locale.negotiated
        )
        return with_validators(response, topics.last_modified)


def with_cursor(request, cursor: str) -> str:
    """The request's absolute URL with `cursor` in place of its own (where it was) or
    added (at the end): the next page of the same listing. The other parameters are
    kept as the client wrote them (already validated), not decoded and encoded
    again."""
    given = "cursor=" + quote(cursor, safe="")
    parts, placed = [], False
    for part in request.META.get("QUERY_STRING", "").split("&"):
        if unquote_plus(part.partition("=")[0]) != "cursor":
            parts.append(part)
        elif not placed:
            parts.append(given)
            placed = True
    if not placed:
        parts.append(given)
    query = "&".join(part for part in parts if part)
    return request.build_absolute_uri(request.path) + "?" + query


def fallback_marked(stored_json: Text, served: str, requested: str) -> Text:
    """Stored JSON (as text or its UTF-8 bytes) with the request's view of it
    prepended: which locale was asked for and whether a fallback was served.
    Splicing avoids decoding the stored document."""
    head = _request_view(served, requested)
    if isinstance(stored_json, bytes):
        return head.encode() + stored_json[1:]
    return head + stored_json[1:]


def _request_view(served: str, requested: str) -> str:
    is_fallback = "true" if served != requested else "false"
    return f'{{"requested_locale":"{requested}","is_fallback":{is_fallback},'


def listing_body(requested: str, next_url: str | None, page: ListingPage) -> bytes:
    """A listing page's JSON: each item's stored listing JSON (UTF-8 bytes), marked
    as `fallback_marked` marks it, copied once, into the page."""
    marks = {
        served: _request_view(served, requested).encode()
        for served in {item.locale for item in page.items}
    }
    head = f'{{"locale":"{requested}","next":{json.dumps(next_url)},"results":['
    parts = [head.encode()]
    for item in page.items:
        parts += (marks[item.locale], memoryview(item.listing)[1:], b",")
    if page.items:
        parts.pop()  # the last comma
    parts.append(b"]}")
    return b"".join(parts)


class SyncView(DeliveryAPIView):
    @delivery_schema(
        summary="Delta sync of one locale for offline apps",
        description="The first sync returns every live article of the locale; later "
        "ones, with the last `next_sync_token`, what changed since and which "
        "articles left.",
        operation_id="sync",
        parameters=[
            OpenApiParameter("locale", locale_schema(), description="Locale to sync."),
            LOCALE_PARAMETERS[1],  # Accept-Language, when `locale` is absent
            OpenApiParameter(
                "sync_token",
                TOKEN_SCHEMA,
                description="`next_sync_token` of your last completed sync; "
                "without it, every live article of the locale. Signed by the "
                "server for this site and locale: any other value is a 400 "
                "`invalid_token`.",
            ),
            OpenApiParameter(
                "page_token",
                TOKEN_SCHEMA,
                description="`next_page_token` of the previous page of this sync, "
                "signed like `sync_token`. Sending both is a 400 `token_conflict`.",
            ),
            OpenApiParameter(
                "page_size",
                PAGE_SIZE_SCHEMA,
                description=f"1 to {MAX_PAGE_SIZE}; default {MAX_PAGE_SIZE}.",
            ),
        ],
        responses={
            200: ok(SyncResponse, "A page of changes.", examples.SYNC),
            **ERRORS,
        },
    )
    def get(self, request):
        query = SyncParams.validated(request.query_params)
        locale = requested_locale(request)
        site_id = site_id_for_request(request)
        if "page_token" in query:
            position = read_token(
                query["page_token"],
                site_id=site_id,
                locale=locale.code,
                field="page_token",
            )
        elif "sync_token" in query:
            position = read_token(
                query["sync_token"],
                site_id=site_id,
                locale=locale.code,
                field="sync_token",
            )
        else:
            position = SyncPosition(after=0, until=None, full=True)
        page = sync_page(
            site_id=site_id,
            locale=locale.code,
            position=position,
            page_size=query["page_size"],
        )

        def token(position):
            if position is None:
                return "null"
            return json.dumps(make_token(position, site_id=site_id, locale=locale.code))

        articles = ",".join(
            fallback_marked(d.detail_json, d.locale, locale.code)
            for d in page.documents
        )
        deleted = json.dumps(
            [
                {"id": t.page_id, "translation_key": str(t.translation_key)}
                for t in page.deleted
            ]
        )
        body = with_absolute_urls(
            f'{{"locale":"{locale.code}","articles":[{articles}],"deleted":{deleted},'
            f'"next_page_token":{token(page.next_page)},'
            f'"next_sync_token":{token(page.next_sync)}}}',
            request,
        )
        response = json_response(
            body, language=locale.code, negotiated=locale.negotiated
        )
        response["Cache-Control"] = "private, no-store"
        return response


class PreviewView(DeliveryAPIView):
    @delivery_schema(
        summary="The draft an editor is previewing, in the detail shape",
        description="Drafts appear nowhere else. `Cache-Control: private, no-store`.",
        operation_id="preview",
        parameters=[
            OpenApiParameter(
                "token",
                TOKEN_SCHEMA,
                required=True,
                description="From the preview URL. A token that is blank, malformed, "
                "tampered with or expired is a 401 (`invalid_token`, "
                "`token_expired`): press Preview again in the CMS.",
            ),
            OpenApiParameter(
                "page",
                {"type": "integer", "minimum": 1},
                description="Optional: the page id the front end expects; another "
                "page's token is refused with 403.",
            ),
        ],
        responses={
            200: ok(ArticleDetailResponse, "The draft.", examples.ARTICLE_DETAIL),
            401: error(401, "The token is not valid, or has expired."),
            403: error(403, "The token is for another page than `page`."),
            **ERRORS,
        },
    )
    def get(self, request):
        params = PreviewParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        page, _live_path = previewed_page(
            params.validated_data["token"], page_id=params.validated_data.get("page")
        )
        site = page.get_site()
        if site is None:
            raise NotFound("The previewed page is not on a site.")
        _listing, detail = serialize_article(page, site)
        code = page.locale.language_code
        response = json_response(
            with_absolute_urls(fallback_marked(dump(detail), code, code), request),
            language=code,
            negotiated=False,
        )
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        return response
