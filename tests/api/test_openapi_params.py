"""The OpenAPI document says exactly what the server does with each parameter: a value
the document allows is answered, one it does not allow is a 400 naming the parameter.
The signed tokens are the one exception the document itself states: a value in their
format that the server did not sign is refused too. A preview token that is not valid,
blank included, is a 401."""

import re
import string
import unicodedata
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, ValidationError, validators
from regress import Regex

from api.base import delivery_openapi
from api.params import SLUG_PATTERN, locale_pattern
from articles.locales import MAX_TAG_LENGTH, content_locale_for
from tests.factories import ArticlePageFactory, publish


def ecma_pattern(validator, pattern, instance, schema):
    # JSON Schema 2020-12 patterns are ECMA-262 regular expressions, with the u flag.
    if isinstance(instance, str) and Regex(pattern, "u").find(instance) is None:
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


DocumentValidator = validators.extend(Draft202012Validator, {"pattern": ecma_pattern})


@pytest.fixture(scope="module")
def openapi():
    return delivery_openapi()


def parameter_schema(openapi, path: str, name: str) -> dict:
    parameters = openapi["paths"][path]["get"]["parameters"]
    return next(p["schema"] for p in parameters if p["name"] == name)


def allowed(schema: dict, raw: str) -> bool:
    """Whether the document allows `raw`, as written in a query string (form style:
    integers in decimal digits, booleans as true and false)."""
    value = raw
    if schema["type"] == "integer" and re.fullmatch(r"-?[1-9][0-9]*|0", raw):
        value = int(raw)
    elif schema["type"] == "boolean":
        value = {"true": True, "false": False}.get(raw, raw)
    checker = Draft202012Validator.FORMAT_CHECKER
    return DocumentValidator(schema, format_checker=checker).is_valid(value)


@pytest.fixture
def article(index_page):
    return publish(ArticlePageFactory(parent=index_page, slug="stem-cells"))


LISTING_VALUES = {
    "locale": ["ko", "ko-KR", "zh_TW", "ZH-hant-hk", "en-US-x-clinic", "", " ko",
               "de", "zh-Latn", "ko\x00", "en-" + "a" * 40],
    "topic": ["spine-care", "척추", "under_score", "", " spine", "a b", "💥",
              "a" * 101],
    "search": ["줄기세포", " stem  cell ", "a\tb\r\n", "\u3000", "", "   ", "a\x00b",
               "a\x1fb", "x" * 200, "x" * 201],
    "reviewed_after": ["2026-01-01", "", "20260101", "2026-W01-1", "2026-1-1",
                       "2026-02-30", "２０２６-01-01"],
    "ordering": ["title", "-last_reviewed", "", "TITLE"],
    "page_size": ["1", "100", "0", "101", "", "5.0", " 5", "٥", "+5", "abc"],
    "fallback": ["true", "false", "", "True", "1", "yes"],
}  # fmt: skip


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "value"),
    [(name, value) for name, values in LISTING_VALUES.items() for value in values],
)
def test_a_listing_parameter_is_accepted_exactly_when_the_document_allows_it(
    api, openapi, article, name, value
):
    response = api.get("/api/v1/articles/", {name: value})
    assert response.status_code in (200, 400)
    assert allowed(parameter_schema(openapi, "/api/v1/articles/", name), value) == (
        response.status_code == 200
    ), response.content
    if response.status_code == 400:
        assert name in response.json()["error"]["details"]


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["ko", "zh-TW", "", "de-DE", "ko "])
@pytest.mark.parametrize("path", ["/api/v1/topics/", "/api/v1/sync/"])
def test_the_locale_means_the_same_on_every_endpoint(
    api, openapi, article, path, value
):
    response = api.get(path, {"locale": value})
    assert allowed(parameter_schema(openapi, path, "locale"), value) == (
        response.status_code == 200
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("slug", "found"),
    [("stem-cells", True), ("줄기세포", False), ("a b", False), ("a" * 256, False)],
)
def test_a_slug_the_document_refuses_is_never_found(api, openapi, article, slug, found):
    response = api.get(f"/api/v1/articles/{slug}/")
    assert response.status_code == (200 if found else 404)
    schema = parameter_schema(openapi, "/api/v1/articles/{slug}/", "slug")
    assert allowed(schema, slug) or not found


