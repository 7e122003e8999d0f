"""Link rounds, initiative statuses and round principles to the plan and the principles (step 1 of 3).

The loose integer references stay until 0003 has carried their values over; 0004 drops them."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("followup", "0001_initial"),
        ("plans", "0001_initial"),
        ("principles", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="followupround",
            name="plan",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="followup_rounds",
                to="plans.developmentplan",
                verbose_name="utvecklingsplan",
            ),
        ),
        migrations.AddField(
            model_name="historicalfollowupround",
            name="plan",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="plans.developmentplan",
                verbose_name="utvecklingsplan",
            ),
        ),
        migrations.AddField(
            model_name="historicalinitiativestatus",
            name="initiative",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="plans.initiative",
                verbose_name="insats i utvecklingsplanen",
            ),
        ),
        migrations.AddField(
            model_name="historicalroundprinciple",
            name="principle",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="principles.principle",
                verbose_name="princip i principprogrammet",
            ),
        ),
        migrations.AddField(
            model_name="initiativestatus",
            name="initiative",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="followup_statuses",
                to="plans.initiative",
                verbose_name="insats i utvecklingsplanen",
            ),
        ),
        migrations.AddField(
            model_name="roundprinciple",
            name="principle",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="followup_questions",
                to="principles.principle",
                verbose_name="princip i principprogrammet",
            ),
        ),
    ]
