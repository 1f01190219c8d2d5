"""A patient reads the demo articles on a phone and on a desktop in every language
the demo has content in, and in Japanese (set up with `setup_locale`; its reader is
sent to the English article with a notice in Japanese): the page never scrolls
sideways, says its language and direction, shows no English interface text outside
English pages, and axe-core finds no serious or critical accessibility violation.
Screenshots of each page go to var/e2e-screenshots/site/ (or CMS_E2E_SCREENSHOTS)."""

from __future__ import annotations

import re
import shutil
from io import StringIO

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import Browser

from tests.articles.test_interface_language import ENGLISH_PAGE_STRINGS

from .conftest import SCREENSHOTS_ROOT, TIMEOUT_MS, serve_media_from_storage

pytestmark = [
    pytest.mark.e2e,
    # Every transactional test here rolls back serialised: a plain flush would let
    # post_migrate recreate content types that the next serialised test restores.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

VIEWPORTS = {"small-phone": (320, 640), "phone": (390, 844), "desktop": (1280, 800)}
# The demo's content languages and their direction.
LANGUAGES = {"en": "ltr", "ko": "ltr", "zh-hans": "ltr", "ar": "rtl", "ja": "ltr"}
ARTICLE = "stem-cell-therapy-spinal-degeneration"
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def demo(transactional_db) -> None:
    call_command("load_demo", verbosity=0)
    # Japanese set up in one step: its index, no article translated yet.
    call_command("setup_locale", "ja", stdout=StringIO())


def page_problems(page, *, language: str, direction: str) -> list[str]:
    problems = []
    lang, dir_ = page.evaluate(
        "[document.documentElement.lang, document.documentElement.dir]"
    )
    if (lang, dir_) != (language, direction):
        problems.append(f"lang/dir {lang}/{dir_}, not {language}/{direction}")
    scroll, client = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    if scroll > client:
        problems.append(f"{scroll - client} px of horizontal overflow")
    if language != "en":
        # What a reader sees or hears: the text, and the labels screen readers read.
        text = page.evaluate(
            "document.body.innerText + ' ' + [...document.querySelectorAll("
            "'[aria-label]')].map(e => e.getAttribute('aria-label')).join(' ')"
        )
        english = [s for s in ENGLISH_PAGE_STRINGS if s in text]
        if english:
            problems.append(f"English interface text: {english}")
    results = Axe().run(page)
    for violation in results.response["violations"]:
        if violation["impact"] in BLOCKING_IMPACTS:
            targets = [node["target"] for node in violation["nodes"]][:3]
            problems.append(f"axe {violation['id']} ({violation['impact']}): {targets}")
    return problems


def test_demo_pages_read_well_on_a_phone_and_a_desktop_in_every_language(
    demo, live_server_url: str, browser: Browser
):
    folder = SCREENSHOTS_ROOT / "site"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    problems: dict[str, list[str]] = {}
    for device, (width, height) in VIEWPORTS.items():
        context = browser.new_context(
            base_url=live_server_url, viewport={"width": width, "height": height}
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.route(re.compile(r"/media/"), serve_media_from_storage)
        page = context.new_page()
        for language, direction in LANGUAGES.items():
            for kind, path in (
                ("index", f"/{language}/"),
                ("article", f"/{language}/{ARTICLE}/"),
            ):
                if language == "ja" and kind == "article":
                    continue  # not translated: see the fallback below
                response = page.goto(path)
                assert response is not None and response.status == 200, path
                page.wait_for_load_state("load")
                page.screenshot(path=str(folder / f"{kind}-{language}-{device}.png"))
                found = page_problems(page, language=language, direction=direction)
                if found:
                    problems[f"{path} at {width} px"] = found
        # A Japanese reader asks for an article not yet in Japanese: the English
        # one, with a notice in Japanese.
        page.set_extra_http_headers({"Accept-Language": "ja-JP,ja;q=0.9"})
        page.goto(f"/ja/{ARTICLE}/")
        page.screenshot(path=str(folder / f"article-ja-fallback-{device}.png"))
        notice = page.locator("p.notice[lang=ja]")
        if not page.url.endswith(f"/en/{ARTICLE}/") or "日本語" not in (
            notice.text_content() or ""
        ):
            problems[f"/ja/{ARTICLE}/ at {width} px"] = [f"no notice at {page.url}"]
        found = page_problems(page, language="en", direction="ltr")
        if found:
            problems[f"/ja/{ARTICLE}/ (English) at {width} px"] = found
        context.close()

    assert problems == {}
