"""Run every app's periodic jobs (reminders and the like). Safe to run twice: each job must be.

An app offers jobs by setting `periodic_jobs` on its AppConfig to a list of management command
names. In production run this from cron or a systemd timer, e.g. every fifteen minutes.
"""

from django.apps import apps
from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Kör alla periodiska jobb (påminnelser m.m.). Säkert att köra flera gånger."

    def handle(self, *args, **options):
        for config in apps.get_app_configs():
            for job in getattr(config, "periodic_jobs", ()):
                call_command(job, verbosity=options["verbosity"])
