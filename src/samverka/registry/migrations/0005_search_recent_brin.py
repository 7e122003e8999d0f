"""A BRIN index on `id + 0` of the search entries, so a search may fetch only the matches among
the newest entries: the GIN bitmap of a word ANDed with the block ranges of an id window. Entries
are written in id order, so a window of ids is a run of blocks. The expression (not `id`) keeps the
primary key out of it: the planner cannot turn a window into a walk of the key. Built concurrently:
the registry keeps writing while it builds."""

from django.db import migrations

POSTGRES = [
    """CREATE INDEX CONCURRENTLY IF NOT EXISTS registry_search_recent_brin ON registry_searchentry
        USING brin ((id + 0)) WITH (pages_per_range = 32, autosummarize = on)""",
    # The expression's statistics tell the planner how many entries a window holds.
    "ANALYZE registry_searchentry",
]
POSTGRES_REVERSE = ["DROP INDEX CONCURRENTLY IF EXISTS registry_search_recent_brin"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    atomic = False
    dependencies = [("registry", "0004_search_protected_vector")]

    operations = [migrations.RunPython(_run(POSTGRES), _run(POSTGRES_REVERSE))]
