"""Where a person or a tool writes content, unsafe anchors, video links and rich-text
links are refused there, with a message that says what to type (link URL fields and
the translation editor's overrides: tests/articles/test_safe_urls.py and
tests/translation/test_safe_overrides.py). What the API serves whatever got in is in
tests/api/test_output_safety*.py."""

import json
import re

import pytest
from django.urls import reverse
from wagtail import blocks
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter
from wagtail.test.utils.form_data import rich_text

from articles.blocks import ArticleBodyBlock, VideoEmbedBlock
from articles.blocks.content import PARAGRAPH_FEATURES
from articles.importer import import_articles
from articles.models import ArticlePage
from articles.safe_urls import UNSAFE_ANCHOR_MESSAGE
from tests.articles.helpers import article_form, section_form
from tests.factories import ArticlePageFactory, publish, section

VIDEO_MESSAGE = (
    "Use the link of a YouTube or Vimeo video, such as "
    "https://www.youtube.com/watch?v=… or https://vimeo.com/…"
)


def body_errors(*sections) -> dict:
    body = ArticleBodyBlock()
    with pytest.raises(blocks.StreamBlockValidationError) as raised:
        body.clean(body.to_python(list(sections)))
    return raised.value.as_json_data()["blockErrors"]


# Section anchors ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "anchor",
    [
        '"><script>alert(1)</script>',
        'a"b',
        "a`b",
        "a<b",
        "a>b",
        "two words",
        "tab\there",
        "#results",
        "zero\u200bwidth",
    ],
)
def test_an_unsafe_anchor_is_refused_on_the_anchor_field(anchor):
    errors = body_errors(section("Overview", anchor=anchor))
    assert errors[0]["blockErrors"]["anchor"]["messages"] == [
        str(UNSAFE_ANCHOR_MESSAGE)
    ]


@pytest.mark.parametrize(
    "anchor",
    ["2.-results-(legacy)", "the-road-ahead:-what's-realistic", "干细胞", "a&b"],
)
def test_legacy_and_non_latin_anchors_are_accepted(anchor):
    body = ArticleBodyBlock()
    cleaned = body.clean(body.to_python([section("Overview", anchor=anchor)]))
    assert cleaned[0].value["anchor"] == anchor


@pytest.mark.django_db
def test_the_editor_sees_why_an_anchor_is_refused(admin_client_logged_in, index_page):
    page = publish(ArticlePageFactory(parent=index_page, slug="stem-cell-therapy"))
    form = article_form(
        sections=[
            section_form(
                "Overview",
                anchor='"><script>alert(1)</script>',
                content=[("paragraph", rich_text("<p>Words.</p>"))],
            )
        ]
    )

    response = admin_client_logged_in.post(
        reverse("wagtailadmin_pages:edit", args=(page.pk,)), form
    )

    assert response.status_code == 200
    assert "body" in response.context["form"].errors
    assert "An anchor cannot contain spaces, double quotes" in response.content.decode()
    saved = ArticlePage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert "script" not in str(saved.body.raw_data)


# Video links --------------------------------------------------------------------------


def video_error(url: str) -> list[str]:
    block = VideoEmbedBlock()
    with pytest.raises(blocks.StructBlockValidationError) as raised:
        block.clean(block.to_python({"url": url, "title": "Exercises"}))
    return raised.value.block_errors["url"].messages


@pytest.mark.parametrize(
    "url",
    [
        "https://video.example.org/v/1",
        "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        'https://www.youtube.com/watch?v=x"><script>alert(1)</script>',
        "https://www.youtube.com/channel/UC123",
        "https://www.youtube.com/watch",
        "https://vimeo.com/channels/staffpicks",
    ],
)
def test_a_video_link_that_is_not_a_youtube_or_vimeo_video_is_refused(url):
    assert video_error(url) == [VIDEO_MESSAGE]


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "https://youtu.be/dQw4w9WgXcQ",
        "https://www.youtube.com/embed/dQw4w9WgXcQ",
        "https://www.youtube.com/shorts/dQw4w9WgXcQ",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        "https://vimeo.com/76979871",
        "https://player.vimeo.com/video/76979871",
    ],
)
def test_youtube_and_vimeo_video_links_are_accepted(url):
    block = VideoEmbedBlock()
    assert block.clean(block.to_python({"url": url, "title": "V"}))["url"] == url


def test_a_plain_http_video_link_is_refused_with_its_own_message():
    assert video_error("http://www.youtube.com/watch?v=dQw4w9WgXcQ") == [
        "Use an https:// link."
    ]


# Rich text the editor types -----------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x"]
)
def test_the_rich_text_editor_stores_no_script_link(url):
    """Draftail sends content state; Wagtail's converter keeps no such href."""
    content_state = {
        "blocks": [
            {
                "key": "a",
                "type": "unstyled",
                "text": "click",
                "depth": 0,
                "inlineStyleRanges": [],
                "entityRanges": [{"offset": 0, "length": 5, "key": 0}],
                "data": {},
            }
        ],
        "entityMap": {
            "0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": url}}
        },
    }
    converter = ContentstateConverter(features=PARAGRAPH_FEATURES)
    stored = converter.to_database_format(json.dumps(content_state))
    assert stored == '<p data-block-key="a"><a>click</a></p>'


# The importer -------------------------------------------------------------------------


def import_one(tmp_path, html: str):
    path = tmp_path / "hostile.html"
    path.write_text(f'<article lang="en"><h1>Hostile</h1>{html}</article>')
    return import_articles(paths=[path], language_code="en").files[0]


@pytest.mark.django_db
def test_the_importer_keeps_the_words_of_script_links_and_drops_scripts(
    index_page, tmp_path
):
    report = import_one(
        tmp_path,
        '<h2>Care</h2><p onclick="alert(1)">Rest <a href="JaVaScRiPt:alert(1)">'
        "here</a>.<script>alert(1)</script><img src=x onerror=alert(1)></p>",
    )

    page = ArticlePage.objects.get(pk=report.page_id).get_latest_revision_as_object()
    stored = page.body[0].value["content"][0].value.source
    # Stored as the editor writes it (with its block key), words kept, script gone.
    assert re.sub(r' data-block-key="[^"]+"', "", stored) == "<p>Rest here.</p>"


@pytest.mark.django_db
def test_the_importer_replaces_an_unsafe_anchor_with_one_from_the_heading(
    index_page, tmp_path
):
    report = import_one(
        tmp_path, '<h2 id="&quot;&gt;&lt;script&gt;">Care</h2><p>Rest.</p>'
    )
    assert report.status == "created"
    assert any("cannot be an anchor" in str(notice) for notice in report.notices)
    page = ArticlePage.objects.get(slug="hostile")
    assert [section.value["anchor"] for section in page.body] == ["care"]


@pytest.mark.django_db
def test_the_importer_refuses_a_video_frame_that_is_no_video(index_page, tmp_path):
    report = import_one(
        tmp_path,
        '<h2>Video</h2><iframe src="//www.youtube.com/embed/x&quot;&gt;" '
        'title="Exercises"></iframe>',
    )
    assert report.status == "failed"
    assert VIDEO_MESSAGE in report.error
