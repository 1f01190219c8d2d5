"""Headless preview: the Preview button sends editors to the front end with a signed,
expiring token; the API returns the draft in the detail shape, and nowhere else."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import RequestFactory
from django.urls import reverse
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from api.models import HeadlessPreviewSettings
from tests.factories import ArticlePageFactory, publish

from .helpers import DETAIL_KEYS

pytestmark = pytest.mark.django_db
FRONT_END = "https://www.hospital.example/{locale}/preview?token={token}&slug={slug}"


@pytest.fixture
def article(index_page):
    return publish(ArticlePageFactory(parent=index_page, slug="a", title="Live title"))


@pytest.fixture
def preview_url(settings):
    settings.CMS_PREVIEW_URL = FRONT_END


def preview_token(page) -> str:
    response = page.serve_preview(RequestFactory().get("/"), "")
    assert response.status_code == 302
    assert response["Location"].startswith("https://www.hospital.example/en/preview?")
    return parse_qs(urlsplit(response["Location"]).query)["token"][0]


def draft_of(article, title="Draft title"):
    article.title = title
    return article


def test_preview_redirects_to_the_front_end_and_the_api_serves_the_draft(
    api, article, preview_url
):
    token = preview_token(draft_of(article))
    response = api.get("/api/v1/preview/", {"token": token})
    assert response.status_code == 200
    data = response.json()
    assert set(data) == DETAIL_KEYS
    assert (data["title"], data["is_fallback"], data["locale"]) == (
        "Draft title",
        False,
        "en",
    )
    assert response["Cache-Control"] == "private, no-store"


def test_the_draft_appears_nowhere_else(api, article, preview_url):
    preview_token(draft_of(article))
    assert api.get("/api/v1/articles/a/").json()["title"] == "Live title"
    assert api.get("/api/v1/articles/").json()["results"][0]["title"] == "Live title"


def test_a_site_setting_overrides_the_environment(
    api, article, preview_url, index_page
):
    settings_for_site = HeadlessPreviewSettings.for_site(index_page.get_site())
    settings_for_site.preview_url = "https://preview.example/{slug}?t={token}"
    settings_for_site.save()
    response = article.serve_preview(RequestFactory().get("/"), "")
    assert response["Location"].startswith("https://preview.example/a?t=")


def test_without_a_preview_url_the_cms_renders_its_own_preview(article):
    response = draft_of(article).serve_preview(RequestFactory().get("/"), "")
    assert response.status_code == 200
    assert "Draft title" in response.rendered_content


def test_an_expired_token_is_a_401(api, article, preview_url, settings):
    token = preview_token(draft_of(article))
    settings.CMS_PREVIEW_TOKEN_SECONDS = -1
    response = api.get("/api/v1/preview/", {"token": token})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "token_expired"


def test_a_tampered_token_is_a_401(api, article, preview_url):
    token = preview_token(draft_of(article))
    response = api.get("/api/v1/preview/", {"token": token[:-3] + "abc"})
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "invalid_token"


def test_a_token_for_another_page_is_a_403(api, article, preview_url, index_page):
    other = publish(ArticlePageFactory(parent=index_page, slug="b"))
    token = preview_token(draft_of(article))
    response = api.get("/api/v1/preview/", {"token": token, "page": other.pk})
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "wrong_page"


def test_a_missing_token_is_a_400(api):
    response = api.get("/api/v1/preview/")
    assert response.status_code == 400
    assert "token" in response.json()["error"]["details"]


def test_the_admin_preview_button_goes_to_the_front_end(
    admin_client_logged_in, article, preview_url, api
):
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(article.pk,))
    form = nested_form_data(
        {
            "title": "Edited in the admin",
            "slug": "a",
            "summary": "Summary",
            "body": streamfield([]),
            "article_topics": inline_formset([]),
            "references": streamfield([]),
            "disclaimer": rich_text(""),
        }
    )
    assert admin_client_logged_in.post(url, form).json()["is_valid"] is True
    response = admin_client_logged_in.get(url)
    assert response.status_code == 302
    token = parse_qs(urlsplit(response["Location"]).query)["token"][0]
    assert (
        api.get("/api/v1/preview/", {"token": token}).json()["title"]
        == "Edited in the admin"
    )
