"""On PostgreSQL, an index of the two- and three-character pieces of each text's runs
of Chinese, Japanese and Korean characters, and the function through which search
asks it (`api.search_index`): such words are found without reading any text. Built
from the stored text when the migration runs (a few milliseconds a Chinese article)."""

from django.db import migrations


def create(apps, schema_editor):
    from api.search_index import ensure_search_index

    if schema_editor.connection.vendor == "postgresql":
        ensure_search_index(schema_editor.connection)


def drop(apps, schema_editor):
    from api.search_index import drop_postgres_grams

    drop_postgres_grams(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("articles_api", "0012_search_title_index")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
