"""manage.py import_organisation FILE [FILE ...]: bodies, administrations, people and roles from YAML or CSV."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from samverka.core.errors import DomainError
from samverka.organisation import importing, services


class Command(BaseCommand):
    help = (
        "Läser in organ, förvaltningar, externa parter, personer, politiska uppdrag och roller från en "
        "YAML-fil (en del per slag) eller CSV-filer (en fil per slag). Allt kontrolleras först; vid minsta "
        "fel läses ingenting in. Samma fil kan läsas in igen utan att något dubbleras."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FIL", help="YAML- eller CSV-fil(er).")
        parser.add_argument(
            "--kind",
            choices=importing.KINDS,
            help="Vad CSV-filen innehåller (annars avgörs det av rubrikraden).",
        )
        parser.add_argument(
            "--user",
            help="Användarnamnet på den administratör som gör ändringen (syns i historiken). "
            "Utan det används systemkontot.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Kontrollera och visa vad som skulle ändras.")

    def handle(self, *args, files, kind=None, user=None, dry_run=False, **options):
        if kind and len(files) > 1:
            raise CommandError("--kind kan bara anges tillsammans med en fil.")
        if user:
            actor = get_user_model().objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"Det finns ingen användare '{user}'.")
        else:
            actor = services.system_actor()
        try:
            result = importing.import_files(actor=actor, paths=files, kind=kind, dry_run=dry_run)
        except importing.ImportFailed as exc:
            self.stderr.write(self.style.ERROR(exc.message.splitlines()[0]))
            current = None
            for issue in exc.issues:
                if issue.source != current and (len(files) > 1 or current is None):
                    current = issue.source
                    if issue.source:
                        self.stderr.write(f"{issue.source}:")
                self.stderr.write(f"  {issue}")
            raise CommandError("Importen avbröts.") from exc
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        for line in result.summary_lines():
            self.stdout.write(line)
        if dry_run:
            self.stdout.write(self.style.WARNING("Provkörning: ingenting sparades."))
        else:
            self.stdout.write(self.style.SUCCESS("Organisationen är inläst."))
