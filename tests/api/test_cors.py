"""Cross-origin reads are the API's own behaviour: configured by
CMS_API_CORS_ALLOWED_ORIGINS, answered on every API response (cache hits, errors
and preflights included), never stored with one caller's origin, and absent from
the site's other URLs."""

import pytest
from django.core.cache import cache
from django.core.management import call_command

from api.cors import check_allowed_origins

pytestmark = pytest.mark.django_db

HOSPITAL = "https://www.hospital.example"
APP = "https://app.hospital.example"


@pytest.fixture(autouse=True)
def origins(settings):
    settings.CMS_API_CORS_ALLOWED_ORIGINS = [HOSPITAL, APP]
    cache.clear()
    yield
    cache.clear()


def test_an_allowed_origin_may_read_and_another_may_not(api):
    allowed = api.get("/api/v1/locales/", HTTP_ORIGIN=HOSPITAL)
    assert allowed["Access-Control-Allow-Origin"] == HOSPITAL
    assert "ETag" in allowed["Access-Control-Expose-Headers"]
    assert "Origin" in allowed["Vary"]
    refused = api.get("/api/v1/locales/", HTTP_ORIGIN="https://evil.example")
    assert refused.status_code == 200
    assert "Access-Control-Allow-Origin" not in refused
    assert "Origin" in refused["Vary"]


def test_a_cached_answer_is_never_given_with_another_callers_origin(
    api, published_article
):
    article = published_article(slug="knee")
    first = api.get(f"/api/v1/articles/{article.slug}/", HTTP_ORIGIN=HOSPITAL)
    assert first["Access-Control-Allow-Origin"] == HOSPITAL
    second = api.get(f"/api/v1/articles/{article.slug}/", HTTP_ORIGIN=APP)
    assert second["X-Cache"] == "HIT"
    assert second["Access-Control-Allow-Origin"] == APP
    third = api.get(
        f"/api/v1/articles/{article.slug}/", HTTP_ORIGIN="https://x.example"
    )
    assert third["X-Cache"] == "HIT"
    assert "Access-Control-Allow-Origin" not in third
    no_origin = api.get(f"/api/v1/articles/{article.slug}/")
    assert "Access-Control-Allow-Origin" not in no_origin


def test_a_304_keeps_the_origin_header(api, published_article):
    article = published_article(slug="knee")
    etag = api.get(f"/api/v1/articles/{article.slug}/")["ETag"]
    response = api.get(
        f"/api/v1/articles/{article.slug}/",
        HTTP_ORIGIN=HOSPITAL,
        HTTP_IF_NONE_MATCH=etag,
    )
    assert response.status_code == 304
    assert response["Access-Control-Allow-Origin"] == HOSPITAL


@pytest.mark.parametrize(
    "path", ["/api/v1/articles/", "/api/v1/articles/no-such/", "/api/v1/nowhere/"]
)
def test_errors_are_readable_cross_origin(api, path):
    response = api.get(path + "?locale=xx-nope", HTTP_ORIGIN=HOSPITAL)
    assert response.status_code in (400, 404)
    assert response["Access-Control-Allow-Origin"] == HOSPITAL


def test_a_preflight_is_answered_without_running_the_view(api):
    response = api.options(
        "/api/v1/articles/",
        HTTP_ORIGIN=HOSPITAL,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert response.status_code == 204
    assert response.content == b""
    assert response["Access-Control-Allow-Origin"] == HOSPITAL
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert "If-None-Match" in response["Access-Control-Allow-Headers"]
    assert int(response["Access-Control-Max-Age"]) > 0
    assert "Access-Control-Allow-Credentials" not in response


def test_a_preflight_from_an_unknown_origin_gets_no_permission(api):
    response = api.options(
        "/api/v1/articles/",
        HTTP_ORIGIN="https://evil.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert "Access-Control-Allow-Origin" not in response
    assert "Access-Control-Allow-Methods" not in response


def test_star_allows_any_origin_without_varying(api, settings):
    settings.CMS_API_CORS_ALLOWED_ORIGINS = ["*"]
    response = api.get("/api/v1/locales/", HTTP_ORIGIN="https://any.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Origin" not in response.get("Vary", "")


def test_nothing_is_allowed_by_default(api, settings):
    settings.CMS_API_CORS_ALLOWED_ORIGINS = []
    response = api.get("/api/v1/locales/", HTTP_ORIGIN=HOSPITAL)
    assert "Access-Control-Allow-Origin" not in response


def test_the_schema_is_readable_cross_origin(api):
    response = api.get(
        "/api/v1/schema/",
        HTTP_ORIGIN=HOSPITAL,
        HTTP_ACCEPT="application/vnd.oai.openapi+json",
    )
    assert response["Access-Control-Allow-Origin"] == HOSPITAL


def test_the_sites_other_urls_get_no_cors(client, index_page):
    response = client.get(index_page.url, HTTP_ORIGIN=HOSPITAL)
    assert "Access-Control-Allow-Origin" not in response


@pytest.mark.parametrize(
    "origin",
    ["https://www.hospital.example/", "www.hospital.example", "ftp://x.example"],
)
def test_a_misspelt_origin_is_a_system_check_error(settings, origin):
    settings.CMS_API_CORS_ALLOWED_ORIGINS = [origin]
    messages = check_allowed_origins()
    assert [m.id for m in messages] == ["articles_api.E003"]
    assert repr(origin) in messages[0].msg


def test_good_origins_pass_the_system_check(settings):
    settings.CMS_API_CORS_ALLOWED_ORIGINS = [HOSPITAL, "http://localhost:3000", "*"]
    assert check_allowed_origins() == []
    call_command("check")
