"""Real browsers' Accept-Language headers and `?locale=` tags reach the right content
locale, and the site's `/` redirect and the API answer the same header alike."""

import pytest
from django.conf import settings as django_settings
from rest_framework.exceptions import ValidationError

from api.locales import RequestedLocale, negotiate, resolve_locale
from tests.factories import ArticlePageFactory, publish, translate

from .helpers import DETAIL_KEYS

ALL_EIGHT = ["en", "ko", "zh-hans", "zh-hant", "ja", "ru", "vi", "ar"]

# (who sends it, the header, the content locale it asks for; None: the default)
BROWSERS = [
    ("Chrome, Simplified Chinese", "zh-CN,zh;q=0.9,en;q=0.8", "zh-hans"),
    ("Safari iOS, Simplified Chinese", "zh-Hans-CN,zh-Hans;q=0.9", "zh-hans"),
    ("Firefox, Chinese", "zh,en-US;q=0.7,en;q=0.3", "zh-hans"),
    ("Chrome, Singapore Chinese", "zh-SG,zh;q=0.9,en;q=0.8", "zh-hans"),
    ("Chrome, Taiwan", "zh-TW,zh;q=0.9,en-US;q=0.8,en;q=0.7", "zh-hant"),
    ("Safari, Taiwan", "zh-TW,zh-Hant;q=0.9", "zh-hant"),
    ("Chrome, Hong Kong", "zh-HK,zh;q=0.9,en;q=0.8", "zh-hant"),
    ("Safari iOS, Hong Kong", "zh-Hant-HK,zh-Hant;q=0.9,en;q=0.8", "zh-hant"),
    ("Chrome, Macau", "zh-MO,zh;q=0.9", "zh-hant"),
    ("Chrome, Korean", "ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7", "ko"),
    ("Firefox, Japanese", "ja,en-US;q=0.7,en;q=0.3", "ja"),
    ("Safari, Japanese", "ja-JP,ja;q=0.9", "ja"),
    ("Chrome, Arabic (Egypt)", "ar-EG,ar;q=0.9,en;q=0.8", "ar"),
    ("Chrome, Russian (Ukraine)", "ru-UA,ru;q=0.9,uk;q=0.8", "ru"),
    ("Chrome, Vietnamese", "vi-VN,vi;q=0.9", "vi"),
    ("Chrome, US English", "en-US,en;q=0.9", "en"),
    ("a client with no preference", "*", "en"),
    ("Chrome, German", "de-DE,de;q=0.9", None),
    ("German who also reads Korean", "de-DE,de;q=0.9,ko;q=0.8", "ko"),
]
BROWSER_IDS = [name for name, _header, _locale in BROWSERS]


@pytest.fixture(autouse=True)
def all_eight_languages(settings):
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES = [
        (code, code) for code in ALL_EIGHT
    ]


@pytest.mark.parametrize(("name", "header", "locale"), BROWSERS, ids=BROWSER_IDS)
def test_every_browser_header_negotiates_its_content_locale(name, header, locale):
    assert negotiate(header) == locale
    assert resolve_locale(None, header) == RequestedLocale(
        locale or "en", negotiated=True
    )


@pytest.mark.parametrize(
    ("header", "locale"),
    [
        ("en;q=0.5,ja", "ja"),  # by quality, not by position
        ("ko;q=0.8,ja;q=0.8", "ko"),  # equal quality: by position
        ("ko;q=0,ja;q=0.5", "ja"),  # q=0 is "not acceptable"
        ("ko;q=0", None),
        ("zh-TW;q=0,zh;q=0.5", "zh-hans"),
        ("*,en;q=0", "ko"),  # anything but English: the first other content locale
        ("de,*;q=0.1", "en"),
        ("zh-CN;q=banana", None),  # Django drops a malformed header whole
        ("", None),
    ],
)
def test_q_values_and_the_wildcard_are_honoured(header, locale):
    assert negotiate(header) == locale


@pytest.mark.parametrize(
    ("raw", "locale"),
    [
        ("zh-TW", "zh-hant"),
        ("zh-HK", "zh-hant"),
        ("zh-CN", "zh-hans"),
        ("zh", "zh-hans"),
        ("zh_Hans", "zh-hans"),
        ("ko-KR", "ko"),
        ("ar-EG", "ar"),
    ],
)
def test_an_explicit_locale_may_be_any_tag_and_wins_over_the_header(raw, locale):
    assert resolve_locale(raw, "ja") == RequestedLocale(locale, negotiated=False)


@pytest.mark.parametrize("raw", ["de", "zh-Latn", "en--US", "zh-TW-Hant", "%00", ""])
def test_an_explicit_locale_naming_no_content_language_is_unknown(raw):
    with pytest.raises(ValidationError) as error:
        resolve_locale(raw, "")
    assert error.value.get_codes() == {"locale": ["unknown_locale"]}


