"""API responses are compressed for clients that accept it (brotli, gzip), cache hits
included; compressed ones carry a weak ETag, and If-None-Match compares weakly."""

import gzip
import json

import brotli
import pytest
from django.core.cache import caches

from api.compression import preferred_encoding
from tests.factories import ArticlePageFactory, paragraph, publish, section

pytestmark = pytest.mark.django_db

DETAIL = "/api/v1/articles/stem-cells/"


@pytest.fixture(autouse=True)
def empty_cache():
    caches["api"].clear()
    from api import cache

    cache._local.clear()


@pytest.fixture
def article(index_page):
    long_text = "<p>" + "Mesenchymal stem cells reduce inflammation. " * 60 + "</p>"
    return publish(
        ArticlePageFactory(
            parent=index_page,
            slug="stem-cells",
            body=[section("Overview", paragraph(long_text))],
        )
    )


def decoded(response) -> dict:
    encoding = response.get("Content-Encoding")
    body = response.content
    if encoding == "br":
        body = brotli.decompress(body)
    elif encoding == "gzip":
        body = gzip.decompress(body)
    return json.loads(body)


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        ("gzip, deflate, br, zstd", "br"),  # Chrome
        ("gzip, deflate, br", "br"),  # Firefox, Safari
        ("gzip", "gzip"),
        ("gzip;q=1.0, br;q=0.5", "gzip"),
        ("br;q=0, gzip", "gzip"),
        ("*", "br"),
        ("*;q=0", None),
        ("identity", None),
        ("", None),
        ("br;q=nonsense, gzip;q=0.1", "gzip"),
    ],
)
def test_the_encoding_follows_the_clients_preference(accept, expected):
    assert preferred_encoding(accept) == expected


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_a_detail_is_compressed_on_a_miss_and_on_a_hit(api, article, encoding):
    plain = api.get(DETAIL)
    miss = api.get(f"{DETAIL}?locale=en", HTTP_ACCEPT_ENCODING=encoding)
    hit = api.get(f"{DETAIL}?locale=en", HTTP_ACCEPT_ENCODING=encoding)
    assert hit["X-Cache"] == "HIT"
    for response in (miss, hit):
        assert response["Content-Encoding"] == encoding
        assert int(response["Content-Length"]) == len(response.content)
        assert len(response.content) < len(plain.content) / 3
        assert decoded(response) == plain.json()
        assert "Accept-Encoding" in response["Vary"]
        assert response["ETag"] == f"W/{plain['ETag']}"


def test_without_accept_encoding_the_body_is_plain_and_says_it_varies(api, article):
    response = api.get(DETAIL)
    assert "Content-Encoding" not in response
    assert "Accept-Encoding" in response["Vary"]
    assert response.json()["slug"] == "stem-cells"


@pytest.mark.parametrize(
    "url", ["/api/v1/articles/?locale=en", "/api/v1/sync/?locale=en", "/api/v1/schema/"]
)
def test_listings_sync_and_schema_are_compressed_too(api, article, url):
    response = api.get(url, HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert brotli.decompress(response.content)


def test_a_json_error_is_compressed_only_when_it_is_worth_it(api):
    response = api.get("/api/v1/articles/nope/", HTTP_ACCEPT_ENCODING="br")
    assert response.status_code == 404
    assert "Content-Encoding" not in response  # a few bytes: not worth it
    assert response.json()["error"]["code"] == "not_found"


@pytest.mark.parametrize("encoding", ["br", None])
def test_a_weakened_etag_still_gets_a_304(api, article, encoding):
    strong = api.get(DETAIL)["ETag"]
    headers = {"HTTP_ACCEPT_ENCODING": encoding} if encoding else {}
    # A proxy that compressed the response handed the client W/"...".
    response = api.get(DETAIL, HTTP_IF_NONE_MATCH=f"W/{strong}", **headers)
    assert response.status_code == 304
    # And a client holding the strong tag matches a compressed representation.
    response = api.get(DETAIL, HTTP_IF_NONE_MATCH=strong, HTTP_ACCEPT_ENCODING="br")
    assert response.status_code == 304
    assert "Accept-Encoding" in response["Vary"]


def test_a_compressed_head_says_its_length(api, article):
    response = api.head(DETAIL, HTTP_ACCEPT_ENCODING="br")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "br"
    assert int(response["Content-Length"]) > 0
