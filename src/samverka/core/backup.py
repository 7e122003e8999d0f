"""Backup and restore of a whole installation: the database and every file of the default storage
in one tar.gz archive, with a manifest of row counts, migrations and SHA-256 checksums.

The archive holds, in this order:

- `database.jsonl`: every row of every table, many-to-many tables included, in Django's
  serialisation (dumpdata's JSON Lines, one row a line, read back by `loaddata`),
  vendor-independent, so a backup of SQLite restores into PostgreSQL and back;
- `media/<name>`: every file in the default storage, the ones a FileField refers to and the rest;
- `manifest.json`, last, so that an archive cut short has no manifest and is refused.

Primary keys are kept as they are, also for content types and permissions, instead of natural
keys: the restore empties the database first, so every id (in URLs, generic relations, history
and the sequences) comes back exactly as it was, and no row needs a lookup to be written.
Sessions are left out: a restored system asks everyone to sign in again.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import json
import os
import tarfile
import tempfile
import time
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import IO, Any

import django
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.core.files.storage import Storage, default_storage
from django.core.management.color import no_style
from django.core.management.sql import sql_flush
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.jsonl import Serializer as JSONLSerializer
from django.db import DEFAULT_DB_ALIAS, connections, models, router, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.models import HistoricalChanges

FORMAT = "samverka-backup"
FORMAT_VERSION = 1
MANIFEST_NAME = "manifest.json"
DATA_NAME = "database.jsonl"
MEDIA_PREFIX = "media/"
CHUNK_SIZE = 1024 * 1024
ITERATOR_CHUNK_SIZE = 2000
INSERT_CHUNK_SIZE = 5000
# Sessions are sign-ins, not data: restoring them would sign people in on the restored system.
EXCLUDED_MODELS = frozenset({"sessions.session"})


class BackupError(Exception):
    """A backup or restore that cannot be done; `message` is Swedish and fit to show as it is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class BackupResult:
    path: Path
    rows: int
    tables: int
    files: int
    file_bytes: int
    archive_bytes: int
    seconds: float
    missing_files: list[str] = field(default_factory=list)
    checksum_mismatches: list[str] = field(default_factory=list)


@dataclass
class RestoreResult:
    created_at: str
    source_vendor: str
    rows: int
    tables: int
    files: int
    files_written: int
    file_bytes: int
    seconds: float
    missing_files: list[str] = field(default_factory=list)


@dataclass
class VerifiedArchive:
    path: Path
    manifest: dict[str, Any]
    data_path: Path


# --- what is backed up ----------------------------------------------------------------------


