"""Translations stay in step with their source: when a source article is published, a
segment whose text changed keeps its previous translation (flagged for review),
unchanged segments keep theirs, and every translation learns, per section, that it is
out of date until it catches up."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Template,
    TemplateSegment,
    Translation,
    TranslationContext,
    TranslationSource,
)

from articles.models import ArticlePage, StaleSegmentTranslation, TranslationDrift
from articles.translation import patches
from articles.translation.keep_in_step.refresh import (
    changed_text_pairs,
    update_translation_source,
)
from articles.translation.segments.extract import StringPosition
from tests.factories import (
    ArticlePageFactory,
    block,
    items,
    paragraph,
    publish,
    section,
)
from tests.translation.helpers import (
    body_data,
    publish_body,
    retranslate_changed_segment,
    submit_like_the_admin,
    translate_everything,
    wagtail_localize_own_refresh,
)


@pytest.fixture(autouse=True)
def sync_installed():
    # ArticlesConfig.ready() installs it; idempotent, so safe to repeat here.
    patches.install_bulk_segment_refresh()


# Helpers ------------------------------------------------------------------------------


def article_body() -> list[dict]:
    return [
        section(
            "Overview",
            paragraph("<p>Stem cells can renew.</p><p>They can differentiate.</p>"),
            anchor="overview",
        ),
        section(
            "Treatment",
            block("bullet_list", {"items": items("Rest", "Physiotherapy", "Surgery")}),
            anchor="treatment",
        ),
        section(
            "Outlook", paragraph("<p>Most patients recover.</p>"), anchor="outlook"
        ),
    ]


def translation_at(translation: Translation, path: str, text: str):
    """The translation, in `translation`'s locale, of `text` at content path `path`."""
    return StringTranslation.objects.filter(
        locale_id=translation.target_locale_id,
        context__object_id=translation.source.object_id,
        context__path=path,
        translation_of__data=text,
    ).first()


@pytest.fixture
def translated(index_page, locales):
    """A published English article, submitted and fully translated into Korean."""
    page = publish(ArticlePageFactory(parent=index_page, body=article_body()))
    translation = submit_like_the_admin(page, locales["ko"])
    translate_everything(translation)
    return page, translation


# Publishing a changed source ---------------------------------------------------------


def test_a_changed_segment_keeps_its_previous_translation_flagged_for_review(
    translated,
):
    page, translation = translated
    body = body_data(page)
    treatment = body[1]
    treatment["value"]["content"][0]["value"]["items"][1]["value"] = "Physical therapy"
    publish_body(page, body)

    item_path = "body.{}.content.{}.items.{}".format(
        treatment["id"],
        treatment["value"]["content"][0]["id"],
        treatment["value"]["content"][0]["value"]["items"][1]["id"],
    )
    kept = translation_at(translation, item_path, "Physical therapy")
    assert kept.data == "KO Physiotherapy"
    assert kept.has_error is False
    flag = StaleSegmentTranslation.objects.get(translation=translation)
    assert flag.string_translation == kept
    assert flag.previous_source_text == "Physiotherapy"
    assert flag.section_anchor == "treatment"


def test_unchanged_segments_keep_their_translations(translated):
    page, translation = translated
    before = {
        (st.translation_of_id, st.context_id): st.data
        for st in StringTranslation.objects.filter(locale=translation.target_locale)
    }
    body = body_data(page)
    body[0]["value"]["heading"] = "Overview of the treatment"
    publish_body(page, body)

    for segment in StringSegment.objects.filter(source=translation.source):
        key = (segment.string_id, segment.context_id)
        if segment.string.data != "Overview of the treatment":
            assert before[key] == f"KO {segment.string.data}"
    assert StaleSegmentTranslation.objects.count() == 1


