"""On PostgreSQL, a trigram index (pg_trgm) on the search text, so that a search for a
rare word reads the few articles that hold it instead of every article of the locale.
(SQLite's came with 0009: `api.search_index`.)

pg_trgm is a trusted extension (PostgreSQL 13 and later): the database's owner may
create it. Where it cannot be created, the migration says so and goes on; search
works without the index, only slower for rare words."""

from django.db import migrations

INDEX = "articles_api_document_search_trgm"


def create_trigram_index(apps, schema_editor) -> None:
    # What `build_article_documents` also does when the index is missing: one place
    # creates it (and warns, not fails, where pg_trgm cannot be created).
    from api.search_index import ensure_search_index

    if schema_editor.connection.vendor == "postgresql":
        ensure_search_index(schema_editor.connection)


def drop_trigram_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("articles_api", "0003_listing_indexes")]

    operations = [migrations.RunPython(create_trigram_index, drop_trigram_index)]
