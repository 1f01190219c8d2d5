"""The documentation page asks nothing of another host, and the OpenAPI document
describes each block and the HTML its rich text may hold."""

import re

import pytest

from api.base import delivery_openapi
from api.docs import REDOCLY_LOGO, redoc_bundle
from api.schema import CONTENT_BLOCK_SCHEMAS
from api.schema_html import INLINE_HTML, RICH_TEXT
from articles.richtext import ALLOWED_ATTRIBUTES, ALLOWED_TAGS

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schemas():
    return delivery_openapi()["components"]["schemas"]


def test_docs_page_loads_redoc_from_the_site_under_a_strict_policy(api):
    response = api.get("/api/v1/docs/", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.findall(r"""(?:src|href)=["'](?:https?:)?//""", html)
    script = re.search(r'<script src="([^"]+)"', html).group(1)
    assert script == f"/api/v1/docs/redoc.js?v={redoc_bundle().version}"
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response["Content-Security-Policy"].split(";")
    )
    assert policy["default-src"] == "'none'"
    assert policy["script-src"] == "'self'"
    assert policy["img-src"] == "'self' data:"
    assert policy["connect-src"] == "'self'"


def test_redoc_bundle_is_served_without_the_redocly_logo(api):
    response = api.get("/api/v1/docs/redoc.js", HTTP_ACCEPT_ENCODING="identity")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript"
    assert "immutable" in response["Cache-Control"]
    assert REDOCLY_LOGO not in response.content
    assert b"cdn.redoc.ly" not in response.content
    assert b"Redoc" in response.content


def test_redoc_bundle_is_sent_compressed_to_browsers(api):
    response = api.get("/api/v1/docs/redoc.js", HTTP_ACCEPT_ENCODING="br, gzip")
    assert response["Content-Encoding"] == "br"
    assert len(response.content) < len(redoc_bundle().body) / 2


def test_every_block_type_says_what_it_is(schemas):
    for block in CONTENT_BLOCK_SCHEMAS.values():
        name = block.__name__.removesuffix("Serializer")
        assert schemas[name]["description"].strip(), name


def test_rich_text_descriptions_name_exactly_the_allowed_html():
    named = set(re.findall(r"`<(\w+)>`", RICH_TEXT))
    assert named == set(ALLOWED_TAGS)
    for tag, attributes in ALLOWED_ATTRIBUTES.items():
        for attribute in attributes:
            assert f"`{attribute}` on `<{tag}>`" in RICH_TEXT
    assert set(re.findall(r"`<(\w+)>`", INLINE_HTML)) <= set(ALLOWED_TAGS)


@pytest.mark.parametrize(
    ("component", "field", "description"),
    [
        ("ParagraphBlock", "html", RICH_TEXT),
        ("CalloutBlock", "body", RICH_TEXT),
        ("ClinicalStudyBlock", "outcome", RICH_TEXT),
        ("FAQItem", "answer", RICH_TEXT),
        ("NumberedItem", "text", INLINE_HTML),
        ("ArticleDetailResponse", "disclaimer", RICH_TEXT),
    ],
)
def test_rich_text_fields_describe_their_html(schemas, component, field, description):
    assert schemas[component]["properties"][field]["description"] == description


def test_list_items_describe_their_html(schemas):
    bullet = schemas["BulletListBlock"]["properties"]["items"]["items"]
    sub_item = schemas["NumberedItem"]["properties"]["sub_items"]["items"]
    assert bullet["description"] == sub_item["description"] == INLINE_HTML


def test_json_ld_is_described_with_a_real_example(schemas):
    json_ld = schemas["ArticleDetailResponse"]["properties"]["json_ld"]
    assert "MedicalWebPage" in json_ld["description"]
    assert json_ld["examples"][0]["@type"] == "MedicalWebPage"
