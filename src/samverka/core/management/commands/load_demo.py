"""Load the demo municipality. Idempotent: running it again changes nothing.

Each app that has demo data sets `demo_loader` on its AppConfig to the dotted path of a
function `load(stdout) -> None`; they run in the order of INSTALLED_APPS.
"""

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string


class Command(BaseCommand):
    help = "Läser in demokommunen (idempotent)."

    def handle(self, *args, **options):
        for config in apps.get_app_configs():
            path = getattr(config, "demo_loader", None)
            if path:
                with transaction.atomic():
                    import_string(path)(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demokommunen är inläst."))
