"""How a person works the Wagtail 8 admin, as Playwright steps: StreamField blocks,
Draftail rich text, choosers, listing menus, workflow actions and wagtail-localize's
translation editor.

StreamField children are found by the names of their hidden inputs, which follow the
block's place in the form ("body-1-value-content-0-value-items-0-..."): the stable
handle Wagtail's own form posts use, where CSS classes and generated ids are not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError


@contextmanager
def next_page_loaded(page: Page) -> Iterator[None]:
    """Wait, after the block, until the page it leads to has loaded. Checks such as
    "the row is gone" also hold on the blank page of a navigation in progress; a
    mark left on the old page's window tells the pages apart."""
    page.evaluate("window.e2eOldPage = true")
    yield
    page.wait_for_function(
        "() => !window.e2eOldPage && document.readyState === 'complete'"
    )


def _children_of(page: Page, prefix: str) -> Locator:
    """The element that directly holds the stream or list whose fields start with
    `prefix` (it holds the hidden `<prefix>-count` input)."""
    return page.locator(f"div:has(> input[name='{prefix}-count'])")


def _count(page: Page, prefix: str) -> Locator:
    return page.locator(f"input[name='{prefix}-count']")


def _until_count_grows(page: Page, prefix: str, click_and_choose) -> None:
    """Run `click_and_choose` until the stream or list `prefix` holds one child more.
    A "+" clicked in the instant its block is being set up can be lost (the chooser
    does not open, or opens late); the count of children is what the form will
    post, so it is what tells that the click took. Never adds two children: a try
    that may have taken is checked before the next one."""
    count = _count(page, prefix)
    before = count.input_value()
    wanted = str(int(before) + 1)
    for _attempt in range(3):
        click_and_choose()
        try:
            expect(count).to_have_value(wanted, timeout=10_000)
            return
        except AssertionError:
            if count.input_value() != before:
                raise
    expect(count).to_have_value(wanted)


def append_block(page: Page, stream: str, block_label: str | None = None) -> None:
    """Click the last "+" of a stream (append) and pick `block_label` in the block
    chooser; a stream with a single block type (the body's sections) adds it at once."""
    add_buttons = _children_of(page, stream).locator(
        "> [data-streamfield-stream-container] > div > button.c-sf-add-button"
    )

    def click_and_choose() -> None:
        add_buttons.last.click()
        if block_label:
            option = page.get_by_role("option", name=block_label, exact=True)
            try:
                option.wait_for(state="visible", timeout=10_000)
            except PlaywrightTimeoutError:
                return  # the chooser did not open: the caller clicks again
            option.click()

    _until_count_grows(page, stream, click_and_choose)


def append_list_item(page: Page, list_prefix: str) -> None:
    """Click the last "+" of a list block, which appends an empty item."""
    add_button = _children_of(page, list_prefix).locator(
        "> [data-streamfield-list-container] > button[data-streamfield-list-add]"
    )
    _until_count_grows(page, list_prefix, lambda: add_button.last.click())


def type_rich_text(page: Page, field_name: str, text: str) -> None:
    """Type into the Draftail editor that writes to the hidden input `field_name`.
    (`fill` enters the text as one input event, as typing or pasting does; Draft.js
    takes it like keystrokes, several times faster than key-by-key typing.)"""
    editor = page.locator(
        f"input[name='{field_name}'] + [data-draftail-editor-wrapper] [role=textbox]"
    )
    editor.fill(text)
    expect(editor).to_have_text(text)


def choose_image(page: Page, field_name: str, title: str) -> None:
    """Open the image chooser of `field_name`, pick the image called `title` in the
    modal, and wait until the form field holds it."""
    page.locator(f"#{field_name}-chooser button[data-chooser-action-choose]").click()
    page.locator(f"a[data-chooser-modal-choice][title='{title}']").click()
    expect(page.locator(f"input[name='{field_name}']")).to_have_value(
        re.compile(r"^\d+$")
    )
    expect(page.locator(f"#{field_name}-chooser")).to_contain_text(title)


def footer_action(page: Page, label: str) -> None:
    """Click an action of the editor's footer, opening its "more actions" menu when
    the action is not the primary one."""
    action = page.locator("footer").get_by_role("button", name=label)
    if not action.is_visible():
        page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    action.click()


def listing_row(page: Page, title: str) -> Locator:
    return page.locator("table tbody tr", has_text=title)


def row_menu_item(page: Page, title: str, item: str) -> Locator:
    """Open the "More options" menu of the listing row showing `title`; return its
    item `item` (a link or a button)."""
    listing_row(page, title).get_by_role("button", name="More options").click()
    return page.get_by_role("link", name=item).or_(
        page.get_by_role("button", name=item)
    )


def expect_message(page: Page, text: str | re.Pattern) -> None:
    """The admin's confirmation (or error) banner says `text`."""
    expect(page.locator(".messages")).to_contain_text(text)


def approve_from_dashboard(page: Page, title: str, *, acknowledge: str = "") -> None:
    """A reviewer's "Awaiting your review" panel: Actions > Approve on `title`; with
    `acknowledge` (a translation with unedited machine output), the action that asks
    for the acknowledgement, ticked in its dialog."""
    if not page.url.endswith("/admin/"):
        page.goto("/admin/")
    awaiting = page.locator("#awaiting-review-content tr", has_text=title)
    awaiting.get_by_role("button", name="Actions").click()
    if acknowledge:
        expect(
            awaiting.get_by_role("button", name="Approve", exact=True)
        ).to_have_count(0)
        awaiting.get_by_role("button", name="Approve (translation checked)").click()
        dialog = page.get_by_role("dialog")
        # What is acknowledged is listed above the checkbox.
        expect(
            dialog.locator(".approval-acknowledgements li", has_text="Approved knowing")
        ).not_to_have_count(0)
        dialog.get_by_label(re.compile(acknowledge)).check()
        with next_page_loaded(page):
            dialog.get_by_role("button", name="Approve (translation checked)").click()
    else:
        with next_page_loaded(page):
            awaiting.get_by_role("button", name="Approve", exact=True).click()
    expect(awaiting).to_have_count(0)


def translation_segment(page: Page, source_text: str) -> Locator:
    """A segment of wagtail-localize's translation editor, by its source text."""
    return page.locator(
        "li",
        has=page.locator("> p", has_text=re.compile(rf"^{re.escape(source_text)}$")),
    )


def translate_segment_by_hand(page: Page, source_text: str, translation: str) -> None:
    segment = translation_segment(page, source_text)
    segment.get_by_role("button", name="Edit").click()
    segment.locator("textarea").fill(translation)
    segment.get_by_role("button", name="Save").click()
    expect(segment).to_contain_text("Translated manually")
    expect(segment.locator("> div")).to_have_text(translation)
