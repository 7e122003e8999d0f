"""Periodic job: remind the digital leads when intake opens and a week before it closes. Safe to run twice."""

from django.core.management.base import BaseCommand

from samverka.plans.reminders import send_intake_reminders


class Command(BaseCommand):
    help = "Påminner digitaliseringsansvariga om inlämningen av behov (skickar varje påminnelse en gång)."

    def handle(self, *args, **options):
        sent = send_intake_reminders()
        if options["verbosity"]:
            self.stdout.write(f"Påminnelser skickade: {sent}")
