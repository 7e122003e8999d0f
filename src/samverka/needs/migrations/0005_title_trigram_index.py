"""A trigram index over the upper-cased title, on PostgreSQL only, for the need list's text filter.

`title__icontains` is `UPPER(title) LIKE UPPER('%…%')`, which no b-tree serves: without this index
every filtered list read the whole table. pg_trgm is a trusted extension (PostgreSQL 13+), so the
database owner may create it. SQLite scans, as before.
"""

from django.db import migrations

INDEX = "needs_need_title_upper_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON needs_need USING gin ((UPPER(title::text)) gin_trgm_ops)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("needs", "0004_list_indexes")]

    operations = [migrations.RunPython(create_index, drop_index)]
