"""Every block of the article body validates its input and renders."""

import pytest
from django.core.exceptions import ValidationError
from wagtail import blocks

from articles.blocks import (
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
    SectionBlock,
    SectionContentBlock,
    StatisticBlock,
    TableBlock,
    VideoEmbedBlock,
)
from tests.factories import ImageFactory, items, paragraph

TABLE = {
    "data": [["Week", "Goal"], ["1-2", "Walk with support"]],
    "first_row_is_table_header": True,
    "first_col_is_header": False,
    "table_header_choice": "row",
    "table_caption": "Recovery milestones",
}


def valid_values(image=None) -> dict:
    """A valid stored value for each content block, and a text its HTML must show."""
    return {
        "paragraph": ("<p>Cells <b>divide</b>.</p>", "<b>divide</b>"),
        "bullet_list": (
            {"items": items("Pain relief", "Better sleep")},
            "<li>Pain relief</li>",
        ),
        "numbered_list": (
            {
                "start": None,
                "items": items(
                    {"text": "Harvest cells", "sub_items": items("Local anaesthetic")},
                    {"text": "Inject", "sub_items": []},
                ),
            },
            "<ul><li>Local anaesthetic</li></ul>",
        ),
        "image": (
            {
                "image": image.pk if image else None,
                "alt_text": "MRI",
                "caption": "Scan",
            },
            "<figcaption>Scan",
        ),
        "callout": (
            {"kind": "warning", "title": "Seek help", "body": "<p>Now.</p>"},
            "callout--warning",
        ),
        "statistic": ({"value": "68%", "label": "improved", "source": "Trial"}, "68%"),
        "clinical_study": (
            {
                "name": "STEM-SCI",
                "phase": "phase_2",
                "design": "randomised",
                "participants": 48,
                "population": "adults",
                "outcome": "<p>Better walking.</p>",
                "citation": "Kim 2025",
                "url": "https://example.org/study",
            },
            "Phase 2",
        ),
        "quote": (
            {"text": "Patience pays.", "attribution": "Dr Han", "role": "Surgeon"},
            "Patience pays.",
        ),
        "faq": (
            {"items": items({"question": "Does it hurt?", "answer": "<p>Little.</p>"})},
            "Does it hurt?",
        ),
        "call_to_action": (
            {
                "label": "Call us",
                "description": "",
                "page": None,
                "url": "",
                "phone": "+82-2-555-0100",
            },
            'href="tel:+8225550100"',
        ),
        "table": (TABLE, "Walk with support"),
        "embed": (
            {
                "url": "https://www.youtube.com/watch?v=abc123",
                "title": "Exercises",
                "caption": "",
                "transcript": "",
            },
            "https://www.youtube-nocookie.com/embed/abc123",
        ),
    }


def test_every_content_block_has_a_test_value():
    assert set(SectionContentBlock().child_blocks) == set(valid_values())


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(valid_values()))
def test_content_block_accepts_a_valid_value_and_renders_it(name):
    image = ImageFactory()
    raw, expected_html = valid_values(image)[name]
    block = SectionContentBlock().child_blocks[name]
    value = block.clean(block.to_python(raw))
    assert expected_html in block.render(value)


