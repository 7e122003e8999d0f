"""The managed vocabulary of topics that comments are tagged with (more can be added in the admin)."""

from django.db import migrations

TOPICS = [
    ("licenskostnader", "Licenskostnader"),
    ("uppfoljning", "Uppföljning"),
    ("digital-kompetens", "Digital kompetens"),
    ("cirkular-ekonomi", "Cirkulär ekonomi"),
    ("barnperspektiv", "Barnperspektiv"),
    ("dialog", "Dialog"),
    ("samordning", "Samordning"),
    ("digital-infrastruktur", "Digital infrastruktur"),
    ("finansiering", "Finansiering"),
    ("sakerhet", "Säkerhet"),
]


def add_topics(apps, schema_editor):
    Topic = apps.get_model("consultations", "Topic")
    for code, name in TOPICS:
        Topic.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("consultations", "0001_initial")]

    operations = [migrations.RunPython(add_topics, migrations.RunPython.noop)]