# Over HTTP: the API, the site, and the two side by side.


@pytest.fixture
def stem_cells(index_page, locales):
    """One article in English and both Chinese scripts."""
    source = publish(
        ArticlePageFactory(parent=index_page, slug="stem-cells", title="Stem cells")
    )
    translate(source, locales["zh-hans"], slug="stem-cells-zh-hans", title="干细胞")
    translate(source, locales["zh-hant"], slug="stem-cells-zh-hant", title="幹細胞")
    return source


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("header", "title"),
    [
        ("zh-CN,zh;q=0.9,en;q=0.8", "干细胞"),
        ("zh-TW,zh-Hant;q=0.9", "幹細胞"),
        ("zh-HK,zh;q=0.9,en;q=0.8", "幹細胞"),
        ("de-DE,de;q=0.9", "Stem cells"),
    ],
)
def test_chinese_readers_get_the_chinese_article(api, stem_cells, header, title):
    response = api.get("/api/v1/articles/stem-cells/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 200
    assert response.json()["title"] == title
    assert "Accept-Language" in response["Vary"]


@pytest.mark.django_db
def test_requested_locale_is_the_content_locale_the_tag_resolved_to(api, stem_cells):
    response = api.get("/api/v1/articles/stem-cells/", {"locale": "zh-TW"})
    data = response.json()
    assert set(data) == DETAIL_KEYS
    assert (data["locale"], data["requested_locale"], data["is_fallback"]) == (
        "zh-hant",
        "zh-hant",
        False,
    )
    assert data["title"] == "幹細胞"
    assert response["Content-Language"] == "zh-hant"
    assert "Accept-Language" not in response.get("Vary", "")


@pytest.mark.django_db
def test_an_unknown_explicit_locale_is_a_400_naming_the_supported_ones(api, index_page):
    response = api.get("/api/v1/topics/", {"locale": "de-DE"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "unknown_locale"
    assert "zh-hant" in error["details"]["locale"][0]


@pytest.mark.django_db
def test_a_cached_answer_serves_every_header_naming_the_same_locale(api, index_page):
    first = api.get("/api/v1/topics/", HTTP_ACCEPT_LANGUAGE="zh-TW,zh;q=0.9")
    second = api.get("/api/v1/topics/", HTTP_ACCEPT_LANGUAGE="zh-Hant-HK")
    assert second["X-Cache"] == "HIT"
    assert second.content == first.content
    assert second.json()["locale"] == second["Content-Language"] == "zh-hant"


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "header", "locale"), BROWSERS, ids=BROWSER_IDS)
def test_the_site_redirects_where_the_api_answers(
    client, api, index_page, name, header, locale
):
    expected = locale or "en"
    redirect = client.get("/", HTTP_ACCEPT_LANGUAGE=header)
    assert redirect.status_code == 302
    assert redirect["Location"] == f"/{expected}/"
    answer = api.get("/api/v1/topics/", HTTP_ACCEPT_LANGUAGE=header)
    assert answer.json()["locale"] == answer["Content-Language"] == expected


@pytest.mark.django_db
def test_the_site_keeps_djangos_order_path_then_cookie_then_header(client):
    chinese = {"HTTP_ACCEPT_LANGUAGE": "zh-CN,zh;q=0.9"}
    assert client.get("/ko/", **chinese)["Content-Language"] == "ko"
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "ja"
    assert client.get("/", **chinese)["Location"] == "/ja/"
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "klingon"
    assert client.get("/", **chinese)["Location"] == "/zh-hans/"


@pytest.mark.django_db
def test_the_site_without_a_header_sends_the_default(client):
    assert client.get("/")["Location"] == "/en/"


@pytest.mark.django_db
def test_the_site_reads_an_overlong_header_up_to_its_last_comma_in_500_characters(
    client,
):
    overlong = "ko-KR," + "x" * 600  # as Django reads it; the API refuses it
    assert client.get("/", HTTP_ACCEPT_LANGUAGE=overlong)["Location"] == "/ko/"


@pytest.mark.django_db
def test_without_traditional_chinese_both_sides_serve_the_default(
    settings, client, api, index_page
):
    settings.WAGTAIL_CONTENT_LANGUAGES = settings.LANGUAGES = [
        (code, code) for code in ALL_EIGHT if code != "zh-hant"
    ]
    safari_taiwan = "zh-TW,zh-Hant;q=0.9"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE=safari_taiwan)["Location"] == "/en/"
    answer = api.get("/api/v1/topics/", HTTP_ACCEPT_LANGUAGE=safari_taiwan)
    assert answer.json()["locale"] == "en"
    explicit = api.get("/api/v1/topics/", {"locale": "zh-TW"})
    assert explicit.status_code == 400
    assert explicit.json()["error"]["code"] == "unknown_locale"
