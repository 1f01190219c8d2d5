"""The quality gate: a translation goes to medical review only once its quality-check
errors are fixed or overridden with a reason; the reviewer sees source beside
translation with the findings and the reasons; approving machine translation no
person edited needs an explicit acknowledgement. And `translation_qa` for scripts."""

import json
from io import StringIO

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from wagtail.models import WorkflowState
from wagtail_localize.models import StringTranslation, TranslationSource
from wagtail_localize.operations import translate_object

from articles.models import ArticlePage, MedicalReviewRecord, QualityOverride
from articles.translation.roles import (
    EDITORS_GROUP,
    REVIEWERS_GROUP,
    translators_group_name,
)
from tests.factories import ArticlePageFactory, member, paragraph, publish, section
from tests.translation.helpers import workflow_action_url

pytestmark = pytest.mark.django_db

DOSE = "Take 5 mg twice a day with food."
WRONG_DOSE = "음식과 함께 하루 두 번 50 mg 복용하세요."
RIGHT_DOSE = "음식과 함께 하루 두 번 5 mg 복용하세요."


@pytest.fixture
def users(roles):
    return {
        "editor": member("editor-1", EDITORS_GROUP),
        "ko": member("ko-translator", translators_group_name("ko")),
        "zh-hans": member("zh-translator", translators_group_name("zh-hans")),
        "reviewer": member("doctor", REVIEWERS_GROUP),
    }


@pytest.fixture
def ko_translation(users, indexes, locales):
    """An English article with a dose, submitted for translation into Korean and
    translated by hand, the dose wrongly (50 mg for 5 mg)."""
    source = publish(
        ArticlePageFactory(
            parent=indexes["en"],
            slug="spine",
            title="Spine care",
            body=[section("Dosage", paragraph(f"<p>{DOSE}</p>"))],
        )
    )
    translate_object(source, [locales["ko"]], user=users["editor"])
    translation_source = TranslationSource.objects.get_for_instance(source)
    for segment in translation_source.stringsegment_set.select_related("string"):
        text = segment.string.data
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=locales["ko"],
            context=segment.context,
            data=WRONG_DOSE if text == DOSE else f"[ko] {text}",
            translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL,
        )
    return translation_source.translations.get(target_locale=locales["ko"])


def send_url(translation) -> str:
    page = translation.get_target_instance()
    return reverse("articles_submit_translation_for_review", args=[page.id])


def check_url(translation) -> str:
    return reverse("articles_translation_check", args=[translation.pk])


def in_review(translation) -> bool:
    page = translation.get_target_instance()
    return WorkflowState.objects.filter(
        object_id=str(page.id), status=WorkflowState.STATUS_IN_PROGRESS
    ).exists()


def dose_string_translation(translation) -> StringTranslation:
    return StringTranslation.objects.get(
        locale=translation.target_locale, translation_of__data=DOSE
    )


def error_fields(response) -> dict[str, str]:
    """The hidden fields naming each open error, to post beside its reason."""
    return {
        f"finding-{item['n']}": item["key"]
        for row in response.context["errors"]
        for item in row["findings"]
    }


def with_reasons(fields: dict[str, str], reason: str) -> dict[str, str]:
    return {
        **fields,
        **{name.replace("finding-", "reason-"): reason for name in fields},
    }


def test_the_confirmation_shows_the_dose_error_beside_its_source(
    client, users, ko_translation
):
    client.force_login(users["ko"])

    response = client.get(send_url(ko_translation))

    assert response.status_code == 200
    (row,) = response.context["errors"]  # one segment, two findings
    assert sorted(item["finding"].check for item in row["findings"]) == [
        "numbers",
        "units",
    ]
    page = response.content.decode()
    assert DOSE in page and WRONG_DOSE in page


def test_sending_with_an_open_error_is_refused_and_changes_nothing(
    client, users, ko_translation
):
    client.force_login(users["ko"])

    response = client.post(send_url(ko_translation))

    assert response.status_code == 400
    assert not in_review(ko_translation)
    messages = [str(m) for m in response.context["messages"]]
    assert any("2 quality check errors are open" in m for m in messages)
    assert not QualityOverride.objects.exists()


def test_a_fixed_translation_goes_to_review(client, users, ko_translation):
    client.force_login(users["ko"])
    fixed = dose_string_translation(ko_translation)
    fixed.data = RIGHT_DOSE
    fixed.save()

    response = client.post(send_url(ko_translation))

    assert response.status_code == 302
    assert in_review(ko_translation)


def test_overriding_every_error_with_a_reason_records_who_when_why_and_sends(
    client, users, ko_translation
):
    client.force_login(users["ko"])
    fields = error_fields(client.get(send_url(ko_translation)))

    response = client.post(
        send_url(ko_translation),
        with_reasons(fields, "The protocol doubles the dose in Korea."),
    )

    assert response.status_code == 302
    assert in_review(ko_translation)
    overrides = QualityOverride.objects.order_by("check_code")
    assert [o.check_code for o in overrides] == ["numbers", "units"]
    assert {(o.user, o.user_name) for o in overrides} == {
        (users["ko"], "ko-translator")
    }


