"""E-mail reminders to committees that have not answered the follow-up. Safe to run twice."""

from django.core.management.base import BaseCommand

from samverka.followup.services import reminders_send


class Command(BaseCommand):
    help = "Påminner nämnder som inte har svarat på uppföljningen (aldrig samma påminnelse två gånger)."

    def handle(self, *args, **options):
        sent = reminders_send()
        if options["verbosity"]:
            self.stdout.write(f"{sent} påminnelser skickade.")
