"""Responses match the OpenAPI document, so clients generated from it can be trusted."""

from io import StringIO

import pytest
from django.core.management import call_command
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate as validate_openapi

from api import schema_examples as examples
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


def served_document(api, **headers) -> dict:
    return api.get("/api/v1/schema/", {"format": "json"}, **headers).json()


def test_the_served_document_is_valid_openapi(api):
    validate_openapi(served_document(api))


def test_servers_name_the_host_the_document_was_asked_from(api, settings):
    settings.ALLOWED_HOSTS = ["api.hospital.example"]
    document = served_document(api, HTTP_HOST="api.hospital.example")
    assert document["servers"] == [{"url": "http://api.hospital.example"}]


def test_servers_name_the_public_url_when_one_is_set(api, settings):
    settings.CMS_API_PUBLIC_URL = "https://cdn.hospital.example/"
    assert served_document(api)["servers"] == [{"url": "https://cdn.hospital.example"}]


def test_every_operation_is_public(openapi):
    operations = [op for path in openapi["paths"].values() for op in path.values()]
    assert {str(op["security"]) for op in operations} == {"[]"}
    assert "security" not in openapi
    assert "securitySchemes" not in openapi["components"]


def documented_examples(openapi):
    """(where, schema, example value) of every response example in the document."""
    for path, operations in openapi["paths"].items():
        for method, operation in operations.items():
            for status, response in operation["responses"].items():
                content = response.get("content", {}).get("application/json", {})
                for name, example in content.get("examples", {}).items():
                    where = f"{method} {path} {status} {name}"
                    yield where, content["schema"], example["value"]


def test_every_response_example_matches_its_schema(openapi):
    found = list(documented_examples(openapi))
    statuses = sorted(where.split()[2] for where, _schema, _value in found)
    assert statuses == ["200"] * 6 + ["400"] * 6
    for where, schema, value in found:
        validator = Draft202012Validator(
            {"components": openapi["components"], **schema}
        )
        errors = [
            f"{list(e.absolute_path)}: {e.message}"
            for e in validator.iter_errors(value)
        ]
        assert not errors, (where, errors[:5])


def shapes(value, path: str = "$") -> set[tuple[str, frozenset]]:
    """(where, keys) of every object in a JSON value: the items of a list share a
    place, and content blocks are told apart by their type."""
    found = set()
    if isinstance(value, dict):
        if isinstance(value.get("type"), str):
            path = f"{path}<{value['type']}>"
        found.add((path, frozenset(value)))
        for key, item in value.items():
            found |= shapes(item, f"{path}.{key}")
    elif isinstance(value, list):
        for item in value:
            found |= shapes(item, f"{path}[]")
    return found


@pytest.mark.parametrize(
    ("url", "params", "example"),
    [
        ("/api/v1/locales/", {}, examples.LOCALE_LIST),
        ("/api/v1/articles/", {"locale": "ko"}, examples.ARTICLE_LIST),
        (
            f"/api/v1/articles/{examples.SLUG}/",
            {"locale": "ko"},
            examples.ARTICLE_DETAIL,
        ),
        ("/api/v1/topics/", {"locale": "ko"}, examples.TOPIC_LIST),
        ("/api/v1/sync/", {"locale": "ko"}, examples.SYNC),
        ("/api/v1/topics/", {"locale": "de"}, examples.UNKNOWN_LOCALE),
    ],
)
def test_examples_have_the_shape_of_the_demos_responses(
    api, demo, url, params, example
):
    real = shapes(api.get(url, params).json())
    # Where the demo has nothing to show (no article was deleted), the response
    # schema alone vouches for the example.
    places = {place for place, _keys in real}
    assert {shape for shape in shapes(example) if shape[0] in places} <= real


def test_the_detail_example_is_the_demos_stem_cell_article(api, demo):
    real = api.get(f"/api/v1/articles/{examples.SLUG}/", {"locale": "ko"}).json()
    example = examples.ARTICLE_DETAIL
    same = ["title", "slug", "locale", "translation_key", "available_locales"]
    assert {key: example[key] for key in same} == {key: real[key] for key in same}
    anchors = [section["anchor"] for section in real["body"]]
    assert all(section["anchor"] in anchors for section in example["body"])
