"""Every absolute URL the API returns points where it answers: public page URLs at
the front end (a template per site, else the setting, else the CMS's own pages at
the request's host), media at the media base (else the request's host). Documents
store them relative to marks and each response makes them absolute, so the host
and port a reader uses never need a rebuild."""

import json
import re

import pytest
from django.core.cache import caches
from django.core.exceptions import ValidationError
from wagtail.models import Site

from api import cache as response_cache
from api.models import HeadlessPreviewSettings
from api.public_urls import validate_frontend_url_template
from tests.background import run_background_tasks
from tests.factories import (
    ArticlePageFactory,
    ImageFactory,
    block,
    paragraph,
    publish,
    section,
    translate,
)

pytestmark = pytest.mark.django_db

URL = re.compile(r"https?://[^\s\"'<>\\]+")


@pytest.fixture(autouse=True)
def empty_cache():
    caches["api"].clear()
    response_cache._local.clear()


@pytest.fixture
def article(index_page, locales):
    image = ImageFactory()
    source = publish(
        ArticlePageFactory(
            parent=index_page,
            slug="stem-cells",
            hero_image=image,
            body=[
                section(
                    "Overview",
                    paragraph(),
                    block(
                        "image",
                        {"image": image.pk, "alt_text": "Cells", "caption": ""},
                    ),
                )
            ],
        )
    )
    translate(source, locales["ko"])
    return source


def public_urls(data: dict) -> list[str]:
    return [
        data["seo"]["canonical_url"],
        data["json_ld"]["url"],
        *(a["href"] for a in data["seo"]["alternates"]),
        *(t["url"] for t in data["translations"]),
    ]


def media_urls(data: dict) -> list[str]:
    text = json.dumps(data)
    return [url for url in URL.findall(text) if "/media/" in url]


def test_by_default_urls_are_the_cms_pages_at_the_readers_host(api, article):
    data = api.get(
        "/api/v1/articles/stem-cells/?locale=ko", HTTP_HOST="localhost:8123"
    ).json()
    assert data["seo"]["canonical_url"] == "http://localhost:8123/ko/stem-cells/"
    assert {t["url"] for t in data["translations"]} == {
        "http://localhost:8123/en/stem-cells/",
        "http://localhost:8123/ko/stem-cells/",
    }
    assert all(url.startswith("http://localhost:8123/") for url in public_urls(data))
    assert media_urls(data)
    assert all(
        url.startswith("http://localhost:8123/media/") for url in media_urls(data)
    )
    assert ".invalid" not in json.dumps(data)


def test_the_same_document_serves_each_host_its_own_urls(api, article):
    first = api.get("/api/v1/articles/stem-cells/", HTTP_HOST="127.0.0.1:8000")
    second = api.get("/api/v1/articles/stem-cells/", HTTP_HOST="localhost:9000")
    assert "127.0.0.1:8000" in first.content.decode()
    assert "localhost:9000" in second.content.decode()
    assert "127.0.0.1:8000" not in second.content.decode()
    assert first["ETag"] != second["ETag"]


def test_listing_sync_and_preview_urls_are_absolute_too(api, article):
    listing = api.get("/api/v1/articles/?locale=en").content.decode()
    sync = api.get("/api/v1/sync/?locale=en").content.decode()
    for text in (listing, sync):
        assert "http://testserver/media/" in text
        assert ".invalid" not in text


def test_the_media_base_setting_moves_media_without_a_rebuild(api, article, settings):
    settings.CMS_MEDIA_BASE_URL = "https://media.hospital.example/"
    data = api.get("/api/v1/articles/stem-cells/").json()
    assert media_urls(data)
    assert all(
        url.startswith("https://media.hospital.example/media/")
        for url in media_urls(data)
    )
    assert data["seo"]["canonical_url"] == "http://testserver/en/stem-cells/"


def test_the_front_end_template_gives_the_public_urls(
    api, index_page, locales, settings, django_capture_on_commit_callbacks
):
    settings.CMS_FRONTEND_URL_TEMPLATE = (
        "https://www.hospital.example/{locale}/articles/{slug}"
    )
    source = publish(ArticlePageFactory(parent=index_page, slug="stem-cells"))
    translate(source, locales["ko"])
    data = api.get("/api/v1/articles/stem-cells/?locale=ko").json()
    assert (
        public_urls(data)[:2]
        == ["https://www.hospital.example/ko/articles/stem-cells"] * 2
    )
    assert "https://www.hospital.example/en/articles/stem-cells" in public_urls(data)


def test_a_sites_template_wins_and_saving_it_rebuilds_the_documents(
    api, article, settings, django_capture_on_commit_callbacks
):
    settings.CMS_FRONTEND_URL_TEMPLATE = "https://env.example{path}"
    site = Site.objects.get(is_default_site=True)
    with django_capture_on_commit_callbacks(execute=True):
        HeadlessPreviewSettings.objects.update_or_create(
            site=site,
            defaults={"frontend_url_template": "https://www.hospital.example{path}"},
        )
    run_background_tasks()  # the worker rebuilds the site's documents
    data = api.get("/api/v1/articles/stem-cells/").json()
    assert data["seo"]["canonical_url"] == "https://www.hospital.example/en/stem-cells/"


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("https://www.hospital.example/{lang}/{slug}", "Unknown placeholder"),
        ("www.hospital.example{path}", "absolute http(s) URL"),
        ("javascript:alert(1)//{path}", "absolute http(s) URL"),
        ("https://www.hospital.example/{slug", "unmatched brace"),
    ],
)
def test_a_bad_template_is_refused_with_a_reason(template, message):
    with pytest.raises(ValidationError) as error:
        validate_frontend_url_template(template)
    assert message in str(error.value)


@pytest.mark.parametrize(
    "template",
    [
        "",
        "https://www.hospital.example{path}",
        "http://localhost:3000/{locale}/articles/{slug}/",
    ],
)
def test_good_templates_pass(template):
    validate_frontend_url_template(template)
