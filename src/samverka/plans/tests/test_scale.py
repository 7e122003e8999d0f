"""Generated plans follow the plans' rules: one plan per year, the approval chain up to today with
what each step records, initiatives that carry their year's accepted needs, a wheel for every year
whose intake holds the needs submitted in it, and the pages `make bench` measures answer."""

import datetime as dt

import pytest
from django.utils import timezone

from samverka.needs.models import Need
from samverka.needs.selectors import intake_windows
from samverka.plans.models import AnnualCycle, CycleStep, DevelopmentPlan, Initiative, PlanApproval
from samverka.plans.scale import CHAIN, bench_endpoints, plan_title
from samverka.plans.selectors import plan_in_force
from samverka.plans.workflow import APPROVAL_STEPS
from samverka.scale.context import YEARS
from samverka.scale.generate import generate
from samverka.scale.testing import assert_endpoints_answer

pytestmark = pytest.mark.django_db
P = DevelopmentPlan.Status


def _check_plan(plan: DevelopmentPlan, today: dt.date) -> None:
    approvals = list(plan.approvals.order_by("decided_on", "id"))
    steps = [a.step for a in approvals]
    assert steps == [s for s in APPROVAL_STEPS if s in steps]  # a prefix of the chain, KF maybe left out
    assert steps == list(APPROVAL_STEPS[: len(steps)]) or steps == list(APPROVAL_STEPS[:3])
    assert plan.status == (steps[-1] if steps else P.DRAFT)
    assert (plan.frozen_at is None) == (not steps)
    for approval in approvals:
        assert approval.decided_on <= today and approval.minutes_reference and approval.body_id
        assert approval.body.short_name == next(b for s, b, _m, _d in CHAIN if s == approval.step)
    assert plan.case.title == plan_title(plan.year)
    assert plan.case.documents.exists()
    assert plan.principle_programme is not None
    initiatives = list(plan.initiatives.prefetch_related("costs", "needs"))
    assert len(initiatives) >= 3
    for initiative in initiatives:
        assert initiative.start_year <= plan.year <= initiative.end_year <= initiative.start_year + 3
        assert sorted(c.year for c in initiative.costs.all()) == initiative.years
        for need in initiative.needs.all():
            assert need.status in (Need.Status.ACCEPTED, Need.Status.DELIVERED)
            assert need.plan_year == initiative.start_year


def test_plans_follow_the_chain_and_carry_their_years_needs():
    generate(scale=0.002, seed=1, log=lambda _m: None)
    today = timezone.localdate()
    plans = list(DevelopmentPlan.objects.select_related("case"))
    assert sorted(p.year for p in plans) == [today.year - 1, today.year, today.year + 1]
    for plan in plans:
        _check_plan(plan, today)
        carried = set(Need.objects.filter(initiatives__plan=plan).values_list("pk", flat=True))
        accepted = Need.objects.filter(plan_year=plan.year, status__in=[Need.Status.ACCEPTED, Need.Status.DELIVERED])
        assert set(accepted.values_list("pk", flat=True)) <= carried
    assert plan_in_force(today.year) is not None
    # A multi-year initiative goes on in the next plan with the same lineage.
    lineages = Initiative.objects.values("lineage").distinct().count()
    assert lineages <= Initiative.objects.count()


def test_a_second_run_goes_back_in_time_and_every_year_has_its_wheel():
    generate(scale=0.002, seed=2, log=lambda _m: None)
    generate(scale=0.002, seed=3, log=lambda _m: None)
    today = timezone.localdate()
    years = sorted(DevelopmentPlan.objects.values_list("year", flat=True))
    assert years == list(range(today.year - 4, today.year + 2))
    for plan in DevelopmentPlan.objects.select_related("case"):
        _check_plan(plan, today)
    assert PlanApproval.objects.values("plan", "step").distinct().count() == PlanApproval.objects.count()
    cycles = set(AnnualCycle.objects.values_list("year", flat=True))
    assert set(range(today.year - YEARS + 1, today.year + 1)) <= cycles
    assert CycleStep.objects.filter(kind=CycleStep.Kind.INTAKE).count() == len(cycles)
    windows = {w.plan_year: w for w in intake_windows()}
    for need in Need.objects.exclude(status=Need.Status.DRAFT).filter(submitted_late=False):
        assert windows[need.plan_year].is_open(timezone.localtime(need.submitted_at).date()), need.reference


def test_bench_endpoints_answer(client):
    generate(scale=0.002, seed=4, log=lambda _m: None)
    assert_endpoints_answer(client, bench_endpoints())