def backup_models(using: str = DEFAULT_DB_ALIAS) -> list[type[models.Model]]:
    """The models whose rows the archive holds: every concrete, managed model but sessions,
    including the auto-created many-to-many tables, whose rows keep their own ids that way."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.label_lower not in EXCLUDED_MODELS
        and router.allow_migrate_model(using, model)
    ]


def table_counts(using: str = DEFAULT_DB_ALIAS) -> dict[str, int]:
    return dict(
        sorted((model._meta.db_table, model._base_manager.using(using).count()) for model in backup_models(using))
    )


def applied_migrations(using: str = DEFAULT_DB_ALIAS) -> dict[str, list[str]]:
    recorder = MigrationRecorder(connections[using])
    if not recorder.has_table():
        return {}
    per_app: dict[str, list[str]] = {}
    for app_label, name in recorder.applied_migrations():
        per_app.setdefault(app_label, []).append(name)
    return {app_label: sorted(names) for app_label, names in sorted(per_app.items())}


def database_holds_data(using: str = DEFAULT_DB_ALIAS) -> bool:
    """True when the database holds anything a person has written. Every write in Samverka is
    done by a user and leaves history, while `migrate` only adds content types, permissions and
    vocabularies (no users, no history), so a freshly migrated database counts as empty."""
    if get_user_model()._base_manager.using(using).exists():
        return True
    return any(
        model._base_manager.using(using).exists()
        for model in backup_models(using)
        if issubclass(model, HistoricalChanges)
    )


def _file_fields() -> list[tuple[type[models.Model], models.FileField]]:
    """FileFields that store in the default storage (history models keep names only as text)."""
    return [
        (model, f)
        for model in apps.get_models()
        for f in model._meta.concrete_fields
        if isinstance(f, models.FileField) and f.storage is default_storage
    ]


def _checksum_field(model: type[models.Model], file_field: models.FileField) -> str | None:
    """The column that records a file's SHA-256 when it was stored (registered files and sealed
    minutes are immutable): `sha256` beside the only file field, or `<name>_sha256`."""
    names = {f.name for f in model._meta.concrete_fields}
    file_fields = [f for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
    candidates = [f"{file_field.name}_sha256", f"{file_field.name.rsplit('_', 1)[0]}_sha256"]
    if len(file_fields) == 1:
        candidates.append("sha256")
    return next((name for name in candidates if name in names), None)


def _referenced_files(using: str) -> dict[str, str | None]:
    """Every file name a FileField refers to, with the checksum its row records (if any)."""
    referenced: dict[str, str | None] = {}
    for model, file_field in _file_fields():
        checksum = _checksum_field(model, file_field)
        rows = (
            model._base_manager.using(using)
            .exclude(**{f"{file_field.name}__isnull": True})
            .exclude(**{file_field.name: ""})
            .values_list(file_field.name, checksum or file_field.name)
        )
        for name, recorded in rows.iterator(chunk_size=ITERATOR_CHUNK_SIZE):
            referenced[name] = recorded if checksum else referenced.get(name)
    return referenced


def _storage_files(storage: Storage, folder: str = "") -> Iterator[str]:
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for name in sorted(folders):
        yield from _storage_files(storage, f"{folder}/{name}" if folder else name)


def _safe_name(name: str) -> bool:
    """A storage name that stays inside the storage: relative, without `..` or odd bytes."""
    path = PurePosixPath(name)
    return (
        bool(name)
        and "\x00" not in name
        and "\\" not in name
        and not path.is_absolute()
        and all(part not in ("", ".", "..") for part in name.split("/"))
    )


# --- backup ---------------------------------------------------------------------------------


class _Encoder(DjangoJSONEncoder):
    """DjangoJSONEncoder cuts times to milliseconds; a backup keeps every microsecond."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class _Serializer(JSONLSerializer):
    """dumpdata's JSON Lines, except that many-to-many rows are written from their own table (so
    they keep their ids, and loaddata writes them raw instead of through `set()`, whose
    m2m_changed would add history rows the archive already holds)."""

    def handle_m2m_field(self, obj: models.Model, field: models.ManyToManyField) -> None:
        if not field.remote_field.through._meta.auto_created:
            super().handle_m2m_field(obj, field)


