"""Plans test data, created through the services."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from samverka.meetings.models import AgendaItem, Meeting
from samverka.organisation.tests.factories import BodyFactory, UserFactory
from samverka.plans import services
from samverka.plans.models import CycleStep
from samverka.registry.tests.factories import open_case


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


BODIES = {"SN": "Servicenämnden", "KSAU": "Kommunstyrelsens arbetsutskott", "KS": "Kommunstyrelsen"}


def paragraph(case, body: str, day: dt.date, number: int, *, title: str = "Utvecklingsplan för IT 2024"):
    """A paragraph of verified minutes in the case (written directly: the meeting's workflow is not under test)."""
    the_body = BodyFactory(short_name=body, name=BODIES.get(body, body))
    starts = dt.datetime.combine(day, dt.time(9), tzinfo=timezone.get_current_timezone())
    meeting = Meeting.objects.create(
        body=the_body,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        place="Stadshuset",
        status=Meeting.Status.VERIFIED,
        created_by=UserFactory(),
    )
    return AgendaItem.objects.create(
        meeting=meeting,
        position=1,
        title=title,
        case=case,
        decision="Beslutet.",
        paragraph_body=the_body,
        paragraph_year=day.year,
        paragraph_number=number,
    )


def case_with_chain():
    """The plan's case with the paragraphs of its approval chain, as in STK-2023-1044."""
    case = open_case(title="Utvecklingsplan för kommungemensam IT 2024")
    return case, {
        "SN": paragraph(case, "SN", dt.date(2023, 6, 20), 56),
        "KSAU": paragraph(case, "KSAU", dt.date(2023, 10, 9), 461),
        "KS": paragraph(case, "KS", dt.date(2023, 10, 18), 269),
    }
