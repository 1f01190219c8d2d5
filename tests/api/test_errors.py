"""Every error is JSON with the right status, never HTML or a traceback."""

import importlib.metadata
import re

import pytest
from django.core.cache import cache
from django.db.utils import OperationalError

pytestmark = pytest.mark.django_db


def assert_json_error(response, status: int, code: str | None = None):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    error = response.json()["error"]
    assert set(error) == {"code", "message", "details"}
    if code:
        assert error["code"] == code
    assert "Traceback" not in response.content.decode()


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_writes_are_405(api, method):
    assert_json_error(
        getattr(api, method)("/api/v1/articles/"), 405, "method_not_allowed"
    )


def test_unacceptable_media_type_is_406(api):
    response = api.get("/api/v1/locales/", HTTP_ACCEPT="text/html")
    assert_json_error(response, 406, "not_acceptable")


def test_negotiation_is_remembered_per_accept_header_but_never_a_refusal(api, settings):
    # (Negotiation is remembered per view and header: `api.base`. A cached answer
    # comes before negotiation, as HTTP allows: it is left out here.)
    settings.CMS_API_RESPONSE_CACHE = False
    for _ in range(2):
        refused = api.get("/api/v1/locales/", HTTP_ACCEPT="text/html")
        assert_json_error(refused, 406, "not_acceptable")
        accepted = api.get("/api/v1/locales/", HTTP_ACCEPT="text/html, */*;q=0.1")
        assert accepted.status_code == 200
        assert accepted["Content-Type"] == "application/json"


def test_unknown_api_url_is_a_json_404(api):
    assert_json_error(api.get("/api/v1/nothing/here/"), 404, "not_found")
    assert_json_error(api.get("/api/v2/articles/"), 404, "not_found")


def test_unexpected_failure_is_a_json_500_without_internals(
    api, index_page, monkeypatch
):
    def explode(**kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr("api.views.article_document", explode)
    response = api.get("/api/v1/articles/anything/")
    assert_json_error(response, 500, "server_error")
    assert "secret internals" not in response.content.decode()


def test_too_many_requests_is_a_429_with_retry_after(api, settings):
    cache.clear()
    settings.CMS_API_ANON_RATE = "2/minute"
    # Requests the response cache cannot answer (it answers hits before any view).
    for _ in range(2):
        assert api.get("/api/v1/articles/missing/").status_code == 404
    response = api.get("/api/v1/articles/missing/")
    assert_json_error(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0
    cache.clear()


def test_schema_and_self_hosted_docs_are_served(api):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    docs = api.get("/api/v1/docs/", HTTP_ACCEPT="text/html")
    assert docs.status_code == 200
    html = docs.content.decode()
    assert "/api/v1/docs/redoc.js" in html
    assert "cdn." not in html and "unpkg" not in html
    # No request leaves the site: no fonts or scripts from another host.
    assert not re.findall(r"""(?:src|href)=["']https?://""", html)
    info = schema.json()["info"]
    assert info["title"] == "Medical articles API"
    assert info["version"] == importlib.metadata.version("wagtail-medical-articles")


@pytest.mark.parametrize(
    "url", ["/api/v1/locales/", "/api/v1/articles/?locale=xx", "/api/v1/nowhere/"]
)
def test_every_response_carries_content_language(api, url):
    assert api.get(url)["Content-Language"] == "en"


def test_database_outage_in_a_view_is_a_json_503_with_retry_after(
    api, index_page, monkeypatch
):
    def unreachable(**kwargs):
        raise OperationalError("connection refused: secret-host:5432")

    monkeypatch.setattr("api.views.article_document", unreachable)
    response = api.get("/api/v1/articles/anything/")
    assert_json_error(response, 503, "database_unavailable")
    assert int(response["Retry-After"]) > 0
    assert response["Cache-Control"] == "no-store"
    assert "secret-host" not in response.content.decode()


def test_database_outage_in_middleware_is_a_json_503(client, monkeypatch):
    """Middleware may read the database before any view runs (a host's own, or the
    site's for pages)."""
    client.raise_request_exception = False

    def unreachable(self, request):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(
        "django.middleware.common.CommonMiddleware.process_request", unreachable
    )
    response = client.get("/api/v1/articles/anything/")
    assert_json_error(response, 503, "database_unavailable")
    assert int(response["Retry-After"]) > 0


def test_failure_in_middleware_is_still_json_for_the_api_and_html_elsewhere(
    client, monkeypatch, settings
):
    """handler500 covers what fails outside DRF's exception handling."""
    client.raise_request_exception = False

    def broken(self, request):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(
        "django.middleware.common.CommonMiddleware.process_request", broken
    )
    api_response = client.get("/api/v1/locales/")
    assert_json_error(api_response, 500, "server_error")
    assert "secret internals" not in api_response.content.decode()
    page_response = client.get("/en/")
    assert page_response.status_code == 500
    assert not page_response["Content-Type"].startswith("application/json")
