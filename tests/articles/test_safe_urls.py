"""Link URLs that editors type are safe: one validator (`articles.safe_urls`) refuses
scripts, data, other schemes and off-site tricks however they are disguised, and every
block URL field uses it, with a form error in the admin."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail import blocks
from wagtail.test.utils.form_data import rich_text

from articles.blocks import (
    CallToActionBlock,
    ClinicalStudyBlock,
    ReferenceBlock,
    VideoEmbedBlock,
)
from articles.models import ArticlePage
from articles.safe_urls import (
    HIDDEN_CHARACTERS_MESSAGE,
    UNSAFE_URL_MESSAGE,
    is_safe_url,
    validate_safe_url,
)
from tests.articles.helpers import article_form, section_form
from tests.factories import ArticlePageFactory, publish

SAFE = [
    "https://example.org",
    "http://example.org/path?q=1#part",
    "HTTPS://EXAMPLE.ORG/",
    "https://hospital.example/ko/건강검진/",
    "https://example.org/?a=1&amp;b=2",
    "https://doi.org/10.1000/xyz123",
    "mailto:clinic@hospital.example",
    "MailTo:clinic@hospital.example?subject=Appointment",
    "tel:+82-2-555-0100",
    "tel:+82 2 555 0100",
    "/ko/articles/stem-cells/",
    "/",
    "/search?q=spine&page=2",
    "#results",
    "#",
    " https://example.org\n",
]

UNSAFE = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    "JAVASCRIPT:alert(1)",
    " javascript:alert(1)",
    "\tjavascript:alert(1)",
    "\njavascript:alert(1)",
    "\x00javascript:alert(1)",
    "\x01javascript:alert(1)",
    "\x1fjavascript:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\rscript:alert(1)",
    "javascript\t:alert(1)",
    "javascript:alert(1)\x00",
    "\u00a0javascript:alert(1)",
    "\u3000javascript:alert(1)",
    "\u200bjavascript:alert(1)",
    "\u202ejavascript:alert(1)",
    "\ufeffjavascript:alert(1)",
    "javascript&colon;alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "java&#x09;script:alert(1)",
    "ｊａｖａｓｃｒｉｐｔ:alert(1)",
    "javascript：alert(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "file:///etc/passwd",
    "ftp://example.org/file",
    "ftps://example.org/file",
    "blob:https://example.org/1",
    "intent://scan/#Intent;scheme=zxing;end",
    "about:blank",
    "sms:+8225550100",
    "//evil.example",
    "///evil.example",
    " //evil.example",
    "\\\\evil.example",
    "/\\evil.example",
    "\\/evil.example",
    "/\t/evil.example",
    "/&#47;evil.example",
    "/／evil.example",
    "https://exa\u200bmple.org",
    "https://example.org/\u2028",
    "https://example.org/\u00a0",
    "https://exa\tmple.org",
    "www.example.org",
    "example.org/page",
    "page.html",
    "?q=1",
    "",
    "   ",
]


@pytest.mark.parametrize("url", SAFE)
def test_safe_url_is_accepted(url):
    assert is_safe_url(url)
    validate_safe_url(url)


@pytest.mark.parametrize("url", UNSAFE)
def test_unsafe_url_is_refused(url):
    assert not is_safe_url(url)
    with pytest.raises(ValidationError):
        validate_safe_url(url)


@pytest.mark.parametrize("value", [None, 42, b"https://example.org"])
def test_a_value_that_is_not_a_string_is_not_a_safe_url(value):
    assert not is_safe_url(value)


def test_refusal_says_what_may_be_typed():
    with pytest.raises(ValidationError) as raised:
        validate_safe_url("javascript:alert(1)")
    assert raised.value.messages == [str(UNSAFE_URL_MESSAGE)]
    assert raised.value.code == "unsafe_url"


def test_refusal_of_invisible_characters_says_so():
    with pytest.raises(ValidationError) as raised:
        validate_safe_url("https://exa\u200bmple.org")
    assert raised.value.messages == [str(HIDDEN_CHARACTERS_MESSAGE)]
    assert raised.value.code == "hidden_characters"


# Blocks -----------------------------------------------------------------------------


def cta(url: str) -> dict:
    return {"label": "Book", "description": "", "page": None, "url": url, "phone": ""}


def reference(url: str) -> dict:
    return {"citation": "Kim et al. 2025", "url": url, "doi": "", "pmid": ""}


def study(url: str) -> dict:
    return {
        "name": "STEM-SCI",
        "phase": "phase_2",
        "outcome": "<p>Better walking.</p>",
        "url": url,
    }


def video(url: str) -> dict:
    return {"url": url, "title": "Exercises", "caption": "", "transcript": ""}


BLOCKS = {
    "call_to_action": (CallToActionBlock, cta),
    "reference": (ReferenceBlock, reference),
    "clinical_study": (ClinicalStudyBlock, study),
    "embed": (VideoEmbedBlock, video),
}
# What each block's URL field may hold beyond a full https URL.
ACCEPTED = {
    "call_to_action": [
        "http://example.org",
        "/ko/contact/",
        "#book",
        "mailto:clinic@hospital.example",
        "tel:+82-2-555-0100",
    ],
    "reference": ["http://example.org", "/documents/12/guideline.pdf", "#refs"],
    "clinical_study": ["http://example.org/study"],
    "embed": [],
}
REFUSED = {
    "call_to_action": [],
    "reference": ["https://example.org/" + "a" * 2048],  # longer than a URL may be
    "clinical_study": ["/ko/study/", "#results", "mailto:a@example.org"],
    "embed": ["http://www.youtube.com/watch?v=x", "/video.mp4"],
}


def url_error(block, raw) -> list[str]:
    with pytest.raises(blocks.StructBlockValidationError) as raised:
        block.clean(block.to_python(raw))
    return raised.value.block_errors["url"].messages


def accepted_cases():
    for name in BLOCKS:
        for url in ["https://www.youtube.com/watch?v=abc123", *ACCEPTED[name]]:
            yield name, url


def refused_cases():
    hostile = ["javascript:alert(1)", " java\tscript:alert(1)", "data:text/html,x"]
    hostile += ["//evil.example", "ftp://example.org/file", "www.example.org"]
    for name in BLOCKS:
        for url in [*hostile, *REFUSED[name]]:
            yield name, url


@pytest.mark.parametrize(("name", "url"), list(accepted_cases()))
def test_block_url_field_accepts_what_it_allows(name, url):
    block_class, raw = BLOCKS[name]
    block = block_class()
    assert block.clean(block.to_python(raw(url)))["url"] == url


@pytest.mark.parametrize(("name", "url"), list(refused_cases()))
def test_block_url_field_refuses_unsafe_links_on_the_field(name, url):
    block_class, raw = BLOCKS[name]
    assert url_error(block_class(), raw(url))


@pytest.mark.parametrize("name", ["call_to_action", "reference"])
def test_block_refusal_names_what_may_be_typed(name):
    block_class, raw = BLOCKS[name]
    assert url_error(block_class(), raw("javascript:alert(1)")) == [
        str(UNSAFE_URL_MESSAGE)
    ]


def test_optional_block_urls_may_stay_blank():
    for name in ("reference", "clinical_study"):
        block_class, raw = BLOCKS[name]
        block = block_class()
        assert block.clean(block.to_python(raw("")))["url"] == ""


def test_block_json_keeps_the_url_as_typed():
    block = CallToActionBlock()
    value = block.clean(block.to_python(cta("/ko/contact/")))
    assert block.get_api_representation(value, {"language_code": "ko"}) == {
        "label": "Book",
        "description": "",
        "link_type": "url",
        "href": "/ko/contact/",
    }
    block = ReferenceBlock()
    value = block.clean(block.to_python(reference("https://example.org/paper")))
    assert block.get_api_representation(value)["url"] == "https://example.org/paper"


# Through the admin ------------------------------------------------------------------


def call_to_action_form(url: str):
    return (
        "call_to_action",
        {"label": "Book", "description": "", "page": "", "url": url, "phone": ""},
    )


def edit_form(url: str) -> dict:
    return article_form(
        sections=[
            section_form(
                "Appointments",
                content=[
                    ("paragraph", rich_text("<p>Come and see us.</p>")),
                    call_to_action_form(url),
                ],
            )
        ]
    )


@pytest.mark.django_db
def test_editor_gets_a_form_error_for_a_script_link_and_nothing_is_saved(
    admin_client_logged_in, index_page
):
    page = publish(ArticlePageFactory(parent=index_page, slug="stem-cell-therapy"))
    revisions = page.revisions.count()
    response = admin_client_logged_in.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)),
        edit_form("javascript:alert(1)"),
    )
    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert str(UNSAFE_URL_MESSAGE) in response.content.decode()
    assert page.revisions.count() == revisions
    saved = ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert "javascript" not in str(saved.body.get_prep_value())


@pytest.mark.django_db
def test_editor_saves_a_call_to_action_to_a_path_of_the_site(
    admin_client_logged_in, index_page
):
    page = publish(ArticlePageFactory(parent=index_page, slug="stem-cell-therapy"))
    response = admin_client_logged_in.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)), edit_form("/ko/contact/")
    )
    assert response.status_code == 302, response.context["form"].errors
    saved = ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    [_paragraph, button] = saved.body[0].value["content"]
    assert button.value["url"] == "/ko/contact/"
