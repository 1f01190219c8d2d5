"""What a medical reviewer reads of Wagtail's own admin (the "Awaiting your review"
panel, the review task's actions) is in their admin language: where Wagtail's
catalogues lack a string (Korean "Request changes") or mislead (Korean "Awaiting your
review" read as "waiting for your testimonial"), this app's catalogue answers."""

import pytest
from django.conf import settings
from django.utils import translation

from articles.review import start_review
from articles.translation.roles import EDITORS_GROUP, REVIEWERS_GROUP
from articles.wagtail_strings import REVIEWER_STRINGS
from tests.factories import ArticlePageFactory, member
from tests.translation.helpers import in_admin_language

ADMIN_LANGUAGES = settings.CMS_LANGUAGES[1:]


@pytest.mark.parametrize("code", ADMIN_LANGUAGES)
def test_every_reviewer_string_is_translated_in_every_admin_language(code):
    with translation.override(code):
        untranslated = [t for t in REVIEWER_STRINGS if translation.gettext(t) == t]

    assert untranslated == []


def test_ours_replace_wagtails_misleading_ones():
    with translation.override("ko"):
        assert translation.gettext("Awaiting your review") == "내 검토를 기다리는 항목"
    with translation.override("ru"):
        assert translation.gettext("Awaiting your review") == "Ожидают вашей проверки"


@pytest.mark.django_db
def test_a_korean_reviewer_reads_the_review_panel_in_korean(client, roles, index_page):
    article = ArticlePageFactory(parent=index_page, title="Spine care")
    article.save_revision()
    start_review(page=article, user=member("editor", EDITORS_GROUP))
    in_admin_language(client, member("doctor", REVIEWERS_GROUP), "ko")

    html = client.get("/admin/").content.decode()

    assert "Spine care" in html
    panel = ["내 검토를 기다리는 항목", "공개 범위와 접근"]
    actions = ["수정 요청", "의견과 함께 승인"]
    for text in panel + actions:
        assert text in html
    for english in ("Awaiting your review", "Privacy and access", "Request changes"):
        assert english not in html
