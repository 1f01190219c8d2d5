"""API requests pass the site's middleware that they use (security headers, the
language, CommonMiddleware, X-Frame-Options) and skip the rest (sessions, CSRF,
authentication, messages, static files, redirects), which only cost them time."""

import pytest
from django.http import HttpResponse

from api.middleware import ResponseCacheMiddleware, api_view_chain

pytestmark = pytest.mark.django_db

SKIPPED = (
    "django.contrib.sessions.middleware.SessionMiddleware.process_request",
    "django.contrib.auth.middleware.AuthenticationMiddleware.process_request",
    "django.contrib.messages.middleware.MessageMiddleware.process_request",
)


def broken(self, request):
    raise RuntimeError("must not run for the API")


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/locales/",
        "/api/v1/articles/?locale=en",
        "/api/v1/sync/?locale=en",
        "/api/v1/articles/missing/?locale=en",
    ],
)
def test_api_requests_skip_sessions_authentication_and_messages(api, monkeypatch, path):
    for hook in SKIPPED:
        monkeypatch.setattr(hook, broken)
    response = api.get(path)
    assert response.status_code in (200, 404)
    assert response["Content-Type"].startswith("application/json")
    assert "Set-Cookie" not in response
    assert not response.wsgi_request.__dict__.keys() & {"session", "_messages"}


def test_api_responses_keep_the_headers_of_the_middleware_they_pass(api):
    response = api.get("/api/v1/locales/", HTTP_ACCEPT_LANGUAGE="ko")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Content-Language"] == "en"


def test_pages_still_pass_every_middleware(client, monkeypatch, index_page):
    client.raise_request_exception = False
    monkeypatch.setattr(SKIPPED[0], broken)
    assert client.get("/en/").status_code == 500


def test_the_skipped_middleware_is_a_setting(api, monkeypatch, settings):
    settings.CMS_API_SKIPPED_MIDDLEWARE = []
    api.raise_request_exception = False
    monkeypatch.setattr(SKIPPED[0], broken)
    response = api.get("/api/v1/locales/")
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "server_error"


class ViewHooks:
    """A host's middleware that Django's handler alone would call around the view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view, args, kwargs):
        return None


def test_a_kept_middleware_hooking_into_the_view_keeps_the_whole_chain(settings):
    settings.MIDDLEWARE = [
        "api.middleware.ResponseCacheMiddleware",
        f"{__name__}.ViewHooks",
    ]

    def full_chain(request):
        return HttpResponse()

    middleware = ResponseCacheMiddleware(full_chain)
    assert api_view_chain(middleware) is None
    assert middleware.answer is full_chain


def test_without_the_middleware_in_settings_the_whole_chain_runs(settings):
    settings.MIDDLEWARE = ["django.middleware.security.SecurityMiddleware"]

    def full_chain(request):
        return HttpResponse()

    middleware = ResponseCacheMiddleware(full_chain)
    assert api_view_chain(middleware) is None
    assert middleware.answer is full_chain
