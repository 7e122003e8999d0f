from django.core.management.base import BaseCommand

from samverka.organisation.demo import DEMO_PASSWORD, demo_logins


class Command(BaseCommand):
    help = "Skriver ut demoinloggningarna, en per roll."

    def handle(self, *args, **options):
        rows = demo_logins()
        if not rows:
            self.stdout.write("Inga demoanvändare finns. Kör först: manage.py load_demo")
            return
        self.stdout.write("")
        self.stdout.write(f"Demoinloggningar (lösenord för alla: {DEMO_PASSWORD})")
        width = max(len(username) for username, _ in rows)
        for username, description in rows:
            self.stdout.write(f"  {username.ljust(width)}  {description}")
        self.stdout.write("")
