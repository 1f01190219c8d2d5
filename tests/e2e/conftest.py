"""End-to-end tests: a real Chromium drives the Wagtail admin of a live server.

They need Debian's Chromium at /usr/bin/chromium (Playwright's own browser download
is not used). Without it they are skipped, unless CMS_E2E_REQUIRED=1 (as in CI), in
which case its absence is a failure. Screenshots of each step are written to
var/e2e-screenshots/<database vendor>/ (or to CMS_E2E_SCREENSHOTS).
"""

from __future__ import annotations

import mimetypes
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.files.storage import default_storage
from django.core.servers.basehttp import WSGIServer
from django.db import connection, connections
from django.test.testcases import LiveServerThread, QuietWSGIRequestHandler
from playwright.sync_api import Browser, Page, Route, sync_playwright
from wagtail.models import Collection

from articles.translation.roles import (
    EDITORS_GROUP,
    REVIEWERS_GROUP,
    translators_group_name,
)
from tests.factories import ImageFactory, member

# The same editorial set-up as the translation tests: en, ko and zh-hans article
# indexes, and the groups and Medical review workflow of `setup_roles`.
from tests.translation.conftest import indexes, roles  # noqa: F401

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS_ROOT = Path(
    os.environ.get("CMS_E2E_SCREENSHOTS")
    or Path(settings.BASE_DIR) / "var" / "e2e-screenshots"
)
# Long enough for a loaded 2-core CI machine, short enough to fail fast.
TIMEOUT_MS = 20_000


def pytest_configure(config: pytest.Config) -> None:
    # Also listed in pyproject.toml; registered here too so that `--strict-markers`
    # accepts it however the tests are selected.
    config.addinivalue_line("markers", "e2e: end-to-end tests in a real browser")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    # Lets fixtures know, at teardown, whether the test failed (see `log_in`).
    report = yield
    if report.when == "call":
        item.e2e_failed = report.failed
    return report


def pytest_terminal_summary(terminalreporter) -> None:
    folders = sorted(p for p in SCREENSHOTS_ROOT.glob("*") if any(p.glob("*.png")))
    if folders:
        terminalreporter.write_line(
            "e2e screenshots: " + ", ".join(str(folder) for folder in folders)
        )


def pytest_runtest_setup(item: pytest.Item) -> None:
    # Before any fixture, so a skipped test costs no database set-up.
    if item.get_closest_marker("e2e") and not CHROMIUM.exists():
        reason = f"{CHROMIUM} is missing: `apt-get install -y chromium`."
        if os.environ.get("CMS_E2E_REQUIRED") == "1":
            pytest.fail(f"CMS_E2E_REQUIRED=1 but {reason}", pytrace=False)
        pytest.skip(reason)


@pytest.fixture
def browser() -> Iterator[Browser]:
    # Per test, not per session: Playwright's loop must not outlive the test into
    # the rest of the suite (see `orm_beside_playwright`).
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM))
        yield browser
        browser.close()
        # While the loop runs, Django keeps this thread's connections apart (asgiref
        # switches to per-context storage): close any opened meanwhile, or they
        # outlive the test and PostgreSQL refuses to drop the test database.
        connections.close_all()


@pytest.fixture(autouse=True)
def orm_beside_playwright(monkeypatch) -> None:
    """Playwright's sync API keeps an asyncio loop running in this thread, and Django
    then refuses ORM calls here (SynchronousOnlyOperation). The set-up runs before
    the browser starts (fixture order) and the flow itself reads through the admin
    and the API, but a check added later may well query: allow it, for these tests
    only. Nothing here runs concurrently with the loop, which is what the guard
    protects against. (`browser` closes the connections opened meanwhile.)"""
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def no_autosave(settings) -> None:
    """Wagtail's autosave posts the form in the background every half second; one in
    flight when "Submit" is clicked on a new page makes two pages race for the slug.
    Autosave is Wagtail's own, tested there; these tests submit explicitly."""
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0


class SerialLiveServerThread(LiveServerThread):
    """Django's live server, answering one request at a time. With SQLite in memory
    the server shares the test's single connection, and the admin fires several
    requests at once: their transactions would interleave on it. (Without threads
    Django also closes each HTTP connection, so a browser never waits on a kept-alive
    one.)"""

    def _create_server(self, connections_override=None):
        return WSGIServer(
            (self.host, self.port), QuietWSGIRequestHandler, allow_reuse_address=False
        )


