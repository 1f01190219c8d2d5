"""`manage.py translation_status`: the report's matrix for scripts, as a table or
JSON, limited to some locales, and failing the script when translations are
outdated."""

import json
import os
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import ArticlePageFactory, publish, translate
from tests.translation.helpers import drift, localized, submit

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("translation_status", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def articles(index_page, locales):
    """One article outdated in Korean and in progress in Japanese; one untouched."""
    outdated = publish(
        ArticlePageFactory(parent=index_page, title="Spine", slug="spine")
    )
    drift(localized(outdated, locales["ko"]), changed_segments=3)
    submit(outdated, locales["ja"])
    translate(outdated, locales["ar"])
    untouched = publish(
        ArticlePageFactory(parent=index_page, title="Knee", slug="knee")
    )
    return outdated, untouched


def test_json_lists_every_source_article_with_a_cell_per_locale(articles):
    outdated, _untouched = articles

    data = json.loads(run("--format", "json"))

    assert [article["slug"] for article in data] == ["knee", "spine"]
    spine = data[1]
    assert spine["title"] == "Spine"
    assert spine["translation_key"] == str(outdated.translation_key)
    assert spine["source_locale"] == "en"
    assert list(spine["locales"]) == [
        "en", "ko", "zh-hans", "zh-hant", "ja", "ru", "vi", "ar",
    ]  # fmt: skip
    assert spine["locales"]["ko"] == {
        "state": "outdated",
        "percent": 100,
        "source_changed_at": "2026-05-04T09:30:00+00:00",
        "changed_segments": 3,
    }
    assert spine["locales"]["ja"] == {
        "state": "in_progress",
        "percent": 0,
        "source_changed_at": None,
        "changed_segments": None,
    }
    assert spine["locales"]["ar"]["state"] == "published"
    assert spine["locales"]["en"]["state"] == "source"
    assert spine["locales"]["ru"]["state"] == "missing"


def test_table_has_a_line_per_article_and_a_summary(articles):
    lines = run("--locale", "ko,ja").splitlines()

    assert lines[0].split() == ["article", "ko", "ja"]
    assert lines[1].split() == ["knee", "missing", "missing"]
    assert lines[2].split() == [
        "spine", "outdated", "2026-05-04", "(3", "changed)", "in_progress", "0%",
    ]  # fmt: skip
    assert lines[-1] == "2 article(s): 2 missing, 1 in_progress, 1 outdated."


def test_locale_option_repeats_and_accepts_commas(articles):
    data = json.loads(
        run("--locale", "ar", "--locale", "ko, ja", "--locale", "ko", "--format=json")
    )

    assert list(data[0]["locales"]) == ["ko", "ja", "ar"]


def test_locale_codes_are_matched_regardless_of_case(articles):
    data = json.loads(run("--locale", "zh-Hans", "--format", "json"))

    assert list(data[0]["locales"]) == ["zh-hans"]


def test_unknown_locale_is_an_error_with_exit_status_2(articles):
    with pytest.raises(CommandError) as error:
        run("--locale", "ko,xx")

    assert error.value.returncode == 2
    assert "Unknown locale(s): xx" in str(error.value)
    assert "zh-hans" in str(error.value)  # says which codes exist


def test_fail_on_outdated_exits_1_after_printing(articles):
    out = StringIO()
    with pytest.raises(CommandError) as error:
        call_command(
            "translation_status", "--fail-on-outdated", "--format=json", stdout=out
        )

    assert error.value.returncode == 1
    assert "1 translation(s) outdated" in str(error.value)
    assert len(json.loads(out.getvalue())) == 2  # printed in full first


def test_fail_on_outdated_passes_when_the_chosen_locales_are_not_outdated(articles):
    output = run("--fail-on-outdated", "--locale", "ja,ar")

    assert "in_progress 0%" in output


def test_no_articles_prints_an_empty_report(locales):
    assert json.loads(run("--format", "json")) == []
    assert run().splitlines()[-1] == "0 article(s): no cells."


def test_command_line_exit_statuses():
    """What a shell script sees: 2 for a bad locale, before touching any data."""
    result = subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "manage.py", "translation_status", "--locale", "xx"],
        capture_output=True,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "cms.settings.test"},
        cwd=settings.BASE_DIR,
        check=False,
    )

    assert result.returncode == 2
    assert "Unknown locale(s): xx" in result.stderr