def test_each_translation_learns_which_sections_are_out_of_date(translated, locales):
    page, translation = translated
    japanese = submit_like_the_admin(page, locales["ja"])
    translate_everything(japanese, prefix="JA ")
    body = body_data(page)
    body[2]["value"]["content"][0]["value"] = "<p>Nearly all patients recover.</p>"
    body.append(section("Follow-up", paragraph("<p>See your doctor.</p>")))
    page.summary = "A new summary."
    publish_body(page, body)

    for each in (translation, japanese):
        drift = TranslationDrift.objects.get(translation=each)
        # The summary, the changed paragraph, and the new section (its heading and
        # paragraph), in page order; sections by anchor, fields by name.
        assert drift.changed_sections == ["summary", "outlook", "follow-up"]
        assert drift.changed_segments == 4
        assert drift.source_changed_at is not None


def test_a_translation_stays_outdated_until_reviewed_and_rebuilt(
    translated, django_capture_on_commit_callbacks
):
    page, translation = translated
    body = body_data(page)
    body[0]["value"]["heading"] = "In short"
    publish_body(page, body)
    assert TranslationDrift.objects.get(translation=translation).changed_segments == 1

    retranslate_changed_segment(translation, "KO In short")
    assert not StaleSegmentTranslation.objects.exists()
    drift = TranslationDrift.objects.get(translation=translation)
    assert (drift.changed_segments, drift.changed_sections) == (0, [])

    translation = Translation.objects.get(pk=translation.pk)  # its source changed
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    assert not TranslationDrift.objects.filter(translation=translation).exists()
    korean = ArticlePage.objects.get(
        translation_key=page.translation_key, locale=translation.target_locale
    )
    assert korean.body[0].value["heading"] == "KO In short"


def test_a_rebuilt_draft_does_not_end_the_drift_until_it_goes_live(
    translated, django_capture_on_commit_callbacks
):
    page, translation = translated
    body = body_data(page)
    body[0]["value"]["heading"] = "In short"
    publish_body(page, body)
    retranslate_changed_segment(translation, "KO In short")
    translation = Translation.objects.get(pk=translation.pk)

    # Rebuilt from the new source, every segment confirmed: still a draft.
    translation.save_target(publish=False)
    assert TranslationDrift.objects.filter(translation=translation).exists()

    korean = ArticlePage.objects.get(
        translation_key=page.translation_key, locale=translation.target_locale
    )
    with django_capture_on_commit_callbacks(execute=True):
        korean.get_latest_revision().publish()  # what approval does
    assert not TranslationDrift.objects.filter(translation=translation).exists()


def test_a_removed_section_outdates_the_translation_without_work_to_do(translated):
    page, translation = translated
    publish_body(page, body_data(page)[:2])

    drift = TranslationDrift.objects.get(translation=translation)
    assert (drift.changed_segments, drift.changed_sections) == (0, [])


def test_publishing_without_changes_outdates_nothing(translated):
    page, _translation = translated
    publish(page)

    assert not TranslationDrift.objects.exists()
    assert not StaleSegmentTranslation.objects.exists()


def test_a_new_review_date_outdates_translations_though_no_text_changed(translated):
    page, translation = translated
    page.last_reviewed = page.last_reviewed.replace(year=2027)
    page.next_review_due = page.next_review_due.replace(year=2028)
    publish(page)

    assert TranslationDrift.objects.get(translation=translation).changed_segments == 0


def test_publishing_a_translation_records_nothing(translated, locales):
    page, translation = translated
    translation.save_target(publish=False)
    korean = ArticlePage.objects.get(
        translation_key=page.translation_key, locale=locales["ko"]
    )
    source_state = TranslationSource.objects.get().content_json
    publish(korean)

    assert TranslationSource.objects.get().content_json == source_state
    assert not TranslationDrift.objects.exists()


def test_a_translation_kept_twice_remembers_the_text_it_was_made_for(translated):
    page, translation = translated
    body = body_data(page)
    body[0]["value"]["heading"] = "In short"
    publish_body(page, body)
    body[0]["value"]["heading"] = "Briefly"
    publish_body(page, body)

    flag = StaleSegmentTranslation.objects.get()
    assert flag.previous_source_text == "Overview"
    assert flag.string_translation.translation_of.data == "Briefly"
    assert flag.string_translation.data == "KO Overview"


