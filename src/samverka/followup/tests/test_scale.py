"""Generated follow-up rounds are what `round_open` and the answers make: every principle of the year
asked of every committee, one status per initiative of the plan in force, answers with their maturity,
a report in the case of a closed round; and the pages `make bench` measures answer."""

import pytest
from django.utils import timezone

from samverka.followup.models import FollowUpRound, InitiativeStatus, Rag
from samverka.followup.scale import bench_endpoints
from samverka.organisation.models import Body
from samverka.plans.models import DevelopmentPlan
from samverka.plans.workflow import IN_FORCE
from samverka.principles.selectors import principles_for_year
from samverka.scale.generate import generate
from samverka.scale.testing import assert_endpoints_answer

pytestmark = pytest.mark.django_db


def _check_round(round: FollowUpRound) -> None:
    principles = list(principles_for_year(round.year))
    assert [(q.number, q.principle_id) for q in round.principles.order_by("number")] == [
        (n, p.pk) for n, p in enumerate(principles, start=1)
    ]
    committees = list(round.committees.prefetch_related("answers"))
    assert {c.body_id for c in committees} == set(
        Body.objects.filter(kind=Body.Kind.COMMITTEE).values_list("pk", flat=True)
    )
    answered = [c for c in committees if c.answered_at]
    assert answered
    for committee in committees:
        answers = list(committee.answers.all())
        assert len(answers) == (len(principles) if committee.answered_at else 0)
        assert bool(committee.answered_by_id) == bool(committee.answered_at)
        assert all(1 <= a.maturity <= 5 and a.text for a in answers)
    assert round.plan.status in IN_FORCE and round.plan.year == round.year
    plan_initiatives = set(round.plan.initiatives.filter(is_active=True).values_list("pk", flat=True))
    statuses = list(round.initiatives.select_related("initiative"))
    assert {s.initiative_id for s in statuses} == plan_initiatives
    for status in statuses:
        assert status.title == status.initiative.title
        assert status.planned_amount == next(
            (c.amount for c in status.initiative.costs.all() if c.year == round.year), 0
        )
        if status.rag == Rag.RED:
            assert status.comment
        assert bool(status.rag) == bool(status.reported_at)
    if round.status == FollowUpRound.Status.CLOSED:
        assert round.closed_at and round.report_document.case_id == round.case_id
    assert round.case.title.endswith(str(round.year))


def test_a_round_for_every_year_over_with_a_plan_in_force_and_a_second_run_adds_its_own():
    generate(scale=0.002, seed=1, log=lambda _m: None)
    today = timezone.localdate()
    expected = set(
        DevelopmentPlan.objects.filter(status__in=IN_FORCE, year__lt=today.year).values_list("year", flat=True)
    )
    assert expected and set(FollowUpRound.objects.values_list("year", flat=True)) == expected
    generate(scale=0.002, seed=2, log=lambda _m: None)
    expected = set(
        DevelopmentPlan.objects.filter(status__in=IN_FORCE, year__lt=today.year).values_list("year", flat=True)
    )
    assert set(FollowUpRound.objects.values_list("year", flat=True)) == expected
    for round in FollowUpRound.objects.select_related("plan", "case", "report_document"):
        _check_round(round)
    assert InitiativeStatus.objects.exclude(rag="").exists()


def test_bench_endpoints_answer(client):
    generate(scale=0.002, seed=3, log=lambda _m: None)
    assert_endpoints_answer(client, bench_endpoints())
