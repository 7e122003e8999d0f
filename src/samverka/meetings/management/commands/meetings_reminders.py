from django.core.management.base import BaseCommand

from samverka.meetings import services


class Command(BaseCommand):
    help = "Påminner sekreterare när tiden för justering eller anslag närmar sig. Säkert att köra flera gånger."

    def handle(self, *args, **options):
        sent = services.reminders_send()
        if options["verbosity"]:
            self.stdout.write(f"{sent} påminnelser skickade.")
