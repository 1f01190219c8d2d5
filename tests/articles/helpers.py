"""Helpers shared by the article tests: Wagtail admin form data for an article, the
way its create and edit views receive it. Plain functions; fixtures live in
conftest.py."""

from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)


def listblock(values: list) -> dict:
    data = {
        str(i): {"value": value, "deleted": "", "order": str(i), "id": ""}
        for i, value in enumerate(values)
    }
    data["count"] = str(len(values))
    return data


def article_form(
    *, sections, title="Stem-cell therapy after spinal injury", topic=None
):
    return nested_form_data(
        {
            "title": title,
            "slug": "stem-cell-therapy",
            "summary": "What stem-cell therapy can and cannot do yet.",
            "body": streamfield(sections),
            "article_topics": inline_formset([{"topic": topic.pk}] if topic else []),
            "references": streamfield([]),
            "disclaimer": rich_text(""),
            "last_reviewed": "2026-09-01",
            "next_review_due": "2027-09-01",
        }
    )


def section_form(heading, *, anchor="", level="2", content=()):
    return (
        "section",
        {
            "heading": heading,
            "level": level,
            "anchor": anchor,
            "content": streamfield(content),
        },
    )
