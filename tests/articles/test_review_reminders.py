"""Reminder emails: the worker emails each medical reviewer, once a day by default,
the articles that became due soon or overdue, each article once per state and due
date, in the reviewer's admin language, with links to the articles' edit views."""

import logging
from datetime import timedelta

import pytest
from django.core.mail import EmailMessage
from django.urls import reverse
from wagtail.users.models import UserProfile

from api.periodic import periodic_jobs
from articles.models import ReviewReminder
from articles.review_reminders import send_review_reminders
from articles.translation.roles import (
    EDITORS_GROUP,
    REVIEWERS_GROUP,
    translators_group_name,
)
from tests.articles.conftest import TODAY, days_from_today
from tests.factories import member

pytestmark = pytest.mark.django_db


def reviewer(username: str, *, language: str = "", email: str | None = None):
    user = member(username, REVIEWERS_GROUP)
    user.email = f"{username}@hospital.example" if email is None else email
    user.first_name = username.capitalize()
    user.save()
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return user


def send_on(days: int) -> int:
    """Run the reminders with the clock `days` after TODAY."""
    with days_from_today(days):
        return send_review_reminders()


@pytest.fixture
def knee(due_article):
    """An English article whose review is due 40 days after TODAY (current today,
    due soon from day 10 with the default 30-day window, overdue from day 41)."""
    return due_article(TODAY + timedelta(days=40), title="Knee replacement")


def test_reminders_run_daily_on_the_worker():
    [job] = [job for job in periodic_jobs() if job.name == "send_review_reminders"]

    assert (job.interval, job.run) == (timedelta(days=1), send_review_reminders)


def test_nothing_is_sent_while_every_review_is_current(roles, knee, mailoutbox):
    reviewer("ana")

    assert send_on(0) == 0
    assert mailoutbox == []
    assert not ReviewReminder.objects.exists()


def test_due_soon_then_overdue_are_each_sent_exactly_once(roles, knee, mailoutbox):
    reviewer("ana")

    assert [send_on(day) for day in (0, 9, 10, 11, 25)] == [0, 0, 1, 0, 0]
    [due_soon] = mailoutbox
    assert due_soon.to == ["ana@hospital.example"]
    assert due_soon.subject == "Medical review due: 1 article"
    assert "Due soon:" in due_soon.body
    assert "Knee replacement (English), review due on Jan. 12, 2027" in due_soon.body

    assert [send_on(day) for day in (40, 41, 42, 100)] == [0, 1, 0, 0]
    overdue = mailoutbox[1]
    assert "Overdue:" in overdue.body
    assert "Knee replacement (English), review was due on Jan. 12, 2027" in (
        overdue.body
    )
    assert len(mailoutbox) == 2
    assert set(ReviewReminder.objects.values_list("kind", "due_date")) == {
        ("due_soon", knee.next_review_due),
        ("overdue", knee.next_review_due),
    }


def test_a_new_due_date_is_announced_again(roles, knee, mailoutbox):
    reviewer("ana")
    send_on(10)
    knee.next_review_due = TODAY + timedelta(days=20)  # an editor wants it sooner
    knee.save()

    assert send_on(11) == 1
    assert len(mailoutbox) == 2


def test_an_article_never_scheduled_is_announced_overdue_once(
    roles, due_article, mailoutbox
):
    reviewer("ana")
    due_article(None, title="Never reviewed")

    assert [send_on(0), send_on(1)] == [1, 0]
    assert "Never reviewed (English), no review date set" in mailoutbox[0].body


def test_one_email_per_reviewer_lists_all_their_articles_with_edit_links(
    roles, due_article, ko_index, mailoutbox
):
    reviewer("ana")
    reviewer("ben")
    soon = due_article(TODAY + timedelta(days=5), title="Hip")
    late = due_article(TODAY - timedelta(days=5), title="갑상선", parent=ko_index)
    due_article(TODAY + timedelta(days=300), title="Current one")

    assert send_on(0) == 2

    assert sorted(message.to[0] for message in mailoutbox) == [
        "ana@hospital.example",
        "ben@hospital.example",
    ]
    body = mailoutbox[0].body
    assert mailoutbox[0].subject == "Medical reviews due: 2 articles"
    assert body.startswith("Hello Ana,") or body.startswith("Hello Ben,")
    assert body.index("Overdue:") < body.index("갑상선 (Korean)") < body.index("Hip")
    for page in (soon, late):
        edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
        assert f"http://testserver{edit}" in body
    assert f"http://testserver{reverse('articles_reviews_due')}" in body
    assert "Current one" not in body


def test_only_medical_reviewers_with_an_email_address_are_written_to(
    roles, knee, mailoutbox
):
    reviewer("ana")
    reviewer("no-address", email="")
    for username, group in [
        ("editor", EDITORS_GROUP),
        ("translator", translators_group_name("ko")),
    ]:
        user = member(username, group)
        user.email = f"{username}@hospital.example"
        user.save()

    send_on(10)

    assert [message.to for message in mailoutbox] == [["ana@hospital.example"]]


def test_an_unpublished_article_is_not_announced(roles, knee, mailoutbox):
    reviewer("ana")
    knee.live = False
    knee.save()

    assert send_on(10) == 0


def test_a_failing_send_is_logged_and_the_others_still_get_theirs(
    roles, knee, mailoutbox, monkeypatch, caplog
):
    reviewer("ana")
    reviewer("bounces")
    reviewer("cleo")
    send = EmailMessage.send

    def send_or_fail(message, *args, **kwargs):
        if message.to == ["bounces@hospital.example"]:
            raise ConnectionRefusedError("the mail server refused")
        return send(message, *args, **kwargs)

    monkeypatch.setattr(EmailMessage, "send", send_or_fail)

    with caplog.at_level(logging.ERROR, logger="articles.review_reminders"):
        assert send_on(10) == 2

    assert sorted(message.to[0] for message in mailoutbox) == [
        "ana@hospital.example",
        "cleo@hospital.example",
    ]
    assert "could not be sent" in caplog.text
    assert send_on(11) == 0  # announced: the others got it


def test_when_every_send_fails_the_next_run_tries_again(
    roles, knee, mailoutbox, monkeypatch
):
    reviewer("ana")

    def fail(message, *args, **kwargs):
        raise ConnectionRefusedError("the mail server is down")

    with monkeypatch.context() as patched:
        patched.setattr(EmailMessage, "send", fail)
        assert send_on(10) == 0

    assert send_on(11) == 1
    assert len(mailoutbox) == 1


def test_the_email_is_in_the_reviewers_admin_language(roles, knee, mailoutbox):
    """Korean for a reviewer whose admin is in Korean: the date and the language
    name (Django's own catalogue and formats) show the switch whatever our catalogue
    holds; the English reviewer's email stays English."""
    reviewer("ana")
    reviewer("minji", language="ko")

    send_on(10)

    by_address = {message.to[0]: message.body for message in mailoutbox}
    korean = by_address["minji@hospital.example"]
    english = by_address["ana@hospital.example"]
    assert "2027년 1월 12일" in korean
    assert "Knee replacement (영어)" in korean
    assert "Jan. 12, 2027" not in korean
    assert "Knee replacement (English), review due on Jan. 12, 2027" in english
