"""Property: whatever an editor does to a translated source (change, add, remove and
reorder sections and list items), publishing it never loses the translation of a
segment whose text did not change; a segment changed in place keeps its previous
translation, flagged; and the translated page can still be built."""

import uuid
from collections import defaultdict

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from articles.models import ArticlePage, StaleSegmentTranslation, TranslationDrift
from articles.translation import patches
from tests.factories import (
    ArticlePageFactory,
    block,
    items,
    paragraph,
    publish,
    section,
)
from tests.translation.helpers import (
    body_data,
    publish_body,
    submit_like_the_admin,
    translate_everything,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def sync_installed():
    patches.install_bulk_segment_refresh()


def base_body() -> list[dict]:
    return [
        section(
            f"Heading {n}",
            paragraph(f"<p>First point {n}.</p><p>Second point {n}.</p>"),
            block(
                "bullet_list", {"items": items(*[f"Item {n}.{i}" for i in range(3)])}
            ),
            anchor=f"section-{n}",
        )
        for n in range(3)
    ]


EDITS = [
    "change_heading",
    "copy_heading",
    "change_paragraph",
    "change_item",
    "add_item",
    "remove_item",
    "reorder_items",
    "add_section",
    "remove_section",
    "reorder_sections",
]

edits = st.lists(
    st.tuples(st.sampled_from(EDITS), st.integers(0, 99), st.integers(0, 99)),
    min_size=1,
    max_size=6,
)


def apply_edits(body: list[dict], plan) -> None:
    """Apply `plan` to `body` (stored StreamField data) in place. Indices wrap around,
    so every plan applies to every body."""
    for step, (edit, a, b) in enumerate(plan):
        target = body[a % len(body)]["value"]
        bullet_items = target["content"][1]["value"]["items"]
        if edit == "change_heading":
            target["heading"] = f"Edited heading {step}"
        elif edit == "copy_heading":  # a text that is translated elsewhere
            target["heading"] = body[b % len(body)]["value"]["heading"]
        elif edit == "change_paragraph":
            paragraphs = [f"Second point {a}.", f"Edited point {step}."]
            target["content"][0]["value"] = "".join(
                f"<p>{text}</p>" for text in paragraphs[b % 2 :] + paragraphs[: b % 2]
            )
        elif edit == "change_item":
            bullet_items[b % len(bullet_items)]["value"] = f"Edited item {step}"
        elif edit == "add_item":
            bullet_items.insert(
                b % (len(bullet_items) + 1),
                {"type": "item", "value": f"New item {step}", "id": str(uuid.uuid4())},
            )
        elif edit == "remove_item" and len(bullet_items) > 1:
            bullet_items.pop(b % len(bullet_items))
        elif edit == "reorder_items":
            bullet_items.append(bullet_items.pop(b % len(bullet_items)))
        elif edit == "add_section":
            body.insert(
                a % (len(body) + 1),
                section(
                    f"New section {step}",
                    paragraph(f"<p>New text {step}.</p>"),
                    block("bullet_list", {"items": items(f"New item {step}")}),
                ),
            )
        elif edit == "remove_section" and len(body) > 1:
            body.pop(a % len(body))
        elif edit == "reorder_sections":
            body.append(body.pop(a % len(body)))


def segments_by_position(source) -> dict[str, list[str]]:
    """Content path -> the source texts there, in order."""
    found = defaultdict(list)
    for segment in (
        StringSegment.objects.filter(source=source)
        .select_related("context", "string")
        .order_by("order")
    ):
        found[segment.context.path].append(segment.string.data)
    return found


@pytest.fixture
def translated_base(index_page, locales):
    """Made once for all examples; each example edits it inside a savepoint that is
    rolled back."""
    page = publish(ArticlePageFactory(parent=index_page, body=base_body()))
    translation = submit_like_the_admin(page, locales["ko"])
    translate_everything(translation)
    return page.pk, translation.pk


@settings(
    derandomize=True,
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(plan=edits)
def test_no_translation_of_an_unchanged_segment_is_ever_lost(
    translated_base, locales, plan
):
    page_pk, translation_pk = translated_base
    with transaction.atomic():
        page = ArticlePage.objects.get(pk=page_pk)
        translation = Translation.objects.select_related("source").get(
            pk=translation_pk
        )
        before = segments_by_position(translation.source)

        body = body_data(page)
        apply_edits(body, plan)
        publish_body(page, body)

        source = TranslationSource.objects.get(pk=translation.source_id)
        after = segments_by_position(source)
        translations = {
            (st.context.path, st.translation_of.data): st
            for st in StringTranslation.objects.filter(
                locale=locales["ko"], context__object_id=page.translation_key
            ).select_related("context", "translation_of", "staleness")
        }
        flagged = 0
        for path, texts in after.items():
            old_texts = before.get(path, [])
            for text in texts:
                kept = translations.get((path, text))
                if text in old_texts:
                    # Unchanged: its own translation, untouched and unflagged.
                    assert kept.data == f"KO {text}"
                    assert not hasattr(kept, "staleness")
                elif len(old_texts) == len(texts) == 1:
                    # Changed in place: the previous translation, kept and flagged.
                    assert kept.data == f"KO {old_texts[0]}"
                    assert kept.staleness.previous_source_text == old_texts[0]
                    flagged += 1
                elif kept is not None:
                    # One of several strings at a position: if kept, kept from there.
                    assert kept.staleness.previous_source_text in old_texts
                    assert kept.data == f"KO {kept.staleness.previous_source_text}"
                    flagged += 1
        assert StaleSegmentTranslation.objects.count() == flagged

        drift = TranslationDrift.objects.filter(translation=translation).first()
        if after != before:
            assert drift is not None
            assert drift.changed_segments >= flagged

        translated_page, _created = source.create_or_update_translation(
            locales["ko"], publish=False, fallback=True
        )
        headings = [child.value["heading"] for child in translated_page.body]
        source_headings = [child["value"]["heading"] for child in body]
        assert len(headings) == len(source_headings)
        for heading, source_heading in zip(headings, source_headings, strict=True):
            assert heading.startswith("KO ") or heading == source_heading
        transaction.set_rollback(True)
