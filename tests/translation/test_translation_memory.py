"""The translation memory: what medical review approved is kept (the text as the
reviewer approved it, with its article, section and neighbours); rejected or
unreviewed text is not; a new translation starts from it, a match in the same
context first, marked as coming from the memory and still reviewed; and a sentence
added to the source of an existing translation arrives translated where the memory
knows it."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.models import StringTranslation

from articles.models import (
    ArticlePage,
    MemoryUnit,
    StaleSegmentTranslation,
    TranslationDrift,
)
from articles.translation.memory.prefill import MEMORY_TOOL_NAME, fill_from_memory
from articles.translation.roles import REVIEWERS_GROUP, translators_group_name
from articles.translation.send_to_review import submit_translation_for_review
from tests.factories import ArticlePageFactory, member, paragraph, publish, section
from tests.translation.helpers import (
    body_data,
    publish_body,
    submit_like_the_admin,
    workflow_action_url,
)

pytestmark = pytest.mark.django_db

REST = "<p>Rest for six weeks after the injection.</p>"
SCAN = "<p>A scan follows at three months.</p>"
WALK = "<p>Walk a little every day.</p>"


@pytest.fixture
def users(roles):
    return {
        "ko": member("ko-translator", translators_group_name("ko")),
        "reviewer": member("doctor", REVIEWERS_GROUP),
    }


def article(indexes, slug: str, *paragraphs: str) -> ArticlePage:
    return publish(
        ArticlePageFactory(
            parent=indexes["en"],
            slug=slug,
            title=slug.title(),
            body=[section("Recovery", *map(paragraph, paragraphs), anchor="recovery")],
        )
    )


def translate_all(translation, prefix="KO "):
    for segment in translation.source.stringsegment_set.select_related("string"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            defaults={"data": prefix + segment.string.data},
        )


def act(client, page, user, action: str):
    client.force_login(user)
    page = Page.objects.get(pk=page.pk)
    client.post(
        workflow_action_url(page, action),
        {"comment": "Please check the dose."} if action == "reject" else {},
    )
    client.logout()


@pytest.fixture
def reviewed(client, indexes, locales, users):
    """A Korean translation of an article, sent to review and approved."""
    page = article(indexes, "knee", REST, SCAN)
    translation = submit_like_the_admin(page, locales["ko"])
    translate_all(translation)
    submit_translation_for_review(translation=translation, user=users["ko"])
    act(client, translation.get_target_instance(), users["reviewer"], "approve")
    return page, translation


def test_approved_segments_are_remembered_with_where_they_were_used(reviewed):
    page, _translation = reviewed
    unit = MemoryUnit.objects.get(source_text="Rest for six weeks after the injection.")
    assert unit.target_text == "KO Rest for six weeks after the injection."
    assert unit.target_locale.language_code == "ko"
    assert (unit.translation_key, unit.section_anchor) == (
        page.translation_key,
        "recovery",
    )
    assert unit.next_key  # its neighbour, for in-context matches
    assert unit.origin == "review"


def test_a_rejected_translation_is_not_remembered(client, indexes, locales, users):
    page = article(indexes, "hip", REST)
    translation = submit_like_the_admin(page, locales["ko"])
    translate_all(translation)
    submit_translation_for_review(translation=translation, user=users["ko"])

    act(client, translation.get_target_instance(), users["reviewer"], "reject")

    assert not MemoryUnit.objects.exists()


def test_edits_after_sending_to_review_are_not_remembered(
    client, indexes, locales, users
):
    page = article(indexes, "hip", REST)
    translation = submit_like_the_admin(page, locales["ko"])
    translate_all(translation)
    submit_translation_for_review(translation=translation, user=users["ko"])
    translate_all(translation, prefix="EDITED ")  # after sending: not reviewed

    act(client, translation.get_target_instance(), users["reviewer"], "approve")

    texts = set(MemoryUnit.objects.values_list("target_text", flat=True))
    assert "KO Rest for six weeks after the injection." in texts
    assert not any(text.startswith("EDITED") for text in texts)


def test_a_new_translation_starts_from_the_memory(reviewed, indexes, locales):
    other = article(indexes, "ankle", REST, "<p>Walk a little every day.</p>")

    translation = submit_like_the_admin(other, locales["ko"])

    filled = StringTranslation.objects.get(
        locale=locales["ko"],
        translation_of__data="Rest for six weeks after the injection.",
        context__object_id=other.translation_key,
    )
    assert filled.data == "KO Rest for six weeks after the injection."
    assert filled.tool_name == MEMORY_TOOL_NAME
    # Only what the memory knows; the page is a draft, not live.
    assert not StringTranslation.objects.filter(
        locale=locales["ko"], translation_of__data="Walk a little every day."
    ).exists()
    assert not translation.get_target_instance().live


def test_a_match_in_the_same_context_wins(reviewed, indexes, locales):
    # The same sentence approved elsewhere, between other sentences, more recently.
    unit = MemoryUnit.objects.get(source_text="Rest for six weeks after the injection.")
    MemoryUnit.objects.create(
        source_locale=unit.source_locale,
        target_locale=unit.target_locale,
        source_text=unit.source_text,
        target_text="KO out of context",
        source_key=unit.source_key,
        previous_key="x",
        next_key="y",
        target_key="z",
    )
    again = article(indexes, "knee-2", REST, SCAN)  # same neighbours as the original

    submit_like_the_admin(again, locales["ko"])

    filled = StringTranslation.objects.get(
        locale=locales["ko"],
        translation_of__data=unit.source_text,
        context__object_id=again.translation_key,
    )
    assert filled.data == "KO Rest for six weeks after the injection."


def test_the_editor_says_a_segment_came_from_the_memory(
    client, reviewed, indexes, locales, users
):
    other = article(indexes, "ankle", REST)
    translation = submit_like_the_admin(other, locales["ko"])
    client.force_login(users["ko"])

    marks = client.get(
        reverse("articles_translation_marks", args=[translation.pk])
    ).json()["segments"]

    assert marks["Rest for six weeks after the injection."]["origin"] == (
        "From the translation memory"
    )


# A changed source ---------------------------------------------------------------------


def rewrite(page, html: str) -> ArticlePage:
    """The editor publishes `page` with its paragraph's text changed to `html` (the
    same block, so its sentences keep their place)."""
    page = ArticlePage.objects.get(pk=page.pk)
    body = body_data(page)
    body[0]["value"]["content"][0]["value"] = html
    return publish_body(page, body)


def translated_text(page, locale, text: str) -> StringTranslation | None:
    return StringTranslation.objects.filter(
        locale=locale,
        translation_of__data=text,
        context__object_id=page.translation_key,
    ).first()


def test_a_sentence_added_to_the_source_arrives_translated_from_the_memory(
    reviewed, indexes, locales
):
    other = article(indexes, "ankle", WALK)
    translation = submit_like_the_admin(other, locales["ko"])
    translate_all(translation)

    rewrite(other, WALK + REST)

    filled = translated_text(
        other, locales["ko"], "Rest for six weeks after the injection."
    )
    assert filled.data == "KO Rest for six weeks after the injection."
    assert filled.tool_name == MEMORY_TOOL_NAME
    # The translator's own work is left as it was.
    walk = translated_text(other, locales["ko"], "Walk a little every day.")
    assert (walk.data, walk.tool_name) == ("KO Walk a little every day.", "")
    # The Korean page made before lacks the sentence: readers are told its section
    # is outdated, and the translator is shown it, to check what was filled in.
    drift = TranslationDrift.objects.get(translation=translation)
    assert drift.outdated_sections == ["recovery"]
    assert drift.changed_sections == ["recovery"]


def test_a_rewritten_sentence_keeps_its_flagged_translation_over_the_memorys(
    client, reviewed, indexes, locales, users
):
    other = article(indexes, "ankle", WALK)
    translation = submit_like_the_admin(other, locales["ko"])
    translate_all(translation)

    rewrite(other, REST)  # the sentence, rewritten into one the memory knows

    kept = translated_text(
        other, locales["ko"], "Rest for six weeks after the injection."
    )
    # The translation of what was there, flagged with the text it was made for:
    # the review shows old and new source beside it (the memory's is offered too).
    assert kept.data == "KO Walk a little every day."
    flag = StaleSegmentTranslation.objects.get(string_translation=kept)
    assert flag.previous_source_text == "Walk a little every day."
    client.force_login(users["ko"])
    marks = client.get(
        reverse("articles_translation_marks", args=[translation.pk])
    ).json()["segments"]
    (match,) = marks["Rest for six weeks after the injection."]["memory"]
    assert (match["score"], match["target"]) == (
        100,
        "KO Rest for six weeks after the injection.",
    )


def test_each_language_is_filled_from_its_own_memory(reviewed, indexes, locales):
    other = article(indexes, "ankle", WALK)
    submit_like_the_admin(other, locales["ko"])
    submit_like_the_admin(other, locales["ja"])  # nothing approved in Japanese

    rewrite(other, WALK + REST)

    rest = "Rest for six weeks after the injection."
    assert translated_text(other, locales["ko"], rest).tool_name == MEMORY_TOOL_NAME
    assert translated_text(other, locales["ja"], rest) is None


def test_an_agencys_unit_that_adds_markup_is_filled_in_but_held_by_the_checks(
    indexes, locales
):
    from articles.translation.memory.tmx import apply_tmx, read_tmx
    from articles.translation.qa.run import check_translation

    # An agency's TMX: its Korean adds a script around the sentence.
    apply_tmx(
        read_tmx(
            '<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4">'
            '<header srclang="en"/><body><tu>'
            '<tuv xml:lang="en"><seg>Rest for six weeks after the injection.</seg>'
            "</tuv>"
            '<tuv xml:lang="ko"><seg><bpt i="1">&lt;script&gt;</bpt>alert(1)'
            '<ept i="1">&lt;/script&gt;</ept>주사 후 6주 동안 쉬세요.</seg></tuv>'
            "</tu></body></tmx>".encode()
        )
    )
    other = article(indexes, "ankle", WALK)
    translation = submit_like_the_admin(other, locales["ko"])

    rewrite(other, WALK + REST)

    rest = "Rest for six weeks after the injection."
    assert translated_text(other, locales["ko"], rest).tool_name == MEMORY_TOOL_NAME
    # The quality checks, which gate sending to review and publishing, report it.
    (error,) = [
        finding
        for row in check_translation(translation).segments
        if row.segment.source_text == rest
        for finding in row.open_findings("error")
    ]
    assert error.check == "tags" and "script" in str(error.message)


def test_filling_translations_takes_as_many_queries_whatever_their_number(
    reviewed, indexes, locales, django_assert_num_queries
):
    other = article(indexes, "ankle", WALK, REST)
    codes = ["ko", "ja", "zh-hans", "ar"]
    translations = [submit_like_the_admin(other, locales[code]) for code in codes]
    StringTranslation.objects.filter(context__object_id=other.translation_key).delete()
    source = translations[0].source

    with django_assert_num_queries(4):  # segments, memory, what is done, the writes
        korean = fill_from_memory(source, translations[:1])
    StringTranslation.objects.filter(context__object_id=other.translation_key).delete()
    with django_assert_num_queries(4):
        # Only Korean has a memory: the same segments are filled.
        assert fill_from_memory(source, translations) == korean > 0


# Fuzzy matches ---------------------------------------------------------------------


def test_similar_sentences_are_offered_with_their_differences(reviewed, locales):
    from articles.translation.memory.fuzzy import fuzzy_matches

    (matches,) = fuzzy_matches(
        ["Rest for eight weeks after the injection."],
        source_locale_id=locales["en"].pk,
        target_locale_id=locales["ko"].pk,
    )

    (match,) = matches
    assert 75 <= match.score < 100
    assert match.target == "KO Rest for six weeks after the injection."
    assert ("delete", "six") in match.diff and ("insert", "eight") in match.diff


def test_a_sentence_too_different_is_not_offered(reviewed, locales):
    from articles.translation.memory.fuzzy import fuzzy_matches

    assert fuzzy_matches(
        ["Rest after the injection is not always needed for the knee."],
        source_locale_id=locales["en"].pk,
        target_locale_id=locales["ko"].pk,
    ) == [[]]


def test_fuzzy_lookups_take_a_bounded_number_of_queries(
    reviewed, locales, django_assert_max_num_queries
):
    from articles.translation.memory.fuzzy import fuzzy_matches

    texts = [f"Rest for {n} weeks after the injection." for n in range(300)]
    with django_assert_max_num_queries(3):
        results = fuzzy_matches(
            texts, source_locale_id=locales["en"].pk, target_locale_id=locales["ko"].pk
        )
    assert all(len(result) == 1 for result in results)


def test_the_editor_offers_fuzzy_matches_beside_each_segment(
    client, reviewed, indexes, locales, users
):
    other = article(
        indexes, "ankle", "<p>Rest for eight weeks after the injection.</p>"
    )
    translation = submit_like_the_admin(other, locales["ko"])
    client.force_login(users["ko"])

    marks = client.get(
        reverse("articles_translation_marks", args=[translation.pk])
    ).json()["segments"]

    (match,) = marks["Rest for eight weeks after the injection."]["memory"]
    assert match["target"] == "KO Rest for six weeks after the injection."
    assert match["lang"] == "ko"
