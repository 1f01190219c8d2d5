"""A translation stopped with wagtail-localize's "Stop synced translation" is written in
Wagtail's own editor, where no quality check compares it with its source. Its medical
reviewer is told so on the approval form and must acknowledge it: approving it plainly
is refused, and the acknowledgement is kept with the review."""

import pytest
from wagtail_localize.models import StringTranslation, Translation

from articles.models import ArticlePage, MedicalReviewRecord
from articles.review import start_review
from articles.translation.qa.acknowledgement import stopped_translation
from articles.translation.roles import REVIEWERS_GROUP, translators_group_name
from tests.factories import ArticlePageFactory, member, publish
from tests.translation.helpers import (
    in_admin_language,
    submit_like_the_admin,
    workflow_action_url,
)

pytestmark = pytest.mark.django_db

STATEMENT = "this translation is no longer synced with its source"


@pytest.fixture
def people(roles):
    return {
        "ko": member("ko-translator", translators_group_name("ko")),
        "reviewer": member("doctor", REVIEWERS_GROUP),
    }


@pytest.fixture
def translation(people, indexes, locales):
    """An English article translated into Korean by hand: a draft page."""
    source = publish(
        ArticlePageFactory(parent=indexes["en"], slug="spine", title="Spine care")
    )
    translation = submit_like_the_admin(source, locales["ko"])
    for segment in translation.source.stringsegment_set.select_related("string"):
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=locales["ko"],
            context=segment.context,
            data=f"[ko] {segment.string.data}",
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        )
    translation.save_target(user=people["ko"], publish=False)
    return translation


def stop(translation) -> ArticlePage:
    Translation.objects.filter(pk=translation.pk).update(enabled=False)
    return ArticlePage.objects.get(pk=translation.get_target_instance().pk)


@pytest.fixture
def stopped_in_review(client, people, translation):
    page = stop(translation)
    start_review(page=page, user=people["ko"])
    client.force_login(people["reviewer"])
    return ArticlePage.objects.get(pk=page.pk)


def test_a_stopped_translation_cannot_be_approved_plainly(client, stopped_in_review):
    page = stopped_in_review

    client.post(workflow_action_url(page, "approve"), {"comment": ""})

    assert not ArticlePage.objects.get(pk=page.pk).live


def test_the_approval_form_says_that_nothing_checked_it_against_its_source(
    client, stopped_in_review
):
    form = client.get(workflow_action_url(stopped_in_review, "approve_acknowledged"))

    html = form.json()["html"]
    assert STATEMENT in html
    assert "I have checked this translation against its source myself" in html


def test_the_approval_form_is_in_the_reviewers_admin_language(
    client, people, stopped_in_review
):
    in_admin_language(client, people["reviewer"], "ko")

    form = client.get(workflow_action_url(stopped_in_review, "approve_acknowledged"))

    assert "더 이상 원문과 동기화되지 않는" in form.json()["html"]


def test_approving_with_the_acknowledgement_publishes_and_records_it(
    client, stopped_in_review
):
    page = stopped_in_review
    url = workflow_action_url(page, "approve_acknowledged")

    client.post(url, {"comment": "Compared with the English."})
    assert not ArticlePage.objects.get(pk=page.pk).live

    client.post(url, {"comment": "Compared with the English.", "acknowledged": "on"})

    assert ArticlePage.objects.get(pk=page.pk).live
    comment = MedicalReviewRecord.objects.get().comment
    assert comment.startswith("Compared with the English. Approved knowing that")
    assert STATEMENT in comment


def test_a_synced_or_restarted_translation_needs_no_such_acknowledgement(translation):
    page = translation.get_target_instance()
    assert stopped_translation(page) is None

    stop(translation)
    Translation.objects.filter(pk=translation.pk).update(enabled=True)

    assert stopped_translation(page) is None


def test_a_source_or_untranslated_page_needs_none(indexes):
    page = ArticlePageFactory(parent=indexes["en"], slug="alone")

    assert stopped_translation(page) is None
