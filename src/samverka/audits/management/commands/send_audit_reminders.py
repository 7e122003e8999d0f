"""E-mail reminders about overdue audit actions and reports due within 14 days. Safe to run twice."""

from django.core.management.base import BaseCommand

from samverka.audits.services import reminders_send


class Command(BaseCommand):
    help = "Skickar påminnelser om försenade revisionsåtgärder och redovisningar (aldrig samma två gånger)."

    def handle(self, *args, **options):
        sent = reminders_send()
        if options["verbosity"]:
            self.stdout.write(f"{sent} påminnelser skickade.")
