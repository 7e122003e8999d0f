import time

from django.core.management.base import BaseCommand, CommandParser
from django.db import connection

from samverka.scale.generate import generate


class Command(BaseCommand):
    help = (
        "Fyller databasen med genererade data för en stor kommun (skala 1 = 1 000 000 ärenden, "
        "2 000 000 handlingar). Skala 0.001 räcker för att prova."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=float, default=1.0, help="Andel av standardskalan (1 = full).")
        parser.add_argument("--seed", type=int, default=1, help="Frö för slumpgeneratorn (samma frö, samma data).")

    def handle(self, *args, scale: float, seed: int, **options) -> None:
        if scale <= 0:
            self.stderr.write("Skalan måste vara större än noll.")
            raise SystemExit(2)
        counts = generate(scale=scale, seed=seed, log=lambda message: self.stdout.write(message))
        if connection.vendor == "postgresql":
            # Outside the load's transaction: the visibility map lets counts and lists use
            # index-only scans at once, instead of after autovacuum gets round to it.
            started = time.monotonic()
            with connection.cursor() as cursor:
                for table in sorted(counts):
                    cursor.execute(f'VACUUM (ANALYZE) "{table}"')
            self.stdout.write(f"VACUUM ANALYZE på {time.monotonic() - started:.0f} s")
