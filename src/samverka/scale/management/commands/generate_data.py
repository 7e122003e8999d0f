from django.core.management.base import BaseCommand, CommandParser

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
        generate(scale=scale, seed=seed, log=lambda message: self.stdout.write(message))
