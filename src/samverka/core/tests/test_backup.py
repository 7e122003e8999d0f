"""`manage.py backup` and `manage.py restore`: what comes back is every row and every file, unchanged;
a damaged archive, another schema or a database in use is refused without changing anything."""

import gzip
import hashlib
import io
import json
import shutil
import tarfile
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError

from samverka.consultations.models import Consultation
from samverka.core.backup import MANIFEST_NAME, MEDIA_PREFIX
from samverka.meetings.models import Meeting
from samverka.organisation.models import Body
from samverka.organisation.tests.factories import BodyFactory
from samverka.registry.models import Case, DocumentFile
from samverka.registry.tests.factories import open_case, pdf_upload, register_document, registrar_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings, tmp_path: Path) -> Path:
    folder = tmp_path / "media"
    folder.mkdir()
    settings.MEDIA_ROOT = folder
    return folder


def _rows() -> dict[str, list[dict]]:
    """Every row of every table (sessions are not backed up), in primary-key order."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models(include_auto_created=True)
        if model._meta.label_lower != "sessions.session"
    }


def _files(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _backup(path: Path) -> str:
    out = StringIO()
    call_command("backup", output=str(path), stdout=out, stderr=StringIO())
    return out.getvalue()


def _restore(path: Path, **options) -> str:
    out = StringIO()
    call_command("restore", str(path), stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def _rewrite(source: Path, target: Path, change) -> None:
    """Copy an archive member by member; `change(name, content)` returns the new content."""
    with tarfile.open(source, "r:gz") as original, tarfile.open(target, "w:gz") as copy:
        for member in original:
            content = change(member.name, original.extractfile(member).read())
            member.size = len(content)
            copy.addfile(member, io.BytesIO(content))


def _small_installation() -> None:
    """A case with a registered PDF, written through the services (with history)."""
    case = open_case()
    register_document(case=case, actor=registrar_for(case.series), files=[pdf_upload("Yttrande")])


def test_backup_and_restore_give_back_every_row_and_every_file(media, tmp_path):
    call_command("load_demo", stdout=StringIO())
    # A file no row refers to is part of MEDIA_ROOT too.
    (media / "egna").mkdir()
    (media / "egna" / "anteckning.txt").write_text("Inte registrerad, men sparad.", encoding="utf-8")
    assert DocumentFile.objects.exists()
    assert Consultation.objects.exists()
    assert Meeting.objects.exclude(minutes_sha256="").exists()
    assert Case.history.exists()
    rows, files = _rows(), _files(media)
    archive = tmp_path / "backup.tar.gz"

    summary = _backup(archive)

    assert "Säkerhetskopian är klar" in summary
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.loads(tar.extractfile(MANIFEST_NAME).read())
    assert names[-1] == MANIFEST_NAME
    assert {name.removeprefix(MEDIA_PREFIX) for name in names if name.startswith(MEDIA_PREFIX)} == set(files)
    assert {name: entry["sha256"] for name, entry in manifest["files"].items()} == files
    assert manifest["tables"]["registry_case"] == Case.objects.count()
    assert "0001_initial" in manifest["migrations"]["registry"]
    assert manifest["missing_files"] == [] and manifest["checksum_mismatches"] == []

    # The disaster: an empty database (as after `migrate`) and no files.
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media)
    media.mkdir()

    summary = _restore(archive)

    assert "Återställningen är klar" in summary
    restored = _rows()
    assert [label for label in rows if restored[label] != rows[label]] == []
    assert _files(media) == files
    # New rows get fresh ids after the restored ones.
    assert BodyFactory(short_name="NYTT", name="Nya nämnden").pk > max(row["id"] for row in rows["organisation.Body"])


def test_a_damaged_archive_is_refused_and_nothing_changes(media, tmp_path):
    _small_installation()
    archive, damaged = tmp_path / "backup.tar.gz", tmp_path / "damaged.tar.gz"
    _backup(archive)

    def flip_one_byte(name: str, content: bytes) -> bytes:
        if name.startswith(MEDIA_PREFIX + "registry/"):
            return content[:100] + bytes([content[100] ^ 1]) + content[101:]
        return content

    _rewrite(archive, damaged, flip_one_byte)
    rows, files = _rows(), _files(media)

    with pytest.raises(CommandError, match="Arkivet är skadat.*stämmer inte med sin kontrollsumma"):
        _restore(damaged, force=True)

    assert _rows() == rows
    assert _files(media) == files


def test_an_archive_cut_short_is_refused(media, tmp_path):
    _small_installation()
    archive, cut = tmp_path / "backup.tar.gz", tmp_path / "cut.tar.gz"
    _backup(archive)
    cut.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    rows = _rows()

    with pytest.raises(CommandError, match="Arkivet är skadat"):
        _restore(cut, force=True)

    assert _rows() == rows


def test_a_database_with_data_is_replaced_only_with_force(media, tmp_path):
    _small_installation()
    archive = tmp_path / "backup.tar.gz"
    _backup(archive)
    rows, files = _rows(), _files(media)
    BodyFactory(short_name="SENARE", name="Nämnden som kom efter säkerhetskopian")

    with pytest.raises(CommandError, match="innehåller redan data.*--force"):
        _restore(archive)
    assert Body.objects.filter(short_name="SENARE").exists()

    _restore(archive, force=True)

    assert not Body.objects.filter(short_name="SENARE").exists()
    assert _rows() == rows
    assert _files(media) == files


def test_an_archive_of_other_migrations_is_refused_naming_the_difference(media, tmp_path):
    _small_installation()
    archive, other = tmp_path / "backup.tar.gz", tmp_path / "other.tar.gz"
    _backup(archive)

    def newer_schema(name: str, content: bytes) -> bytes:
        if name != MANIFEST_NAME:
            return content
        manifest = json.loads(content)
        manifest["migrations"]["registry"].append("9999_framtiden")
        return json.dumps(manifest).encode()

    _rewrite(archive, other, newer_schema)
    rows = _rows()

    with pytest.raises(CommandError, match="Bara i säkerhetskopian: registry.9999_framtiden"):
        _restore(other, force=True)
    assert _rows() == rows


def test_a_failure_while_loading_leaves_the_database_as_it_was(media, tmp_path):
    _small_installation()
    archive, wrong = tmp_path / "backup.tar.gz", tmp_path / "wrong.tar.gz"
    _backup(archive)

    def one_case_too_many(name: str, content: bytes) -> bytes:
        if name != MANIFEST_NAME:
            return content
        manifest = json.loads(content)
        manifest["tables"]["registry_case"] += 1
        return json.dumps(manifest).encode()

    _rewrite(archive, wrong, one_case_too_many)
    BodyFactory(short_name="SENARE", name="Nämnden som kom efter säkerhetskopian")
    rows = _rows()

    # The database is emptied and loaded before the count is compared: all of it is rolled back.
    with pytest.raises(CommandError, match="databasen är oförändrad.*registry_case"):
        _restore(wrong, force=True)
    assert _rows() == rows


def test_a_backup_goes_to_var_backups_readable_only_by_its_owner(media, tmp_path, settings):
    settings.VAR_DIR = tmp_path
    out = StringIO()
    call_command("backup", stdout=out)

    [archive] = (tmp_path / "backups").glob("samverka-*.tar.gz")
    assert str(archive) in out.getvalue()
    assert archive.stat().st_mode & 0o777 == 0o600
    assert list((tmp_path / "backups").iterdir()) == [archive]  # no temporary files left behind


def test_a_backup_is_never_written_over_an_existing_file_or_into_media_root(media, tmp_path):
    existing = tmp_path / "backup.tar.gz"
    existing.write_bytes(gzip.compress(b"annat"))

    with pytest.raises(CommandError, match="finns redan"):
        _backup(existing)
    assert gzip.decompress(existing.read_bytes()) == b"annat"
    with pytest.raises(CommandError, match="MEDIA_ROOT"):
        _backup(media / "backup.tar.gz")
