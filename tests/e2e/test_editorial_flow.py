"""An article's editorial life, driven in a real browser against a live server: an
editor writes it and submits it, a medical reviewer approves it, a translator for
Simplified Chinese pre-fills the translation by machine, corrects a segment by hand
(the editor shows the termbase's term for it and a fuzzy match from the translation
memory for another) and sends it to review, a reviewer
approves it, and the delivery API serves it with the source's anchors. A translator
may not open another language's version.

Every user step is a click or a keystroke in the admin; only the set-up (locales,
indexes, groups, people, one image in the library) uses the ORM. Each step leaves a
numbered screenshot (see conftest.py for where).
"""

import re

import pytest
from playwright.sync_api import Page, expect

from articles.models import MemoryUnit
from articles.translation.memory.index import index_units
from articles.translation.memory.keys import memory_key
from tests.factories import concept

from .admin_ui import (
    append_block,
    append_list_item,
    approve_from_dashboard,
    choose_image,
    expect_message,
    footer_action,
    listing_row,
    next_page_loaded,
    row_menu_item,
    translate_segment_by_hand,
    translation_segment,
    type_rich_text,
)

pytestmark = [
    pytest.mark.e2e,
    # The live server sees only committed data; the serialized rollback gives back
    # the rows migrations create (root page, locales, permissions) should another
    # transactional test have flushed them.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TITLE = "Knee cartilage repair"
SLUG = "knee-cartilage-repair"
# What the dummy translator makes of it: the words in reverse order.
MACHINE_TITLE = "repair cartilage Knee"
ANCHORS = ["overview", "treatment-steps", "what-the-scan-shows"]


MEMORY_SOURCE = "Knee cartilage does not heal on its own."
MEMORY_TARGET = "膝关节软骨无法自行愈合。"


@pytest.fixture
def termbase(locales):
    """The termbase knows how Simplified Chinese writes "overview", and the memory a
    sentence close to one of the article's."""
    concept("overview", en="overview", zh_hans="概述")
    index_units(
        [
            MemoryUnit.objects.create(
                source_locale=locales["en"],
                target_locale=locales["zh-hans"],
                source_text=MEMORY_SOURCE,
                target_text=MEMORY_TARGET,
                source_key=memory_key(MEMORY_SOURCE),
                target_key=memory_key(MEMORY_TARGET),
            )
        ]
    )


def test_article_is_written_reviewed_translated_and_delivered_with_its_anchors(
    team, indexes, termbase, log_in, screenshots
):
    # (`team` and `indexes` first: the set-up is done before the browser starts.)
    en_index = f"/admin/pages/{indexes['en'].id}/"
    zh_index = f"/admin/pages/{indexes['zh-hans'].id}/"

    editor = log_in(team["editor"], then=en_index)
    editor_writes_article_and_submits_it_for_review(editor, screenshots, team["image"])
    reviewer = log_in(team["reviewer"])
    reviewer_approves_and_the_article_is_live(reviewer, screenshots)

    editor_submits_article_for_translation(editor, screenshots)
    translator = log_in(team["zh-hans"], then=zh_index)
    translator_translates_and_sends_to_review(translator, screenshots)
    reviewer_checks_source_beside_translation(reviewer, screenshots)
    approve_from_dashboard(
        reviewer, MACHINE_TITLE, acknowledge="I have checked this translation"
    )
    screenshots.take(reviewer, "reviewer-approved-translation")

    api_serves_translation_with_the_source_anchors(reviewer, screenshots)
    translator_is_refused_the_korean_version(translator, screenshots)


def editor_writes_article_and_submits_it_for_review(
    page: Page, screenshots, image_title: str
) -> None:
    """From the English article index: three sections, a paragraph, a numbered list
    with nested points, and a figure whose image comes from the library."""
    page.get_by_role("link", name="Add child page").click()
    expect(page.get_by_role("heading", name="New: Article")).to_be_visible()

    page.locator("#id_title").fill(TITLE)
    page.locator("#id_summary").fill("What knee cartilage repair involves.")

    append_block(page, "body")
    page.locator("#body-0-value-heading").fill("Overview")
    append_block(page, "body-0-value-content", "Paragraph")
    type_rich_text(
        page, "body-0-value-content-0-value", "Cartilage does not heal on its own."
    )

    append_block(page, "body")
    page.locator("#body-1-value-heading").fill("Treatment steps")
    append_block(page, "body-1-value-content", "Numbered list")
    steps = "body-1-value-content-0-value-items"
    type_rich_text(page, f"{steps}-0-value-text", "Rest the knee")
    append_list_item(page, f"{steps}-0-value-sub_items")
    type_rich_text(page, f"{steps}-0-value-sub_items-0-value", "Ice it for an hour")
    append_list_item(page, f"{steps}-0-value-sub_items")
    type_rich_text(page, f"{steps}-0-value-sub_items-1-value", "Keep the leg raised")
    append_list_item(page, steps)
    type_rich_text(page, f"{steps}-1-value-text", "See your surgeon within 2 weeks")

    append_block(page, "body")
    page.locator("#body-2-value-heading").fill("What the scan shows")
    append_block(page, "body-2-value-content", "Figure")
    figure = "body-2-value-content-0-value"
    choose_image(page, f"{figure}-image", image_title)
    page.locator(f"#{figure}-alt_text").fill("A drawing of the knee joint")
    page.locator(f"#{figure}-caption").fill("Cartilage covers the ends of the bones")
    screenshots.take(page, "editor-writes-article", whole=True)

    with next_page_loaded(page):
        footer_action(page, "Submit to Medical review")
    expect_message(page, f"Page '{TITLE}' created and submitted for moderation.")
    expect(listing_row(page, TITLE)).to_contain_text("In moderation", ignore_case=True)
    screenshots.take(page, "editor-submitted-article")


def reviewer_approves_and_the_article_is_live(page: Page, screenshots) -> None:
    approve_from_dashboard(page, TITLE)
    screenshots.take(page, "reviewer-approved-article")

    page.goto(f"/en/{SLUG}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    screenshots.take(page, "article-is-live")


def editor_submits_article_for_translation(page: Page, screenshots) -> None:
    """Into Korean and Simplified Chinese: drafts, not live, for their translators."""
    page.reload()
    expect(listing_row(page, TITLE)).to_contain_text("Live", ignore_case=True)
    row_menu_item(page, TITLE, "Translate this page").click()
    page.get_by_label("Korean").check()
    page.get_by_label("Simplified Chinese").check()
    screenshots.take(page, "editor-submits-for-translation")
    with next_page_loaded(page):
        page.get_by_role("button", name="Submit").click()
    expect_message(page, "successfully submitted for translation")


def translator_translates_and_sends_to_review(page: Page, screenshots) -> None:
    """From the Chinese article index: the draft translation, pre-filled by machine
    translation, two segments corrected by hand, one of them with a wrong number the
    quality gate stops; fixed, then sent to medical review from the editor's
    primary action."""
    index_url = page.url
    expect(listing_row(page, TITLE)).to_contain_text("Draft", ignore_case=True)
    listing_row(page, TITLE).get_by_role("link", name=TITLE).click()
    editor_url = page.url

    with next_page_loaded(page):
        page.get_by_role("button", name="Translate with Dummy translator").click()
    expect_message(page, re.compile(r"Translated \d+ segments with Dummy translator"))
    translate_segment_by_hand(page, "Overview", "概述")
    translate_segment_by_hand(page, "See your surgeon within 2 weeks", "3周内就诊")
    # The segment shows the termbase's term and its approved translation.
    expect(
        translation_segment(page, "Overview").locator(".translation-terms")
    ).to_contain_text("overview → 概述")
    # A fuzzy match from the translation memory, its difference marked.
    memory = translation_segment(page, "Cartilage does not heal on its own.").locator(
        ".translation-memory-match"
    )
    expect(memory).to_contain_text(MEMORY_TARGET)
    expect(memory.locator("del")).to_contain_text("Knee")
    screenshots.take(page, "translator-machine-translated-and-edited")

    send_from_the_editor(page)
    errors = page.locator("table.quality-findings").first
    expect(errors).to_contain_text("The number 2 in the source is missing")
    expect(errors).to_contain_text("See your surgeon within 2 weeks")
    expect(errors).to_contain_text("3周内就诊")
    screenshots.take(page, "translator-meets-a-number-error")
    with next_page_loaded(page):
        page.get_by_role("link", name="Cancel").click()

    page.goto(editor_url)
    flagged = translation_segment(page, "See your surgeon within 2 weeks")
    expect(flagged).to_contain_text("The number 2 in the source is missing")
    page.get_by_role("button", name="Next flagged segment").click()
    screenshots.take(page, "translator-sees-the-finding-in-the-editor")
    translate_segment_by_hand(page, "See your surgeon within 2 weeks", "2周内就诊")
    # The editor checks the segment again once it is saved: the finding goes.
    expect(flagged).not_to_contain_text("The number 2 in the source is missing")
    send_from_the_editor(page)
    confirm = page.get_by_role("button", name="Yes, send to review")
    expect(confirm).to_be_visible()
    screenshots.take(page, "translator-sends-to-review")
    with next_page_loaded(page):
        confirm.click()
    expect_message(page, f"'{MACHINE_TITLE}' was sent to medical review.")
    page.goto(index_url)
    expect(listing_row(page, MACHINE_TITLE)).to_contain_text(
        "In moderation", ignore_case=True
    )


def send_from_the_editor(page: Page) -> None:
    """The translator's primary action above the translation editor; Delete is not
    a primary button there, and neither "Convert to alias page" (which would put the
    English text live without review) nor "Stop synced translation" (which would take
    the page out of the checks against its source) is offered at all."""
    tools = page.locator(".translation-review-tools")
    send = tools.get_by_role("link", name="Send to medical review")
    expect(send).to_have_class(re.compile(r"^button$"))
    expect(page.locator("footer a.translation-demoted")).not_to_have_count(0)
    expect(page.locator('footer a[href*="convert_to_alias"]')).to_be_hidden()
    expect(
        page.locator('footer button[data-w-action-url-value*="/disable/"]')
    ).to_be_hidden()
    with next_page_loaded(page):
        send.click()


def reviewer_checks_source_beside_translation(page: Page, screenshots) -> None:
    """From the page under review, the translation check: each segment's source
    beside its translation, the machine output marked."""
    page.goto("/admin/")
    awaiting = page.locator("#awaiting-review-content tr", has_text=MACHINE_TITLE)
    with next_page_loaded(page):
        awaiting.get_by_role("link", name=MACHINE_TITLE).first.click()
    page.goto(
        page.locator(".translation-review-tools")
        .get_by_role("link", name="Translation check")
        .get_attribute("href")
    )
    row = page.locator("table.translation-check tr", has_text="2周内就诊")
    expect(row).to_contain_text("See your surgeon within 2 weeks")
    expect(
        page.locator(
            "table.translation-check tr", has_text="Machine (Dummy translator)"
        )
    ).not_to_have_count(0)
    screenshots.take(page, "reviewer-sees-source-beside-translation", whole=True)


def api_serves_translation_with_the_source_anchors(page: Page, screenshots) -> None:
    source = page.goto(f"/api/v1/articles/{SLUG}/?locale=en").json()
    response = page.goto(f"/api/v1/articles/{SLUG}/?locale=zh-hans")
    translation = response.json()
    # Indented, for the screenshot; the assertions read the response itself.
    page.locator("pre").evaluate(
        "pre => pre.textContent = JSON.stringify(JSON.parse(pre.textContent), null, 2)"
    )
    screenshots.take(page, "api-serves-translation", whole=True)

    assert response.status == 200
    assert (translation["locale"], translation["is_fallback"]) == ("zh-hans", False)
    assert translation["title"] == MACHINE_TITLE
    assert [s["anchor"] for s in source["body"]] == ANCHORS
    assert [s["anchor"] for s in translation["body"]] == ANCHORS
    assert [s["id"] for s in translation["body"]] == [s["id"] for s in source["body"]]
    overview, steps, scan = translation["body"]
    assert overview["heading"] == "概述"  # by hand
    assert (
        overview["content"][0]["html"] == "<p>own. its on heal not does Cartilage</p>"
    )
    assert steps["heading"] == "steps Treatment"
    assert steps["content"][0]["items"] == [
        {
            "text": "<p>knee the Rest</p>",
            "sub_items": ["<p>hour an for it Ice</p>", "<p>raised leg the Keep</p>"],
        },
        {"text": "<p>2周内就诊</p>", "sub_items": []},
    ]
    figure = scan["content"][0]
    assert figure["type"] == "image"
    assert figure["alt"] == "joint knee the of drawing A"
    assert figure["image"]["id"] == source["body"][2]["content"][0]["image"]["id"]


def translator_is_refused_the_korean_version(page: Page, screenshots) -> None:
    """From the translator's own (now live) translation, the language switcher links
    to the Korean draft; opening it is refused, and Korean readers still get the
    English article."""
    page.reload()
    listing_row(page, MACHINE_TITLE).get_by_role("link", name=MACHINE_TITLE).click()
    page.get_by_role("button", name="Translations").click()
    with next_page_loaded(page):
        page.get_by_role("link", name="Korean").click()

    expect_message(page, "Sorry, you do not have permission to access this area.")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    screenshots.take(page, "translator-refused-korean-version")
    korean = page.goto(f"/api/v1/articles/{SLUG}/?locale=ko").json()
    assert (korean["locale"], korean["is_fallback"]) == ("en", True)
