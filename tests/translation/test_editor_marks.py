"""What the translation editor marks on each segment (the JSON its script reads):
open findings, the segments whose source changed, and where a translation came from."""

import pytest
from django.urls import reverse
from wagtail_localize.models import StringTranslation

from articles.translation.roles import translators_group_name
from tests.factories import ArticlePageFactory, member, paragraph, publish, section
from tests.translation.helpers import submit_like_the_admin

pytestmark = pytest.mark.django_db

DOSE = "Take 5 mg twice a day."


@pytest.fixture
def translation(roles, indexes, locales):
    page = publish(
        ArticlePageFactory(
            parent=indexes["en"], body=[section("Dosage", paragraph(f"<p>{DOSE}</p>"))]
        )
    )
    translation = submit_like_the_admin(page, locales["ko"])
    for segment in translation.source.stringsegment_set.select_related("string"):
        text = segment.string.data
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=locales["ko"],
            context=segment.context,
            data="하루 두 번 50 mg 복용하세요." if text == DOSE else f"[ko] {text}",
            tool_name="XLIFF" if text == "Dosage" else "",
        )
    return translation


def marks(client, translation):
    return client.get(reverse("articles_translation_marks", args=[translation.pk]))


def test_a_translator_gets_each_segments_findings_and_origin(client, translation):
    client.force_login(member("ko-translator", translators_group_name("ko")))

    segments = marks(client, translation).json()["segments"]

    checks = {f["check"] for f in segments[DOSE]["findings"]}
    assert {"numbers", "units"} <= checks
    assert segments["Dosage"]["origin"] == "From an XLIFF file"


def test_a_translator_of_another_locale_gets_nothing(client, translation):
    client.force_login(member("zh-translator", translators_group_name("zh-hans")))

    response = marks(client, translation)

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")


def test_each_segment_lists_its_terms_with_their_approved_translation(
    client, translation
):
    from tests.factories import concept

    concept("dose", en="dosage", ko=["용량", "!투여량"])
    client.force_login(member("ko-translator", translators_group_name("ko")))

    segments = marks(client, translation).json()["segments"]

    assert segments["Dosage"]["terms"] == [{"source": "dosage", "approved": ["용량"]}]
    # "[ko] Dosage" does not use 용량: a warning beside the term.
    assert [f["check"] for f in segments["Dosage"]["findings"]] == ["terms"]
