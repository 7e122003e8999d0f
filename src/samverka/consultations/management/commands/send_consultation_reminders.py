"""Remind recipients that have not answered a consultation. Safe to run twice (see reminders_send)."""

from django.core.management.base import BaseCommand

from samverka.consultations.services import reminders_send


class Command(BaseCommand):
    help = "Skickar påminnelser om remisser som inte är besvarade. Ingen får samma påminnelse två gånger."

    def handle(self, *args, **options):
        count = reminders_send()
        if options["verbosity"]:
            self.stdout.write(f"{count} påminnelser skickades.")
