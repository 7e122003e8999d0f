"""Run the demo: the web server, a task worker, and the periodic jobs, in one command."""

import subprocess
import sys
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand

PERIODIC_SECONDS = 300


class Command(BaseCommand):
    help = "Startar webbservern, en bakgrundsarbetare och de periodiska jobben för demon."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")

    def handle(self, *args, host: str, port: str, **options):
        manage = [sys.executable, "manage.py"]
        worker = subprocess.Popen([*manage, "db_worker", "--interval", "1"])  # noqa: S603
        server = subprocess.Popen([*manage, "runserver", f"{host}:{port}", "--noreload"])  # noqa: S603
        try:
            while server.poll() is None:
                call_command("run_periodic_jobs", verbosity=0)
                for _ in range(PERIODIC_SECONDS):
                    if server.poll() is not None:
                        break
                    time.sleep(1)
        except KeyboardInterrupt:
            pass
        finally:
            for process in (server, worker):
                process.terminate()
            for process in (server, worker):
                process.wait(timeout=10)