INVALID = {
    "paragraph": (ParagraphBlock(), ""),
    "bullet_list": (BulletListBlock(), {"items": []}),
    "numbered_list": (NumberedListBlock(), {"start": None, "items": []}),
    "image": (FigureBlock(), {"image": None, "alt_text": "", "caption": ""}),
    "callout": (CalloutBlock(), {"kind": "shout", "title": "", "body": "<p>x</p>"}),
    "statistic": (StatisticBlock(), {"value": "", "label": "", "source": ""}),
    "clinical_study": (
        ClinicalStudyBlock(),
        {"name": "S", "phase": "phase_9", "participants": 0, "outcome": "<p>x</p>"},
    ),
    "quote": (QuoteBlock(), {"text": ""}),
    "faq": (FAQBlock(), {"items": []}),
    "call_to_action": (
        CallToActionBlock(),
        {"label": "Go", "page": None, "url": "", "phone": ""},
    ),
    "table": (TableBlock(), {**TABLE, "data": [["", ""], ["", ""]]}),
    "embed": (
        VideoEmbedBlock(),
        {"url": "http://www.youtube.com/watch?v=x", "title": "V"},
    ),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", list(INVALID))
def test_content_block_refuses_an_invalid_value(name):
    block, raw = INVALID[name]
    with pytest.raises(ValidationError):
        block.clean(block.to_python(raw))


def test_call_to_action_with_two_targets_is_refused_on_both_fields():
    block = CallToActionBlock()
    raw = {
        "label": "Go",
        "page": None,
        "url": "https://example.org",
        "phone": "+82 2 555 0100",
    }
    with pytest.raises(blocks.StructBlockValidationError) as raised:
        block.clean(block.to_python(raw))
    assert set(raised.value.block_errors) == {"url", "phone"}


def test_call_to_action_refuses_a_phone_number_with_letters():
    block = CallToActionBlock()
    raw = {"label": "Go", "page": None, "url": "", "phone": "call me"}
    with pytest.raises(ValidationError):
        block.clean(block.to_python(raw))


@pytest.mark.parametrize(
    ("url", "embed_url"),
    [
        ("https://youtu.be/abc123", "https://www.youtube-nocookie.com/embed/abc123"),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871"),
        ("https://video.example.org/v/1", ""),
    ],
)
def test_video_embed_url_needs_no_network(url, embed_url):
    block = VideoEmbedBlock()
    value = block.to_python({"url": url, "title": "Video"})
    assert value.embed_url == embed_url


@pytest.mark.parametrize(
    ("field", "value"),
    [("doi", "https://doi.org/10.1/x"), ("doi", "11.1234/x"), ("pmid", "PMID123")],
)
def test_reference_refuses_malformed_identifiers(field, value):
    block = ReferenceBlock()
    raw = {"citation": "Kim et al. 2025", "url": "", "doi": "", "pmid": ""} | {
        field: value
    }
    with pytest.raises(blocks.StructBlockValidationError) as raised:
        block.clean(block.to_python(raw))
    assert field in raised.value.block_errors


def test_reference_accepts_doi_and_pmid():
    block = ReferenceBlock()
    raw = {
        "citation": "Kim 2025",
        "url": "",
        "doi": "10.5555/spine.2025.01",
        "pmid": "30000001",
    }
    assert block.clean(block.to_python(raw))["doi"] == "10.5555/spine.2025.01"


@pytest.mark.django_db
def test_section_renders_its_heading_level_anchor_and_content():
    block = SectionBlock()
    raw = {
        "heading": "Results",
        "level": "3",
        "anchor": "3.1-results",
        "content": [paragraph()],
    }
    html = block.render(block.to_python(raw))
    assert '<section id="3.1-results">' in html
    assert '<h3 class="section-heading">Results<a class="anchor-link"' in html
    assert 'href="#3.1-results"' in html
    assert "Stem cells can become many kinds of cell." in html


def test_section_level_is_two_or_three():
    block = SectionBlock()
    raw = {"heading": "Results", "level": "4", "anchor": "", "content": []}
    with pytest.raises(blocks.StructBlockValidationError) as raised:
        block.clean(block.to_python(raw))
    assert "level" in raised.value.block_errors


def test_table_cells_and_caption_are_translatable_segments():
    block = TableBlock()
    segments = block.get_translatable_segments(TABLE)
    assert [(s.path, s.render_text()) for s in segments] == [
        ("caption", "Recovery milestones"),
        ("cell-0-0", "Week"),
        ("cell-0-1", "Goal"),
        ("cell-1-0", "1-2"),
        ("cell-1-1", "Walk with support"),
    ]
    translated = [
        type(s)(s.path, text)
        for s, text in zip(
            segments, ["회복", "주", "목표", "1-2", "보조 보행"], strict=True
        )
    ]
    restored = block.restore_translated_segments(TABLE, translated)
    assert restored["data"] == [["주", "목표"], ["1-2", "보조 보행"]]
    assert restored["table_caption"] == "회복"
    assert TABLE["data"][0] == ["Week", "Goal"]  # the source is untouched
