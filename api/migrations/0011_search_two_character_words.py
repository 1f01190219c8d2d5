"""On SQLite, the search index learns two-character words (most Chinese and Japanese
words): each document's tail is indexed beside its text, and a vocabulary table lists
the index's trigrams (`api.search_index`). The triggers are replaced and the index
filled again, once."""

from django.db import migrations


def create(apps, schema_editor):
    from api.search_index import ensure_search_index

    if schema_editor.connection.vendor == "sqlite":
        ensure_search_index(schema_editor.connection)


class Migration(migrations.Migration):
    # The triggers of before still keep the documents' text indexed; the tails
    # left in the index are ignored by the code of before (no page has their ids).
    dependencies = [("articles_api", "0010_search_candidates")]

    operations = [
        migrations.RunPython(create, migrations.RunPython.noop, elidable=False)
    ]
