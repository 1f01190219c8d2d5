"""Every HTML string and link URL the API returns is safe for a front end to insert as
it is (innerHTML, href, src), whatever wrote it. These tests put hostile content in
the database past every form, as a bug or a direct write could, and read the API:
the document built at publish is clean all the same (the last line). Each path that
writes content (editor, importer, XLIFF, machine translation, the translation
editor's link overrides) and the preview are followed to the API; what each refuses
at input is in tests/articles/test_input_safety.py."""

import json
import uuid

import pytest
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.images.blocks import ImageChooserBlock

from api.models import ArticleDocument
from articles.blocks import (
    AnchorBlock,
    ArticleBodyBlock,
    CallToActionBlock,
    ClinicalStudyBlock,
    ParagraphBlock,
    ReferenceBlock,
    ReferencesBlock,
    VideoEmbedBlock,
)
from articles.blocks.fields import RichTextBlock
from articles.models import ArticlePage
from articles.richtext import FEATURE_TAGS
from articles.safe_urls import safe_anchor, safe_url
from tests.factories import ArticlePageFactory, block, paragraph, publish, section

pytestmark = pytest.mark.django_db

HOSTILE_HTML = (
    "<p>Safe words"
    "<img src=x onerror=alert(1)>"
    '<a href="javascript:alert(1)">one</a>'
    '<a href="JaVaScRiPt:alert(1)">two</a>'
    '<a href="jav&#x09;ascript:alert(1)">three</a>'
    '<a href="  javascript:alert(1)">four</a>'
    '<a href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;">five</a>'
    '<a href="vbscript:msgbox(1)">six</a>'
    '<a href="//evil.example/x">seven</a>'
    '<a style="color:red" onclick="alert(1)" href="https://example.org">eight</a>'
    '<b onmouseover="alert(1)">bold</b>'
    "</p>"
    "<svg><script>alert(1)</script></svg>"
    "<style>p { background: url(javascript:alert(1)) }</style>"
    '<iframe src="https://evil.example"></iframe>'
    '<form action="https://evil.example"><input value="x"></form>'
)
HOSTILE_URLS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    " \t javascript:alert(1)",
    "java\tscript:alert(1)",
    "jav&#x09;ascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/x",
    "https://exa\u200bmple.org",
]
HOSTILE_ANCHOR = '"><script>alert(1)</script>'
# Found in no clean document: every hostile value above carries one of them.
TELL_TALES = [
    "javascript",
    "vbscript",
    "data:",
    "evil.example",
    "onerror",
    "onclick",
    "onmouseover",
    "style",
    "<script",
    "<img",
    "<svg",
    "<iframe",
    "<form",
    "<input",
    "\u200b",
]
CONTEXT = {"language_code": "en", "base_url": "https://cms.example"}


def api_json(block_def, raw):
    return block_def.get_api_representation(block_def.to_python(raw), CONTEXT)


def strings_in(data) -> list[str]:
    if isinstance(data, dict):
        return [s for value in data.values() for s in strings_in(value)]
    if isinstance(data, list):
        return [s for value in data for s in strings_in(value)]
    return [data] if isinstance(data, str) else []


def tell_tales_in(data) -> list[tuple[str, str]]:
    return [
        (tale, text)
        for text in strings_in(data)
        for tale in TELL_TALES
        if tale in text.casefold()
    ]


# Hostile content for every block of the body: the generic last-line test ------------


def hostile_raw(block_def, url: str):
    """Stored (JSON) data for `block_def` with hostile rich text, links and anchors,
    and plain words in every plain-text field (text is not HTML)."""
    if isinstance(block_def, RichTextBlock):
        return HOSTILE_HTML
    if isinstance(block_def, AnchorBlock):
        return HOSTILE_ANCHOR
    if isinstance(block_def, blocks.URLBlock):
        return url
    if isinstance(block_def, blocks.StructBlock):
        return {
            name: hostile_raw(child, url)
            for name, child in block_def.child_blocks.items()
        }
    if isinstance(block_def, blocks.ListBlock):
        return [
            {
                "type": "item",
                "value": hostile_raw(block_def.child_block, url),
                "id": str(uuid.uuid4()),
            }
        ]
    if isinstance(block_def, blocks.StreamBlock):
        return [
            block(name, hostile_raw(child, url))
            for name, child in block_def.child_blocks.items()
        ]
    if isinstance(block_def, TableBlock):
        return {"data": [["Plain words"]], "table_caption": "Plain words"}
    if isinstance(block_def, blocks.ChoiceBlock):
        return str(block_def.field.choices[-1][0])
    if isinstance(block_def, blocks.IntegerBlock):
        return 1
    if isinstance(block_def, ImageChooserBlock | blocks.PageChooserBlock):
        return None
    if isinstance(block_def, blocks.CharBlock | blocks.TextBlock):
        return "Plain words"
    raise AssertionError(f"No hostile value for {block_def!r}: add one.")