@pytest.fixture
def live_server_url(transactional_db) -> Iterator[str]:
    """Django's live server, started as pytest-django's `live_server` starts it,
    for this test's data."""
    shared = {
        alias: connections[alias]
        for alias in connections
        if connections[alias].vendor == "sqlite"
        and connections[alias].is_in_memory_db()
    }
    server = SerialLiveServerThread(
        "127.0.0.1", StaticFilesHandler, connections_override=shared
    )
    server.daemon = True
    for conn in shared.values():
        conn.inc_thread_sharing()
    server.start()
    server.is_ready.wait()
    try:
        if server.error:
            raise server.error
        yield f"http://127.0.0.1:{server.port}"
    finally:
        server.terminate()
        for conn in shared.values():
            conn.dec_thread_sharing()


class Screenshots:
    """Numbered screenshots of a run, one folder per database vendor."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.count = 0

    def take(self, page: Page, name: str, *, whole: bool = False) -> Path:
        """Once the page has loaded. `whole`: all of a long page. The admin scrolls
        inside its main column rather than the document, so Playwright's full-page
        mode would not show a long form: the window is made as tall as the content
        instead, for this shot."""
        self.count += 1
        path = self.folder / f"{self.count:02d}-{name}.png"
        page.wait_for_load_state()
        viewport = page.viewport_size
        if whole and viewport:
            height = page.evaluate(
                "Math.max(document.documentElement.scrollHeight,"
                " document.querySelector('main')?.scrollHeight ?? 0)"
            )
            page.set_viewport_size({"width": viewport["width"], "height": height})
        page.screenshot(path=str(path))
        if whole and viewport:
            page.set_viewport_size(viewport)
        return path


@pytest.fixture
def screenshots() -> Screenshots:
    folder = SCREENSHOTS_ROOT / connection.vendor
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return Screenshots(folder)


def serve_media_from_storage(route: Route) -> None:
    """Test settings keep uploads in memory, where the live server's media handler
    (which reads MEDIA_ROOT) cannot see them: answer /media/ from the storage, so
    image thumbnails show in the admin and in screenshots."""
    name = re.sub(r"^.*?/media/", "", route.request.url.split("?")[0])
    if not default_storage.exists(name):
        route.fulfill(status=404)
        return
    with default_storage.open(name) as upload:
        body = upload.read()
    route.fulfill(
        body=body,
        content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
    )


@pytest.fixture
def log_in(live_server_url: str, screenshots, browser: Browser, request):
    """log_in(username, then="/admin/") -> the admin page `then`, reached through the
    login form, in a browser context of its own (its own cookies), as a person in
    their own browser. A failing test leaves a screenshot of every open page."""
    contexts = []

    def open_session(username: str, *, then: str = "/admin/") -> Page:
        context = browser.new_context(
            base_url=live_server_url, viewport={"width": 1400, "height": 1000}
        )
        context.set_default_timeout(TIMEOUT_MS)
        context.route(re.compile(r"/media/"), serve_media_from_storage)
        contexts.append((username, context))
        page = context.new_page()
        page.goto(f"/admin/login/?next={then}")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill("x")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"**{then}")
        return page

    yield open_session

    for username, context in contexts:
        if getattr(request.node, "e2e_failed", False):
            for number, page in enumerate(context.pages):
                page.screenshot(
                    path=str(screenshots.folder / f"failed-{username}-{number}.png")
                )
        context.close()


@pytest.fixture
def team(roles) -> dict:  # noqa: F811 (the imported fixture)
    """An editor, a medical reviewer, a translator for each of zh-hans and ko (password
    "x"), and an image in the library to illustrate the article."""
    return {
        "editor": member("editor", EDITORS_GROUP).username,
        "reviewer": member("doctor", REVIEWERS_GROUP).username,
        "zh-hans": member("zh-translator", translators_group_name("zh-hans")).username,
        "ko": member("ko-translator", translators_group_name("ko")).username,
        "image": ImageFactory(
            title="Knee joint diagram", collection=Collection.get_first_root_node()
        ).title,
    }
