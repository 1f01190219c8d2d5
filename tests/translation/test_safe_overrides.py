"""A translator overriding a link in wagtail-localize's editor can only save a safe
URL (`articles.safe_urls`): anything else is refused with a message the editor shows
the translator (a 200 carrying `error`: the one answer its JavaScript displays), and
nothing is saved; other overrides and "Revert" work as in wagtail-localize."""

import json
from urllib.parse import urlencode

import pytest
from django.test.client import BOUNDARY, MULTIPART_CONTENT, encode_multipart
from django.urls import reverse
from wagtail_localize.models import OverridableSegment, SegmentOverride, StringSegment

from articles.safe_urls import UNSAFE_URL_MESSAGE
from tests.factories import ArticlePageFactory, ImageFactory, block, publish, section
from tests.factories import paragraph as paragraph_block
from tests.translation.helpers import submit_like_the_admin

pytestmark = pytest.mark.django_db

LINK = '<p>See <a href="https://example.org">this</a>.</p>'
SAFE_KO_LINK = "https://hospital.example/ko/"


def submitted(index_page, locale, *content):
    page = publish(
        ArticlePageFactory(parent=index_page, body=[section("Overview", *content)])
    )
    return submit_like_the_admin(page, locale)


@pytest.fixture
def translation(index_page, locales):
    """An article whose paragraph has a link, submitted for translation into ko."""
    return submitted(index_page, locales["ko"], paragraph_block(LINK))


def overridable(translation, data) -> OverridableSegment:
    return OverridableSegment.objects.get(
        source=translation.source, data_json=json.dumps(data)
    )


def override_url(translation, segment) -> str:
    return reverse(
        "wagtail_localize:edit_override",
        kwargs={"translation_id": translation.pk, "overridable_segment_id": segment.pk},
    )


def put(client, url: str, value: str, *, like_the_editor: bool = False):
    """PUT `value`: urlencoded, or as the editor's `FormData` (multipart) sends it."""
    if like_the_editor:
        body = encode_multipart(BOUNDARY, {"value": value})
        return client.put(url, body, content_type=MULTIPART_CONTENT)
    return client.put(
        url,
        urlencode({"value": value}),
        content_type="application/x-www-form-urlencoded",
    )


def saved_overrides(translation) -> list:
    return [
        override.data
        for override in SegmentOverride.objects.filter(locale=translation.target_locale)
    ]


@pytest.mark.parametrize("like_the_editor", [False, True])
def test_a_script_link_is_refused_and_not_saved(
    admin_client_logged_in, translation, like_the_editor
):
    url = override_url(translation, overridable(translation, "https://example.org"))
    response = put(
        admin_client_logged_in,
        url,
        "javascript:alert(1)",
        like_the_editor=like_the_editor,
    )
    assert response.status_code == 200
    assert response.json() == {
        "data": "javascript:alert(1)",
        "error": str(UNSAFE_URL_MESSAGE),
        "saved": False,
    }
    assert saved_overrides(translation) == []


@pytest.mark.parametrize(
    "value",
    [
        " java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "//evil.example",
        "https://exa\u200bmple.org",
        "",
    ],
)
def test_disguised_unsafe_links_are_refused(admin_client_logged_in, translation, value):
    url = override_url(translation, overridable(translation, "https://example.org"))
    response = put(admin_client_logged_in, url, value)
    assert response.json()["error"] and response.json()["saved"] is False
    assert saved_overrides(translation) == []


def test_a_body_without_a_form_value_is_refused(admin_client_logged_in, translation):
    url = override_url(translation, overridable(translation, "https://example.org"))
    response = admin_client_logged_in.put(
        url, json.dumps({"value": SAFE_KO_LINK}), content_type="application/json"
    )
    assert response.status_code == 400
    assert saved_overrides(translation) == []


@pytest.mark.parametrize("like_the_editor", [False, True])
def test_a_safe_link_is_saved_by_wagtail_localize(
    admin_client_logged_in, translation, like_the_editor
):
    url = override_url(translation, overridable(translation, "https://example.org"))
    response = put(
        admin_client_logged_in, url, SAFE_KO_LINK, like_the_editor=like_the_editor
    )
    assert response.status_code == 201
    assert response.json()["data"] == SAFE_KO_LINK
    assert saved_overrides(translation) == [SAFE_KO_LINK]

    again = put(admin_client_logged_in, url, "/ko/contact/")
    assert again.status_code == 200
    assert saved_overrides(translation) == ["/ko/contact/"]


def test_a_refused_link_leaves_the_saved_override_as_it_was(
    admin_client_logged_in, translation
):
    url = override_url(translation, overridable(translation, "https://example.org"))
    put(admin_client_logged_in, url, SAFE_KO_LINK)
    assert put(admin_client_logged_in, url, "javascript:alert(1)").json()["error"]
    assert saved_overrides(translation) == [SAFE_KO_LINK]


def test_reverting_an_override_still_works(admin_client_logged_in, translation):
    url = override_url(translation, overridable(translation, "https://example.org"))
    put(admin_client_logged_in, url, SAFE_KO_LINK)
    assert admin_client_logged_in.delete(url).status_code == 200
    assert saved_overrides(translation) == []


def test_a_block_url_is_a_link_to_override_not_text_to_translate(
    admin_client_logged_in, index_page, locales
):
    button = block(
        "call_to_action",
        {
            "label": "Book",
            "description": "",
            "page": None,
            "url": "https://example.org/book",
            "phone": "",
        },
    )
    translation = submitted(index_page, locales["ko"], button)
    texts = StringSegment.objects.filter(source=translation.source)
    assert "https://example.org/book" not in [s.string.data for s in texts]
    url = override_url(
        translation, overridable(translation, "https://example.org/book")
    )

    assert put(admin_client_logged_in, url, "javascript:alert(1)").json()["error"]
    assert put(admin_client_logged_in, url, SAFE_KO_LINK).status_code == 201
    assert saved_overrides(translation) == [SAFE_KO_LINK]


def test_an_override_that_is_not_a_link_goes_to_wagtail_localize(
    admin_client_logged_in, index_page, locales
):
    image, korean_image = ImageFactory(), ImageFactory()
    figure = block(
        "image", {"image": image.pk, "alt_text": "MRI", "caption": "", "credit": ""}
    )
    translation = submitted(index_page, locales["ko"], figure)
    url = override_url(translation, overridable(translation, image.pk))
    response = put(admin_client_logged_in, url, str(korean_image.pk))
    assert response.status_code == 201
    assert saved_overrides(translation) == [str(korean_image.pk)]
