import pytest
from django.core.exceptions import ValidationError
from wagtail.blocks import StreamBlockValidationError
from wagtail_localize.models import TranslationSource
from wagtail_localize.segments.extract import extract_segments

from articles.anchors import derive_anchor
from articles.blocks import ArticleBodyBlock
from articles.models import ArticlePage
from tests.factories import ArticlePageFactory, paragraph, section

LEGACY_ANCHORS = ["2.-spinal-cord-injury-(sci)", "the-road-ahead:-what's-realistic"]


@pytest.mark.parametrize(
    ("heading", "anchor"),
    [
        ("Stem cells: what they are", "stem-cells-what-they-are"),
        ("3.1 Mesenchymal stem cells", "mesenchymal-stem-cells"),
        ("  Risks & side effects  ", "risks-side-effects"),
        ("干细胞疗法与脊柱退变", "干细胞疗法与脊柱退变"),
        ("줄기세포 치료의 원리", "줄기세포-치료의-원리"),
        ("العلاج بالخلايا الجذعية", "العلاج-بالخلايا-الجذعية"),
    ],
)
def test_anchor_is_derived_from_the_heading_in_any_script(heading, anchor):
    assert derive_anchor(heading) == anchor


def test_heading_without_letters_gets_the_fallback_anchor():
    assert derive_anchor("???", fallback="section-4") == "section-4"


def test_derived_anchor_avoids_anchors_already_taken():
    taken = {"overview", "overview-2"}
    assert derive_anchor("Overview", taken=taken) == "overview-3"


def clean_body(*sections):
    block = ArticleBodyBlock()
    return block.clean(block.to_python(list(sections)))


def anchors_of(body) -> list[str]:
    return [child.value["anchor"] for child in body]


def test_blank_anchors_are_derived_when_the_body_is_cleaned():
    body = clean_body(section("Overview"), section("How it works", level=3))
    assert anchors_of(body) == ["overview", "how-it-works"]


def test_typed_legacy_anchors_are_kept_exactly():
    body = clean_body(
        section("2. Spinal Cord Injury (SCI)", anchor=LEGACY_ANCHORS[0]),
        section("The road ahead: what's realistic", anchor=LEGACY_ANCHORS[1]),
    )
    assert anchors_of(body) == LEGACY_ANCHORS


def test_derived_anchor_never_collides_with_a_typed_one():
    body = clean_body(section("Overview"), section("Summary", anchor="overview"))
    assert anchors_of(body) == ["overview-2", "overview"]


def test_repeated_headings_get_distinct_anchors():
    body = clean_body(section("Results"), section("Results"), section("Results"))
    assert anchors_of(body) == ["results", "results-2", "results-3"]


def test_duplicate_typed_anchor_is_an_error_on_the_second_sections_anchor_field():
    with pytest.raises(StreamBlockValidationError) as raised:
        clean_body(
            section("One", anchor="results"),
            section("Two", anchor="other"),
            section("Three", anchor="results"),
        )
    errors = raised.value.as_json_data()["blockErrors"]
    assert list(errors) == [2]
    assert "no. 1" in errors[2]["blockErrors"]["anchor"]["messages"][0]
    assert (
        "already uses the anchor" in errors[2]["blockErrors"]["anchor"]["messages"][0]
    )


@pytest.mark.parametrize("anchor", ["has space", "has#hash"])
def test_anchor_with_space_or_hash_is_refused(anchor):
    with pytest.raises(StreamBlockValidationError) as raised:
        clean_body(section("One", anchor=anchor))
    assert "anchor" in raised.value.as_json_data()["blockErrors"][0]["blockErrors"]


@pytest.mark.django_db
def test_article_saved_in_code_gets_its_anchors(index_page):
    page = ArticlePageFactory(
        parent=index_page, body=[section("Overview"), section("Findings", level=3)]
    )
    page.refresh_from_db()
    assert anchors_of(page.body) == ["overview", "findings"]


@pytest.mark.django_db
def test_article_saved_in_code_with_duplicate_anchors_is_refused(index_page):
    page = ArticlePage(
        title="Duplicate",
        slug="duplicate",
        summary="s",
        body=[section("A", anchor="x"), section("B", anchor="x")],
    )
    with pytest.raises(ValidationError) as raised:
        index_page.add_child(instance=page)
    assert "body" in raised.value.message_dict


@pytest.mark.django_db
def test_anchors_are_not_segments_for_translators(index_page):
    page = ArticlePageFactory(
        parent=index_page,
        body=[section("Overview", paragraph(), anchor=LEGACY_ANCHORS[0])],
    )
    paths = [segment.path for segment in extract_segments(page)]
    assert any(path.endswith(".heading") for path in paths)
    assert not any("anchor" in path for path in paths)


@pytest.mark.django_db
def test_translation_keeps_section_anchors(index_page, locales):
    page = ArticlePageFactory(
        parent=index_page,
        body=[
            section("Overview", paragraph()),
            section("Risks", anchor=LEGACY_ANCHORS[1]),
        ],
    )
    index_page.copy_for_translation(locales["ko"])
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translated, _created = source.create_or_update_translation(
        locales["ko"], fallback=True
    )
    assert anchors_of(translated.body) == anchors_of(page.body)
    assert anchors_of(translated.body) == ["overview", LEGACY_ANCHORS[1]]
