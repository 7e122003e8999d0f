from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("plans", "0002_approval_paragraph")]

    operations = [
        migrations.RemoveField(model_name="historicalplanapproval", name="legacy_paragraph_id"),
        migrations.RemoveField(model_name="planapproval", name="legacy_paragraph_id"),
    ]