class _HashingReader:
    """Reads a file into the archive and hashes exactly the bytes that went in."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream = stream
        self.hash = hashlib.sha256()
        self.size = 0

    def read(self, size: int = -1) -> bytes:
        data = self.stream.read(size)
        self.hash.update(data)
        self.size += len(data)
        return data


def _sha256_of(stream: IO[bytes]) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    while data := stream.read(CHUNK_SIZE):
        digest.update(data)
        size += len(data)
    return digest.hexdigest(), size


@contextmanager
def _snapshot(using: str) -> Iterator[None]:
    """One transaction for the whole dump, so that rows and counts are of one moment; on
    PostgreSQL a read-only repeatable-read snapshot that does not block the running system."""
    connection = connections[using]
    outermost = not connection.in_atomic_block
    with transaction.atomic(using=using):
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def _dump_rows(stream: IO[str], using: str) -> dict[str, int]:
    """Every row as JSON Lines, table by table in primary-key order, streamed from the database
    in chunks; returns the rows per table."""
    serializer = _Serializer()
    counts: dict[str, int] = {}
    for model in backup_models(using):
        written = 0

        def counted(objects: Iterable[models.Model]) -> Iterator[models.Model]:
            nonlocal written
            for obj in objects:
                written += 1
                yield obj

        queryset = model._base_manager.using(using).order_by(model._meta.pk.name)
        serializer.serialize(counted(queryset.iterator(chunk_size=ITERATOR_CHUNK_SIZE)), stream=stream, cls=_Encoder)
        counts[model._meta.db_table] = written
    return dict(sorted(counts.items()))


def _tarinfo(name: str, size: int, mtime: float) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(mtime), 0o600
    return info


def _modified_time(storage: Storage, name: str) -> float:
    try:
        return storage.get_modified_time(name).timestamp()
    except (NotImplementedError, OSError):
        return time.time()


def default_output_path() -> Path:
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.VAR_DIR) / "backups" / f"samverka-{stamp}.tar.gz"


def _inside_media_root(path: Path) -> bool:
    try:
        media_root = Path(default_storage.path("")).resolve()
    except NotImplementedError:
        return False
    return path.resolve().is_relative_to(media_root)


def samverka_version() -> str:
    try:
        return metadata.version("samverka")
    except metadata.PackageNotFoundError:
        return "okänd"


def create_backup(output: Path | None = None, *, using: str = DEFAULT_DB_ALIAS) -> BackupResult:
    """Write the archive to `output` (by default under var/backups). It is written beside its
    final name and renamed when complete, so an interrupted backup never looks like a finished one.
    The archive holds personal data and password hashes: only its owner may read it."""
    started = time.monotonic()
    output = Path(output) if output else default_output_path()
    if output.exists():
        raise BackupError(_("Filen %(path)s finns redan; välj ett annat namn.") % {"path": output})
    if _inside_media_root(output):
        # The next backup would otherwise carry this one inside it.
        raise BackupError(_("Säkerhetskopian får inte skrivas i mappen för uppladdade filer (MEDIA_ROOT)."))
    output.parent.mkdir(parents=True, exist_ok=True)
    storage = default_storage
    partial = output.with_name(output.name + ".partial")

    # The dump goes to a temporary file beside the archive, not into memory.
    with tempfile.TemporaryDirectory(prefix=".samverka-backup-", dir=output.parent) as workdir:
        data_path = Path(workdir) / DATA_NAME
        with _snapshot(using):
            with data_path.open("w", encoding="utf-8") as stream:
                counts = _dump_rows(stream, using)
            referenced = _referenced_files(using)
            migrations = applied_migrations(using)
        names = sorted(set(_storage_files(storage)) | {name for name in referenced if storage.exists(name)})
        missing = sorted(name for name in referenced if not storage.exists(name))
        unsafe = [name for name in names if not _safe_name(name)]
        if unsafe:
            raise BackupError(_("Filnamnet %(name)s kan inte säkerhetskopieras.") % {"name": unsafe[0]})

        files: dict[str, dict[str, Any]] = {}
        partial.unlink(missing_ok=True)  # left by an interrupted backup, perhaps with other permissions
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz", compresslevel=6) as tar:
                with data_path.open("rb") as stream:
                    reader = _HashingReader(stream)
                    tar.addfile(_tarinfo(DATA_NAME, data_path.stat().st_size, time.time()), reader)
                database = {"file": DATA_NAME, "sha256": reader.hash.hexdigest(), "size": reader.size}
                for name in names:
                    try:
                        size = storage.size(name)
                        with storage.open(name, "rb") as stream:
                            reader = _HashingReader(stream)
                            tar.addfile(_tarinfo(MEDIA_PREFIX + name, size, _modified_time(storage, name)), reader)
                    except OSError as exc:
                        # Also a file that shrank while it was read: the archive must not lie.
                        raise BackupError(
                            _("Filen %(name)s kunde inte läsas (%(error)s); ingen säkerhetskopia skrevs.")
                            % {"name": name, "error": exc}
                        ) from exc
                    files[name] = {"sha256": reader.hash.hexdigest(), "size": reader.size}
                mismatches = sorted(
                    name
                    for name, recorded in referenced.items()
                    if recorded and name in files and files[name]["sha256"] != recorded
                )
                manifest = {
                    "format": FORMAT,
                    "format_version": FORMAT_VERSION,
                    "samverka_version": samverka_version(),
                    "django_version": django.get_version(),
                    "created_at": timezone.now().isoformat(),
                    "database": {"vendor": connections[using].vendor, **database},
                    "migrations": migrations,
                    "tables": counts,
                    "files": files,
                    "missing_files": missing,
                    "checksum_mismatches": mismatches,
                }
                content = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                tar.addfile(_tarinfo(MANIFEST_NAME, len(content), time.time()), io.BytesIO(content))
            os.replace(partial, output)
        finally:
            partial.unlink(missing_ok=True)

    return BackupResult(
        path=output,
        rows=sum(counts.values()),
        tables=len(counts),
        files=len(files),
        file_bytes=sum(entry["size"] for entry in files.values()),
        archive_bytes=output.stat().st_size,
        seconds=time.monotonic() - started,
        missing_files=missing,
        checksum_mismatches=mismatches,
    )


# --- verifying an archive -------------------------------------------------------------------


def _damaged(reason: str) -> BackupError:
    return BackupError(_("Arkivet är skadat och har inte lästs in; inget har ändrats. %(reason)s") % {"reason": reason})


def _open_archive(path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, mode="r:*")
    except FileNotFoundError as exc:
        raise BackupError(_("Filen %(path)s finns inte.") % {"path": path}) from exc
    except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
        raise _damaged(_("Filen är inget tar.gz-arkiv.")) from exc


def _members(tar: tarfile.TarFile) -> Iterator[tuple[tarfile.TarInfo, IO[bytes]]]:
    """Each member with its content, in archive order; a member that is not a plain file (a link,
    a folder, a device) never belongs in our archives and is refused."""
    for member in tar:
        if not member.isfile():
            raise _damaged(_("Arkivet innehåller %(name)s som inte är en vanlig fil.") % {"name": member.name})
        stream = tar.extractfile(member)
        assert stream is not None
        yield member, stream


@contextmanager
def _unreadable_is_damaged() -> Iterator[None]:
    try:
        yield
    except (tarfile.TarError, OSError, EOFError, zlib.error) as exc:
        raise _damaged(_("Arkivet går inte att läsa till slut (%(error)s).") % {"error": exc}) from exc


def verify_archive(path: Path, workdir: Path) -> VerifiedArchive:
    """Read the whole archive once: every file's SHA-256 against the manifest and the database
    content extracted to `workdir`. Raises BackupError before anything is changed."""
    path = Path(path)
    seen: dict[str, tuple[str, int]] = {}
    manifest: dict[str, Any] | None = None
    data_path = workdir / DATA_NAME
    data: tuple[str, int] | None = None
    with _open_archive(path) as tar, _unreadable_is_damaged():
        for member, stream in _members(tar):
            if member.name == MANIFEST_NAME:
                try:
                    manifest = json.loads(stream.read())
                except ValueError as exc:
                    raise _damaged(_("Manifestet är inte giltig JSON.")) from exc
            elif member.name == DATA_NAME:
                with data_path.open("wb") as target:
                    reader = _HashingReader(stream)
                    while chunk := reader.read(CHUNK_SIZE):
                        target.write(chunk)
                data = (reader.hash.hexdigest(), reader.size)
            elif member.name.startswith(MEDIA_PREFIX) and _safe_name(member.name.removeprefix(MEDIA_PREFIX)):
                name = member.name.removeprefix(MEDIA_PREFIX)
                if name in seen:
                    raise _damaged(_("Filen %(name)s finns två gånger i arkivet.") % {"name": name})
                seen[name] = _sha256_of(stream)
            else:
                raise _damaged(_("Arkivet innehåller en okänd fil: %(name)s.") % {"name": member.name})

    if not isinstance(manifest, dict):
        raise _damaged(_("Manifestet saknas (arkivet kan vara avklippt)."))
    if manifest.get("format") != FORMAT or not isinstance(manifest.get("format_version"), int):
        raise _damaged(_("Filen är ingen säkerhetskopia från Samverka."))
    if manifest["format_version"] > FORMAT_VERSION:
        raise BackupError(
            _("Säkerhetskopian har format %(found)s; den här versionen av Samverka läser högst format %(max)s.")
            % {"found": manifest["format_version"], "max": FORMAT_VERSION}
        )
    for key, kind in [("database", dict), ("migrations", dict), ("tables", dict), ("files", dict)]:
        if not isinstance(manifest.get(key), kind):
            raise _damaged(_("Manifestet saknar uppgiften %(key)s.") % {"key": key})
    expected = manifest["database"]
    if data is None or data != (expected.get("sha256"), expected.get("size")):
        raise _damaged(_("Databasinnehållet stämmer inte med kontrollsumman i manifestet."))
    files: dict[str, dict[str, Any]] = manifest["files"]
    for name, entry in files.items():
        if name not in seen:
            raise _damaged(_("Filen %(name)s saknas i arkivet.") % {"name": name})
        if seen[name] != (entry.get("sha256"), entry.get("size")):
            raise _damaged(_("Filen %(name)s stämmer inte med sin kontrollsumma.") % {"name": name})
    extra = sorted(set(seen) - set(files))
    if extra:
        raise _damaged(_("Filen %(name)s i arkivet finns inte i manifestet.") % {"name": extra[0]})
    return VerifiedArchive(path=path, manifest=manifest, data_path=data_path)


def check_migrations(manifest: dict[str, Any], using: str = DEFAULT_DB_ALIAS) -> None:
    """The rows fit only the schema they were taken from: the same migrations must be applied."""
    archived = {(app, name) for app, names in manifest["migrations"].items() for name in names}
    current = {(app, name) for app, names in applied_migrations(using).items() for name in names}
    if archived == current:
        return
    if not current:
        raise BackupError(_("Databasen är inte migrerad. Kör manage.py migrate först, med samma version av Samverka."))
    only_archive = ", ".join(f"{app}.{name}" for app, name in sorted(archived - current)) or "–"
    only_database = ", ".join(f"{app}.{name}" for app, name in sorted(current - archived)) or "–"
    raise BackupError(
        _(
            "Databasens migreringar skiljer sig från säkerhetskopians. Bara i säkerhetskopian: %(archive)s. "
            "Bara i databasen: %(database)s. Återställ till en databas som är migrerad till samma läge "
            "(samma version av Samverka), och kör sedan migrate."
        )
        % {"archive": only_archive, "database": only_database}
    )


# --- restore --------------------------------------------------------------------------------


def _flush(using: str) -> None:
    """Empty every table (TRUNCATE on PostgreSQL, so no model's delete rules are involved)
    without post_migrate, which would recreate content types and permissions with other ids."""
    connection = connections[using]
    connection.ops.execute_sql_flush(sql_flush(no_style(), connection, reset_sequences=True, allow_cascade=False))


def _insert_raw(model: type[models.Model], rows: list[models.Model], using: str) -> None:
    """INSERT the rows as they are, in batches: raw, as loaddata saves them (no auto_now
    stamping, no signals), but a statement per batch instead of one per row."""
    fields = model._meta.local_concrete_fields
    batch = connections[using].ops.bulk_batch_size(fields, rows) or len(rows)
    for start in range(0, len(rows), batch):
        model._base_manager.using(using)._insert(rows[start : start + batch], fields=fields, raw=True, using=using)


def _load_rows(data_path: Path, using: str) -> None:
    """Every row of the archive's JSON Lines back into the emptied tables, model by model.
    Foreign keys are checked once at the end (the rows come table by table, not in
    dependency order)."""
    from django.core import serializers

    connection = connections[using]
    pending: list[models.Model] = []
    with connection.constraint_checks_disabled(), open(data_path, encoding="utf-8") as stream:
        for deserialized in serializers.deserialize("jsonl", stream, using=using):
            row = deserialized.object
            if pending and (type(row) is not type(pending[0]) or len(pending) >= INSERT_CHUNK_SIZE):
                _insert_raw(type(pending[0]), pending, using)
                pending = []
            if row._meta.parents or deserialized.m2m_data:
                deserialized.save(using=using)  # what the batch insert does not cover
            else:
                pending.append(row)
        if pending:
            _insert_raw(type(pending[0]), pending, using)
    connection.check_constraints()


def _reset_sequences(using: str) -> None:
    """Point every id sequence past the restored rows (what `sqlsequencereset` prints), so new
    rows get fresh ids; SQLite keeps its own counters and needs nothing."""
    connection = connections[using]
    statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models(include_auto_created=True))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _restore_files(verified: VerifiedArchive, storage: Storage) -> int:
    """Write every file of the archive to the storage under its own name; a file already there
    with the same content is left alone. Returns the number of files written."""
    written = 0
    with _open_archive(verified.path) as tar:
        for member, stream in _members(tar):
            if not member.name.startswith(MEDIA_PREFIX):
                continue
            name = member.name.removeprefix(MEDIA_PREFIX)
            if storage.exists(name):
                with storage.open(name, "rb") as existing:
                    if _sha256_of(existing)[0] == verified.manifest["files"][name]["sha256"]:
                        continue
                storage.delete(name)
            saved = storage.save(name, File(stream, name=PurePosixPath(name).name))
            if saved != name:
                raise BackupError(_("Filen %(name)s sparades som %(saved)s.") % {"name": name, "saved": saved})
            written += 1
    return written


def _verify_restored(manifest: dict[str, Any], storage: Storage, using: str) -> None:
    """Read every restored file back and compare it with the manifest, and every FileField with
    the checksum its row recorded when the file was stored."""
    files: dict[str, dict[str, Any]] = manifest["files"]
    for name, entry in files.items():
        with storage.open(name, "rb") as stream:
            if _sha256_of(stream) != (entry["sha256"], entry["size"]):
                raise BackupError(_("Den återställda filen %(name)s stämmer inte med manifestet.") % {"name": name})
    known_missing = set(manifest.get("missing_files", []))
    known_mismatches = set(manifest.get("checksum_mismatches", []))
    for name, recorded in _referenced_files(using).items():
        if name not in files:
            if name not in known_missing:
                raise BackupError(_("Filen %(name)s som databasen hänvisar till saknas.") % {"name": name})
        elif recorded and recorded != files[name]["sha256"] and name not in known_mismatches:
            raise BackupError(
                _("Filen %(name)s stämmer inte med kontrollsumman som registrerades i databasen.") % {"name": name}
            )


def restore_backup(path: Path, *, force: bool = False, using: str = DEFAULT_DB_ALIAS) -> RestoreResult:
    """Bring back the database and the files of an archive. Everything is checked before anything
    is changed; the database is then emptied, loaded, counted and its files verified in one
    transaction, so a failure leaves it as it was. Stop the web server and the task worker first."""
    started = time.monotonic()
    storage = default_storage
    with tempfile.TemporaryDirectory(prefix="samverka-restore-") as workdir:
        verified = verify_archive(Path(path), Path(workdir))
        manifest = verified.manifest
        check_migrations(manifest, using)
        if not force and database_holds_data(using):
            raise BackupError(
                _(
                    "Databasen innehåller redan data (användare eller historik). Återställningen ersätter "
                    "allt i den; ange --force om det är avsikten."
                )
            )
        try:
            with transaction.atomic(using=using):
                _flush(using)
                _load_rows(verified.data_path, using)
                ContentType.objects.clear_cache()
                counts = table_counts(using)
                if counts != manifest["tables"]:
                    differing = sorted(
                        table
                        for table in set(counts) | set(manifest["tables"])
                        if counts.get(table) != manifest["tables"].get(table)
                    )
                    raise BackupError(
                        _("Antalet rader stämmer inte med manifestet i tabellerna %(tables)s.")
                        % {"tables": ", ".join(differing)}
                    )
                _reset_sequences(using)
                written = _restore_files(verified, storage)
                _verify_restored(manifest, storage, using)
        except BackupError as exc:
            raise BackupError(
                _("Återställningen avbröts och databasen är oförändrad. %(reason)s") % {"reason": exc.message}
            ) from exc
        except Exception as exc:
            raise BackupError(
                _("Återställningen avbröts och databasen är oförändrad. %(reason)s")
                % {"reason": f"{type(exc).__name__}: {exc}"}
            ) from exc
        finally:
            ContentType.objects.clear_cache()

    files: dict[str, dict[str, Any]] = manifest["files"]
    return RestoreResult(
        created_at=manifest.get("created_at", ""),
        source_vendor=manifest["database"].get("vendor", ""),
        rows=sum(manifest["tables"].values()),
        tables=len(manifest["tables"]),
        files=len(files),
        files_written=written,
        file_bytes=sum(entry["size"] for entry in files.values()),
        seconds=time.monotonic() - started,
        missing_files=list(manifest.get("missing_files", [])),
    )
