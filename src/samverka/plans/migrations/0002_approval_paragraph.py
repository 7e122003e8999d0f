"""Each approval step links to its paragraph of minutes instead of carrying a loose paragraph id.

The old integer is kept aside under another name, mapped to the new foreign key where the
agenda item exists and is a paragraph, and dropped in 0003 (a separate migration, so that
PostgreSQL does not alter the table while the new foreign key's deferred checks are pending).
The free-text reference is kept as it was, so no decision loses its citation.
"""

import django.db.models.deletion
from django.db import migrations, models

HELP = "Paragrafen i protokollet, när beslutet är fattat i Samverka."


def link_paragraphs(apps, schema_editor):
    AgendaItem = apps.get_model("meetings", "AgendaItem")
    for name in ("PlanApproval", "HistoricalPlanApproval"):
        model = apps.get_model("plans", name)
        rows = model.objects.filter(legacy_paragraph_id__isnull=False)
        ids = set(rows.values_list("legacy_paragraph_id", flat=True))
        existing = set(
            AgendaItem.objects.filter(pk__in=ids, paragraph_number__isnull=False).values_list("pk", flat=True)
        )
        for pk in existing:
            rows.filter(legacy_paragraph_id=pk).update(paragraph_id=pk)


def unlink_paragraphs(apps, schema_editor):
    for name in ("PlanApproval", "HistoricalPlanApproval"):
        model = apps.get_model("plans", name)
        model.objects.filter(paragraph__isnull=False).update(legacy_paragraph_id=models.F("paragraph_id"))


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
        ("plans", "0001_initial"),
    ]

    operations = [
        migrations.RenameField("planapproval", "paragraph_id", "legacy_paragraph_id"),
        migrations.RenameField("historicalplanapproval", "paragraph_id", "legacy_paragraph_id"),
        migrations.AddField(
            model_name="historicalplanapproval",
            name="paragraph",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text=HELP,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="meetings.agendaitem",
                verbose_name="paragraf",
            ),
        ),
        migrations.AddField(
            model_name="planapproval",
            name="paragraph",
            field=models.ForeignKey(
                blank=True,
                help_text=HELP,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="plan_approvals",
                to="meetings.agendaitem",
                verbose_name="paragraf",
            ),
        ),
        migrations.RunPython(link_paragraphs, unlink_paragraphs),
    ]