def test_reverting_a_change_brings_back_the_original_translation(translated):
    page, translation = translated
    body = body_data(page)
    body[0]["value"]["heading"] = "In short"
    publish_body(page, body)
    body[0]["value"]["heading"] = "Overview"
    publish_body(page, body)

    assert not StaleSegmentTranslation.objects.exists()
    path = f"body.{body[0]['id']}.heading"
    assert translation_at(translation, path, "Overview").data == "KO Overview"


def test_a_changed_paragraph_of_a_rich_text_block_keeps_its_own_translation(
    translated,
):
    page, translation = translated
    body = body_data(page)
    body[0]["value"]["content"][0]["value"] = (
        "<p>Stem cells can renew.</p><p>They can become other cells.</p>"
    )
    publish_body(page, body)

    flag = StaleSegmentTranslation.objects.get()
    assert flag.previous_source_text == "They can differentiate."
    assert flag.string_translation.data == "KO They can differentiate."


def test_a_kept_translation_whose_link_left_the_source_is_not_used(index_page, locales):
    page = publish(
        ArticlePageFactory(
            parent=index_page,
            body=[
                section(
                    "Links",
                    paragraph('<p>See <a href="https://a.example/">this</a>.</p>'),
                )
            ],
        )
    )
    translation = submit_like_the_admin(page, locales["ko"])
    translate_everything(translation)
    body = body_data(page)
    body[0]["value"]["content"][0]["value"] = "<p>See the leaflet.</p>"
    publish_body(page, body)

    kept = StaleSegmentTranslation.objects.get().string_translation
    assert kept.data == 'KO See <a id="a1">this</a>.'
    assert kept.has_error is True
    # The page builds, with the source text where the kept translation cannot go.
    Translation.objects.get(pk=translation.pk).save_target(publish=False)


def test_carrying_forward_aligns_strings_of_one_position_like_a_diff():
    def positions(*strings):
        return [StringPosition(7, s, order) for order, s in enumerate(strings)]

    assert changed_text_pairs(positions(1, 2, 3), positions(1, 9, 3)) == [(7, 2, 9)]
    assert changed_text_pairs(positions(1, 2), positions(1, 2, 3)) == []
    assert changed_text_pairs(positions(1, 2, 3), positions(2, 3)) == []
    assert changed_text_pairs(positions(1, 2), positions(8, 9, 2)) == [(7, 1, 8)]


# wagtail-localize's own paths --------------------------------------------------------


def test_wagtail_localize_sync_view_keeps_changed_translations(
    translated, admin_client_logged_in
):
    page, translation = translated
    page.summary = "A shorter summary."
    page.save()  # saved, not published: the editor syncs by hand

    response = admin_client_logged_in.post(
        reverse("wagtail_localize:update_translations", args=[translation.source_id]),
        {"publish_translations": ""},
    )

    assert response.status_code == 302
    kept = translation_at(translation, "summary", "A shorter summary.")
    assert kept.data == f"KO {ArticlePageFactory.summary}"
    assert StaleSegmentTranslation.objects.get().section_anchor == "summary"
    assert TranslationDrift.objects.get().changed_sections == ["summary"]


def test_bulk_refresh_writes_the_rows_wagtail_localize_would(index_page, locales):
    body = [
        *article_body(),
        section(
            "Steps",
            block(
                "numbered_list",
                {
                    "start": None,
                    "items": items({"text": "Walk", "sub_items": items("Slowly")}),
                },
            ),
            block(
                "faq",
                {"items": items({"question": "Why?", "answer": "<p>Because.</p>"})},
            ),
        ),
    ]
    ours = publish(ArticlePageFactory(parent=index_page, body=body))
    theirs = publish(ArticlePageFactory(parent=index_page, body=body))
    TranslationSource.get_or_create_from_instance(ours)
    with wagtail_localize_own_refresh():
        TranslationSource.get_or_create_from_instance(theirs)

    def rows(page):
        source = TranslationSource.objects.get(object_id=page.translation_key)
        # Title and slug differ between the two pages by construction.
        strings = [
            (s.order, s.context.path, s.context.field_path, s.string.data, s.attrs)
            for s in StringSegment.objects.filter(source=source)
            .exclude(context__path__in=["title", "slug"])
            .select_related("context", "string")
        ]
        templates = [
            (s.order, s.context.path, s.template_id)
            for s in TemplateSegment.objects.filter(source=source).select_related(
                "context"
            )
        ]
        return sorted(strings), sorted(templates)

    assert rows(ours) == rows(theirs)
    assert Template.objects.count() == len({t for *_x, t in rows(ours)[1]})
    assert TranslationContext.objects.filter(field_path="").count() == 0


