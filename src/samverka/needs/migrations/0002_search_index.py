"""A full-text index over the stemmed tokens, on PostgreSQL only (SQLite compares in Python)."""

from django.db import migrations

INDEX = "needs_need_search_tokens_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON needs_need "
            "USING gin (to_tsvector('simple'::regconfig, COALESCE(search_tokens, '')))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("needs", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index)]
