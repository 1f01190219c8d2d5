"""The *Reviews due* admin report and dashboard panel: medical reviewers, editors and
superusers see every locale's articles with where their review stands, most urgent
first, filtered by locale, topic and state; nobody else sees them, and a page of the
report costs the same number of queries however many articles there are."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from wagtail.models import Site

from articles.models import ReviewSettings
from articles.reviews_due import ReviewCycles, articles_by_urgency, in_state
from articles.translation.roles import (
    EDITORS_GROUP,
    REVIEWERS_GROUP,
    translators_group_name,
)
from tests.articles.conftest import TODAY
from tests.factories import TopicFactory, member

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen_today")]
REPORT = reverse("articles_reviews_due")
HOME = reverse("wagtailadmin_home")
ROW = re.compile(r'<tr data-page="(?P<pk>\d+)" data-state="(?P<state>[a-z_]+)">')


def rows(response) -> list[tuple[int, str]]:
    """(page id, state) of each row, in the order shown."""
    assert response.status_code == 200
    return [(int(m["pk"]), m["state"]) for m in ROW.finditer(response.content.decode())]


def panel(response) -> str:
    """The dashboard's Reviews due panel, "" when absent."""
    html = response.content.decode()
    start = html.find('id="reviews-due-section"')
    return "" if start < 0 else html[start : html.find("</section>", start)]


@pytest.fixture
def reviewer_client(client, roles):
    client.force_login(member("reviewer", REVIEWERS_GROUP))
    return client


@pytest.fixture
def articles(due_article, ko_index):
    """One article in each state, one never scheduled, one in Korean."""
    return {
        "current": due_article(TODAY + timedelta(days=200), title="Current"),
        "soon": due_article(TODAY + timedelta(days=10), title="Soon"),
        "late": due_article(TODAY - timedelta(days=10), title="Late"),
        "never": due_article(None, title="Never scheduled"),
        "ko_late": due_article(
            TODAY - timedelta(days=20), title="늦은 문서", parent=ko_index
        ),
    }


# Who sees it ----------------------------------------------------------------------


def test_a_medical_reviewer_sees_every_locale_most_urgent_first(
    reviewer_client, articles
):
    shown = rows(reviewer_client.get(REPORT))

    assert shown == [
        (articles["never"].pk, "overdue"),
        (articles["ko_late"].pk, "overdue"),
        (articles["late"].pk, "overdue"),
        (articles["soon"].pk, "due_soon"),
        (articles["current"].pk, "current"),
    ]


def test_an_editor_and_a_superuser_see_the_report_and_its_menu_entry(
    client, admin_client_logged_in, roles, articles
):
    client.force_login(member("editor-1", EDITORS_GROUP))

    for each in (client, admin_client_logged_in):
        assert len(rows(each.get(REPORT))) == 5
        assert REPORT in each.get(HOME).content.decode()


def test_a_translator_is_refused_and_not_offered_the_report(client, roles, articles):
    client.force_login(member("translator", translators_group_name("ko")))

    response = client.get(REPORT)

    assert response.status_code in (302, 403)
    assert "reviews-due" not in response.get("Location", "")
    home = client.get(HOME)
    assert REPORT not in home.content.decode()
    assert panel(home) == ""


def test_an_anonymous_visitor_is_sent_to_the_login(client):
    response = client.get(REPORT)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


# What a row says and links to -------------------------------------------------------


def test_a_row_links_to_the_edit_view_and_the_page_history(reviewer_client, articles):
    page = articles["late"]

    html = reviewer_client.get(REPORT, {"state": "overdue"}).content.decode()

    assert reverse("wagtailadmin_pages:edit", args=[page.pk]) in html
    assert reverse("wagtailadmin_pages:history", args=[page.pk]) in html
    assert "Not scheduled" in html  # the never-scheduled article's date


