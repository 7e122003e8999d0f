"""`manage.py restore PATH [--force]`: bring back a backup made by `manage.py backup`.

Stop the web server and the task worker first, and migrate the database to the same state as
the backup's (a fresh `migrate` with the same version of Samverka)."""

from datetime import datetime
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from samverka.core.backup import BackupError, restore_backup


def _local_time(iso: str) -> str:
    try:
        return timezone.localtime(datetime.fromisoformat(iso)).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return iso


class Command(BaseCommand):
    help = (
        "Återställer databasen och filerna från en säkerhetskopia. Arkivet kontrolleras helt innan något "
        "ändras; en databas som redan innehåller data ersätts bara med --force."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="Säkerhetskopian (tar.gz) som ska återställas.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Töm databasen och ersätt allt i den, även om den redan innehåller data.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Databasen att återställa till.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = restore_backup(Path(options["path"]), force=options["force"], using=options["database"])
        except BackupError as exc:
            raise CommandError(exc.message) from exc
        for name in result.missing_files:
            self.stderr.write(
                self.style.WARNING(
                    _("Varning: filen %(name)s saknades redan när säkerhetskopian togs.") % {"name": name}
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Återställningen är klar från %(path)s (säkerhetskopia från %(created_at)s, %(vendor)s)\n"
                    "  Databas: %(rows)s rader i %(tables)s tabeller\n"
                    "  Filer: %(files)s filer, %(file_size)s (%(written)s skrivna, övriga fanns redan)\n"
                    "  Alla filer stämmer med manifestet och med kontrollsummorna i databasen (%(seconds)s s)."
                )
                % {
                    "path": options["path"],
                    "created_at": _local_time(result.created_at),
                    "vendor": result.source_vendor,
                    "rows": result.rows,
                    "tables": result.tables,
                    "files": result.files,
                    "file_size": filesizeformat(result.file_bytes),
                    "written": result.files_written,
                    "seconds": number_format(result.seconds, 1),
                }
            )
        )
