"""The API's documentation page in a real browser: Redoc renders the document, and
nothing is fetched from another host (no fonts, CDN, logo or worker from outside)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser

from api.base import TITLE

from .conftest import TIMEOUT_MS

pytestmark = [
    pytest.mark.e2e,
    # Every transactional test here rolls back serialised: a plain flush would let
    # post_migrate recreate content types that the next serialised test restores.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LOCAL_HOSTS = {"127.0.0.1", "localhost"}
# In-page URLs (Redoc's search worker, inline images) are not requests to a host.
IN_PAGE_SCHEMES = {"blob", "data", "about"}


def leaves_the_site(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme not in IN_PAGE_SCHEMES and parts.hostname not in LOCAL_HOSTS


def test_docs_page_renders_and_asks_nothing_of_another_host(
    live_server_url: str, browser: Browser
):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    # Every request the page starts, including any the browser then blocks (a
    # Content-Security-Policy refusal still counts: it was asked for).
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{live_server_url}/api/v1/docs/", wait_until="networkidle")

    page.get_by_role("heading", level=1).filter(has_text=TITLE).wait_for()
    page.get_by_text("Response samples").first.wait_for()
    page.wait_for_load_state("networkidle")
    context.close()

    assert f"{live_server_url}/api/v1/schema/" in requested
    assert [url for url in requested if leaves_the_site(url)] == []
