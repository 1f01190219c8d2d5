"""The data the Wagtail admin's edit form posts back for a page nobody touched.

The edit view renders every field from the page (StreamFields from each block's
`get_form_state`, which the admin's JavaScript turns into inputs); an autosave or a
"Save draft" posts those inputs back. Rebuilding that data here lets tests submit an
unmodified form without a browser.
"""

import json

from django.http import QueryDict
from django.urls import reverse
from wagtail import blocks
from wagtail.blocks.base import BlockField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.test.utils.form_data import querydict_from_html


def field_input_value(block: blocks.FieldBlock, value) -> str | None:
    """What the input of one field block holds: the widget's value as the admin's
    JavaScript renders it from the block's form state (None: no input is sent)."""
    state = block.get_form_state(value)
    if isinstance(block, blocks.BooleanBlock):
        return "on" if state else None
    if isinstance(block, blocks.ChooserBlock):
        return str(state["id"]) if state else ""
    if isinstance(block, blocks.ChoiceBlock):
        # A select's state is the list of its selected values.
        return state[0] if state else ""
    if isinstance(state, dict | list):
        return json.dumps(state)
    return "" if state is None else str(state)


def block_form_data(block: blocks.Block, value, prefix: str) -> dict[str, str]:
    """The POST data of `value` of `block`, under `prefix`."""
    data: dict[str, str] = {}
    if isinstance(block, blocks.StreamBlock):
        children = list(value or [])
        data[f"{prefix}-count"] = str(len(children))
        for i, child in enumerate(children):
            data |= {
                f"{prefix}-{i}-type": child.block_type,
                f"{prefix}-{i}-id": child.id or "",
                f"{prefix}-{i}-deleted": "",
                f"{prefix}-{i}-order": str(i),
            }
            data |= block_form_data(child.block, child.value, f"{prefix}-{i}-value")
    elif isinstance(block, blocks.ListBlock):
        children = list(value.bound_blocks) if value is not None else []
        data[f"{prefix}-count"] = str(len(children))
        for i, child in enumerate(children):
            data |= {
                f"{prefix}-{i}-id": child.id or "",
                f"{prefix}-{i}-deleted": "",
                f"{prefix}-{i}-order": str(i),
            }
            data |= block_form_data(
                block.child_block, child.value, f"{prefix}-{i}-value"
            )
    elif isinstance(block, blocks.StructBlock):
        for name, child_block in block.child_blocks.items():
            data |= block_form_data(child_block, value.get(name), f"{prefix}-{name}")
    else:
        input_value = field_input_value(block, value)
        if input_value is not None:
            data[prefix] = input_value
    return data


def edit_url(page: Page) -> str:
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def unmodified_edit_form_data(client, page: Page) -> QueryDict:
    """What the edit view of `page` posts when the editor changes nothing: the
    rendered form's inputs, plus the StreamFields' inputs the JavaScript builds from
    the block states the view rendered (those of the latest revision)."""
    response = client.get(edit_url(page))
    assert response.status_code == 200, response.status_code  # noqa: S101
    data = querydict_from_html(response.content.decode(), form_id="page-edit-form")
    shown = response.context["page"]
    for field in type(shown)._meta.get_fields():
        if isinstance(field, StreamField):
            stream = getattr(shown, field.name)
            data.update(block_form_data(field.stream_block, stream, field.name))
    return data


# The admin's own record of which revision the form was loaded from.
REVISION_BOOKKEEPING = ("loaded_revision_id", "loaded_revision_created_at")


def form_content(data: QueryDict) -> dict[str, list[str]]:
    """The posted data without the admin's revision bookkeeping: what the form says
    about the page."""
    return {
        name: [without_blank_editor_keys(value) for value in data.getlist(name)]
        for name in data
        if name not in REVISION_BOOKKEEPING
    }


def without_blank_editor_keys(value: str) -> str:
    """Wagtail shows an empty rich text as one empty paragraph with a fresh random
    key at every load (only the page load's own snapshot matters to autosave): a
    blank editor value is compared without its keys."""
    try:
        state = json.loads(value)
    except (TypeError, ValueError):
        return value
    if not isinstance(state, dict) or not isinstance(state.get("blocks"), list):
        return value
    if any(block.get("text") for block in state["blocks"]):
        return value
    return json.dumps({**state, "blocks": [{**b, "key": ""} for b in state["blocks"]]})


def bound_edit_form(page: Page, data: QueryDict, user):
    """The edit view's form for `page` bound to `data`, built the way the view builds
    it (`has_changed()` on it is the view's `has_content_changes`)."""
    latest = page.get_latest_revision_as_object()
    form_class = type(latest).get_edit_handler().get_form_class()
    return form_class(
        data,
        {},
        instance=latest,
        parent_page=latest.get_parent().specific,
        for_user=user,
    )


def content_changes(form) -> list[str]:
    """The fields whose saved value would differ from what the form loaded: the
    question `form.changed_data` answers, except that a StreamField is compared as
    saved (cleaned), not as posted. Wagtail's `BlockField.has_changed` compares the
    raw posted value, in which an IntegerBlock's 114 is the string "114", so any
    body with a number in it counts as changed even when nothing was touched."""
    assert form.is_valid(), form.errors.as_json()  # noqa: S101
    changes = []
    for name in form.changed_data:
        field = form.fields[name]
        initial = form.get_initial_for_field(field, name)
        if isinstance(field, BlockField):
            saved = field.block.get_prep_value(form.cleaned_data[name])
            if field.block.get_prep_value(initial) == saved:
                continue
        elif form.cleaned_data.get(name) == initial:
            continue  # a blank rich text posted as an empty paragraph (`forms`)
        changes.append(name)
    return changes


def stored_content(page: Page) -> dict:
    """What an editor wrote, as the latest revision holds it (StreamFields parsed, so
    key order in the JSON does not count)."""
    content = page.get_latest_revision().content
    return {
        name: json.loads(value) if name in ("body", "references") else value
        for name, value in content.items()
        if name in CONTENT_FIELDS
    } | {
        "article_topics": [
            (topic["topic"], topic["sort_order"])
            for topic in content.get("article_topics", [])
        ]
    }


# The fields of an article an editor writes in the edit form.
CONTENT_FIELDS = (
    "title",
    "slug",
    "summary",
    "hero_image",
    "body",
    "author",
    "medical_reviewer",
    "last_reviewed",
    "next_review_due",
    "references",
    "disclaimer",
    "seo_title",
    "search_description",
)