def test_every_kind_of_body_block_gets_hostile_data():
    body = hostile_raw(ArticleBodyBlock(), HOSTILE_URLS[0])
    content = body[0]["value"]["content"]
    assert {child["type"] for child in content} == set(
        ArticleBodyBlock().child_blocks["section"].child_blocks["content"].child_blocks
    )


def hostile_article(index_page, url: str, **fields):
    """An article whose every block holds hostile data, saved past validation (as an
    editor's page could be, by a bug or a direct write) and published."""
    fields.setdefault("slug", "hostile")
    return publish(
        ArticlePageFactory(
            parent=index_page,
            body=hostile_raw(ArticleBodyBlock(), url),
            references=hostile_raw(ReferencesBlock(), url),
            disclaimer=HOSTILE_HTML,
            **fields,
        )
    )


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_an_editors_page_with_hostile_data_in_every_block_is_served_clean(
    api, index_page, url
):
    hostile_article(index_page, url)

    data = api.get("/api/v1/articles/hostile/").json()

    assert tell_tales_in(data) == []
    assert "Safe words" in data["disclaimer"]
    assert "Safe words" in data["body"][0]["content"][0]["html"]


# Rich text: what nh3 keeps -----------------------------------------------------------


@pytest.mark.parametrize(
    ("stored", "served"),
    [
        ("<p>x<img src=x onerror=alert(1)></p>", "<p>x</p>"),
        ('<p><a href="javascript:alert(1)">x</a></p>', "<p><a>x</a></p>"),
        ('<p><a href="JaVaScRiPt:alert(1)">x</a></p>', "<p><a>x</a></p>"),
        ('<p><a href="jav&#x09;ascript:alert(1)">x</a></p>', "<p><a>x</a></p>"),
        ('<p><a href="java&#10;script:alert(1)">x</a></p>', "<p><a>x</a></p>"),
        ('<p><a href="javascript&colon;alert(1)">x</a></p>', "<p><a>x</a></p>"),
        ('<p><a href=" \tjavascript:alert(1)">x</a></p>', "<p><a>x</a></p>"),
        ('<p><a href="data:text/html,x">x</a></p>', "<p><a>x</a></p>"),
        ('<p><a href="vbscript:msgbox(1)">x</a></p>', "<p><a>x</a></p>"),
        ('<p><a href="//evil.example">x</a></p>', "<p><a>x</a></p>"),
        ('<p><a href="ftp://example.org/f">x</a></p>', "<p><a>x</a></p>"),
        ("<svg><script>alert(1)</script></svg><p>x</p>", "<p>x</p>"),
        ("<script>alert(1)</script><p>x</p>", "<p>x</p>"),
        ("<style>p { color: red }</style><p>x</p>", "<p>x</p>"),
        ('<iframe src="https://evil.example"></iframe><p>x</p>', "<p>x</p>"),
        (
            '<p><a style="color:red" href="/ko/">x</a></p>',
            '<p><a href="/ko/">x</a></p>',
        ),
        (
            '<p onclick="alert(1)" class="c" id="i" data-block-key="k">x</p>',
            "<p>x</p>",
        ),
        ('<p><b onmouseover="alert(1)">x</b></p>', "<p><b>x</b></p>"),
        ("<p>x<!-- <script>alert(1)</script> --></p>", "<p>x</p>"),
        ("<h2>Heading</h2><ul><li>one</li></ul>", "Headingone"),
    ],
)
def test_hostile_rich_text_is_cleaned(stored, served):
    assert api_json(ParagraphBlock(), stored) == {"html": served}


@pytest.mark.parametrize(
    "href",
    [
        "https://example.org/a?b=1&amp;c=2",
        "http://example.org/",
        "/ko/contact/",
        "#results",
        "mailto:clinic@hospital.example",
        "tel:+82-2-555-0100",
    ],
)
def test_safe_links_in_rich_text_survive(href):
    html = f'<p>See <a href="{href}">this</a>.</p>'
    assert api_json(ParagraphBlock(), html) == {"html": html}


def rich_text_features(block_def) -> set[str]:
    if isinstance(block_def, RichTextBlock):
        return set(block_def.features)
    children = getattr(block_def, "child_blocks", None) or {}
    if isinstance(block_def, blocks.ListBlock):
        children = {"item": block_def.child_block}
    return {f for child in children.values() for f in rich_text_features(child)}


def test_every_rich_text_feature_offered_has_its_tags_allowed():
    offered = rich_text_features(ArticleBodyBlock())
    offered |= set(ArticlePage._meta.get_field("disclaimer").features)
    assert {"bold", "link", "document-link"} <= offered
    assert offered <= set(FEATURE_TAGS), "allow the new feature's tags in nh3"


def test_the_formatting_the_editor_offers_survives():
    html = (
        "<p><b>b</b> <strong>s</strong> <i>i</i> <em>e</em> H<sub>2</sub>O "
        "10<sup>3</sup><br>next line &amp; 1 &lt; 2</p>"
    )
    assert api_json(ParagraphBlock(), html) == {"html": html}


# Link URLs, anchors and videos --------------------------------------------------------


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_safe_url_refuses_hostile_links(url):
    assert safe_url(url) == ""