def test_a_blank_reason_overrides_nothing(client, users, ko_translation):
    client.force_login(users["ko"])
    fields = error_fields(client.get(send_url(ko_translation)))

    response = client.post(send_url(ko_translation), with_reasons(fields, "  "))

    assert response.status_code == 400
    assert not in_review(ko_translation)
    assert not QualityOverride.objects.exists()


def test_an_override_holds_only_for_the_text_it_was_given_for(
    client, users, ko_translation
):
    client.force_login(users["ko"])
    fields = error_fields(client.get(send_url(ko_translation)))
    client.post(send_url(ko_translation), with_reasons(fields, "Checked."))
    WorkflowState.objects.update(status=WorkflowState.STATUS_CANCELLED)
    changed = dose_string_translation(ko_translation)
    changed.data = "음식과 함께 하루 두 번 500 mg 복용하세요."
    changed.save()

    response = client.post(send_url(ko_translation))

    assert response.status_code == 400
    # The reasons were given for "50 mg": for "500 mg" the same findings are open.
    assert error_fields(response) == fields


def test_the_reviewer_sees_source_beside_translation_with_the_reasons(
    client, users, ko_translation
):
    client.force_login(users["ko"])
    fields = error_fields(client.get(send_url(ko_translation)))
    client.post(send_url(ko_translation), with_reasons(fields, "Korean protocol."))
    client.force_login(users["reviewer"])

    response = client.get(check_url(ko_translation))

    assert response.status_code == 200
    page = response.content.decode()
    assert DOSE in page and WRONG_DOSE in page
    assert "Overridden by ko-translator" in page and "Korean protocol." in page
    (dosage,) = [s for s in response.context["sections"] if s.heading == "Dosage"]
    assert [row.segment.source_text for row in dosage.rows] == ["Dosage", DOSE]


def test_a_translator_of_another_locale_cannot_open_the_check(
    client, users, ko_translation
):
    client.force_login(users["zh-hans"])

    response = client.get(check_url(ko_translation))

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


# Approving machine translation --------------------------------------------------------


@pytest.fixture
def machine_translation_in_review(client, users, ko_translation):
    fixed = dose_string_translation(ko_translation)
    fixed.data = RIGHT_DOSE
    fixed.translation_type = StringTranslation.TRANSLATION_TYPE_MACHINE
    fixed.tool_name = "DeepL"
    fixed.save()
    client.force_login(users["ko"])
    assert client.post(send_url(ko_translation)).status_code == 302
    client.force_login(users["reviewer"])
    return ArticlePage.objects.get(id=ko_translation.get_target_instance().id)


def test_plain_approval_of_unedited_machine_translation_is_refused(
    client, machine_translation_in_review
):
    page = machine_translation_in_review

    client.post(workflow_action_url(page, "approve"), {"comment": ""})

    assert not ArticlePage.objects.get(id=page.id).live


def test_approval_needs_the_acknowledgement_and_records_it(
    client, machine_translation_in_review
):
    page = machine_translation_in_review
    url = workflow_action_url(page, "approve_acknowledged")

    client.post(url, {"comment": "Dose checked."})
    assert not ArticlePage.objects.get(id=page.id).live

    client.post(url, {"comment": "Dose checked.", "acknowledged": "on"})

    assert ArticlePage.objects.get(id=page.id).live
    comment = MedicalReviewRecord.objects.get().comment
    assert comment.startswith("Dose checked. Approved knowing that 1 segment")


# translation_qa -----------------------------------------------------------------------


def run_qa(*args) -> dict:
    out = StringIO()
    call_command("translation_qa", *args, stdout=out)
    return out.getvalue()


def test_translation_qa_prints_the_open_findings_as_json(ko_translation):
    document = json.loads(
        run_qa("--slug", "spine", "--locale", "ko", "--format", "json")
    )

    assert (document["article"], document["locale"]) == ("spine", "ko")
    errors = [f for f in document["findings"] if f["severity"] == "error"]
    assert sorted(f["check"] for f in errors) == ["numbers", "units"]
    (numbers,) = [f for f in errors if f["check"] == "numbers"]
    assert numbers["source"] == DOSE and numbers["target"] == WRONG_DOSE
    assert (
        numbers["message"]
        == "The number 5 in the source is missing from the translation."
    )
    assert numbers["id"].startswith("body.")


def test_translation_qa_fails_on_request_and_prints_a_table_by_default(ko_translation):
    with pytest.raises(CommandError) as failure:
        run_qa("--slug", "spine", "--locale", "ko", "--fail-on", "error")
    assert failure.value.returncode == 1
    table = run_qa("--slug", "spine", "--locale", "ko")
    assert "ERROR    numbers" in table


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--slug", "spine", "--locale", "xx"], "Unknown locale"),
        (["--slug", "nowhere", "--locale", "ko"], "No page matches"),
        (["--slug", "spine", "--locale", "zh-hans"], "not been submitted"),
    ],
    ids=["unknown locale", "unknown slug", "never submitted"],
)
def test_translation_qa_refuses_bad_arguments_with_exit_2(ko_translation, args, words):
    with pytest.raises(CommandError, match=words) as failure:
        run_qa(*args)
    assert failure.value.returncode == 2


