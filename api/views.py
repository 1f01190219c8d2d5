"""Thin views: validate the query, call a selector, send stored JSON."""

import json

from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView
from wagtail.models import Site

from articles.locales import (
    content_language_codes,
    default_language_code,
    fallback_chain,
)

from .locales import requested_locale
from .pagination import after, make_cursor, order_by, read_cursor
from .params import (
    MAX_PAGE_SIZE,
    MAX_SEARCH_LENGTH,
    ORDERINGS,
    ArticleListParams,
    LocaleParams,
)
from .responses import (
    ArticleDetailResponse,
    ArticleListResponse,
    LocaleListResponse,
    TopicListResponse,
)
from .schema import ErrorSerializer
from .selectors import (
    article_document,
    listing_documents,
    ordering_keys,
    search_terms,
    topics_with_counts,
)
from .serializers import locale_representation

LOCALE_PARAMETERS = [
    OpenApiParameter(
        "locale",
        OpenApiTypes.STR,
        description="Locale code (zh-hans, zh-Hans and zh_Hans are the same). Without "
        "it, Accept-Language is negotiated; without either, the default locale.",
    ),
    OpenApiParameter(
        "Accept-Language",
        OpenApiTypes.STR,
        location=OpenApiParameter.HEADER,
        description="Used when `locale` is absent; q-values are honoured.",
    ),
]
ERRORS = dict.fromkeys((400, 404, 405, 406, 429, 500), ErrorSerializer)


def json_response(body: str, *, language: str, negotiated: bool) -> HttpResponse:
    response = HttpResponse(body, content_type="application/json")
    response["Content-Language"] = language
    if negotiated:
        patch_vary_headers(response, ["Accept-Language"])
    return response


def current_site_id(request) -> int:
    site = Site.find_for_request(request)
    if site is None:
        raise NotFound("No site is configured for this host.")
    return site.pk


class LocaleListView(APIView):
    @extend_schema(
        summary="Enabled locales",
        responses={200: LocaleListResponse, **ERRORS},
    )
    def get(self, request):
        default = default_language_code()
        return Response(
            {
                "default": default,
                "locales": [
                    locale_representation(code, fallback_chain(code))
                    for code in content_language_codes()
                ],
            }
        )


class ArticleListView(APIView):
    @extend_schema(
        summary="Live articles of one locale",
        operation_id="articles_list",
        parameters=[
            *LOCALE_PARAMETERS,
            OpenApiParameter("topic", OpenApiTypes.STR, description="Topic slug."),
            OpenApiParameter(
                "search",
                OpenApiTypes.STR,
                description=f"Words in the title, summary or body; at most "
                f"{MAX_SEARCH_LENGTH} characters. Title matches come first.",
            ),
            OpenApiParameter("reviewed_after", OpenApiTypes.DATE),
            OpenApiParameter("ordering", OpenApiTypes.STR, enum=ORDERINGS),
            OpenApiParameter(
                "page_size",
                OpenApiTypes.INT,
                description=f"1 to {MAX_PAGE_SIZE}; default 20.",
            ),
            OpenApiParameter(
                "fallback",
                OpenApiTypes.BOOL,
                description="Fill gaps with the article's version along the locale's "
                "fallback chain (marked is_fallback).",
            ),
            OpenApiParameter(
                "cursor",
                OpenApiTypes.STR,
                description="From the previous page's `next`.",
            ),
        ],
        responses={200: ArticleListResponse, **ERRORS},
    )
    def get(self, request):
        params = ArticleListParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        query = params.validated_data
        locale = requested_locale(request)
        terms = search_terms(query.get("search", ""))
        keys = ordering_keys(query.get("ordering"), searching=bool(terms))
        documents = listing_documents(
            site_id=current_site_id(request),
            locale=locale.code,
            with_fallback=query["fallback"],
            topic=query.get("topic"),
            terms=terms,
            reviewed_after=query.get("reviewed_after"),
        )
        scope = "|".join(
            [
                locale.code,
                query.get("ordering") or "",
                " ".join(terms),
                str(query["fallback"]),
            ]
        )
        if "cursor" in query:
            documents = after(
                documents, keys, read_cursor(query["cursor"], keys, scope)
            )
        size = query["page_size"]
        page = list(
            documents.order_by(*order_by(keys)).only(
                "page_id",
                "locale",
                "listing_json",
                *[k for k, _d, _t in keys if k not in ("relevance", "reviewed_sort")],
            )[: size + 1]
        )
        next_url = None
        if len(page) > size:
            page = page[:size]
            params_out = request.query_params.copy()
            params_out["cursor"] = make_cursor(page[-1], keys, scope)
            next_url = (
                request.build_absolute_uri(request.path) + "?" + params_out.urlencode()
            )
        items = [fallback_marked(d.listing_json, d.locale, locale.code) for d in page]
        body = (
            f'{{"locale":"{locale.code}","next":{json.dumps(next_url)},'
            f'"results":[{",".join(items)}]}}'
        )
        return json_response(body, language=locale.code, negotiated=locale.negotiated)


class ArticleDetailView(APIView):
    @extend_schema(
        summary="One article in one locale, or its fallback",
        operation_id="articles_retrieve",
        parameters=LOCALE_PARAMETERS,
        responses={200: ArticleDetailResponse, **ERRORS},
    )
    def get(self, request, slug: str):
        LocaleParams(data=request.query_params).is_valid(raise_exception=True)
        locale = requested_locale(request)
        document = article_document(
            site_id=current_site_id(request), locale=locale.code, slug=slug
        )
        if document is None:
            raise NotFound(
                f"No live article {slug[:100]!r} in {locale.code} or its fallbacks."
            )
        body = fallback_marked(document.detail_json, document.locale, locale.code)
        response = json_response(
            body, language=document.locale, negotiated=locale.negotiated
        )
        response["ETag"] = f'"{document.etag}"'
        return response


class TopicListView(APIView):
    @extend_schema(
        summary="Topics of one locale with their article counts",
        parameters=LOCALE_PARAMETERS,
        responses={200: TopicListResponse, **ERRORS},
    )
    def get(self, request):
        LocaleParams(data=request.query_params).is_valid(raise_exception=True)
        locale = requested_locale(request)
        topics = topics_with_counts(
            site_id=current_site_id(request), locale=locale.code
        )
        response = Response({"locale": locale.code, "results": topics})
        response["Content-Language"] = locale.code
        if locale.negotiated:
            patch_vary_headers(response, ["Accept-Language"])
        return response


def fallback_marked(stored_json: str, served: str, requested: str) -> str:
    """Stored JSON with the request's view of it prepended: which locale was asked for
    and whether a fallback was served. Splicing avoids decoding the stored document."""
    is_fallback = "true" if served != requested else "false"
    head = f'{{"requested_locale":"{requested}","is_fallback":{is_fallback},'
    return head + stored_json[1:]
