"""The translation status matrix: one row per source article, one cell per locale,
each cell in exactly one state, computed in a constant number of queries."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from wagtail.models import (
    GroupApprovalTask,
    Page,
    Workflow,
    WorkflowState,
    WorkflowTask,
)
from wagtail_localize.models import (
    StringTranslation,
    Translation,
)

from articles.models import StaleSegmentTranslation
from articles.translation.status.cells import CellState
from articles.translation.status.report import (
    articles_possibly_in_state,
    content_locales,
    rows_in_state,
    source_articles,
    translation_status,
)
from tests.factories import ArticlePageFactory, TopicFactory, publish, translate
from tests.translation.helpers import (
    CHANGED_AT,
    drift,
    localized,
    segments_of,
    submit,
    translate_segments,
)

pytestmark = pytest.mark.django_db


# Helpers -----------------------------------------------------------------------------


def article(index_page, **fields):
    return publish(ArticlePageFactory(parent=index_page, **fields))


def start_review(page) -> None:
    """A moderation workflow in progress on `page`."""
    workflow = Workflow.objects.create(name="Medical review")
    task = GroupApprovalTask.objects.create(name="Doctor approves")
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    user = get_user_model().objects.create_user(username="doctor", password="x")
    page.save_revision(user=user)
    workflow.start(page, user)


def status_of(page, codes=("en", "ko", "ja")) -> dict:
    (row,) = translation_status([page.pk], content_locales(codes))
    return {cell.language_code: cell for cell in row.cells}


# Cells -----------------------------------------------------------------------------


def test_untranslated_article_is_missing_everywhere_but_its_source(index_page):
    page = article(index_page)

    cells = status_of(page)

    assert cells["en"].state == CellState.SOURCE
    assert cells["ko"].state == CellState.MISSING
    assert cells["ja"].state == CellState.MISSING
    assert cells["ko"].page_id is None


def test_submitted_translation_without_a_page_is_in_progress_at_zero(
    index_page, locales
):
    page = article(index_page)
    translation = submit(page, locales["ko"])

    cell = status_of(page)["ko"]

    assert cell.state == CellState.IN_PROGRESS
    assert cell.percent == 0
    assert cell.translation_id == translation.pk
    assert cell.page_id is None


def test_percent_counts_translated_string_segments_rounded_down(index_page, locales):
    page = article(index_page)
    translation = submit(page, locales["ko"])
    total = len(segments_of(translation))
    translate_segments(translation, 2)

    cell = status_of(page)["ko"]

    assert cell.state == CellState.IN_PROGRESS
    assert cell.percent == 200 // total


def test_segment_translations_with_errors_or_in_another_context_do_not_count(
    index_page, locales
):
    page = article(index_page)
    other_page = article(index_page, title="Knee cartilage")
    translation = submit(page, locales["ko"])
    first, second, *_rest = segments_of(translation)
    StringTranslation.objects.create(
        translation_of=first.string,
        locale=locales["ko"],
        context=first.context,
        data="broken",
        has_error=True,
    )
    other = segments_of(submit(other_page, locales["ko"]))[0]
    StringTranslation.objects.create(
        translation_of=second.string,
        locale=locales["ko"],
        context=other.context,
        data="elsewhere",
    )

    assert status_of(page)["ko"].percent == 0


def test_partly_translated_draft_page_is_in_progress(index_page, locales):
    page = article(index_page)
    localized(page, locales["ko"], translated=1, publish=False)

    cell = status_of(page)["ko"]

    assert cell.state == CellState.IN_PROGRESS
    assert 0 < cell.percent < 100
    assert cell.page_id is not None


def test_fully_translated_draft_is_awaiting_review(index_page, locales):
    page = article(index_page)
    localized(page, locales["ko"], publish=False)

    cell = status_of(page)["ko"]

    assert cell.state == CellState.AWAITING_REVIEW
    assert cell.percent == 100


def test_live_translation_with_a_workflow_in_progress_is_awaiting_review(
    index_page, locales
):
    page = article(index_page)
    localized(page, locales["ko"])
    target = Page.objects.get(
        translation_key=page.translation_key, locale=locales["ko"]
    ).specific
    start_review(target)

    cell = status_of(page)["ko"]

    assert cell.state == CellState.AWAITING_REVIEW
    assert cell.in_workflow


def test_finished_workflow_does_not_hold_a_translation_in_review(index_page, locales):
    page = article(index_page)
    localized(page, locales["ko"])
    target = Page.objects.get(
        translation_key=page.translation_key, locale=locales["ko"]
    )
    start_review(target.specific)
    WorkflowState.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    ).update(status=WorkflowState.STATUS_APPROVED)
    target.specific.get_latest_revision().publish()

    assert status_of(page)["ko"].state == CellState.PUBLISHED


def test_published_translations_are_published_with_or_without_localize(
    index_page, locales
):
    page = article(index_page)
    localized(page, locales["ko"])
    translate(page, locales["ja"], title="幹細胞療法")

    cells = status_of(page)

    assert cells["ko"].state == CellState.PUBLISHED
    assert cells["ko"].percent == 100
    assert cells["ja"].state == CellState.PUBLISHED
    assert cells["ja"].percent is None  # translated by hand: no segments to count


def test_live_translation_with_unpublished_changes_is_awaiting_review(
    index_page, locales
):
    page = article(index_page)
    target = translate(page, locales["ja"])
    target.title = "幹細胞療法"
    target.save_revision()

    assert status_of(page)["ja"].state == CellState.AWAITING_REVIEW


def test_drift_on_a_live_translation_is_outdated_with_date_and_segment_count(
    index_page, locales
):
    page = article(index_page)
    drift(localized(page, locales["ko"]), changed_segments=4)

    cell = status_of(page)["ko"]

    assert cell.state == CellState.OUTDATED
    assert cell.source_changed_at == CHANGED_AT
    assert cell.changed_segments == 4


def test_drift_outweighs_untranslated_new_segments_once_live(index_page, locales):
    page = article(index_page)
    translation = localized(page, locales["ko"])
    StringTranslation.objects.filter(locale=locales["ko"]).first().delete()
    drift(translation)

    cell = status_of(page)["ko"]

    assert cell.state == CellState.OUTDATED
    assert cell.percent < 100


def test_drift_on_an_unfinished_draft_stays_in_progress(index_page, locales):
    page = article(index_page)
    drift(localized(page, locales["ko"], translated=1, publish=False))

    assert status_of(page)["ko"].state == CellState.IN_PROGRESS


def test_drift_on_a_finished_draft_is_outdated(index_page, locales):
    page = article(index_page)
    drift(localized(page, locales["ko"], publish=False))

    assert status_of(page)["ko"].state == CellState.OUTDATED


def test_disabled_translation_keeps_its_page_state_and_drift(index_page, locales):
    page = article(index_page)
    translation = localized(page, locales["ko"])
    Translation.objects.filter(pk=translation.pk).update(enabled=False)

    assert status_of(page)["ko"].state == CellState.PUBLISHED
    assert status_of(page)["ko"].translation_id is None
    drift(translation)
    assert status_of(page)["ko"].state == CellState.OUTDATED


def test_alias_in_a_locale_is_not_a_translation(index_page, locales):
    page = article(index_page)
    ko_index = index_page.copy_for_translation(locales["ko"])
    page.create_alias(parent=ko_index, update_locale=locales["ko"])

    cell = status_of(page)["ko"]

    assert cell.state == CellState.MISSING
    assert cell.page_id is None


def test_stale_segment_translations_are_counted_on_the_cell(index_page, locales):
    page = article(index_page)
    translation = localized(page, locales["ko"])
    for string_translation in StringTranslation.objects.filter(locale=locales["ko"])[
        :2
    ]:
        StaleSegmentTranslation.objects.create(
            translation=translation,
            string_translation=string_translation,
            previous_source_text="Old words.",
        )

    assert status_of(page)["ko"].stale_segments == 2


# Rows -----------------------------------------------------------------------------


def test_source_articles_are_one_row_per_article_in_its_source_locale(
    index_page, locales
):
    english = article(index_page, title="English original")
    localized(english, locales["ko"])
    translate(english, locales["ja"])
    korean_index = Page.objects.get(
        translation_key=index_page.translation_key, locale=locales["ko"]
    )
    korean = publish(ArticlePageFactory(parent=korean_index, locale=locales["ko"]))
    localized(korean, locales["ja"])  # submitted from Korean: sourced in Korean
    untracked_korean = publish(
        ArticlePageFactory(parent=korean_index, locale=locales["ko"])
    )

    sources = set(source_articles().values_list("pk", flat=True))

    assert sources == {english.pk, korean.pk}
    assert untracked_korean.pk not in sources
    (row,) = translation_status([korean.pk], content_locales(["en", "ko", "ja"]))
    assert row.language_code == "ko"
    assert [cell.state for cell in row.cells] == [
        CellState.MISSING,
        CellState.SOURCE,
        CellState.PUBLISHED,
    ]


def test_rows_keep_the_order_of_the_ids_given(index_page):
    first, second, third = (article(index_page) for _ in range(3))

    rows = translation_status([third.pk, first.pk, second.pk], content_locales())

    assert [row.page_id for row in rows] == [third.pk, first.pk, second.pk]
    assert [row.slug for row in rows] == [third.slug, first.slug, second.slug]


def test_source_articles_filter_by_topic_in_any_locale(index_page, locales):
    spine = TopicFactory(name="Spine")
    knee = TopicFactory(name="Knee")
    on_spine = article(index_page, topics=[spine])
    article(index_page, topics=[knee])

    assert list(source_articles(topic_key=spine.translation_key)) == [on_spine]


def test_rows_in_state_keeps_rows_with_a_cell_in_that_state(index_page, locales):
    outdated = article(index_page, title="A outdated")
    drift(localized(outdated, locales["ko"]))
    article(index_page, title="B untouched")

    rows = translation_status(source_articles(), content_locales())

    assert [row.page_id for row in rows_in_state(rows, "outdated")] == [outdated.pk]
    assert len(rows_in_state(rows, CellState.MISSING)) == 2


@pytest.mark.parametrize("state", [s for s in CellState if s != CellState.SOURCE])
def test_narrowing_by_state_in_sql_never_drops_an_article_in_that_state(
    index_page, locales, state
):
    outdated_draft = article(index_page, title="Outdated draft")
    drift(localized(outdated_draft, locales["ko"], publish=False))
    in_review = article(index_page, title="In review")
    localized(in_review, locales["ko"])
    start_review(
        Page.objects.get(
            translation_key=in_review.translation_key, locale=locales["ko"]
        ).specific
    )
    draft = article(index_page, title="Draft")
    localized(draft, locales["ja"], translated=2, publish=False)
    by_hand = article(index_page, title="By hand")
    translate(by_hand, locales["ko"])
    article(index_page, title="Untouched")
    chosen = content_locales(["en", "ko", "ja"])

    expected = rows_in_state(translation_status(source_articles(), chosen), state)
    narrowed = articles_possibly_in_state(source_articles(), state, chosen)

    assert expected
    assert rows_in_state(translation_status(narrowed, chosen), state) == expected


# Cost -----------------------------------------------------------------------------


def make_translated_articles(index_page, locales, count: int) -> None:
    for n in range(count):
        page = article(index_page)
        if n % 2:
            drift(localized(page, locales["ko"]))
        if n % 3:
            translation = submit(page, locales["ja"])
            translate_segments(translation, 1)
        if n % 4 == 0:
            translate(page, locales["ar"])


@pytest.mark.parametrize("count", [3, 12])
def test_status_costs_five_queries_whatever_the_number_of_articles(
    index_page, locales, count, django_assert_num_queries
):
    make_translated_articles(index_page, locales, count)
    all_locales = content_locales()

    with django_assert_num_queries(5):
        rows = translation_status(source_articles(), all_locales)

    assert len(rows) == count
    assert len(rows[0].cells) == 8
