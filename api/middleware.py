from collections.abc import Callable
from functools import lru_cache
from urllib.parse import parse_qsl

from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.core.exceptions import MiddlewareNotUsed
from django.core.handlers.exception import convert_exception_to_response
from django.http import HttpRequest, HttpResponseBase
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import translation
from django.utils.module_loading import import_string
from rest_framework.exceptions import ValidationError

from articles.locales import default_language_code

from . import cache as response_cache
from .compression import encode_response
from .cors import add_cors_headers
from .locales import negotiate, resolve_locale


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's LocaleMiddleware, minus what it does to API responses: with pages under
    i18n_patterns it would turn an API 404 into a redirect to /en/api/..., and add
    `Vary: Accept-Language` even when `?locale=` decided the language. The API sets
    its own Content-Language and Vary; responses that are not about one locale (the
    locale list, errors) are in English.

    The language of a page request is chosen as Django's is (path prefix, then the
    language cookie, then Accept-Language, then the default), except that the header
    goes through `api.locales.negotiate`: Django's `get_supported_language_variant`
    sends zh-CN and zh-TW to the default and ignores q=0, and `/` must redirect to the
    locale the API would answer in."""

    def process_request(self, request):
        # Django 5.2's process_request, with `get_language_from_request` replaced.
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        i18n_patterns_used, prefixed_default_language = (
            is_language_prefix_patterns_used(urlconf)
        )
        from_path = i18n_patterns_used and translation.get_language_from_path(
            request.path_info
        )
        if not from_path and i18n_patterns_used and not prefixed_default_language:
            language = settings.LANGUAGE_CODE
        else:
            language = (
                from_path
                or self.language_from_cookie(request)
                or negotiate(request.META.get("HTTP_ACCEPT_LANGUAGE", ""))
                or default_language_code()
            )
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()

    @staticmethod
    def language_from_cookie(request) -> str | None:
        """The cookie's language when supported, checked as Django checks it."""
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code is None:
            return None
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            return None

    def process_response(self, request, response):
        match = getattr(request, "resolver_match", None)
        if match is not None and "api" in match.namespaces:
            response.headers.setdefault("Content-Language", "en")
            return response
        return super().process_response(request, response)


class ResponseCacheMiddleware:
    """Answers repeated API reads from the response cache before sessions,
    authentication, CSRF or DRF run, with one cache round trip; applies Cache-Control
    and conditional requests (304) to cacheable API responses, cached or not.

    A view takes part by defining `cache_policy(request, kwargs, locale)`, returning
    a variant name and the generations its response depends on (see `api.cache`).
    Place it first: hits then skip everything below it, and the stored copy carries
    the headers the middleware below added (security headers); the CORS headers,
    which depend on the caller, are added to each answer, never stored. Every API
    response leaves compressed when the client accepts it (`api.compression`):
    cached ones from the forms stored with them. Other API requests go on through
    the middleware below that the API uses (`api_view_chain`), not all of it."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.answer = api_view_chain(self) or get_response

    def __call__(self, request):
        match = _resolve(request.path_info)
        if match is None or "api" not in match.namespaces:
            return self.get_response(request)
        policy = (
            self.policy(request, match) if request.method in ("GET", "HEAD") else None
        )
        request.resolver_match = match
        if policy is None:
            return encode_response(request, self.answer(request))
        slot, cached, generation = None, None, None
        if getattr(settings, "CMS_API_RESPONSE_CACHE", True):
            slot = response_cache.Slot.for_request(request, *policy)
            cached, generation = slot.read()
        if cached is not None:
            response = add_cors_headers(request, response_cache.to_response(cached))
            forms = cached.encoded
        else:
            response = self.answer(request)
            forms = None
            if slot and generation is not None and response.status_code == 200:
                forms = slot.write(response, generation).encoded
        if response.status_code != 200:
            return encode_response(request, response)
        response_cache.cache_control(response)
        response = encode_response(request, response, forms)
        return response_cache.not_modified(request, response) or response

    @staticmethod
    def policy(request, match):
        view_class = getattr(match.func, "view_class", None)
        if not hasattr(view_class, "cache_policy"):
            return None
        # The query string is parsed for `locale` alone: building request.GET is a
        # sizeable share of a cache hit's cost.
        values = [
            value
            for name, value in parse_qsl(
                request.META.get("QUERY_STRING", ""), keep_blank_values=True
            )
            if name == "locale"
        ]
        try:
            locale = resolve_locale(
                values[-1] if values else None,
                request.META.get("HTTP_ACCEPT_LANGUAGE", ""),
            )
        except ValidationError:
            return None  # the view answers with the error
        return view_class.cache_policy(request, match.kwargs, locale)


# The site's middleware that the API's public, read-only views have no use for: API
# requests skip them (`api_view_chain`); they took a tenth of an uncached search's
# instructions. `CMS_API_SKIPPED_MIDDLEWARE` replaces the list.
SKIPPED_MIDDLEWARE = (
    "whitenoise.middleware.WhiteNoiseMiddleware",  # static files
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",  # the views are CSRF-exempt
    "django.contrib.auth.middleware.AuthenticationMiddleware",  # no authentication
    "django.contrib.messages.middleware.MessageMiddleware",
    "articles.review_outcome.ReviewOutcomeMiddleware",  # the admin's
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",  # the site's pages
)


def api_view_chain(
    middleware: ResponseCacheMiddleware,
) -> Callable[[HttpRequest], HttpResponseBase] | None:
    """The request cycle of an API request after `middleware`: the site's
    middleware below it but the skipped ones, then the view. None, and the whole
    chain runs, when `middleware` is not in MIDDLEWARE or a kept one hooks into the
    view itself (process_view and the like), which only Django's handler calls."""
    name = f"{type(middleware).__module__}.{type(middleware).__qualname__}"
    chain = list(settings.MIDDLEWARE)
    if name not in chain:
        return None
    skipped = set(getattr(settings, "CMS_API_SKIPPED_MIDDLEWARE", SKIPPED_MIDDLEWARE))
    kept = [path for path in chain[chain.index(name) + 1 :] if path not in skipped]
    handler = convert_exception_to_response(_view_response)
    for path in reversed(kept):
        factory = import_string(path)
        if not getattr(factory, "sync_capable", True):
            return None
        try:
            instance = factory(handler)
        except MiddlewareNotUsed:
            continue
        hooks = ("process_view", "process_exception", "process_template_response")
        if any(hasattr(instance, hook) for hook in hooks):
            return None
        handler = convert_exception_to_response(instance)
    return handler


def _view_response(request: HttpRequest) -> HttpResponseBase:
    """The resolved view's response, rendered, as Django's handler gives it."""
    match = request.resolver_match
    response = match.func(request, *match.args, **match.kwargs)
    if hasattr(response, "render") and callable(response.render):
        response = response.render()
    return response


@lru_cache(maxsize=4096)
def _resolve_cached(urlconf: str, path: str):
    try:
        return resolve(path, urlconf)
    except Resolver404:
        return None


def _resolve(path: str):
    """URL resolution is a large share of a cached answer's cost; paths repeat."""
    return _resolve_cached(get_urlconf() or settings.ROOT_URLCONF, path)


def is_api_path(path: str) -> bool:
    match = _resolve(path)
    return match is not None and "api" in match.namespaces
