"""A translation whose source has moved on says so in the API (`is_outdated`,
`outdated_since`, `outdated_sections`) from the moment the changed source is
published until a translation of the new source is approved and live: saving a
rebuilt draft or confirming segments does not end it."""

import pytest

from articles.models import ArticlePage, ReviewSettings
from tests.factories import ArticlePageFactory, paragraph, publish, section
from tests.translation.helpers import (
    body_data,
    publish_body,
    retranslate_changed_segment,
    save_target,
    submit_like_the_admin,
    translate_everything,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def korean(index_page, locales, django_capture_on_commit_callbacks):
    """A live English article and its live Korean translation."""
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(
            ArticlePageFactory(
                parent=index_page,
                slug="spine",
                body=[
                    section("Overview", paragraph("<p>Rest.</p>"), anchor="overview"),
                    section("Outlook", paragraph("<p>Good.</p>"), anchor="outlook"),
                ],
            )
        )
        translation = submit_like_the_admin(page, locales["ko"])
        translate_everything(translation)
        save_target(translation, publish=True)
    return page, translation


def detail(api, locale="ko") -> dict:
    response = api.get("/api/v1/articles/spine/", {"locale": locale})
    assert response.status_code == 200
    return response.json()


def outdated(data: dict) -> tuple:
    return data["is_outdated"], data["outdated_since"], data["outdated_sections"]


def test_an_up_to_date_translation_and_its_source_are_not_outdated(api, korean):
    assert outdated(detail(api)) == (False, None, [])
    assert outdated(detail(api, "en")) == (False, None, [])


def test_a_changed_source_outdates_the_translation_until_it_is_approved(
    api, korean, django_capture_on_commit_callbacks
):
    page, translation = korean
    body = body_data(page)
    body[1]["value"]["content"][0]["value"] = "<p>Very good.</p>"
    with django_capture_on_commit_callbacks(execute=True):
        publish_body(page, body)

    is_outdated, since, sections = outdated(detail(api))
    assert (is_outdated, sections) == (True, ["outlook"])
    assert since is not None
    listed = api.get("/api/v1/articles/", {"locale": "ko"}).json()["results"][0]
    assert outdated(listed) == (True, since, ["outlook"])
    assert outdated(detail(api, "en")) == (False, None, [])

    # The translator translates the changed segment and rebuilds a draft.
    with django_capture_on_commit_callbacks(execute=True):
        retranslate_changed_segment(translation, "KO Very good.")
        save_target(translation, publish=False)
    assert detail(api)["is_outdated"] is True

    # Approval publishes the draft made from the new source.
    korean_page = ArticlePage.objects.get(
        translation_key=page.translation_key, locale=translation.target_locale
    )
    with django_capture_on_commit_callbacks(execute=True):
        korean_page.get_latest_revision().publish()
    assert outdated(detail(api)) == (False, None, [])


def test_a_site_may_serve_the_fallback_until_the_translation_is_reapproved(
    api, korean, django_capture_on_commit_callbacks
):
    page, translation = korean
    site = page.get_site()
    with django_capture_on_commit_callbacks(execute=True):
        ReviewSettings.objects.update_or_create(
            site=site, defaults={"outdated_translation_policy": "fall_back"}
        )
        body = body_data(page)
        body[1]["value"]["content"][0]["value"] = "<p>Very good.</p>"
        publish_body(page, body)

    served = detail(api)
    assert (served["locale"], served["is_fallback"]) == ("en", True)

    with django_capture_on_commit_callbacks(execute=True):
        retranslate_changed_segment(translation, "KO Very good.")
        save_target(translation, publish=True)

    served = detail(api)
    assert (served["locale"], served["is_fallback"]) == ("ko", False)


def test_the_outdated_sections_are_those_readers_see_stale_until_approval(
    api, korean, django_capture_on_commit_callbacks
):
    """A translator catching up in a draft does not make the live translation any
    less stale: every section the source changed in stays listed."""
    from api.documents import build_article_document

    page, translation = korean
    body = body_data(page)
    body[0]["value"]["content"][0]["value"] = "<p>Rest more.</p>"
    body[1]["value"]["content"][0]["value"] = "<p>Very good.</p>"
    with django_capture_on_commit_callbacks(execute=True):
        publish_body(page, body)
    assert detail(api)["outdated_sections"] == ["overview", "outlook"]

    # The translator retranslates one of the two sections in a draft.
    flag = translation.stale_segments.select_related("string_translation__context").get(
        section_anchor="overview"
    )
    with django_capture_on_commit_callbacks(execute=True):
        flag.string_translation.data = "KO Rest more."
        flag.string_translation.save()
        save_target(translation, publish=False)
        korean_page = ArticlePage.objects.get(
            translation_key=page.translation_key, locale=translation.target_locale
        )
        build_article_document(korean_page.pk)

    assert detail(api)["outdated_sections"] == ["overview", "outlook"]


def test_a_stopped_translation_is_still_outdated_by_its_sources_change(
    api, korean, django_capture_on_commit_callbacks
):
    """ "Stop synced translation" (wagtail-localize) ends the keeping in step, not the
    page: its readers are still told what the source changed, and nothing of the
    source's new text is carried into it."""
    page, translation = korean
    translation.enabled = False
    translation.save()
    body = body_data(page)
    body[1]["value"]["content"][0]["value"] = "<p>Only some recover.</p>"
    with django_capture_on_commit_callbacks(execute=True):
        publish_body(page, body)

    is_outdated, since, sections = outdated(detail(api))
    assert (is_outdated, sections) == (True, ["outlook"])
    assert not translation.stale_segments.exists()


def test_a_site_serves_the_fallback_for_a_stopped_translation_gone_stale(
    api, korean, django_capture_on_commit_callbacks
):
    page, translation = korean
    translation.enabled = False
    translation.save()
    with django_capture_on_commit_callbacks(execute=True):
        ReviewSettings.objects.update_or_create(
            site=page.get_site(), defaults={"outdated_translation_policy": "fall_back"}
        )
        body = body_data(page)
        body[1]["value"]["content"][0]["value"] = "<p>Only some recover.</p>"
        publish_body(page, body)

    served = detail(api)
    assert (served["locale"], served["is_fallback"]) == ("en", True)
