"""--translation-of: a file imported as the translation of an existing article, linked
by translation key and matched to it section by section through the anchors."""

import pytest
from django.core.management.base import CommandError
from rest_framework.test import APIClient
from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

from articles.models import ArticlePage
from articles.translation.status.cells import CellState
from articles.translation.status.report import translation_status
from tests.importer.conftest import run_import

pytestmark = pytest.mark.django_db

KO = "knee-cartilage.ko.html"


@pytest.fixture
def source(indexes, files):
    """The English article, from Markdown, published."""
    run_import(files / "knee-cartilage.md", "--locale", "en", "--publish")
    return ArticlePage.objects.get(locale__language_code="en")


def import_korean(files, *options: str) -> str:
    return run_import(
        files / KO, "--locale", "ko", "--translation-of", "knee-cartilage", *options
    )


def korean() -> ArticlePage:
    return ArticlePage.objects.get(locale__language_code="ko")


def sections(page) -> dict[str, object]:
    return {child.value["anchor"]: child for child in page.body}


def test_the_translation_shares_the_source_key_under_the_translated_index(
    source, files, indexes
):
    import_korean(files)
    ko = korean()
    assert ko.translation_key == source.translation_key
    assert ko.locale.language_code == "ko"
    assert ko.get_parent().specific == indexes["ko"]
    assert ko.title == "무릎 연골 재생 치료"
    assert not ko.live
    assert source.get_translation(Locale.objects.get(language_code="ko")) == ko
    # What the file does not give comes from the source, as copy_for_translation does.
    assert ko.last_reviewed == source.last_reviewed


def test_matched_sections_keep_the_source_anchors_and_block_ids(source, files):
    import_korean(files)
    en, ko = sections(source), sections(korean())
    shared = [anchor for anchor in ko if anchor in en]
    assert len(shared) == 13
    assert all(ko[anchor].id == en[anchor].id for anchor in shared)
    steps_en = en["what-to-expect"].value["content"][0]
    steps_ko = ko["what-to-expect"].value["content"][0]
    assert steps_ko.id == steps_en.id
    assert [i.id for i in steps_ko.value["items"].bound_blocks] == [
        i.id for i in steps_en.value["items"].bound_blocks
    ]


def test_sections_missing_on_either_side_are_reported(source, files):
    output = import_korean(files)
    assert (
        "warning: the source's section #further-reading ('Further reading') is "
        "missing from the file" in output
    )
    assert (
        "warning: line 86: section '국민건강보험 적용' (#national-health-insurance) "
        "is not in the source article: imported as it is" in output
    )
    assert "national-health-insurance" in sections(korean())
    assert "further-reading" not in sections(korean())


def test_the_api_lists_both_versions_in_translations(source, files):
    import_korean(files, "--publish")
    api = APIClient()
    en = api.get("/api/v1/articles/knee-cartilage/", {"locale": "en"}).json()
    ko = api.get("/api/v1/articles/knee-cartilage/", {"locale": "ko"}).json()
    assert (ko["locale"], ko["is_fallback"], ko["title"]) == (
        "ko",
        False,
        "무릎 연골 재생 치료",
    )
    assert [(t["locale"], t["slug"]) for t in en["translations"]] == [
        ("en", "knee-cartilage"),
        ("ko", "knee-cartilage"),
    ]
    assert en["translations"] == ko["translations"]
    assert en["translation_key"] == ko["translation_key"]
    assert [s["anchor"] for s in ko["body"]][:8] == [s["anchor"] for s in en["body"]][
        :8
    ]


def test_the_status_report_sees_a_draft_then_a_published_translation(source, files):
    ko_locale = Locale.objects.get(language_code="ko")

    import_korean(files)
    [row] = translation_status([source.pk], [ko_locale])
    assert row.cells[0].state == CellState.AWAITING_REVIEW

    import_korean(files, "--publish")
    [row] = translation_status([source.pk], [ko_locale])
    assert (row.cells[0].state, row.cells[0].page_id) == (
        CellState.PUBLISHED,
        korean().pk,
    )


def test_importing_the_translation_again_updates_it(source, files):
    import_korean(files)
    first = korean()
    (files / KO).write_text(
        (files / KO).read_text(encoding="utf-8").replace("개요", "한눈에 보기"),
        encoding="utf-8",
    )
    output = import_korean(files)
    assert "updated" in output
    assert korean().pk == first.pk
    assert ArticlePage.objects.filter(locale__language_code="ko").count() == 1
    assert korean().get_latest_revision_as_object().body[0].value["heading"] == (
        "한눈에 보기"
    )


def test_headings_without_ids_take_the_source_anchors_when_outlines_match(
    source, files, tmp_path
):
    source_path = files / "knee-cartilage.md"
    text = source_path.read_text(encoding="utf-8").replace(
        "## Further reading", "## Insurance"
    )
    headings = [
        (len(line) - len(line.lstrip("#")), line.lstrip("# ").split(" {#")[0])
        for line in text.splitlines()
        if line.startswith("#")
    ]
    html = "".join(
        f"<h{level}>{heading} (ko)</h{level}><p>번역된 내용.</p>\n"
        for level, heading in headings
    )
    (tmp_path / "knee-cartilage.ko.html").write_text(html, encoding="utf-8")
    output = run_import(
        tmp_path / "knee-cartilage.ko.html",
        "--locale",
        "ko",
        "--translation-of",
        "knee-cartilage",
    )
    assert "14 heading(s) without an id took the anchor of the source section" in output
    assert list(sections(korean())) == list(sections(source))


def test_a_translation_wagtail_localize_manages_gets_a_warning(source, files):
    translation_source, _created = TranslationSource.get_or_create_from_instance(source)
    Translation.objects.create(
        source=translation_source,
        target_locale=Locale.objects.get(language_code="ko"),
        enabled=True,
    )
    output = import_korean(files)
    assert (
        "warning: wagtail-localize translates this article into ko: syncing or "
        "editing that translation there will replace the imported text"
    ) in output


def test_bad_translation_arguments_are_refused_with_a_clear_message(source, files):
    with pytest.raises(CommandError, match="No article with the slug 'knees'"):
        run_import(files / KO, "--locale", "ko", "--translation-of", "knees")
    with pytest.raises(CommandError, match="is in en already"):
        run_import(files / KO, "--locale", "en", "--translation-of", "knee-cartilage")
    with pytest.raises(CommandError, match="--translation-of imports one file"):
        run_import(
            files / KO,
            files / KO,
            "--locale",
            "ko",
            "--translation-of",
            "knee-cartilage",
        )
    assert not ArticlePage.objects.filter(locale__language_code="ko").exists()
