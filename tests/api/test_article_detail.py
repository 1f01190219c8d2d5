"""GET /api/v1/articles/{slug}/: one article in one locale, with everything an app needs
to show it."""

import pytest
from django.core.management import call_command

from tests.factories import (
    ArticlePageFactory,
    ClinicianFactory,
    TopicFactory,
    block,
    items,
    paragraph,
    publish,
    section,
    translate,
)

from .helpers import DETAIL_KEYS

pytestmark = pytest.mark.django_db


def detail(api, slug, **params):
    return api.get(f"/api/v1/articles/{slug}/", params)


def test_detail_has_exactly_the_documented_keys(api, published_article):
    published_article(slug="stem-cells")
    response = detail(api, "stem-cells")
    assert response.status_code == 200
    assert set(response.json()) == DETAIL_KEYS
    assert response["Content-Type"] == "application/json"
    assert response["Content-Language"] == "en"
    assert response["ETag"].startswith('"')


def test_body_is_a_list_of_sections_with_flat_typed_blocks(api, published_article):
    published_article(
        slug="stem-cells",
        body=[
            section(
                "2. Spinal Cord Injury (SCI)",
                paragraph("<p>Damage to the cord.</p>"),
                block("bullet_list", {"items": items("Pain", "Weakness")}),
                anchor="2.-spinal-cord-injury-(sci)",
            )
        ],
    )
    [first] = detail(api, "stem-cells").json()["body"]
    assert set(first) == {"type", "id", "anchor", "heading", "level", "content"}
    assert first["type"] == "section"
    assert first["anchor"] == "2.-spinal-cord-injury-(sci)"
    assert first["level"] == 2
    assert [b["type"] for b in first["content"]] == ["paragraph", "bullet_list"]
    assert first["content"][0]["html"] == "<p>Damage to the cord.</p>"
    assert first["content"][1]["items"] == ["Pain", "Weakness"]


def test_toc_nests_subsections_under_their_section(api, published_article):
    published_article(
        slug="stem-cells",
        body=[
            section("Overview"),
            section("Kinds of cells"),
            section("Mesenchymal cells", level=3),
            section("Neural cells", level=3),
            section("Risks"),
        ],
    )
    toc = detail(api, "stem-cells").json()["toc"]
    assert [(e["anchor"], [c["anchor"] for c in e["children"]]) for e in toc] == [
        ("overview", []),
        ("kinds-of-cells", ["mesenchymal-cells", "neural-cells"]),
        ("risks", []),
    ]


@pytest.fixture
def article_in_three_locales(index_page, locales):
    source = publish(
        ArticlePageFactory(
            parent=index_page,
            slug="stem-cells",
            title="Stem cells",
            body=[section("Overview", paragraph(), anchor="overview")],
        )
    )
    ko = translate(source, locales["ko"], slug="stem-cells-ko", title="줄기세포")
    zh_hans = translate(
        source, locales["zh-hans"], slug="stem-cells-zh", title="干细胞"
    )
    return source, ko, zh_hans


def test_detail_in_the_requested_locale_is_not_a_fallback(
    api, article_in_three_locales
):
    data = detail(api, "stem-cells-ko", locale="ko").json()
    assert (data["locale"], data["requested_locale"], data["is_fallback"]) == (
        "ko",
        "ko",
        False,
    )
    assert data["title"] == "줄기세포"


def test_missing_translation_falls_back_along_the_chain_and_says_so(
    api, article_in_three_locales
):
    response = detail(api, "stem-cells-zh", locale="zh-hant")
    data = response.json()
    assert (data["locale"], data["requested_locale"], data["is_fallback"]) == (
        "zh-hans",
        "zh-hant",
        True,
    )
    assert response["Content-Language"] == "zh-hans"
    # A Japanese reader falls back to English, whatever slug the link carried.
    data = detail(api, "stem-cells-ko", locale="ja").json()
    assert (data["locale"], data["is_fallback"]) == ("en", True)


def test_a_slug_of_another_version_serves_the_requested_locale(
    api, article_in_three_locales
):
    data = detail(api, "stem-cells", locale="ko").json()
    assert (data["locale"], data["slug"], data["is_fallback"]) == (
        "ko",
        "stem-cells-ko",
        False,
    )


