"""On SQLite, the search index of trigrams (`api.search_index`: FTS5, kept in step by
triggers), filled from the stored search text. PostgreSQL has had its own since 0004."""

from django.db import migrations


def create(apps, schema_editor):
    from api.search_index import ensure_search_index

    if schema_editor.connection.vendor == "sqlite":
        ensure_search_index(schema_editor.connection)


def drop(apps, schema_editor):
    from api.search_index import drop_sqlite_search_index

    drop_sqlite_search_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("articles_api", "0008_review_state")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
