"""Follow-up test data through the services: three committees, IT governance and digital leads, the
programme of principles in force and, when asked for, the plan 2024 approved by the board."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from samverka.followup import services
from samverka.followup.models import FollowUpRound
from samverka.organisation.models import Body, Role
from samverka.organisation.tests.factories import AdministrationFactory, BodyFactory, user_with_role
from samverka.plans import services as plan_services
from samverka.plans.models import DevelopmentPlan, Initiative
from samverka.principles.models import Principle
from samverka.principles.tests.factories import programme_with_principles
from samverka.registry.tests.factories import CaseSeriesFactory, open_case, registrar_for

PRINCIPLES = ["Invånaren i centrum", "Digitalt som förstahandsval", "Digitalisering med omtanke"]
# title, category, start, end, costs per year
PLAN_INITIATIVES = [
    ("Starkare skydd för datorer", "it_security", 2024, 2025, {2024: 2_000_000, 2025: 1_000_000}),
    ("Plattform för e-tjänster", "e_service", 2024, 2024, {2024: 1_200_000}),
    ("Informationssäkerhet för chefer", "competence", 2024, 2024, {2024: 300_000}),
]


@dataclass
class FollowUpWorld:
    round: FollowUpRound
    governance: object
    board_registrar: object
    lead_mn: object
    lead_kn: object
    committees: dict
    principles: list[Principle] = field(default_factory=list)
    plan: DevelopmentPlan | None = None
    initiatives: list[Initiative] = field(default_factory=list)


def approved_plan(actor, *, year: int = 2024, initiatives=PLAN_INITIATIVES) -> DevelopmentPlan:
    """The year's plan through the real approval chain: Servicenämnden, KSAU, KS."""
    plan = plan_services.plan_create(actor=actor, year=year)
    for title, category, start, end, costs in initiatives:
        plan_services.initiative_create(
            actor=actor,
            plan=plan,
            title=title,
            category=category,
            financing="within_frame",
            start_year=start,
            end_year=end,
            costs=costs,
        )
    day = dt.date(year - 1, 6, 20)
    plan_services.plan_approve_by_service_committee(actor=actor, plan=plan, decided_on=day, minutes_reference="SN § 1")
    plan_services.plan_prepare_by_ksau(actor=actor, plan=plan, decided_on=day, minutes_reference="KSAU § 2")
    return plan_services.plan_approve_by_ks(actor=actor, plan=plan, decided_on=day, minutes_reference="KS § 3")


def make_world(*, deadline: dt.date = dt.date(2025, 2, 28), with_plan: bool = False) -> FollowUpWorld:
    """Without `with_plan` the round is opened knowingly without initiatives (tests add them by hand)."""
    stk = CaseSeriesFactory()
    board_registrar = registrar_for(stk)
    mn = BodyFactory(short_name="MN", name="Miljönämnden", kind=Body.Kind.COMMITTEE, email="mn@kommun.example")
    kn = BodyFactory(short_name="KN", name="Kulturnämnden", kind=Body.Kind.COMMITTEE)
    sn = BodyFactory(short_name="SN", name="Servicenämnden", kind=Body.Kind.COMMITTEE)
    mf = AdministrationFactory(short_name="MF", name="Miljöförvaltningen", body=mn)
    kuf = AdministrationFactory(short_name="KUF", name="Kulturförvaltningen", body=kn)
    sf = AdministrationFactory(short_name="SF", name="Serviceförvaltningen", body=sn)
    governance = user_with_role(Role.IT_GOVERNANCE, administration=sf)
    lead_mn = user_with_role(Role.DIGITAL_LEAD, administration=mf)
    lead_kn = user_with_role(Role.DIGITAL_LEAD, administration=kuf)
    programme = programme_with_principles(actor=governance, valid_from=2023, titles=PRINCIPLES)
    plan = approved_plan(governance) if with_plan else None
    case = open_case(series=stk, actor=board_registrar, title="Uppföljning 2024", opened_on=dt.date(2025, 1, 10))
    round = services.round_open(
        actor=governance,
        year=2024,
        deadline=deadline,
        committees=[mn, kn, sn],
        case=case,
        without_plan=not with_plan,
    )
    committees = {c.body.short_name: c for c in round.committees.select_related("body")}
    return FollowUpWorld(
        round,
        governance,
        board_registrar,
        lead_mn,
        lead_kn,
        committees,
        principles=list(programme.principles.order_by("number")),
        plan=plan,
        initiatives=list(plan.initiatives.order_by("order")) if plan else [],
    )


def answers(round: FollowUpRound, levels: list[int]) -> dict[int, tuple[str, int]]:
    principles = list(round.principles.order_by("number"))
    return {p.pk: (f"Svar om {p.title}", level) for p, level in zip(principles, levels, strict=True)}