@pytest.mark.django_db
@pytest.mark.parametrize(("length", "status"), [(500, 200), (501, 400)])
def test_accept_language_is_bounded_as_documented(api, article, length, status):
    header = ("ko;q=0.9, " * 60)[:length]
    response = api.get("/api/v1/articles/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == status


@pytest.mark.django_db
def test_tokens_the_server_signs_are_in_the_documented_format(api, openapi, article):
    publish(ArticlePageFactory(parent=article.get_parent(), slug="other"))
    listing = api.get("/api/v1/articles/", {"page_size": 1}).json()
    cursor = parse_qs(urlsplit(listing["next"]).query)["cursor"][0]
    page_token = api.get("/api/v1/sync/", {"page_size": 1}).json()["next_page_token"]
    assert allowed(parameter_schema(openapi, "/api/v1/articles/", "cursor"), cursor)
    assert allowed(parameter_schema(openapi, "/api/v1/sync/", "page_token"), page_token)
    next_page = api.get("/api/v1/articles/", {"page_size": 1, "cursor": cursor})
    assert next_page.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "name", "code"),
    [
        ("/api/v1/articles/", "cursor", "invalid_cursor"),
        ("/api/v1/sync/", "sync_token", "invalid_token"),
        ("/api/v1/sync/", "page_token", "invalid_token"),
    ],
)
@pytest.mark.parametrize("value", ["", "unsigned", "a:b:c", "a\x00:b:c"])
def test_a_token_the_server_did_not_sign_is_a_400_naming_it(
    api, article, path, name, code, value
):
    response = api.get(path, {name: value})
    assert response.status_code == 400
    error = response.json()["error"]
    assert list(error["details"]) == [name]
    assert error["code"] == (code if value else "blank")


@pytest.mark.django_db
@pytest.mark.parametrize("token", ["", " ", "unsigned", "a:b:c", "a\x00b"])
def test_a_blank_or_malformed_preview_token_is_a_401_like_any_bad_token(api, token):
    response = api.get("/api/v1/preview/", {"token": token})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_token"


@pytest.mark.django_db
def test_an_overlong_preview_token_is_a_bad_parameter(api, openapi):
    response = api.get("/api/v1/preview/", {"token": "C" * 2001})
    assert response.status_code == 400
    assert not allowed(
        parameter_schema(openapi, "/api/v1/preview/", "token"), "C" * 2001
    )


# The locale pattern is built from the content locales; these check it against the
# function that resolves tags, both ways.

RFC_5646_TAG = (
    r"[a-z]{2,3}(-[a-z]{3}){0,2}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?"
    r"(-([a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*(-x(-[a-z0-9]{1,8})+)?"
)


# The document's pattern with repeats bounded, so that most tags fit in its maxLength.
BOUNDED_LOCALE_PATTERN = (
    locale_pattern()[1:-1].replace(")*", "){0,2}").replace(")+", "){1,2}")
)


@settings(max_examples=200, deadline=None)
@given(
    tag=st.from_regex(BOUNDED_LOCALE_PATTERN, fullmatch=True).filter(
        lambda tag: len(tag) <= MAX_TAG_LENGTH
    )
)
def test_every_tag_the_document_allows_names_a_content_locale(tag):
    assert content_locale_for(tag) is not None


@settings(max_examples=200, deadline=None)
@given(
    tag=st.one_of(
        st.from_regex(RFC_5646_TAG, fullmatch=True),
        st.text(string.ascii_letters + "-_", max_size=12),
    )
)
def test_every_tag_that_names_a_content_locale_is_allowed(tag):
    if content_locale_for(tag) is not None:
        assert re.fullmatch(locale_pattern(), tag)


def test_the_slug_pattern_is_djangos_unicode_slug():
    # Python's `\w` and ECMA-262's Unicode properties agree wherever Python's Unicode
    # database knows the character.
    document = Regex(SLUG_PATTERN, "u")
    django = re.compile(r"[-\w]+")
    disagree = [
        hex(code)
        for code in range(0x30000)
        if not 0xD800 <= code < 0xE000
        and unicodedata.category(chr(code)) != "Cn"
        and (document.find(chr(code)) is not None) != bool(django.fullmatch(chr(code)))
    ]
    assert not disagree