# Filters ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        ("overdue", ["never", "ko_late", "late"]),
        ("due_soon", ["soon"]),
        ("current", ["current"]),
    ],
)
def test_the_report_filters_by_state(reviewer_client, articles, state, expected):
    shown = rows(reviewer_client.get(REPORT, {"state": state}))

    assert shown == [(articles[name].pk, state) for name in expected]


def test_the_report_filters_by_locale(reviewer_client, articles):
    shown = rows(reviewer_client.get(REPORT, {"locale": "ko"}))

    assert shown == [(articles["ko_late"].pk, "overdue")]


def test_the_topic_filter_matches_the_topic_in_every_locale(
    reviewer_client, due_article, ko_index, locales
):
    knees = TopicFactory(name="Knees", slug="knees")
    ko_knees = knees.copy_for_translation(locales["ko"])
    ko_knees.save()
    on_topic = due_article(TODAY, topics=[knees])
    ko_on_topic = due_article(TODAY, parent=ko_index, topics=[ko_knees])
    due_article(TODAY, topics=[TopicFactory(name="Hips")])

    shown = rows(reviewer_client.get(REPORT, {"topic": str(knees.translation_key)}))

    assert sorted(pk for pk, _state in shown) == sorted([on_topic.pk, ko_on_topic.pk])


@pytest.mark.parametrize(
    "query", [{"state": "late"}, {"topic": "not-a-topic"}, {"locale": "xx"}]
)
def test_bad_filter_input_is_a_form_error_not_a_crash(reviewer_client, articles, query):
    response = reviewer_client.get(REPORT, query)

    assert response.status_code == 200
    [name] = query
    assert name in response.context["filters"].errors


def test_due_soon_starts_as_early_as_the_articles_site_says(reviewer_client, articles):
    setting = ReviewSettings.for_site(Site.objects.get(is_default_site=True))
    setting.due_soon_days = 5
    setting.save()

    shown = dict(rows(reviewer_client.get(REPORT)))

    assert shown[articles["soon"].pk] == "current"  # due in 10 days, window of 5
    assert rows(reviewer_client.get(REPORT, {"state": "due_soon"})) == []


def test_the_filter_and_the_shown_state_agree_for_every_window(due_article):
    """SQL ranks (filter, order) and `review_status` (what a row says) are two
    writings of one rule: on each side of each boundary they agree."""
    for days in (-1, 0, 1, 29, 30, 31):
        due_article(TODAY + timedelta(days=days))
    due_article(None)
    cycles = ReviewCycles.load()
    articles = articles_by_urgency(today=TODAY, cycles=cycles)

    for state in ("overdue", "due_soon", "current"):
        pages = in_state(articles, state)
        assert pages.exists()
        assert {cycles.state_of(page, today=TODAY) for page in pages} == {state}


# Cost --------------------------------------------------------------------------------


@pytest.mark.parametrize("count", [5, 50])
def test_a_page_of_the_report_costs_the_same_queries_for_5_or_50_articles(
    reviewer_client, due_article, django_assert_max_num_queries, count
):
    topic = TopicFactory()
    for n in range(count):
        due_article(TODAY + timedelta(days=n - count // 2), topics=[topic])
    reviewer_client.get(REPORT)  # the session and the user's profile, once

    with django_assert_max_num_queries(18):
        response = reviewer_client.get(REPORT, {"locale": "en"})

    assert len(rows(response)) == count


# The dashboard panel ---------------------------------------------------------------


def test_the_dashboard_panel_counts_what_is_due_and_links_to_the_report(
    reviewer_client, articles
):
    html = panel(reviewer_client.get(HOME))

    assert "3 articles overdue" in html
    assert "1 article due soon" in html
    assert REPORT in html
    assert reverse("wagtailadmin_pages:edit", args=[articles["never"].pk]) in html
    assert f'data-page="{articles["current"].pk}"' not in html


def test_the_dashboard_panel_is_hidden_when_nothing_is_due(
    reviewer_client, due_article
):
    due_article(TODAY + timedelta(days=200))

    assert panel(reviewer_client.get(HOME)) == ""
