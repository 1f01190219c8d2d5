"""Releasing an article with its translations: while a release is open, medical
review's approval of the article's change is held, not published; translators
translate the held revision and their approved translations are held too; publishing
the release puts the article and the chosen translations live in one action, and the
translations it leaves behind are outdated from that moment (the API says so)."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient
from wagtail.models import Page, WorkflowState

from articles.models import ArticlePage, HeldTranslation, Release, TranslationDrift
from articles.releases import (
    ReleaseError,
    cancel_release,
    open_release,
    publish_release,
    publishing_refusals,
)
from articles.review import start_review
from articles.translation.roles import (
    EDITORS_GROUP,
    REVIEWERS_GROUP,
    translators_group_name,
)
from articles.translation.send_to_review import (
    publishing_refusal,
    submit_translation_for_review,
)
from articles.translation.status.report import translation_status
from tests.factories import ArticlePageFactory, member, paragraph, publish, section
from tests.translation.helpers import (
    body_data,
    retranslate_changed_segment,
    save_target,
    submit_like_the_admin,
    translate_everything,
    workflow_action_url,
)

pytestmark = pytest.mark.django_db

OLD, NEW = "<p>Rest for six weeks.</p>", "<p>Rest for four weeks.</p>"


@pytest.fixture
def users(roles):
    return {
        "editor": member("editor-1", EDITORS_GROUP),
        "ko": member("ko-translator", translators_group_name("ko")),
        "reviewer": member("doctor", REVIEWERS_GROUP),
    }


@pytest.fixture
def article(indexes, locales, users, django_capture_on_commit_callbacks):
    """A live English article with live Korean and Chinese translations, in step."""
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(
            ArticlePageFactory(
                parent=indexes["en"],
                slug="spine",
                body=[
                    section("Overview", paragraph("<p>Stem cells.</p>"), anchor="ov"),
                    section("Recovery", paragraph(OLD), anchor="recovery"),
                ],
            )
        )
        translations = {}
        for code in ("ko", "zh-hans"):
            translations[code] = submit_like_the_admin(page, locales[code])
            translate_everything(translations[code], prefix=f"[{code}] ")
            save_target(translations[code], publish=True)
    return page, translations


def approve(client, page, user):
    client.force_login(user)
    page = Page.objects.get(pk=page.pk)
    response = client.post(
        workflow_action_url(page, "approve"),
        {"comment": ""},
    )
    assert response.status_code == 302
    client.logout()


def change_and_submit(page, user):
    """The editor changes the recovery time and sends the article to review."""
    draft = page.get_latest_revision_as_object()
    body = body_data(draft)
    body[1]["value"]["content"][0]["value"] = NEW
    draft.body = body
    draft.save_revision(user=user)
    start_review(page=ArticlePage.objects.get(pk=page.pk), user=user)


def korean_page(page, locales) -> ArticlePage:
    return ArticlePage.objects.get(
        translation_key=page.translation_key, locale=locales["ko"]
    )


def detail(locale: str) -> dict:
    response = APIClient().get("/api/v1/articles/spine/", {"locale": locale})
    assert response.status_code == 200
    return response.json()


def recovery_text(data: dict) -> str:
    return data["body"][1]["content"][0]["html"]


@pytest.fixture
def held(client, article, users, django_capture_on_commit_callbacks):
    """A release whose source change medical review approved (held, not live)."""
    page, translations = article
    with django_capture_on_commit_callbacks(execute=True):
        release = open_release(source=page, user=users["editor"])
        change_and_submit(page, users["editor"])
        approve(client, page, users["reviewer"])
    release.refresh_from_db()
    return release


def translate_and_approve(client, translation, users, captured, text="[ko] 4 weeks"):
    with captured(execute=True):
        retranslate_changed_segment(translation, text)
        submit_translation_for_review(translation=translation, user=users["ko"])
        approve(client, translation.get_target_instance(), users["reviewer"])


# Holding -------------------------------------------------------------------------


def test_approving_a_change_with_an_open_release_holds_it(article, held):
    page, _translations = article

    page = ArticlePage.objects.get(pk=page.pk)
    assert held.source_revision_id == page.latest_revision_id
    assert page.has_unpublished_changes
    assert NEW not in str(page.body.raw_data)  # readers still get the live text
    assert "six weeks" in recovery_text(detail("en"))
    workflow = WorkflowState.objects.filter(object_id=str(page.pk)).first()
    assert workflow.status == WorkflowState.STATUS_APPROVED


def test_readers_are_not_told_of_a_change_that_is_not_live(article, held):
    data = detail("ko")
    assert (data["is_outdated"], data["outdated_since"]) == (False, None)


def test_translators_translate_the_held_revision(article, held, locales):
    _page, translations = article
    drift = TranslationDrift.objects.get(translation=translations["ko"])
    assert (drift.release, drift.changed_sections) == (held, ["recovery"])
    translations["ko"].source.refresh_from_db()
    assert "four weeks" in translations["ko"].source.content_json


def test_the_review_buttons_say_approval_is_for_the_release(
    client, article, held, users, locales
):
    _page, translations = article
    retranslate_changed_segment(translations["ko"], "[ko] 4 weeks")
    submit_translation_for_review(translation=translations["ko"], user=users["ko"])
    ko_page = korean_page(article[0], locales)
    task = ko_page.current_workflow_task
    labels = [
        label for _name, label, _modal in task.get_actions(ko_page, users["reviewer"])
    ]
    assert "Approve, for the release" in labels
    assert "Approve with comment, for the release" in labels


def test_an_approved_translation_is_held_until_the_release(
    client, article, held, users, locales, django_capture_on_commit_callbacks
):
    _page, translations = article
    translate_and_approve(
        client, translations["ko"], users, django_capture_on_commit_callbacks
    )

    ko_page = korean_page(article[0], locales)
    held_translation = HeldTranslation.objects.get(release=held)
    assert held_translation.page_id == ko_page.pk
    assert held_translation.approved_by == users["reviewer"]
    assert held_translation.revision_id == ko_page.latest_revision_id
    assert "4 weeks" not in recovery_text(detail("ko"))


def test_a_translation_approved_before_the_source_change_goes_live_as_usual(
    client, article, users, locales, django_capture_on_commit_callbacks
):
    page, translations = article
    release = open_release(source=page, user=users["editor"])
    retranslated = "<p>[ko] 6 weeks, reworded.</p>"
    ko = korean_page(page, locales)
    draft = ko.get_latest_revision_as_object()
    body = body_data(draft)
    body[1]["value"]["content"][0]["value"] = retranslated
    draft.body = body
    draft.save_revision(user=users["ko"])
    start_review(page=korean_page(page, locales), user=users["ko"])
    with django_capture_on_commit_callbacks(execute=True):
        approve(client, ko, users["reviewer"])

    assert (
        korean_page(page, locales).body.raw_data[1]["value"]["content"][0]["value"]
        == retranslated
    )
    assert not release.held_translations.exists()


def test_publishing_directly_is_refused_while_a_release_holds_the_article(
    article, held
):
    _page, translations = article
    assert "open release" in publishing_refusal(translations["ko"])


# Publishing the release -----------------------------------------------------------


def test_the_release_publishes_the_article_and_chosen_translations_together(
    client, article, held, users, locales, django_capture_on_commit_callbacks
):
    _page, translations = article
    translate_and_approve(
        client, translations["ko"], users, django_capture_on_commit_callbacks
    )

    with django_capture_on_commit_callbacks(execute=True):
        publish_release(release=held, locales=[locales["ko"]], user=users["reviewer"])

    held.refresh_from_db()
    assert (held.status, held.published_locales) == ("published", ["ko"])
    assert "four weeks" in recovery_text(detail("en"))
    korean = detail("ko")
    assert "4 weeks" in recovery_text(korean)
    assert (korean["is_outdated"], korean["outdated_sections"]) == (False, [])
    # Chinese was not part of it: outdated from the release on, and says where.
    chinese = detail("zh-hans")
    assert chinese["is_outdated"] is True
    assert chinese["outdated_sections"] == ["recovery"]
    assert chinese["outdated_since"] >= held.closed_at.isoformat()[:19]
    assert not TranslationDrift.objects.filter(release=held).exists()


def test_a_release_is_published_only_with_approved_translations(
    article, held, users, locales
):
    refusals = publishing_refusals(
        release=held, locales=[locales["zh-hans"]], user=users["reviewer"]
    )
    assert len(refusals) == 1
    assert "translation is not approved for this release" in refusals[0]
    with pytest.raises(ReleaseError):
        publish_release(
            release=held, locales=[locales["zh-hans"]], user=users["reviewer"]
        )
    held.refresh_from_db()
    assert held.is_open


def test_only_those_who_may_publish_release_an_article(article, held, users):
    refusals = publishing_refusals(release=held, locales=[], user=users["editor"])
    assert any("may not publish" in refusal for refusal in refusals)
    with pytest.raises(ReleaseError):
        publish_release(release=held, locales=[], user=users["ko"])


def test_a_release_waits_for_the_articles_own_approval(article, users):
    page, _translations = article
    release = open_release(source=page, user=users["editor"])
    assert publishing_refusals(release=release, locales=[], user=users["reviewer"]) == [
        "Medical review has not approved the article's change yet."
    ]


def test_an_article_has_one_open_release_at_a_time(article, held, users):
    with pytest.raises(ReleaseError):
        open_release(source=article[0], user=users["editor"])


def test_translators_may_not_open_a_release(article, users):
    with pytest.raises(ReleaseError):
        open_release(source=article[0], user=users["ko"])


# Closing without publishing ---------------------------------------------------------


def test_cancelling_puts_translators_back_on_the_live_text(
    article, held, users, django_capture_on_commit_callbacks
):
    page, translations = article
    with django_capture_on_commit_callbacks(execute=True):
        cancel_release(release=held, user=users["reviewer"])

    held.refresh_from_db()
    assert held.status == "cancelled"
    assert not TranslationDrift.objects.exists()
    translations["ko"].source.refresh_from_db()
    assert "four weeks" not in translations["ko"].source.content_json
    assert "six weeks" in recovery_text(detail("en"))
    assert detail("ko")["is_outdated"] is False


def test_publishing_the_article_outside_its_release_closes_it(
    article, held, users, django_capture_on_commit_callbacks
):
    page, _translations = article
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=page.pk).get_latest_revision().publish()

    held.refresh_from_db()
    assert held.status == "cancelled"
    assert "outside the release" in held.note
    # What went live outdates every translation, at once.
    assert detail("ko")["is_outdated"] is True
    assert detail("zh-hans")["is_outdated"] is True


# One definition of outdated -----------------------------------------------------------


def test_the_status_report_does_not_call_a_held_change_outdated(
    article, held, locales, users
):
    (row,) = translation_status([article[0].pk], [locales["ko"]])
    # The change needs translating (held, so not outdated), then approving.
    assert [cell.state for cell in row.cells] == ["in_progress"]


# The release screen -------------------------------------------------------------------


def release_url(page) -> str:
    return reverse("articles_release", args=[page.pk])


def messages_of(response) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def test_an_editor_opens_a_release_from_the_articles_screen(client, article, users):
    page, _translations = article
    client.force_login(users["editor"])

    screen = client.get(release_url(page))
    response = client.post(release_url(page), {"action": "open"}, follow=True)

    assert screen.status_code == 200
    assert "Open a release" in screen.text
    assert Release.objects.get().created_by == users["editor"]
    assert "Release opened" in messages_of(response)[0]
    # Only a reviewer may publish it; the editor is told so.
    assert "A medical reviewer publishes the release." in response.text


def test_the_release_screen_shows_where_each_language_stands(
    client, article, held, users, locales, django_capture_on_commit_callbacks
):
    _page, translations = article
    translate_and_approve(
        client, translations["ko"], users, django_capture_on_commit_callbacks
    )
    client.force_login(users["reviewer"])

    response = client.get(release_url(article[0]))

    text = response.text
    assert "Approved for the release" in text
    assert "by <bdi>doctor</bdi>" in text
    assert "Changes to translate" in text and "1 segment" in text  # Chinese
    assert 'name="locale" value="ko" id="release-ko" checked' in text
    assert 'value="zh-hans"' not in text  # not approved: not offered


def test_a_reviewer_publishes_the_release_from_the_screen(
    client, article, held, users, locales, django_capture_on_commit_callbacks
):
    _page, translations = article
    translate_and_approve(
        client, translations["ko"], users, django_capture_on_commit_callbacks
    )
    client.force_login(users["reviewer"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            release_url(article[0]),
            {"action": "publish", "locale": ["ko"]},
            follow=True,
        )

    held.refresh_from_db()
    assert held.status == "published"
    assert messages_of(response) == ["The article and its translations are live."]
    assert "four weeks" in recovery_text(detail("en"))


def test_the_screen_refuses_a_language_not_approved_and_keeps_the_release(
    client, article, held, users
):
    client.force_login(users["reviewer"])
    for codes in (["zh-hans"], ["xx"]):
        response = client.post(
            release_url(article[0]), {"action": "publish", "locale": codes}, follow=True
        )
        assert messages_of(response), codes
    held.refresh_from_db()
    assert held.is_open


def test_an_editor_cannot_publish_or_cancel_a_release(client, article, held, users):
    client.force_login(users["editor"])
    for action in ("publish", "cancel"):
        response = client.post(release_url(article[0]), {"action": action}, follow=True)
        assert "may not publish" in messages_of(response)[0]
    held.refresh_from_db()
    assert held.is_open


def test_translators_see_no_release_screen(client, article, users):
    client.force_login(users["ko"])
    assert client.get(release_url(article[0])).status_code in (302, 403)
    assert client.post(release_url(article[0]), {"action": "open"}).status_code in (
        302,
        403,
    )
    assert not Release.objects.exists()


def test_a_translation_has_no_release_screen_of_its_own(
    client, article, users, locales
):
    client.force_login(users["reviewer"])
    ko = korean_page(article[0], locales)
    assert client.get(release_url(ko)).status_code in (302, 403)


def test_syncing_translated_pages_during_a_release_is_refused(
    client, article, held, users
):
    """ "Sync translated pages" reads the live article: translators would be put back
    on the text the release replaces."""
    _page, translations = article
    url = reverse(
        "wagtail_localize:update_translations", args=[translations["ko"].source_id]
    )
    client.force_login(users["editor"])

    response = client.post(url, {}, follow=True)

    assert "open release" in messages_of(response)[0]
    translations["ko"].source.refresh_from_db()
    assert "four weeks" in translations["ko"].source.content_json


def test_the_reviewer_is_told_the_approval_was_held_for_the_release(
    client, article, users, django_capture_on_commit_callbacks
):
    page, _translations = article
    open_release(source=page, user=users["editor"])
    change_and_submit(page, users["editor"])
    client.force_login(users["reviewer"])
    page = Page.objects.get(pk=page.pk)

    response = client.post(
        workflow_action_url(page, "approve"),
        # From the dashboard's "Awaiting your review", which comes back to it.
        {"comment": "", "next": reverse("wagtailadmin_home")},
        follow=True,
    )

    assert messages_of(response) == [
        f"Approved and held for the release: “{page.title}” (English) goes live "
        "with its translations when the release is published."
    ]
