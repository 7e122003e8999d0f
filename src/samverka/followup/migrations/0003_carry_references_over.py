"""Carry the loose references over to the new foreign keys (step 2 of 3).

A reference whose initiative or principle no longer exists stays empty (the snapshot of title and
category keeps what the round showed), and so does a second status pointing at the same initiative in
one round. History rows keep their reference as it was: their keys have no database constraint.
A round whose linked initiatives all belong to one plan gets that plan."""

from django.db import migrations


def forward(apps, schema_editor):
    Initiative = apps.get_model("plans", "Initiative")
    Principle = apps.get_model("principles", "Principle")
    FollowUpRound = apps.get_model("followup", "FollowUpRound")
    InitiativeStatus = apps.get_model("followup", "InitiativeStatus")
    RoundPrinciple = apps.get_model("followup", "RoundPrinciple")

    initiatives = set(Initiative.objects.values_list("pk", flat=True))
    seen: set[tuple[int, int]] = set()
    for status in InitiativeStatus.objects.exclude(initiative_ref=None).order_by("pk"):
        key = (status.round_id, status.initiative_ref)
        if status.initiative_ref in initiatives and key not in seen:
            seen.add(key)
            InitiativeStatus.objects.filter(pk=status.pk).update(initiative_id=status.initiative_ref)

    principles = set(Principle.objects.values_list("pk", flat=True))
    seen = set()
    for question in RoundPrinciple.objects.exclude(principle_ref=None).order_by("pk"):
        key = (question.round_id, question.principle_ref)
        if question.principle_ref in principles and key not in seen:
            seen.add(key)
            RoundPrinciple.objects.filter(pk=question.pk).update(principle_id=question.principle_ref)

    for round in FollowUpRound.objects.filter(plan=None):
        plans = set(
            Initiative.objects.filter(
                pk__in=InitiativeStatus.objects.filter(round=round, initiative__isnull=False).values("initiative_id")
            ).values_list("plan_id", flat=True)
        )
        if len(plans) == 1:
            FollowUpRound.objects.filter(pk=round.pk).update(plan_id=plans.pop())

    for model, ref, key in (
        ("HistoricalInitiativeStatus", "initiative_ref", "initiative_id"),
        ("HistoricalRoundPrinciple", "principle_ref", "principle_id"),
    ):
        history = apps.get_model("followup", model)
        for row in history.objects.exclude(**{ref: None}).only("pk", ref):
            history.objects.filter(pk=row.pk).update(**{key: getattr(row, ref)})


def backward(apps, schema_editor):
    for model, ref, key in (
        ("InitiativeStatus", "initiative_ref", "initiative_id"),
        ("RoundPrinciple", "principle_ref", "principle_id"),
        ("HistoricalInitiativeStatus", "initiative_ref", "initiative_id"),
        ("HistoricalRoundPrinciple", "principle_ref", "principle_id"),
    ):
        rows = apps.get_model("followup", model).objects
        for pk, value in rows.exclude(**{key: None}).values_list("pk", key):
            rows.filter(pk=pk).update(**{ref: value})


class Migration(migrations.Migration):
    dependencies = [("followup", "0002_link_plan_and_principles")]

    operations = [migrations.RunPython(forward, backward)]
