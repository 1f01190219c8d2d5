"""The Medical review workflow: nothing goes live, in any locale, until a medical
reviewer approves it; approving records the reviewer and the review date of that
language version. Driven through Wagtail's admin views."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)
from wagtail_localize.models import StringTranslation, TranslationSource
from wagtail_localize.operations import translate_object

from articles.models import ArticlePage, MedicalReviewRecord, ReviewSettings
from articles.models.review import next_review_due
from articles.translation.roles import (
    EDITORS_GROUP,
    REVIEWERS_GROUP,
    translators_group_name,
)
from tests.factories import ArticlePageFactory, TopicFactory, member, publish
from tests.translation.helpers import workflow_action_url

pytestmark = pytest.mark.django_db


@pytest.fixture
def users(roles):
    return {
        "editor": member("editor-1", EDITORS_GROUP),
        "ko": member("ko-translator", translators_group_name("ko")),
        "zh-hans": member("zh-translator", translators_group_name("zh-hans")),
        "reviewer": member("doctor", REVIEWERS_GROUP),
    }


def as_user(client, user):
    client.force_login(user)
    return client


def article_form(*, title: str, slug: str) -> dict:
    section = (
        "section",
        {
            "heading": "Overview",
            "level": "2",
            "anchor": "",
            "content": streamfield([("paragraph", rich_text("<p>Stem cells.</p>"))]),
        },
    )
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "What stem-cell therapy can and cannot do yet.",
            "body": streamfield([section]),
            "article_topics": inline_formset([]),
            "references": streamfield([]),
            "disclaimer": rich_text(""),
            "last_reviewed": "2025-01-10",
            "next_review_due": "2026-01-10",
        }
    )


def approve(client, page):
    return client.post(workflow_action_url(page, "approve"), {"comment": ""})


def in_review(page) -> bool:
    return WorkflowState.objects.filter(
        object_id=str(page.id), status=WorkflowState.STATUS_IN_PROGRESS
    ).exists()


@pytest.fixture
def submitted_article(client, users, indexes):
    """An article an editor wrote and submitted for review through the edit view."""
    page = ArticlePageFactory(parent=indexes["en"], slug="stem-cells", live=False)
    as_user(client, users["editor"]).post(
        reverse("wagtailadmin_pages:edit", args=[page.id]),
        {**article_form(title="Stem cells", slug="stem-cells"), "action-submit": "1"},
    )
    client.logout()
    return ArticlePage.objects.get(id=page.id)


# Editors ----------------------------------------------------------------------------


def test_editor_creates_an_article_but_publishing_only_saves_a_draft(
    client, users, indexes
):
    url = reverse(
        "wagtailadmin_pages:add", args=("articles", "articlepage", indexes["en"].id)
    )
    response = as_user(client, users["editor"]).post(
        url, {**article_form(title="Knees", slug="knees"), "action-publish": "1"}
    )

    page = ArticlePage.objects.get(slug="knees")
    assert response.status_code == 302
    assert not page.live


def test_editor_submits_an_article_for_medical_review(submitted_article):
    assert in_review(submitted_article)
    assert not submitted_article.live


def test_editor_cannot_approve_their_own_article(client, users, submitted_article):
    as_user(client, users["editor"])

    approve(client, submitted_article)

    submitted_article.refresh_from_db()
    assert not submitted_article.live
    assert in_review(submitted_article)


def test_translator_cannot_approve_an_article(client, users, submitted_article):
    as_user(client, users["ko"])

    approve(client, submitted_article)

    submitted_article.refresh_from_db()
    assert not submitted_article.live
    assert not MedicalReviewRecord.objects.exists()


def test_medical_reviewer_approval_publishes_and_records_the_review(
    client, users, submitted_article
):
    as_user(client, users["reviewer"])

    response = approve(client, submitted_article)

    page = ArticlePage.objects.get(id=submitted_article.id)
    today = timezone.localdate()
    assert response.status_code == 302
    assert page.live
    assert page.last_reviewed == today
    # The review cycle keeps its length (from the form: a year) from the new review.
    assert page.next_review_due == today + (date(2026, 1, 10) - date(2025, 1, 10))
    record = MedicalReviewRecord.objects.get()
    assert (record.page_id, record.locale.language_code) == (page.id, "en")
    assert (record.reviewer, record.reviewer_name) == (users["reviewer"], "doctor")
    assert record.revision == page.live_revision
    assert TaskState.objects.get().status == TaskState.STATUS_APPROVED


def test_medical_reviewer_may_open_the_article_under_review(
    client, users, submitted_article
):
    url = reverse("wagtailadmin_pages:edit", args=[submitted_article.id])

    assert as_user(client, users["reviewer"]).get(url).status_code == 200


# Translations -----------------------------------------------------------------------


@pytest.fixture
def ko_translation(users, indexes, locales):
    """A live English article submitted for translation into Korean and Chinese, with
    every Korean segment translated."""
    source = publish(
        ArticlePageFactory(parent=indexes["en"], slug="spine", title="Spine care")
    )
    translate_object(source, [locales["ko"], locales["zh-hans"]], user=users["editor"])
    translation_source = TranslationSource.objects.get_for_instance(source)
    for segment in translation_source.stringsegment_set.select_related("string"):
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=locales["ko"],
            context=segment.context,
            data=f"[ko] {segment.string.data}",
        )
    return translation_source.translations.get(target_locale=locales["ko"])


def review_url(translation) -> str:
    page = translation.get_target_instance()
    return reverse("articles_submit_translation_for_review", args=[page.id])


def test_translator_sends_their_translation_to_review_as_a_draft(
    client, users, ko_translation
):
    as_user(client, users["ko"])

    confirm = client.get(review_url(ko_translation))
    response = client.post(review_url(ko_translation))

    page = ko_translation.get_target_instance()
    assert confirm.status_code == 200
    assert response.status_code == 302
    assert in_review(page)
    assert not page.live
    assert page.get_latest_revision_as_object().title == "[ko] Spine care"


def test_translator_cannot_send_another_locales_translation_to_review(
    client, users, ko_translation
):
    as_user(client, users["zh-hans"])

    response = client.post(review_url(ko_translation))

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert not in_review(ko_translation.get_target_instance())


def test_approving_a_translation_reviews_only_that_locale(
    client, users, ko_translation
):
    as_user(client, users["ko"]).post(review_url(ko_translation))
    ko_page = ko_translation.get_target_instance()
    assert approve(client, ko_page).status_code == 302  # refused: still in review
    assert in_review(ko_page)

    approve(as_user(client, users["reviewer"]), ko_page)

    ko_page = ArticlePage.objects.get(id=ko_page.id)
    source = ArticlePage.objects.get(slug="spine", locale__language_code="en")
    assert ko_page.live
    assert ko_page.title == "[ko] Spine care"
    assert ko_page.last_reviewed == timezone.localdate()
    assert source.last_reviewed == date(2026, 9, 1)
    assert MedicalReviewRecord.objects.get().locale.language_code == "ko"


def test_sending_a_page_already_in_review_again_is_an_error_message(
    client, users, ko_translation
):
    as_user(client, users["ko"])
    client.post(review_url(ko_translation))

    response = client.post(review_url(ko_translation), follow=True)

    messages = [str(m) for m in response.context["messages"]]
    assert "This page is already awaiting review." in messages
    assert Page.objects.get(id=ko_translation.get_target_instance().id).live is False


# The review cycle ---------------------------------------------------------------------


def test_an_approval_sets_the_next_review_one_interval_ahead():
    assert next_review_due(
        reviewed_on=date(2026, 10, 1), interval=timedelta(days=180), previous_due=None
    ) == date(2026, 10, 1) + timedelta(days=180)


def test_an_arrived_due_date_moves_on_by_the_interval():
    assert next_review_due(
        reviewed_on=date(2026, 10, 1),
        interval=timedelta(days=365),
        previous_due=date(2026, 7, 1),
    ) == date(2027, 10, 1)


def test_an_earlier_due_date_still_ahead_is_kept():
    # An editor asked for a look sooner than the cycle would: approval keeps it.
    assert next_review_due(
        reviewed_on=date(2026, 3, 1),
        interval=timedelta(days=365),
        previous_due=date(2026, 9, 1),
    ) == date(2026, 9, 1)


def submit_new_article(client, users, indexes, *, topics=()) -> ArticlePage:
    """A new article with no review dates, submitted for review by an editor."""
    page = ArticlePageFactory(
        parent=indexes["en"],
        slug="new-article",
        live=False,
        last_reviewed=None,
        next_review_due=None,
        topics=list(topics),
    )
    form = article_form(title="New article", slug="new-article")
    form.update(last_reviewed="", next_review_due="")
    form.update(
        nested_form_data(
            {
                "article_topics": inline_formset(
                    [{"topic": topic.pk, "id": ""} for topic in topics]
                )
            }
        )
    )
    as_user(client, users["editor"]).post(
        reverse("wagtailadmin_pages:edit", args=[page.id]),
        {**form, "action-submit": "1"},
    )
    client.logout()
    return ArticlePage.objects.get(id=page.id)


def test_approving_a_new_article_schedules_its_next_review_by_the_sites_cycle(
    client, users, indexes
):
    site = indexes["en"].get_site()
    ReviewSettings.objects.update_or_create(
        site=site, defaults={"review_interval_days": 180}
    )
    page = submit_new_article(client, users, indexes)

    approve(as_user(client, users["reviewer"]), page)

    page.refresh_from_db()
    today = timezone.localdate()
    assert (page.last_reviewed, page.next_review_due) == (
        today,
        today + timedelta(days=180),
    )


def test_a_topics_shorter_cycle_wins_over_the_sites(client, users, indexes):
    topic = TopicFactory(name="Oncology", slug="oncology", review_interval_days=90)
    page = submit_new_article(client, users, indexes, topics=[topic])

    approve(as_user(client, users["reviewer"]), page)

    page.refresh_from_db()
    assert page.next_review_due == timezone.localdate() + timedelta(days=90)


# The reviewer's view of what changed -------------------------------------------------


def test_the_changes_since_the_last_review_are_one_click_away(
    client, users, submitted_article
):
    approve(as_user(client, users["reviewer"]), submitted_article)
    page = ArticlePage.objects.get(id=submitted_article.id)
    reviewed = MedicalReviewRecord.objects.get().revision
    page.summary = "A revised summary."
    page.save_revision(user=users["editor"])
    page.save_revision(user=users["editor"])  # an autosave with no change
    latest = page.get_latest_revision()
    compare = reverse(
        "wagtailadmin_pages:revisions_compare", args=[page.id, reviewed.pk, latest.pk]
    )

    # The editor's page header links the reviewed revision with the latest, not the
    # last two autosaves; the reviewer (who approves, not edits) may open it.
    html = as_user(client, users["editor"]).get(
        reverse("wagtailadmin_pages:edit", args=[page.id])
    )
    assert compare in html.content.decode()
    response = as_user(client, users["reviewer"]).get(compare)
    assert response.status_code == 200
    assert "A revised summary." in response.content.decode()


def test_no_comparison_is_offered_when_nothing_changed_since_the_review(
    client, users, submitted_article
):
    approve(as_user(client, users["reviewer"]), submitted_article)

    html = as_user(client, users["editor"]).get(
        reverse("wagtailadmin_pages:edit", args=[submitted_article.id])
    )

    assert "Changes since the last medical review" not in html.content.decode()


def test_medical_reviewers_may_open_an_articles_history_and_translators_may_not(
    client, users, submitted_article
):
    history = reverse("wagtailadmin_pages:history", args=[submitted_article.id])

    response = as_user(client, users["reviewer"]).get(history)
    assert response.status_code == 200
    assert "Stem cells" in response.content.decode()
    assert as_user(client, users["ko"]).get(history).status_code == 302


def test_the_history_compares_each_version_with_the_last_review_first(
    client, users, submitted_article
):
    approve(as_user(client, users["reviewer"]), submitted_article)
    page = ArticlePage.objects.get(id=submitted_article.id)
    reviewed = MedicalReviewRecord.objects.get().revision
    page.summary = "A revised summary."
    page.save_revision(user=users["editor"], log_action=True)
    page.save_revision(user=users["editor"], log_action=True)  # an autosave
    latest = page.get_latest_revision()

    html = (
        as_user(client, users["reviewer"])
        .get(reverse("wagtailadmin_pages:history", args=[page.id]))
        .content.decode()
    )

    compare = reverse(
        "wagtailadmin_pages:revisions_compare", args=[page.id, reviewed.pk, latest.pk]
    )
    assert f'<a href="{compare}">Compare with the last medical review</a>' in html
    # Offered before Wagtail's comparison with the previous (autosaved) version.
    assert html.index("Compare with the last medical review") < html.index(
        "Compare with previous version"
    )
    assert "Last medical review" in html


def test_the_reviewer_is_told_the_approval_published_the_page(
    client, users, submitted_article
):
    client.force_login(users["reviewer"])
    response = client.post(
        workflow_action_url(submitted_article, "approve"),
        # From the dashboard's "Awaiting your review", which comes back to it.
        {"comment": "", "next": reverse("wagtailadmin_home")},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == [
        "Approved: “Stem cells” (English) is live."
    ]
