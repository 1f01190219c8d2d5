"""The article in the OpenAPI examples is the demo's stem-cell article, block for
block, so the documentation cannot drift from what the serializers send."""

from io import StringIO

import pytest
from django.core.management import call_command

from api import schema_examples as examples
from api.schema_example_article import BODY, TOC, table_of_contents
from articles.blocks import SectionContentBlock
from tests.conftest import shared_data

pytestmark = pytest.mark.django_db

# Values that are data, not prose: kept exactly as the demo has them.
EXACT = {
    "type",
    "id",
    "anchor",
    "level",
    "kind",
    "phase",
    "phase_label",
    "participants",
    "start",
    "url",
    "provider",
    "embed_url",
    "link_type",
    "href",
    "first_column_is_header",
    "value",
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with shared_data(django_db_blocker):
        call_command("load_demo", "--no-admin", stdout=StringIO())
        yield


@pytest.fixture
def real(api, demo) -> dict:
    return api.get(f"/api/v1/articles/{examples.SLUG}/", {"locale": "ko"}).json()


def blocks(body: list[dict]) -> dict[str, dict]:
    return {block["id"]: block for section in body for block in section["content"]}


def test_the_example_shows_every_block_type():
    types = {block["type"] for block in blocks(BODY).values()}
    assert types == set(SectionContentBlock().child_blocks)


def test_every_example_section_is_the_demos_in_the_same_order(real):
    sections = {section["id"]: section for section in real["body"]}
    order = [section["id"] for section in real["body"]]
    assert [order.index(s["id"]) for s in BODY] == sorted(
        order.index(s["id"]) for s in BODY
    )
    for section in BODY:
        demo_section = sections[section["id"]]
        assert set(section) == set(demo_section)
        assert {key: section[key] for key in ("anchor", "heading", "level")} == {
            key: demo_section[key] for key in ("anchor", "heading", "level")
        }
        demo_ids = [block["id"] for block in demo_section["content"]]
        ids = [block["id"] for block in section["content"]]
        assert ids == [i for i in demo_ids if i in ids]


def test_every_example_block_has_the_demo_blocks_keys_and_data(real):
    demo_blocks = blocks(real["body"])
    for block_id, block in blocks(BODY).items():
        demo_block = demo_blocks[block_id]
        assert set(block) == set(demo_block), block["type"]
        exact = {key: block[key] for key in EXACT & set(block)}
        assert exact == {key: demo_block[key] for key in exact}, block["type"]


def test_trimmed_lists_keep_the_demos_first_items(real):
    demo_blocks = blocks(real["body"])
    for block_id, block in blocks(BODY).items():
        for key in ("items", "rows"):
            if key in block and block["type"] != "faq":
                demo_items = demo_blocks[block_id][key]
                assert len(block[key]) <= len(demo_items)
                if block["type"] == "table":
                    assert block[key][0] == demo_items[0]


def test_the_example_toc_is_the_demos_for_the_sections_kept(real):
    kept = {section["anchor"] for section in BODY}

    def only_kept(entries: list[dict]) -> list[dict]:
        return [
            {**entry, "children": only_kept(entry["children"])}
            for entry in entries
            if entry["anchor"] in kept
        ]

    assert TOC == only_kept(real["toc"])
    assert table_of_contents(real["body"]) == real["toc"]


def test_the_example_json_ld_has_the_demos_keys(real):
    assert set(examples.ARTICLE_DETAIL["json_ld"]) == set(real["json_ld"])
    assert examples.ARTICLE_DETAIL["json_ld"]["@type"] == real["json_ld"]["@type"]
