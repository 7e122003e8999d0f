"""Bulk inserts for generated data: COPY on PostgreSQL, executemany on SQLite.

Rows are buffered per table and written in chunks, so generators can add rows of several
tables in any order. Ids are given by the generator (so rows can refer to each other before
anything is written); the id sequences are moved past them at the end. On PostgreSQL the
secondary indexes of a table that receives many rows are dropped first and rebuilt once at
the end, which is several times faster than keeping them up to date row by row.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone
from django.utils.functional import Promise

CHUNK_ROWS = 20000
# A table that receives at least this many rows has its secondary indexes rebuilt after the load.
REBUILD_INDEXES_FROM = 50000

_MISSING = object()


def _default(field: models.Field, now: Any) -> Any:
    value = _model_default(field, now)
    return str(value) if isinstance(value, Promise) else value


def _model_default(field: models.Field, now: Any) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    if field.has_default():
        return field.get_default()
    if field.null:
        return None
    if field.empty_strings_allowed:
        return ""
    return _MISSING


class BulkTable:
    """The buffered rows of one table, for a fixed list of columns given by the generator;
    every other column gets its model default."""

    def __init__(self, loader: BulkLoader, model: type[models.Model], columns: Sequence[str]) -> None:
        self.loader = loader
        self.model = model
        self.table = model._meta.db_table
        fields = {f.column: f for f in model._meta.concrete_fields}
        unknown = set(columns) - set(fields)
        if unknown:
            raise ValueError(f"{self.table} has no columns {sorted(unknown)}")
        pk = model._meta.pk
        rest = [c for c in fields if c not in columns and not (c == pk.column and isinstance(pk, models.AutoField))]
        now = timezone.now()
        defaults = [_default(fields[c], now) for c in rest]
        missing = [c for c, value in zip(rest, defaults, strict=True) if value is _MISSING]
        if missing:
            raise ValueError(f"{self.table}: give a value for {missing} (no default)")
        self.columns = [*columns, *rest]
        self.defaults = tuple(defaults)
        self.fields = [fields[c] for c in self.columns]
        self.rows: list[tuple] = []
        self.written = 0
        self.gives_ids = pk.column in columns

    def add(self, *values: Any) -> None:
        self.rows.append(values + self.defaults)
        if len(self.rows) >= CHUNK_ROWS:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        self.loader.before_write(self, len(self.rows))
        self.loader.write(self, self.rows)
        self.written += len(self.rows)
        self.rows = []


class BulkLoader:
    """Owns the tables being filled; `finish()` writes what is left and tidies up."""

    def __init__(self, *, log: Callable[[str], None] = lambda _m: None, expected: dict[str, int] | None = None):
        self.log = log
        self.vendor = connection.vendor
        self.tables: dict[str, BulkTable] = {}
        self.expected = expected or {}
        self.dropped_indexes: dict[str, list[str]] = {}
        self.started = time.monotonic()
        self.timings: dict[str, float] = {}
        self._next_ids: dict[str, int] = {}
        if self.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL maintenance_work_mem = '1GB'")
                cursor.execute("SET LOCAL synchronous_commit = off")
                # Deferred foreign-key checks would queue one event per row until commit; the
                # generator writes consistent rows, so a superuser skips them (replica mode).
                cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                if cursor.fetchone()[0]:
                    cursor.execute("SET LOCAL session_replication_role = replica")

    def table(self, model: type[models.Model], columns: Sequence[str]) -> BulkTable:
        key = f"{model._meta.db_table}:{','.join(columns)}"
        if key not in self.tables:
            self.tables[key] = BulkTable(self, model, columns)
        return self.tables[key]

    def next_id(self, model: type[models.Model]) -> int:
        """The next free id of a table; each call reserves one."""
        table = model._meta.db_table
        if table not in self._next_ids:
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COALESCE(MAX({model._meta.pk.column}), 0) FROM {table}")  # noqa: S608
                self._next_ids[table] = cursor.fetchone()[0] + 1
        value = self._next_ids[table]
        self._next_ids[table] = value + 1
        return value

    # -- writing ------------------------------------------------------------------------------
    def before_write(self, bulk: BulkTable, rows: int) -> None:
        table = bulk.table
        if self.vendor != "postgresql" or table in self.dropped_indexes:
            return
        self.dropped_indexes[table] = []
        if self.expected.get(table, 0) < REBUILD_INDEXES_FROM:
            return
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
                " WHERE x.indrelid = %s::regclass AND NOT x.indisprimary AND NOT x.indisunique"
                " AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)",
                [table],
            )
            for name, definition in cursor.fetchall():
                self.dropped_indexes[table].append(definition)
                cursor.execute(f'DROP INDEX "{name}"')

    def write(self, bulk: BulkTable, rows: list[tuple]) -> None:
        started = time.monotonic()
        columns = ", ".join(f'"{c}"' for c in bulk.columns)
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                with cursor.cursor.copy(f'COPY "{bulk.table}" ({columns}) FROM STDIN') as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                placeholders = ", ".join(["%s"] * len(bulk.columns))
                prepared = [
                    tuple(
                        field.get_db_prep_save(value, connection) for field, value in zip(bulk.fields, row, strict=True)
                    )
                    for row in rows
                ]
                cursor.executemany(f'INSERT INTO "{bulk.table}" ({columns}) VALUES ({placeholders})', prepared)  # noqa: S608
        self.timings[bulk.table] = self.timings.get(bulk.table, 0.0) + time.monotonic() - started

    def finish(self) -> dict[str, int]:
        """Write every buffered row, rebuild dropped indexes, move id sequences, analyse."""
        for bulk in self.tables.values():
            bulk.flush()
        counts: dict[str, int] = {}
        for bulk in self.tables.values():
            counts[bulk.table] = counts.get(bulk.table, 0) + bulk.written
        with connection.cursor() as cursor:
            for table, definitions in self.dropped_indexes.items():
                started = time.monotonic()
                for definition in definitions:
                    cursor.execute(definition)
                if definitions:
                    self.log(f"  index på {table}: {time.monotonic() - started:.1f} s")
            if self.vendor == "postgresql":
                for bulk in self.tables.values():
                    if bulk.gives_ids:
                        pk = bulk.model._meta.pk.column
                        cursor.execute(
                            f"SELECT setval(pg_get_serial_sequence(%s, %s), COALESCE(MAX({pk}), 1)) FROM {bulk.table}",  # noqa: S608
                            [bulk.table, pk],
                        )
                for table in counts:
                    cursor.execute(f'ANALYZE "{table}"')
                cursor.execute("SET LOCAL session_replication_role = DEFAULT")
        return counts


def ids(start: int, count: int) -> Iterable[int]:
    return range(start, start + count)


def move_counters_past(model: type[models.Model], key_fields: Sequence[str], last_numbers: dict) -> None:
    """Move number counters (rows of `model` keyed by `key_fields`, holding `last_number`) past the
    numbers a generator used, so the services' next number follows them. `last_numbers` maps a key
    (a tuple of the key fields' values, or the value itself for one field) to the last number."""

    def key_of(row: models.Model) -> tuple:
        return tuple(getattr(row, name) for name in key_fields)

    existing = {key_of(row): row for row in model.objects.all()}
    new, changed = [], []
    for key, last in last_numbers.items():
        key = key if isinstance(key, tuple) else (key,)
        counter = existing.get(key)
        if counter is None:
            new.append(model(**dict(zip(key_fields, key, strict=True)), last_number=last))
        elif counter.last_number < last:
            counter.last_number = last
            changed.append(counter)
    model.objects.bulk_create(new, batch_size=1000)
    model.objects.bulk_update(changed, ["last_number"], batch_size=1000)
