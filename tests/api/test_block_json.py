"""Each block's JSON, alone: the public contract of the article body."""

import pytest

from articles.blocks import (
    ArticleBodyBlock,
    BulletListBlock,
    CalloutBlock,
    CallToActionBlock,
    ClinicalStudyBlock,
    FAQBlock,
    FigureBlock,
    NumberedListBlock,
    ParagraphBlock,
    QuoteBlock,
    ReferenceBlock,
    StatisticBlock,
    TableBlock,
    VideoEmbedBlock,
)
from tests.factories import ArticlePageFactory, ImageFactory, items, publish, section

CONTEXT = {"language_code": "en", "base_url": "https://cms.example"}


def api_json(block, raw, context=CONTEXT):
    return block.get_api_representation(block.to_python(raw), context)


def test_paragraph():
    html = '<p data-block-key="x1">Cells <b>divide</b> <a href="https://example.org">often</a>.</p>'
    assert api_json(ParagraphBlock(), html) == {
        "html": '<p>Cells <b>divide</b> <a href="https://example.org">often</a>.</p>'
    }


def test_bullet_list():
    assert api_json(
        BulletListBlock(), {"items": items("<b>Pain</b> relief", "Sleep")}
    ) == {"items": ["<b>Pain</b> relief", "Sleep"]}


def test_numbered_list_with_nested_points():
    raw = {
        "start": None,
        "items": items(
            {
                "text": "Collect cells",
                "sub_items": items("Local anaesthetic", "Two hours"),
            },
            {"text": "Inject", "sub_items": []},
        ),
    }
    assert api_json(NumberedListBlock(), raw) == {
        "start": 1,
        "items": [
            {"text": "Collect cells", "sub_items": ["Local anaesthetic", "Two hours"]},
            {"text": "Inject", "sub_items": []},
        ],
    }


@pytest.mark.django_db
def test_image_has_alt_dimensions_focal_point_and_renditions():
    image = ImageFactory(
        file__width=1000,
        file__height=500,
        focal_point_x=400,
        focal_point_y=200,
        focal_point_width=100,
        focal_point_height=50,
    )
    data = api_json(
        FigureBlock(),
        {"image": image.pk, "alt_text": "MRI", "caption": "Scan", "credit": "Dr Han"},
    )
    assert set(data) == {"image", "alt", "caption", "credit"}
    assert (data["alt"], data["caption"], data["credit"]) == ("MRI", "Scan", "Dr Han")
    picture = data["image"]
    assert set(picture) == {
        "id",
        "title",
        "width",
        "height",
        "focal_point",
        "original",
        "renditions",
    }
    assert (picture["width"], picture["height"]) == (1000, 500)
    assert picture["focal_point"] == {"x": 400, "y": 200, "width": 100, "height": 50}
    assert picture["original"].startswith("https://cms.example/")
    assert [(r["width"], r["format"]) for r in picture["renditions"]] == [
        (320, "webp"),
        (320, "jpeg"),
        (640, "webp"),
        (640, "jpeg"),
        (960, "webp"),
        (960, "jpeg"),
    ]
    assert all(
        r["url"].startswith("https://cms.example/") for r in picture["renditions"]
    )


def test_callout():
    raw = {"kind": "warning", "title": "Seek help", "body": "<p>Call 119.</p>"}
    assert api_json(CalloutBlock(), raw) == raw


def test_statistic():
    raw = {"value": "68%", "label": "walked further", "source": "SPIRE-2"}
    assert api_json(StatisticBlock(), raw) == raw


def test_clinical_study():
    raw = {
        "name": "SPIRE-2",
        "phase": "phase_1_2",
        "design": "randomised",
        "participants": 48,
        "population": "adults",
        "outcome": "<p>Better.</p>",
        "citation": "Park 2024",
        "url": "https://example.org/s",
    }
    assert api_json(ClinicalStudyBlock(), raw) == {**raw, "phase_label": "Phase 1/2"}


def test_quote():
    raw = {"text": "Patience.", "attribution": "Dr Han", "role": "Neurosurgeon"}
    assert api_json(QuoteBlock(), raw) == raw


def test_faq():
    raw = {"items": items({"question": "Does it hurt?", "answer": "<p>Little.</p>"})}
    assert api_json(FAQBlock(), raw) == {
        "items": [{"question": "Does it hurt?", "answer": "<p>Little.</p>"}]
    }


@pytest.mark.parametrize(
    ("target", "link_type", "href"),
    [
        ({"phone": "+82 (2) 555-0100"}, "phone", "tel:+8225550100"),
        ({"url": "https://example.org/book"}, "url", "https://example.org/book"),
    ],
)
def test_call_to_action(target, link_type, href):
    raw = {
        "label": "Book",
        "description": "Weekdays",
        "page": None,
        "url": "",
        "phone": "",
    }
    assert api_json(CallToActionBlock(), {**raw, **target}) == {
        "label": "Book",
        "description": "Weekdays",
        "link_type": link_type,
        "href": href,
    }


@pytest.mark.django_db
def test_call_to_action_to_a_page_gives_its_path_in_the_served_locale(index_page):
    page = publish(ArticlePageFactory(parent=index_page, slug="clinic"))
    raw = {"label": "Visit", "description": "", "page": page.pk, "url": "", "phone": ""}
    assert api_json(CallToActionBlock(), raw)["href"] == "/en/clinic/"


def test_table():
    raw = {
        "data": [["Week", "Goal"], ["1", "Sit up"]],
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "table_caption": "Milestones",
    }
    assert api_json(TableBlock(), raw) == {
        "caption": "Milestones",
        "header": ["Week", "Goal"],
        "rows": [["1", "Sit up"]],
        "first_column_is_header": False,
    }


def test_embed():
    raw = {
        "url": "https://youtu.be/abc",
        "title": "Exercises",
        "caption": "",
        "transcript": "Lift.",
    }
    assert api_json(VideoEmbedBlock(), raw) == {
        "url": "https://www.youtube.com/watch?v=abc",
        "provider": "youtube",
        "embed_url": "https://www.youtube-nocookie.com/embed/abc",
        "title": "Exercises",
        "caption": "",
        "transcript": "Lift.",
    }


def test_reference():
    raw = {"citation": "Park 2024", "url": "", "doi": "10.5555/x.1", "pmid": "30000001"}
    assert api_json(ReferenceBlock(), raw) == {
        "citation": "Park 2024",
        "url": "",
        "doi": "10.5555/x.1",
        "doi_url": "https://doi.org/10.5555/x.1",
        "pmid": "30000001",
        "pubmed_url": "https://pubmed.ncbi.nlm.nih.gov/30000001/",
    }


def test_section_in_the_body_is_flat_with_its_id():
    body = ArticleBodyBlock()
    raw = [section("Results", level=3, anchor="results")]
    [data] = body.get_api_representation(body.to_python(raw), CONTEXT)
    assert data == {
        "type": "section",
        "id": raw[0]["id"],
        "anchor": "results",
        "heading": "Results",
        "level": 3,
        "content": [],
    }
