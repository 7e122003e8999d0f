"""Drop the loose integer references; one status per initiative and one question per principle in a
round (step 3 of 3)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("followup", "0003_carry_references_over")]

    operations = [
        migrations.RemoveField(model_name="historicalinitiativestatus", name="initiative_ref"),
        migrations.RemoveField(model_name="historicalroundprinciple", name="principle_ref"),
        migrations.RemoveField(model_name="initiativestatus", name="initiative_ref"),
        migrations.RemoveField(model_name="roundprinciple", name="principle_ref"),
        migrations.AddConstraint(
            model_name="initiativestatus",
            constraint=models.UniqueConstraint(
                condition=models.Q(("initiative__isnull", False)),
                fields=("round", "initiative"),
                name="initiative_status_once",
            ),
        ),
        migrations.AddConstraint(
            model_name="roundprinciple",
            constraint=models.UniqueConstraint(
                condition=models.Q(("principle__isnull", False)),
                fields=("round", "principle"),
                name="round_principle_once",
            ),
        ),
    ]