# Publishing from wagtail-localize's editor ------------------------------------------


def publish_from_the_editor(client, translation):
    page = translation.get_target_instance()
    return client.post(
        reverse("wagtailadmin_pages:edit", args=[page.id]), {"action": "publish"}
    )


def test_publishing_from_the_editor_past_an_open_error_is_refused(
    admin_client_logged_in, ko_translation, django_capture_on_commit_callbacks
):
    # An administrator (or a reviewer, on a page in review) sees "Publish in Korean".
    with django_capture_on_commit_callbacks(execute=True):
        response = publish_from_the_editor(admin_client_logged_in, ko_translation)

    assert response.status_code == 302
    assert not ArticlePage.objects.get(id=ko_translation.get_target_instance().id).live
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("Not published. 2 quality check errors are open" in m for m in messages)


def test_publishing_unedited_machine_output_from_the_editor_is_refused(
    admin_client_logged_in, ko_translation, django_capture_on_commit_callbacks
):
    fixed = dose_string_translation(ko_translation)
    fixed.data = RIGHT_DOSE
    fixed.translation_type = StringTranslation.TRANSLATION_TYPE_MACHINE
    fixed.save()

    with django_capture_on_commit_callbacks(execute=True):
        response = publish_from_the_editor(admin_client_logged_in, ko_translation)

    page = ArticlePage.objects.get(id=ko_translation.get_target_instance().id)
    assert not page.live
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("machine translation no person has edited" in m for m in messages)


def test_a_checked_translation_may_be_published_from_the_editor(
    admin_client_logged_in, ko_translation, django_capture_on_commit_callbacks
):
    fixed = dose_string_translation(ko_translation)
    fixed.data = RIGHT_DOSE
    fixed.save()

    # wagtail-localize publishes when the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        publish_from_the_editor(admin_client_logged_in, ko_translation)

    assert ArticlePage.objects.get(id=ko_translation.get_target_instance().id).live


def test_a_reason_overrides_only_its_own_finding_and_is_kept_on_the_form(
    client, users, ko_translation
):
    client.force_login(users["ko"])
    fields = error_fields(client.get(send_url(ko_translation)))
    first = next(iter(fields))

    response = client.post(
        send_url(ko_translation),
        {**fields, first.replace("finding-", "reason-"): "Written the Korean way."},
    )

    assert response.status_code == 400
    assert not in_review(ko_translation)
    assert not QualityOverride.objects.exists()  # all or nothing
    assert 'value="Written the Korean way."' in response.content.decode()


def test_an_untranslated_segment_cannot_be_overridden(client, users, ko_translation):
    StringTranslation.objects.filter(
        locale=ko_translation.target_locale, translation_of__data=DOSE
    ).delete()
    client.force_login(users["ko"])
    confirm = client.get(send_url(ko_translation))
    (row,) = [r for r in confirm.context["errors"] if r["segment"].source == DOSE]
    (item,) = row["findings"]
    assert (item["finding"].check, item["overridable"]) == ("empty", False)

    forged = {f"finding-{item['n']}": item["key"], f"reason-{item['n']}": "Later."}
    response = client.post(send_url(ko_translation), forged)

    assert response.status_code == 400
    assert not in_review(ko_translation)
    assert not QualityOverride.objects.exists()


def test_the_check_marks_what_changed_since_the_last_approved_version(
    client, users, ko_translation, django_capture_on_commit_callbacks
):
    fixed = dose_string_translation(ko_translation)
    fixed.data = RIGHT_DOSE
    fixed.save()
    client.force_login(users["reviewer"])
    before = client.get(check_url(ko_translation))
    assert before.context["since_approval"] is None  # never approved
    client.force_login(users["ko"])
    client.post(send_url(ko_translation))
    page = ArticlePage.objects.get(id=ko_translation.get_target_instance().id)
    client.force_login(users["reviewer"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(workflow_action_url(page, "approve"), {"comment": ""})
    assert MedicalReviewRecord.objects.exists()

    reworded = dose_string_translation(ko_translation)
    reworded.data = "식사와 함께 하루 두 번 5 mg 복용하세요."
    reworded.save()
    response = client.get(check_url(ko_translation))

    changed = response.context["since_approval"]
    assert len(changed) == 1
    assert "Changed since the last approved version" in response.content.decode()


def test_the_reviewer_is_told_of_edits_made_after_the_translation_was_sent(
    client, users, ko_translation
):
    fixed = dose_string_translation(ko_translation)
    fixed.data = RIGHT_DOSE
    fixed.save()
    client.force_login(users["ko"])
    client.post(send_url(ko_translation))
    edited = dose_string_translation(ko_translation)
    edited.data = "음식과 함께 하루 세 번 5 mg 복용하세요."
    edited.save()
    client.force_login(users["reviewer"])

    response = client.get(check_url(ko_translation))

    assert len(response.context["since_sent"]) == 1
    assert "edited after the translation was sent to review" in (
        response.content.decode()
    )