def test_bulk_refresh_keeps_the_rows_of_unchanged_segments(translated):
    page, translation = translated
    ids = set(
        StringSegment.objects.filter(source=translation.source).values_list(
            "id", flat=True
        )
    )
    body = body_data(page)
    body.reverse()
    publish_body(page, body)

    assert (
        set(
            StringSegment.objects.filter(source=translation.source).values_list(
                "id", flat=True
            )
        )
        == ids
    )
    assert TranslationDrift.objects.get().changed_segments == 0  # moved, not changed


def test_installing_the_bulk_refresh_twice_wraps_wagtail_localize_once():
    patches.install_bulk_segment_refresh()
    refresh = TranslationSource.refresh_segments
    assert refresh.keeps_translations
    assert not getattr(refresh.__wrapped__, "keeps_translations", False)


def test_sync_of_a_source_without_translations_only_snapshots(index_page):
    page = publish(ArticlePageFactory(parent=index_page))
    source, _created = TranslationSource.get_or_create_from_instance(page)

    result = update_translation_source(source)

    assert result.drifts == [] and result.carried_forward == []


# The translator's review --------------------------------------------------------------


@pytest.fixture
def flagged(translated):
    page, translation = translated
    body = body_data(page)
    body[0]["value"]["heading"] = "In short"
    body[2]["value"]["content"][0]["value"] = "<p>Nearly all patients recover.</p>"
    publish_body(page, body)
    return page, translation


def review_url(translation) -> str:
    return reverse("articles_changed_segments", args=[translation.pk])


def test_the_review_shows_old_source_new_source_and_kept_translation_side_by_side(
    flagged, admin_client_logged_in
):
    _page, translation = flagged
    response = admin_client_logged_in.get(review_url(translation))

    assert response.status_code == 200
    rows = response.context["rows"]
    assert [
        (r.section, r.previous_source_text, r.source_text, r.kept_translation)
        for r in rows
    ] == [
        ("overview", "Overview", "In short", "KO Overview"),
        (
            "outlook",
            "Most patients recover.",
            "Nearly all patients recover.",
            "KO Most patients recover.",
        ),
    ]
    assert b"<ins>Nearly all</ins> patients recover." in response.content


def test_confirming_a_kept_translation_clears_its_flag(flagged, admin_client_logged_in):
    _page, translation = flagged
    first = StaleSegmentTranslation.objects.order_by("pk").first()

    # Its source gained words ("Overview" became "In short"): confirming says so.
    response = admin_client_logged_in.post(
        review_url(translation), {"confirm": first.pk, "still_correct": first.pk}
    )

    assert response.status_code == 302
    assert list(StaleSegmentTranslation.objects.values_list("pk", flat=True)) != []
    assert not StaleSegmentTranslation.objects.filter(pk=first.pk).exists()
    assert StringTranslation.objects.filter(pk=first.string_translation_id).exists()
    assert TranslationDrift.objects.get().changed_segments == 1


def test_confirming_all_with_each_still_correct_clears_every_flag(
    flagged, admin_client_logged_in
):
    _page, translation = flagged
    ids = list(StaleSegmentTranslation.objects.values_list("pk", flat=True))
    admin_client_logged_in.post(
        review_url(translation), {"confirm_all": "1", "still_correct": ids}
    )

    assert not StaleSegmentTranslation.objects.exists()
    assert TranslationDrift.objects.get().changed_segments == 0


