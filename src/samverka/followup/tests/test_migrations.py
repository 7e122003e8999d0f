"""0002–0004 carry the loose integer references over to the foreign keys."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from samverka.followup.models import FollowUpRound, InitiativeStatus, RoundPrinciple
from samverka.organisation.models import Role
from samverka.organisation.tests.factories import user_with_role
from samverka.principles.tests.factories import programme_with_principles

from .factories import approved_plan

BEFORE = [("followup", "0001_initial")]
AFTER = [("followup", "0004_drop_loose_references")]


@pytest.mark.django_db(transaction=True)
def test_references_are_carried_over_to_the_foreign_keys():
    governance = user_with_role(Role.IT_GOVERNANCE)
    principle = programme_with_principles(actor=governance).principles.get(number=1)
    plan = approved_plan(governance)
    initiative = plan.initiatives.order_by("order").first()

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    round = old.get_model("followup", "FollowUpRound").objects.create(
        year=2024, title="Uppföljning 2024", deadline=dt.date(2025, 2, 28), opened_by_id=governance.pk
    )
    statuses = old.get_model("followup", "InitiativeStatus").objects
    linked = statuses.create(round=round, title="A", category="IT", planned_amount=1, initiative_ref=initiative.pk)
    twice = statuses.create(round=round, title="B", category="IT", planned_amount=1, initiative_ref=initiative.pk)
    gone = statuses.create(round=round, title="C", category="IT", planned_amount=1, initiative_ref=999_999)
    questions = old.get_model("followup", "RoundPrinciple").objects
    asked = questions.create(round=round, number=1, title="P", principle_ref=principle.pk)
    old.get_model("followup", "HistoricalRoundPrinciple").objects.create(
        id=asked.pk,
        round_id=round.pk,
        number=1,
        title="P",
        principle_ref=principle.pk,
        history_date=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        history_type="+",
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)

    assert InitiativeStatus.objects.get(pk=linked.pk).initiative == initiative
    assert InitiativeStatus.objects.get(pk=twice.pk).initiative is None  # one status per initiative and round
    assert InitiativeStatus.objects.get(pk=gone.pk).initiative is None  # the snapshot keeps its title
    assert RoundPrinciple.objects.get(pk=asked.pk).principle == principle
    assert RoundPrinciple.history.get(id=asked.pk).principle_id == principle.pk
    assert FollowUpRound.objects.get(pk=round.pk).plan == plan
