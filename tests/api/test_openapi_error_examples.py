"""Every error response in the OpenAPI document shows a real error body, not
"string" placeholders, and it is the body the API sends for that status."""

import pytest
from django.core.cache import cache
from django.db.utils import OperationalError
from jsonschema import Draft202012Validator

from api import schema_examples as examples
from api.base import delivery_openapi
from api.errors import MESSAGES, database_unavailable

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def openapi():
    return delivery_openapi()


def error_responses(openapi):
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                if not status.startswith(("4", "5")):
                    continue
                yield f"{method} {path} {status}", int(status), response


def test_every_error_response_carries_an_example(openapi):
    for where, status, response in error_responses(openapi):
        content = response["content"]["application/json"]
        named = [e["value"] for e in content.get("examples", {}).values()]
        in_schema = content["schema"].get("examples", [])
        assert named or in_schema, where
        if in_schema:
            # Redoc's sampler reads `examples` beside an `allOf`, not beside a $ref.
            assert content["schema"]["allOf"] == [
                {"$ref": "#/components/schemas/Error"}
            ]
            assert in_schema == [examples.ERRORS[status]], where


def test_error_examples_match_the_error_schema(openapi):
    validator = Draft202012Validator(
        {"components": openapi["components"], "$ref": "#/components/schemas/Error"}
    )
    for status, body in examples.ERRORS.items():
        assert not list(validator.iter_errors(body)), status


def assert_is_example(response, status: int) -> None:
    assert response.status_code == status
    assert response.json() == examples.ERRORS[status]


def test_not_found_405_and_406_examples_are_what_the_api_sends(api):
    assert_is_example(api.get("/api/v1/nowhere/"), 404)
    assert_is_example(api.post("/api/v1/articles/"), 405)
    assert_is_example(api.get("/api/v1/articles/", HTTP_ACCEPT="text/html"), 406)


def test_preview_error_examples_are_what_the_api_sends(api, monkeypatch):
    from api import preview

    def expired(*args, **kwargs):
        raise preview.PreviewTokenExpired()

    def wrong_page(*args, **kwargs):
        raise preview.PreviewWrongPage()

    monkeypatch.setattr("api.views.previewed_page", expired)
    assert_is_example(api.get("/api/v1/preview/", {"token": "a:b:c"}), 401)
    monkeypatch.setattr("api.views.previewed_page", wrong_page)
    assert_is_example(api.get("/api/v1/preview/", {"token": "a:b:c"}), 403)


def test_throttled_example_is_what_the_api_sends(api, settings):
    cache.clear()
    settings.CMS_API_ANON_RATE = "1/minute"
    assert api.get("/api/v1/articles/missing/").status_code == 404
    body = api.get("/api/v1/articles/missing/").json()["error"]
    example = examples.ERRORS[429]["error"]
    assert body["code"] == example["code"]
    # The wait differs; the sentence does not.
    assert body["message"].split(" in ")[0] == example["message"].split(" in ")[0]
    cache.clear()


def test_server_error_examples_are_what_the_api_sends(api, monkeypatch):
    assert examples.ERRORS[500]["error"]["message"] == MESSAGES[500]

    def unreachable(**kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("api.views.article_document", unreachable)
    assert_is_example(api.get("/api/v1/articles/anything/"), 503)
    assert database_unavailable().status_code == 503
