"""The "Translation status" report in the Wagtail admin: who sees it, what each cell
says and links to, its filters, its pages, and what a page of it costs."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page

from articles.translation.roles import EDITORS_GROUP, translators_group_name
from articles.translation.status.report import content_locales
from articles.translation.views import status as status_views
from tests.factories import (
    ArticlePageFactory,
    TopicFactory,
    member,
    publish,
    translate,
)
from tests.translation.helpers import drift, localized, submit

pytestmark = pytest.mark.django_db
REPORT = reverse("articles_translation_status")
CELL = re.compile(
    r'data-locale="(?P<locale>[^"]+)" data-state="(?P<state>[^"]+)">(?P<body>.*?)</td>',
    re.S,
)
ROW = re.compile(r'<tr data-article="(?P<key>[^"]+)">(?P<body>.*?)</tr>', re.S)


def article(index_page, **fields):
    return publish(ArticlePageFactory(parent=index_page, **fields))


def table(response) -> dict[str, dict[str, str]]:
    """{translation key: {locale: state}} as rendered."""
    html = response.content.decode()
    return {
        row["key"]: {
            cell["locale"]: cell["state"] for cell in CELL.finditer(row["body"])
        }
        for row in ROW.finditer(html)
    }


def cell_html(response, page, locale: str) -> str:
    html = response.content.decode()
    row = next(r for r in ROW.finditer(html) if r["key"] == str(page.translation_key))
    return next(c["body"] for c in CELL.finditer(row["body"]) if c["locale"] == locale)


def user_in_group(
    *, page_permissions: list[str], submit_translation: bool = False, name="worker"
):
    """An admin user whose group holds `page_permissions` on the whole tree."""
    group = Group.objects.create(name=f"{name} group")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    if submit_translation:
        group.permissions.add(Permission.objects.get(codename="submit_translation"))
    root = Page.get_first_root_node()
    for permission_type in page_permissions:
        GroupPagePermission.objects.create(
            group=group, page=root, permission_type=permission_type
        )
    user = get_user_model().objects.create_user(username=name, password="x")
    user.groups.add(group)
    return user


# Who sees it ----------------------------------------------------------------------


def test_superuser_sees_the_report_in_the_reports_menu(admin_client_logged_in):
    response = admin_client_logged_in.get(REPORT)

    assert response.status_code == 200
    assert "Translation status" in response.content.decode()
    home = admin_client_logged_in.get(reverse("wagtailadmin_home")).content.decode()
    assert REPORT in home


def test_editor_with_page_permissions_sees_the_report(client, index_page):
    client.force_login(user_in_group(page_permissions=["change"]))
    article(index_page)

    response = client.get(REPORT)

    assert response.status_code == 200
    assert REPORT in client.get(reverse("wagtailadmin_home")).content.decode()


def test_admin_user_without_page_permissions_is_refused(client, index_page):
    client.force_login(user_in_group(page_permissions=[]))

    response = client.get(REPORT)

    assert response.status_code in (302, 403)
    assert "translation-status" not in response.get("Location", "")
    assert REPORT not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_anonymous_visitor_is_sent_to_the_login(client):
    response = client.get(REPORT)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


# Cells and links ------------------------------------------------------------------


def test_each_source_article_is_a_row_with_a_state_per_locale(
    admin_client_logged_in, index_page, locales
):
    page = article(index_page)
    localized(page, locales["ko"])
    drift(localized(page, locales["ar"]))
    submit(page, locales["ja"])
    translate(page, locales["vi"])  # by hand, without wagtail-localize

    states = table(admin_client_logged_in.get(REPORT))

    assert states == {
        str(page.translation_key): {
            "en": "source",
            "ko": "published",
            "zh-hans": "missing",
            "zh-hant": "missing",
            "ja": "in_progress",
            "ru": "missing",
            "vi": "published",
            "ar": "outdated",
        }
    }


def test_cells_say_percent_and_drift_and_link_to_the_right_view(
    admin_client_logged_in, index_page, locales
):
    page = article(index_page)
    drift(localized(page, locales["ko"]), changed_segments=3)
    localized(page, locales["ja"], translated=0, publish=False)
    target = Page.objects.get(
        translation_key=page.translation_key, locale=locales["ko"]
    )
    ja_target = Page.objects.get(
        translation_key=page.translation_key, locale=locales["ja"]
    )

    response = admin_client_logged_in.get(REPORT)

    edit_source = reverse("wagtailadmin_pages:edit", args=[page.pk])
    submit_url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    assert edit_source in cell_html(response, page, "en")
    outdated = cell_html(response, page, "ko")
    assert "May 4, 2026" in outdated
    assert "3 segments changed" in outdated
    assert reverse("wagtailadmin_pages:edit", args=[target.pk]) in outdated
    in_progress = cell_html(response, page, "ja")
    assert "In progress · 0%" in in_progress
    assert reverse("wagtailadmin_pages:edit", args=[ja_target.pk]) in in_progress
    assert f"{submit_url}?select_locale=ru" in cell_html(response, page, "ru")


def test_links_appear_only_in_locales_the_user_may_act_on(
    admin_client_logged_in, index_page, locales, monkeypatch
):
    page = article(index_page)
    localized(page, locales["ko"])
    monkeypatch.setattr(
        status_views,
        "actionable_locales",
        lambda user: content_locales(["ja"]),
    )

    response = admin_client_logged_in.get(REPORT)

    assert "<a href" not in cell_html(response, page, "ko")
    assert "<a href" not in cell_html(response, page, "en")
    assert "select_locale=ja" in cell_html(response, page, "ja")
    assert table(response)[str(page.translation_key)]["ko"] == "published"


def test_missing_cells_offer_no_translate_link_without_the_submit_permission(
    client, index_page
):
    client.force_login(user_in_group(page_permissions=["change", "publish"]))
    page = article(index_page)

    response = client.get(REPORT)

    assert "select_locale" not in response.content.decode()
    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in cell_html(
        response, page, "en"
    )
    client.force_login(
        user_in_group(page_permissions=["change"], submit_translation=True, name="t")
    )
    assert "select_locale=ko" in cell_html(client.get(REPORT), page, "ko")


# Filters and pages ----------------------------------------------------------------


def test_locale_filter_chooses_the_columns(admin_client_logged_in, index_page):
    page = article(index_page)

    response = admin_client_logged_in.get(REPORT, {"locale": ["ko", "ar"]})

    assert table(response) == {
        str(page.translation_key): {"ko": "missing", "ar": "missing"}
    }


def test_topic_filter_keeps_articles_with_that_topic(
    admin_client_logged_in, index_page
):
    spine = TopicFactory(name="Spine")
    on_spine = article(index_page, topics=[spine])
    article(index_page, topics=[TopicFactory(name="Knee")])

    response = admin_client_logged_in.get(REPORT, {"topic": str(spine.translation_key)})

    assert list(table(response)) == [str(on_spine.translation_key)]


def test_state_filter_keeps_articles_with_a_cell_in_that_state(
    admin_client_logged_in, index_page, locales
):
    outdated = article(index_page, title="Outdated in Korean")
    drift(localized(outdated, locales["ko"]))
    article(index_page, title="Untranslated")

    response = admin_client_logged_in.get(REPORT, {"state": "outdated"})

    assert list(table(response)) == [str(outdated.translation_key)]
    only_ja = admin_client_logged_in.get(REPORT, {"state": "outdated", "locale": "ja"})
    assert table(only_ja) == {}
    assert "No articles match these filters." in only_ja.content.decode()


def test_unknown_filter_values_are_reported_not_crashed_on(
    admin_client_logged_in, index_page
):
    article(index_page)

    response = admin_client_logged_in.get(REPORT, {"locale": "xx", "state": "lost"})

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_report_pages_fifty_articles_at_a_time_in_title_order(
    admin_client_logged_in, index_page
):
    for n in range(51):
        ArticlePageFactory(parent=index_page, title=f"Article {n:02d}")

    first = admin_client_logged_in.get(REPORT)
    second = admin_client_logged_in.get(REPORT, {"p": 2})

    assert len(table(first)) == 50
    assert len(table(second)) == 1
    assert "Article 50" in second.content.decode()
    assert "Page 1 of 2" in first.content.decode()


def test_results_fragment_serves_filtered_rows(admin_client_logged_in, index_page):
    page = article(index_page)

    response = admin_client_logged_in.get(
        reverse("articles_translation_status_results"), {"locale": "ko"}
    )

    assert response.status_code == 200
    assert table(response) == {str(page.translation_key): {"ko": "missing"}}


# Cost -----------------------------------------------------------------------------


def add_articles(index_page, locales, count: int, start: int) -> None:
    """Articles in a mix of states: translated, outdated, in progress, by hand."""
    for n in range(start, start + count):
        page = article(index_page, title=f"Article {n:03d}")
        if n % 5 == 0:
            drift(localized(page, locales["ko"]))
        if n % 4 == 1:
            translate(page, locales["ja"])
        if n % 6 == 2:
            submit(page, locales["zh-hans"])


def queries_for(client, params: dict) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(REPORT, params)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("params", [{}, {"state": "outdated", "topic": ""}])
def test_a_page_of_the_report_costs_the_same_queries_for_5_or_40_articles(
    admin_client_logged_in, index_page, locales, params, django_assert_num_queries
):
    add_articles(index_page, locales, 5, start=0)
    admin_client_logged_in.get(REPORT)  # warm per-process caches (content types)
    with_5 = queries_for(admin_client_logged_in, params)
    add_articles(index_page, locales, 35, start=5)

    with django_assert_num_queries(with_5):
        response = admin_client_logged_in.get(REPORT, params)

    rows = table(response)
    assert len(rows) == (40 if not params else 8)
    assert all(len(cells) == 8 for cells in rows.values())
    # Session, user, menu, locales and topic choices, then the report's own: the
    # count, the page of articles, its pages, its translations, two segment counts.
    assert with_5 <= 16


def test_an_outdated_cell_with_every_segment_checked_says_what_is_left_to_do(
    admin_client_logged_in, index_page, locales
):
    page = article(index_page)
    drift(localized(page, locales["ko"]), changed_segments=0)
    target = Page.objects.get(
        translation_key=page.translation_key, locale=locales["ko"]
    )

    outdated = cell_html(admin_client_logged_in.get(REPORT), page, "ko")

    assert "0 segments changed" not in outdated
    assert "segments checked: send to medical review" in outdated
    send = reverse("articles_submit_translation_for_review", args=[target.pk])
    assert send in outdated


# What each role sees --------------------------------------------------------------


def test_a_translator_sees_the_source_and_their_own_locale_and_only_their_links(
    client, roles, indexes, locales
):
    page = article(indexes["en"])
    client.force_login(member("ko-translator", translators_group_name("ko")))

    response = client.get(REPORT)

    assert response.status_code == 200
    assert set(table(response)[str(page.translation_key)]) == {"en", "ko"}
    # The title would open the English editor, which they may not use.
    edit_source = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert edit_source not in response.content.decode()
    assert "select_locale=ko" in cell_html(response, page, "ko")


def test_an_editor_gets_translate_links_where_a_translation_is_missing(
    client, roles, indexes
):
    page = article(indexes["en"])
    client.force_login(member("editor-1", EDITORS_GROUP))

    response = client.get(REPORT)

    for code in ("ko", "zh-hans", "ar"):
        assert f"select_locale={code}" in cell_html(response, page, code)
    edit_source = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert edit_source in response.content.decode()