def test_a_segment_whose_source_gained_words_is_not_confirmed_in_bulk(
    flagged, admin_client_logged_in
):
    _page, translation = flagged
    first = StaleSegmentTranslation.objects.order_by("pk").first()

    for data in ({"confirm_all": "1"}, {"confirm": first.pk}):
        response = admin_client_logged_in.post(
            review_url(translation), data, follow=True
        )
        messages = " ".join(str(m) for m in response.context["messages"])
        assert "gained words" in messages

    assert StaleSegmentTranslation.objects.count() == 2


def test_the_page_shows_what_the_editor_added_word_by_word(
    flagged, admin_client_logged_in
):
    _page, translation = flagged
    response = admin_client_logged_in.get(review_url(translation))

    page = response.content.decode()
    assert "<del>Most</del><ins>Nearly all</ins> patients recover." in page
    assert [entry["heading"] for entry in response.context["entries"]] == [
        "In short",
        "Outlook",
    ]


def test_segments_whose_source_only_lost_words_are_confirmed_in_bulk(
    translated, admin_client_logged_in
):
    page, translation = translated
    body = body_data(page)
    body[2]["value"]["content"][0]["value"] = "<p>Most recover.</p>"
    publish_body(page, body)

    admin_client_logged_in.post(review_url(translation), {"confirm_all": "1"})

    assert not StaleSegmentTranslation.objects.exists()


def test_confirming_nothing_valid_changes_nothing_and_says_so(
    flagged, admin_client_logged_in
):
    _page, translation = flagged
    response = admin_client_logged_in.post(
        review_url(translation), {"confirm": "not-a-number"}, follow=True
    )

    assert StaleSegmentTranslation.objects.count() == 2
    assert "Choose a segment to confirm." in [
        str(m) for m in response.context["messages"]
    ]


def test_a_user_who_cannot_edit_the_translation_cannot_review_it(
    flagged, client, django_user_model
):
    _page, translation = flagged
    user = django_user_model.objects.create_user(username="reader", password="x")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)

    # Wagtail's admin answers PermissionDenied with a redirect to the dashboard.
    for response in (
        client.get(review_url(translation)),
        client.post(review_url(translation), {"confirm_all": "1"}),
    ):
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")
    assert StaleSegmentTranslation.objects.count() == 2


def test_a_translator_of_the_locale_may_review(
    flagged, client, django_user_model, locales
):
    page, translation = flagged
    korean_index = Page.objects.get(depth=2, locale=locales["ko"])
    translators = Group.objects.create(name="Translators: ko")
    translators.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.create(
            group=translators,
            page=korean_index,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )
    user = django_user_model.objects.create_user(username="translator", password="x")
    user.groups.add(translators)
    client.force_login(user)

    assert client.get(review_url(translation)).status_code == 200
    ids = list(StaleSegmentTranslation.objects.values_list("pk", flat=True))
    client.post(review_url(translation), {"confirm_all": "1", "still_correct": ids})
    assert not StaleSegmentTranslation.objects.exists()


def test_opening_the_translation_warns_of_changed_segments(
    flagged, admin_client_logged_in, locales
):
    page, translation = flagged
    korean = ArticlePage.objects.get(
        translation_key=page.translation_key, locale=locales["ko"]
    )

    response = admin_client_logged_in.get(
        reverse("wagtailadmin_pages:edit", args=[korean.pk])
    )

    assert response.status_code == 200
    messages = " ".join(str(m) for m in response.context["messages"])
    assert "The source text of 2 segments changed" in messages
    assert review_url(translation) in messages


def test_an_agency_file_that_retranslates_a_flagged_segment_clears_its_flag(
    flagged, admin_user
):
    """A new translation of the segment, from an XLIFF file, is its review."""
    from articles.translation.xliff import export_xliff, import_xliff

    _page, translation = flagged
    assert StaleSegmentTranslation.objects.filter(translation=translation).count() == 2
    retranslated = export_xliff(translation, pseudo=lambda text: f"AGENCY {text}")

    report = import_xliff(translation, retranslated, admin_user)

    assert report.rejected == 0
    assert not StaleSegmentTranslation.objects.filter(translation=translation).exists()
