"""`manage.py backup [--output PATH]`: the database and every file in one archive (see core/backup.py)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from samverka.core.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Skriver databasen och alla uppladdade filer till ett arkiv (tar.gz) med manifest och kontrollsummor."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            "-o",
            help="Arkivets sökväg (standard: var/backups/samverka-<tidpunkt>.tar.gz). Filen får inte finnas.",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="Databasen att säkerhetskopiera.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = create_backup(Path(options["output"]) if options["output"] else None, using=options["database"])
        except BackupError as exc:
            raise CommandError(exc.message) from exc
        for name in result.missing_files:
            self.stderr.write(
                self.style.WARNING(_("Varning: filen %(name)s som databasen hänvisar till saknas.") % {"name": name})
            )
        for name in result.checksum_mismatches:
            self.stderr.write(
                self.style.WARNING(
                    _("Varning: filen %(name)s stämmer inte med kontrollsumman i databasen.") % {"name": name}
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Säkerhetskopian är klar: %(path)s\n"
                    "  Databas: %(rows)s rader i %(tables)s tabeller\n"
                    "  Filer: %(files)s filer, %(file_size)s\n"
                    "  Arkiv: %(archive_size)s på %(seconds)s s"
                )
                % {
                    "path": result.path,
                    "rows": result.rows,
                    "tables": result.tables,
                    "files": result.files,
                    "file_size": filesizeformat(result.file_bytes),
                    "archive_size": filesizeformat(result.archive_bytes),
                    "seconds": number_format(result.seconds, 1),
                }
            )
        )
