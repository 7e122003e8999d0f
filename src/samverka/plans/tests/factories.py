"""Plans test data, created through the services."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from samverka.plans import services
from samverka.plans.models import CycleStep


def cycle_with_open_intake(actor, *, year: int | None = None):
    """This year's wheel with the intake window open today."""
    today = timezone.localdate()
    year = year or today.year
    cycle = services.cycle_create(actor=actor, year=year)
    start = max(dt.date(year, 1, 1), today - dt.timedelta(days=10))
    end = min(dt.date(year, 12, 31), today + dt.timedelta(days=10))
    services.cycle_step_add(
        actor=actor, cycle=cycle, kind=CycleStep.Kind.INTAKE, title="Inlämning av behov", starts_on=start, ends_on=end
    )
    return cycle


def plan(actor, *, year: int = 2024, case=None):
    return services.plan_create(actor=actor, year=year, case=case)


def initiative(actor, the_plan, **kwargs):
    kwargs.setdefault("title", "Starkare skydd för datorer")
    kwargs.setdefault("category", "it_security")
    kwargs.setdefault("financing", "allocated")
    kwargs.setdefault("start_year", the_plan.year)
    kwargs.setdefault("end_year", the_plan.year)
    return services.initiative_create(actor=actor, plan=the_plan, **kwargs)
