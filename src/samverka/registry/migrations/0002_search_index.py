"""Full-text index of registry_searchentry: tsvector columns with GIN indexes on PostgreSQL
(Swedish stemming), an FTS5 table kept in step by triggers on SQLite."""

from django.db import migrations

POSTGRES = [
    """ALTER TABLE registry_searchentry ADD COLUMN public_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('swedish', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('swedish', coalesce(public_text, '')), 'B')) STORED""",
    """ALTER TABLE registry_searchentry ADD COLUMN full_vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('swedish', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('swedish', coalesce(public_text, '')), 'B') ||
        setweight(to_tsvector('swedish', coalesce(protected_text, '')), 'B')) STORED""",
    "CREATE INDEX registry_search_public_gin ON registry_searchentry USING gin (public_vector)",
    "CREATE INDEX registry_search_full_gin ON registry_searchentry USING gin (full_vector)",
]
POSTGRES_REVERSE = [
    "ALTER TABLE registry_searchentry DROP COLUMN full_vector",
    "ALTER TABLE registry_searchentry DROP COLUMN public_vector",
]

SQLITE = [
    """CREATE VIRTUAL TABLE registry_search_fts USING fts5(
        title, public_text, protected_text,
        content='registry_searchentry', content_rowid='id',
        tokenize='unicode61 remove_diacritics 0')""",
    """CREATE TRIGGER registry_search_ai AFTER INSERT ON registry_searchentry BEGIN
        INSERT INTO registry_search_fts(rowid, title, public_text, protected_text)
        VALUES (new.id, new.title, new.public_text, new.protected_text); END""",
    """CREATE TRIGGER registry_search_ad AFTER DELETE ON registry_searchentry BEGIN
        INSERT INTO registry_search_fts(registry_search_fts, rowid, title, public_text, protected_text)
        VALUES ('delete', old.id, old.title, old.public_text, old.protected_text); END""",
    """CREATE TRIGGER registry_search_au AFTER UPDATE ON registry_searchentry BEGIN
        INSERT INTO registry_search_fts(registry_search_fts, rowid, title, public_text, protected_text)
        VALUES ('delete', old.id, old.title, old.public_text, old.protected_text);
        INSERT INTO registry_search_fts(rowid, title, public_text, protected_text)
        VALUES (new.id, new.title, new.public_text, new.protected_text); END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER registry_search_au",
    "DROP TRIGGER registry_search_ad",
    "DROP TRIGGER registry_search_ai",
    "DROP TABLE registry_search_fts",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"postgresql": POSTGRES, "sqlite": SQLITE}),
            _run({"postgresql": POSTGRES_REVERSE, "sqlite": SQLITE_REVERSE}),
        ),
    ]
