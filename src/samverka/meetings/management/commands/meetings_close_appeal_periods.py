from django.core.management.base import BaseCommand

from samverka.meetings import services


class Command(BaseCommand):
    help = "Tar ned anslag vars överklagandetid har gått ut. Säkert att köra flera gånger."

    def handle(self, *args, **options):
        from samverka.organisation.services import system_actor

        closed = services.appeal_periods_close(actor=system_actor())
        if options["verbosity"]:
            self.stdout.write(f"{closed} anslag nedtagna.")