@pytest.mark.parametrize(
    ("url", "served"),
    [
        ("https://example.org/a?b=1&c=2#d", "https://example.org/a?b=1&c=2#d"),
        ("/ko/contact/", "/ko/contact/"),
        ("#book", "#book"),
        ("mailto:clinic@hospital.example", "mailto:clinic@hospital.example"),
        ("tel:+82-2-555-0100", "tel:+82-2-555-0100"),
        ("  https://example.org/  ", "https://example.org/"),
        ('https://example.org/"><script>', "https://example.org/%22%3E%3Cscript%3E"),
        ("https://example.org/it's here", "https://example.org/it%27s%20here"),
    ],
)
def test_safe_url_keeps_safe_links_and_neutralises_attribute_breakers(url, served):
    assert safe_url(url) == served


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_url_fields_with_hostile_stored_links_are_served_empty(url):
    cta = {"label": "Book", "description": "", "page": None, "url": url, "phone": ""}
    study = {"name": "S", "phase": "phase_2", "outcome": "<p>x</p>", "url": url}
    reference = {"citation": "Kim 2025", "url": url, "doi": "", "pmid": ""}
    video = {"url": url, "title": "V", "caption": "", "transcript": ""}

    assert api_json(CallToActionBlock(), cta)["href"] == ""
    assert api_json(ClinicalStudyBlock(), study)["url"] == ""
    assert api_json(ReferenceBlock(), reference)["url"] == ""
    assert {
        key: value
        for key, value in api_json(VideoEmbedBlock(), video).items()
        if key in ("url", "provider", "embed_url")
    } == {"url": "", "provider": "other", "embed_url": ""}


@pytest.mark.parametrize(
    ("stored", "url", "embed_url"),
    [
        (
            "https://youtu.be/dQw4w9WgXcQ?si=tracking",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://m.youtube.com/watch?v=dQw4w9WgXcQ&t=30",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        ),
        (
            "https://player.vimeo.com/video/76979871",
            "https://vimeo.com/76979871",
            "https://player.vimeo.com/video/76979871",
        ),
        ('https://www.youtube.com/watch?v=x"><script>', "", ""),
        ("https://www.youtube.com/embed/x/../../evil", "", ""),
        ("https://vimeo.com/javascript:alert(1)", "", ""),
        ("https://evil.example/watch?v=dQw4w9WgXcQ", "", ""),
    ],
)
def test_videos_are_served_in_the_providers_canonical_form_or_not_at_all(
    stored, url, embed_url
):
    served = api_json(VideoEmbedBlock(), {"url": stored, "title": "V"})
    assert (served["url"], served["embed_url"]) == (url, embed_url)


def test_a_hostile_stored_anchor_is_served_without_its_breakers_everywhere(
    api, index_page
):
    publish(
        ArticlePageFactory(
            parent=index_page,
            slug="a",
            body=[
                section("Overview", paragraph(), anchor=HOSTILE_ANCHOR),
                section("Results", paragraph(), anchor='" \t<>#`'),
            ],
        )
    )
    data = api.get("/api/v1/articles/a/").json()
    anchors = [s["anchor"] for s in data["body"]], [t["anchor"] for t in data["toc"]]
    assert anchors == (["scriptalert(1)/script", "results"],) * 2


def test_safe_anchor_keeps_legacy_anchors_exactly():
    for anchor in ["2.-results-(legacy)", "the-road-ahead:-what's-realistic", "干细胞"]:
        assert safe_anchor(anchor) == anchor


# json_ld and the JSON text ------------------------------------------------------------

BREAKOUT = "</script><script>alert(1)</script> & <!--"


def test_json_ld_is_safe_inside_a_script_element_as_it_is(api, index_page):
    reference = {
        "citation": BREAKOUT,
        "url": "javascript:alert(1)",
        "doi": '10.1000/x"><script>',
        "pmid": "",
    }
    publish(
        ArticlePageFactory(
            parent=index_page,
            slug="a",
            title=BREAKOUT,
            summary=BREAKOUT,
            references=[block("reference", reference)],
        )
    )

    response = api.get("/api/v1/articles/a/")
    text = response.content.decode()
    json_ld = response.json()["json_ld"]

    assert not {"<", ">", "&"} & set(text)
    assert "\\u003c/script\\u003e" in text
    assert (json_ld["headline"], json_ld["description"]) == (BREAKOUT, BREAKOUT)
    assert json_ld["citation"] == [
        {
            "@type": "CreativeWork",
            "name": BREAKOUT,
            "sameAs": "https://doi.org/10.1000/x%22%3E%3Cscript%3E",
        }
    ]


def test_the_stored_document_text_has_no_raw_angle_brackets_or_ampersands(
    index_page,
):
    hostile_article(index_page, "javascript:alert(1)", title=BREAKOUT)
    stored = ArticleDocument.objects.get(slug="hostile")
    for text in (stored.detail_json, stored.listing_json):
        assert not {"<", ">", "&"} & set(text)
        json.loads(text)  # still JSON