@pytest.mark.parametrize("code", ["zh-hans", "zh-Hans", "zh_Hans", "ZH_HANS"])
def test_locale_parameter_is_matched_regardless_of_case_and_separator(
    api, article_in_three_locales, code
):
    assert detail(api, "stem-cells-zh", locale=code).json()["locale"] == "zh-hans"


def test_accept_language_is_negotiated_with_q_values(api, article_in_three_locales):
    response = api.get(
        "/api/v1/articles/stem-cells/",
        HTTP_ACCEPT_LANGUAGE="ar;q=0.5, ko;q=0.9, en;q=0.8",
    )
    assert response.json()["locale"] == "ko"
    assert "Accept-Language" in response["Vary"]


def test_explicit_locale_does_not_vary_on_accept_language(
    api, article_in_three_locales
):
    response = detail(api, "stem-cells", locale="en")
    assert "Accept-Language" not in response.get("Vary", "")


def test_without_locale_or_header_the_default_locale_is_served(
    api, article_in_three_locales
):
    assert detail(api, "stem-cells").json()["locale"] == "en"


def test_unknown_locale_is_a_400_listing_the_supported_ones(
    api, article_in_three_locales
):
    response = detail(api, "stem-cells", locale="fr")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "unknown_locale"
    assert "ko" in error["message"] and "zh-hans" in error["message"]
    assert "locale" in error["details"]


def test_translations_list_every_live_version_and_anchors_match(
    api, article_in_three_locales
):
    en = detail(api, "stem-cells").json()
    zh = detail(api, "stem-cells-zh", locale="zh-hans").json()
    assert en["translations"] == zh["translations"]
    assert [(t["locale"], t["slug"], t["path"]) for t in en["translations"]] == [
        ("en", "stem-cells", "/en/stem-cells/"),
        ("ko", "stem-cells-ko", "/ko/stem-cells-ko/"),
        ("zh-hans", "stem-cells-zh", "/zh-hans/stem-cells-zh/"),
    ]
    assert en["available_locales"] == ["en", "ko", "zh-hans"]
    assert [s["anchor"] for s in en["body"]] == [s["anchor"] for s in zh["body"]]


def test_seo_has_canonical_and_hreflang_alternates(
    api, article_in_three_locales, settings
):
    settings.CMS_FRONTEND_URL_TEMPLATE = "https://www.hospital.example{path}"
    # A changed front-end URL is a deployment change: documents are rebuilt for it.
    call_command("build_article_documents", verbosity=0)
    seo = detail(api, "stem-cells-zh", locale="zh-hans").json()["seo"]
    assert seo["canonical_url"] == "https://www.hospital.example/zh-hans/stem-cells-zh/"
    assert [a["hreflang"] for a in seo["alternates"]] == [
        "en",
        "ko",
        "zh-Hans",
        "x-default",
    ]
    assert (
        seo["alternates"][-1]["href"] == "https://www.hospital.example/en/stem-cells/"
    )


def test_json_ld_is_a_medical_web_page(api, published_article, locales):
    author = ClinicianFactory(name="Dr Han", credentials="MD")
    reviewer = ClinicianFactory(name="Dr Yoon", credentials="", specialty="Neurology")
    topic = TopicFactory(name="Spine care", slug="spine-care")
    published_article(
        slug="stem-cells", author=author, medical_reviewer=reviewer, topics=[topic]
    )
    data = detail(api, "stem-cells").json()
    json_ld = data["json_ld"]
    assert json_ld["@type"] == "MedicalWebPage"
    assert json_ld["inLanguage"] == "en"
    assert json_ld["lastReviewed"] == "2026-09-01"
    assert json_ld["reviewedBy"] == {
        "@type": "Person",
        "name": "Dr Yoon",
        "jobTitle": "Neurology",
    }
    assert json_ld["author"]["name"] == "Dr Han"
    assert json_ld["about"] == [{"@type": "Thing", "name": "Spine care"}]
    assert data["topics"] == [{"slug": "spine-care", "name": "Spine care"}]
    assert data["author"]["name"] == "Dr Han"


def test_unknown_slug_is_a_json_404(api, published_article):
    response = detail(api, "no-such-article")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
