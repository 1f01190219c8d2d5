"""An article's history across its languages: who edited, translated, reviewed and
published what, in which locale, from Wagtail's audit log of every version, each
person seeing the versions they may edit or publish."""

import pytest
from django.urls import reverse

from articles.translation.roles import (
    EDITORS_GROUP,
    REVIEWERS_GROUP,
    translators_group_name,
)
from tests.factories import ArticlePageFactory, member, publish, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def article(roles, indexes, locales):
    source = publish(ArticlePageFactory(parent=indexes["en"], title="Spine care"))
    korean = translate(source, locales["ko"], title="척추 관리")
    return source, korean


def history(client, user, page):
    client.force_login(user)
    return client.get(reverse("articles_article_history", args=[page.pk]))


def test_a_reviewer_reads_every_languages_history_newest_first(client, article):
    source, korean = article

    response = history(client, member("doctor", REVIEWERS_GROUP), source)

    html = response.content.decode()
    assert response.status_code == 200
    assert '<td lang="ko">한국어</td>' in html
    assert '<td lang="en">English</td>' in html
    # Newest first: the Korean translation came after the English was published.
    assert html.index('<td lang="ko">') < html.index('<td lang="en">')


def test_a_translator_reads_only_their_languages_history(client, article):
    source, korean = article

    response = history(
        client, member("ko-translator", translators_group_name("ko")), korean
    )

    html = response.content.decode()
    assert '<td lang="ko">' in html
    assert '<td lang="en">' not in html


def test_someone_with_no_rights_on_any_version_is_refused(client, article):
    source, _korean = article

    response = history(
        client, member("zh-translator", translators_group_name("zh-hans")), source
    )

    assert response.status_code in (302, 403)


def test_the_page_header_links_the_history(client, article):
    source, _korean = article
    client.force_login(member("editor", EDITORS_GROUP))

    html = client.get(reverse("wagtailadmin_pages:edit", args=[source.pk]))

    assert (
        reverse("articles_article_history", args=[source.pk]) in html.content.decode()
    )
