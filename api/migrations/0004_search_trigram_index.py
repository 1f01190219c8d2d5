"""On PostgreSQL, a trigram index (pg_trgm) on the search text, so that a search for a
rare word reads the few articles that hold it instead of every article of the locale.
(SQLite's came with 0009: `api.search_index`.)

pg_trgm is a trusted extension (PostgreSQL 13 and later): the database's owner may
create it. Where it cannot be created, the migration says so and goes on; search
works without the index, only slower for rare words."""

import logging

from django.db import DatabaseError, migrations, transaction

logger = logging.getLogger(__name__)

INDEX = "articles_api_document_search_trgm"


def create_trigram_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {INDEX} ON articles_api_articledocument "
                "USING gin (search_text gin_trgm_ops)"
            )
    except DatabaseError as error:
        logger.warning(
            "No trigram index for search (pg_trgm unavailable: %s). Search works, "
            "more slowly for rare words.",
            error,
        )


def drop_trigram_index(apps, schema_editor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("articles_api", "0003_listing_indexes")]

    operations = [migrations.RunPython(create_trigram_index, drop_trigram_index)]
