"""The protected text gets a tsvector of its own instead of a second copy of the public one.

`full_vector` repeated the title and public text of every row, so each insert stemmed them twice
and a staff search read both vectors of every row it tested. `protected_vector` holds only the
protected text (empty for most rows). A staff match on protected text tests
`public_vector || protected_vector` (the old `full_vector`, same positions and weights), through a
GIN index on that expression over the rows that have protected text only. SQLite's FTS5 table
already keeps the columns apart: nothing changes there."""

from django.db import migrations

POSTGRES = [
    "DROP INDEX IF EXISTS registry_search_full_gin",
    "ALTER TABLE registry_searchentry DROP COLUMN full_vector",
    """ALTER TABLE registry_searchentry ADD COLUMN protected_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('swedish', coalesce(protected_text, '')), 'B')) STORED""",
    """CREATE INDEX registry_search_protected_gin ON registry_searchentry
        USING gin ((public_vector || protected_vector)) WHERE protected_text <> ''""",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS registry_search_protected_gin",
    "ALTER TABLE registry_searchentry DROP COLUMN protected_vector",
    """ALTER TABLE registry_searchentry ADD COLUMN full_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('swedish', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('swedish', coalesce(public_text, '')), 'B') ||
        setweight(to_tsvector('swedish', coalesce(protected_text, '')), 'B')) STORED""",
    "CREATE INDEX registry_search_full_gin ON registry_searchentry USING gin (full_vector)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("registry", "0003_document_newest_first")]

    operations = [migrations.RunPython(_run(POSTGRES), _run(POSTGRES_REVERSE))]
