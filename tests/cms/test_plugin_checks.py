"""`manage.py check` names every piece a host site must add for the plugin, and the
README's "Adding the apps to an existing Wagtail site" section adds each of them."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from api import checks as api_checks
from articles import checks as article_checks

README = Path(__file__).resolve().parents[2] / "README.md"
EVERY_APP = [*article_checks.REQUIRED_APPS, *api_checks.REQUIRED_APPS]


def ids(messages) -> list[str]:
    return [message.id for message in messages]


def all_checks():
    return [
        *article_checks.check_installation(None),
        *api_checks.check_installation(None),
    ]


def test_this_host_has_every_piece():
    assert all_checks() == []


@pytest.mark.parametrize("app", EVERY_APP)
def test_each_missing_app_is_named(monkeypatch, app):
    monkeypatch.setattr(
        settings, "INSTALLED_APPS", [a for a in settings.INSTALLED_APPS if a != app]
    )

    (message,) = all_checks()

    assert f"INSTALLED_APPS lacks {app!r}" in message.msg
    assert message.is_serious()


def test_a_missing_locale_app_is_named(monkeypatch):
    monkeypatch.setattr(
        settings,
        "INSTALLED_APPS",
        [a for a in settings.INSTALLED_APPS if a not in article_checks.LOCALE_APPS],
    )
    assert ids(all_checks()) == ["articles.E003"]


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("WAGTAIL_I18N_ENABLED", False, "articles.E004"),
        ("WAGTAIL_CONTENT_LANGUAGES", [], "articles.E005"),
        ("WAGTAIL_FINISH_WORKFLOW_ACTION", None, "articles.E006"),
        ("TASKS", {"default": {"BACKEND": "x"}}, "articles_api.W002"),
    ],
)
def test_each_missing_setting_is_named(monkeypatch, name, value, expected):
    monkeypatch.setattr(settings, name, value)
    assert ids(all_checks()) == [expected]


def test_the_locale_middleware_is_required_and_djangos_is_not_enough(monkeypatch):
    without = [m for m in settings.MIDDLEWARE if m != api_checks.LOCALE_MIDDLEWARE]
    monkeypatch.setattr(settings, "MIDDLEWARE", without)
    assert ids(all_checks()) == ["articles_api.E002"]

    monkeypatch.setattr(
        settings, "MIDDLEWARE", [*without, api_checks.DJANGO_LOCALE_MIDDLEWARE]
    )
    assert ids(all_checks()) == ["articles_api.W001"]


def test_the_review_outcome_middleware_is_named_when_missing(monkeypatch):
    without = [
        m
        for m in settings.MIDDLEWARE
        if m != "articles.review_outcome.ReviewOutcomeMiddleware"
    ]
    monkeypatch.setattr(settings, "MIDDLEWARE", without)
    assert ids(all_checks()) == ["articles.W002"]


def readme_section() -> str:
    text = README.read_text()
    start = text.index("## Adding the apps to an existing Wagtail site")
    return text[start : text.index("\n## ", start + 1)]


def test_the_readme_adds_every_piece_the_checks_require():
    section = readme_section()
    listed = set(re.findall(r'^\s+"([a-z_.]+)",', section, re.M))

    assert set(EVERY_APP) <= listed
    assert "wagtail_localize.locales" in listed
    assert api_checks.LOCALE_MIDDLEWARE in section
    assert "WAGTAIL_I18N_ENABLED = True" in section
    assert "WAGTAIL_CONTENT_LANGUAGES" in section
    assert 'WAGTAIL_FINISH_WORKFLOW_ACTION = "articles.workflow.' in section
    assert '"articles.review_outcome.ReviewOutcomeMiddleware"' in section
    assert 'MIDDLEWARE.insert(0, "api.middleware.ResponseCacheMiddleware")' in section
    assert '"background"' in section
