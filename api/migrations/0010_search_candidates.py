"""On PostgreSQL, the function through which search asks the trigram index which
articles hold its words (`api.search_index.articles_that_may_hold`)."""

from django.db import migrations


def create(apps, schema_editor):
    from api.search_index import ensure_search_index

    if schema_editor.connection.vendor == "postgresql":
        ensure_search_index(schema_editor.connection)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "DROP FUNCTION IF EXISTS articles_api_search_candidates("
            "text[], integer, text[], integer)"
        )


class Migration(migrations.Migration):
    dependencies = [("articles_api", "0009_search_trigram_index")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
