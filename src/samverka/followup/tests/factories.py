"""Follow-up test data through the services: three committees, IT governance and digital leads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from samverka.followup import services
from samverka.followup.models import FollowUpRound
from samverka.organisation.models import Body, Role
from samverka.organisation.tests.factories import AdministrationFactory, BodyFactory, user_with_role
from samverka.registry.tests.factories import CaseSeriesFactory, open_case, registrar_for

PRINCIPLES = ["Invånaren i centrum", "Digitalt som förstahandsval", "Digitalisering med omtanke"]


@dataclass
class FollowUpWorld:
    round: FollowUpRound
    governance: object
    board_registrar: object
    lead_mn: object
    lead_kn: object
    committees: dict


def make_world(*, deadline: dt.date = dt.date(2025, 2, 28)) -> FollowUpWorld:
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
    case = open_case(series=stk, actor=board_registrar, title="Uppföljning 2024", opened_on=dt.date(2025, 1, 10))
    round = services.round_open(
        actor=governance,
        year=2024,
        deadline=deadline,
        principles=PRINCIPLES,
        committees=[mn, kn, sn],
        case=case,
    )
    committees = {c.body.short_name: c for c in round.committees.select_related("body")}
    return FollowUpWorld(round, governance, board_registrar, lead_mn, lead_kn, committees)


def answers(round: FollowUpRound, levels: list[int]) -> dict[int, tuple[str, int]]:
    principles = list(round.principles.order_by("number"))
    return {p.pk: (f"Svar om {p.title}", level) for p, level in zip(principles, levels, strict=True)}
