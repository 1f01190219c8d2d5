"""Responses match the OpenAPI document, so clients generated from it can be trusted."""

from io import StringIO

import pytest
from django.core.management import call_command
from jsonschema import Draft202012Validator

from api.base import delivery_openapi
from api.schema import CONTENT_BLOCK_SCHEMAS
from articles.blocks import SectionContentBlock
from tests.conftest import shared_data

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def openapi():
    return delivery_openapi()


def validate(openapi, component: str, data) -> None:
    schema = {
        "components": openapi["components"],
        "$ref": f"#/components/schemas/{component}",
    }
    errors = sorted(Draft202012Validator(schema).iter_errors(data), key=str)
    assert not errors, "\n".join(
        f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]
    )


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker):
        call_command("load_demo", "--no-admin", stdout=StringIO())
        yield


def test_document_describes_only_the_delivery_api(openapi):
    assert sorted(openapi["paths"]) == [
        "/api/v1/articles/",
        "/api/v1/articles/{slug}/",
        "/api/v1/locales/",
        "/api/v1/preview/",
        "/api/v1/sync/",
        "/api/v1/topics/",
    ]
    assert openapi["openapi"].startswith("3.1")


def test_every_content_block_type_is_in_the_discriminated_union(openapi):
    union = openapi["components"]["schemas"]["ContentBlock"]
    assert union["discriminator"]["propertyName"] == "type"
    assert set(union["discriminator"]["mapping"]) == set(
        SectionContentBlock().child_blocks
    )
    assert set(CONTENT_BLOCK_SCHEMAS) == set(SectionContentBlock().child_blocks)


def test_every_demo_response_matches_the_document(api, demo, openapi):
    validate(openapi, "LocaleListResponse", api.get("/api/v1/locales/").json())
    for locale in ["en", "ko", "zh-hans", "ar", "zh-hant"]:
        listing = api.get(
            "/api/v1/articles/", {"locale": locale, "fallback": "true"}
        ).json()
        validate(openapi, "ArticleListResponse", listing)
        validate(
            openapi,
            "TopicListResponse",
            api.get("/api/v1/topics/", {"locale": locale}).json(),
        )
        sync = api.get("/api/v1/sync/", {"locale": locale}).json()
        validate(openapi, "SyncResponse", sync)
        assert listing["results"], locale
        for item in listing["results"]:
            detail = api.get(
                f"/api/v1/articles/{item['slug']}/", {"locale": locale}
            ).json()
            validate(openapi, "ArticleDetailResponse", detail)


def test_demo_uses_every_block_type(api, demo):
    listing = api.get("/api/v1/articles/").json()
    types = set()
    for item in listing["results"]:
        detail = api.get(f"/api/v1/articles/{item['slug']}/").json()
        types |= {
            block["type"] for section in detail["body"] for block in section["content"]
        }
    assert types == set(SectionContentBlock().child_blocks)


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v1/articles/?page_size=0", 400),
        ("/api/v1/articles/?locale=xx", 400),
        ("/api/v1/articles/missing/", 404),
        ("/api/v1/nowhere/", 404),
    ],
)
def test_errors_match_the_error_schema(api, openapi, url, status):
    response = api.get(url)
    assert response.status_code == status
    validate(openapi, "Error", response.json())
    assert response["Cache-Control"] == "no-store"
