"""Store existing articles' rich text the way the admin's editor writes it back
(`articles.richtext.editor_rich_text` / `editor_stream_data`), so that opening an
article and leaving it no longer records a change (issue 17).

No revision is created and no publishing state changes: the rows of article pages and
index pages (what readers are served) and, for each, the content of its latest
revision and its live revision (what the editor and the publisher load) are rewritten
in place. Older revisions are history and keep their markup. Applying it again changes
nothing; it has no reverse (the old markup was never meaningful), so it is a no-op
backwards.
"""

import json

from django.db import migrations


def normalised_stream(stream_block, value):
    from articles.richtext import editor_stream_data

    raw = json.loads(value) if isinstance(value, str) else value
    return editor_stream_data(stream_block, raw or [])


def normalised_fields(model, content: dict) -> dict:
    """The rich-text and StreamField fields of `content` (a revision's content or a
    row's values), as the editor stores them; only those that change."""
    from wagtail.fields import RichTextField, StreamField

    from articles.richtext import editor_rich_text

    changes = {}
    for field in model._meta.get_fields():
        if field.name not in content:
            continue
        value = content[field.name]
        if isinstance(field, StreamField) and value is not None:
            new = normalised_stream(field.stream_block, value)
            old = json.loads(value) if isinstance(value, str) else value
            if new != old:
                changes[field.name] = json.dumps(new) if isinstance(value, str) else new
        elif isinstance(field, RichTextField) and isinstance(value, str):
            new = editor_rich_text(value, features=field.features)
            if new != value:
                changes[field.name] = new
    return changes


def store_as_the_editor_does(apps, schema_editor):
    # The current models: today's blocks and features decide what the editor writes
    # back. Rows are read as raw JSON text, so no block parses them on the way.
    from django.db.models import TextField
    from django.db.models.functions import Cast
    from wagtail.fields import RichTextField, StreamField

    from articles.models import ArticleIndexPage, ArticlePage

    Revision = apps.get_model("wagtailcore", "Revision")
    for model in (ArticlePage, ArticleIndexPage):
        historical = apps.get_model("articles", model.__name__)
        names = [
            field.name
            for field in model._meta.get_fields()
            if isinstance(field, StreamField | RichTextField)
        ]
        rows = historical.objects.annotate(
            **{f"raw_{name}": Cast(name, TextField()) for name in names}
        ).values("pk", *[f"raw_{name}" for name in names])
        for row in rows.iterator():
            stored = {name: row[f"raw_{name}"] for name in names}
            changes = normalised_fields(model, stored)
            if changes:
                historical.objects.filter(pk=row["pk"]).update(
                    **{
                        name: json.loads(value)
                        if isinstance(model._meta.get_field(name), StreamField)
                        else value
                        for name, value in changes.items()
                    }
                )
        revision_ids = {
            pk
            for pair in historical.objects.values_list(
                "latest_revision_id", "live_revision_id"
            )
            for pk in pair
            if pk
        }
        for revision in Revision.objects.filter(pk__in=revision_ids).iterator():
            changes = normalised_fields(model, revision.content)
            if changes:
                revision.content = {**revision.content, **changes}
                # created_at stays: the editor's conflict check compares it.
                revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0011_review_reminders"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(store_as_the_editor_does, migrations.RunPython.noop),
    ]
