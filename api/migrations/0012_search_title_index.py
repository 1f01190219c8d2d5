"""On SQLite, an index of the titles' trigrams beside the text's (`api.search_index`):
a common word's title matches are looked up in it rather than by testing every title
of the language. Created and filled once; the text's index is left as it is."""

from django.db import migrations


def create(apps, schema_editor):
    from api.search_index import ensure_search_index

    if schema_editor.connection.vendor == "sqlite":
        ensure_search_index(schema_editor.connection)


def drop(apps, schema_editor):
    from api.search_index import drop_sqlite_title_index

    drop_sqlite_title_index(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("articles_api", "0011_search_two_character_words")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
