"""Consultation test data, created through the real services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from samverka.consultations import services
from samverka.consultations.models import Consultation, Recipient, Response, Topic
from samverka.organisation.models import Administration, Body, ExternalParty, Person, Role
from samverka.organisation.tests.factories import (
    AdministrationFactory,
    BodyFactory,
    ExternalPartyFactory,
    user_with_role,
)
from samverka.registry.models import Case, CaseSeries
from samverka.registry.tests.factories import CaseSeriesFactory, open_case, series_for


@dataclass
class World:
    ks: Body
    stk: Administration
    stk_series: CaseSeries
    mn: Body
    mf: Administration
    mn_series: CaseSeries
    kn: Body
    kuf: Administration
    kn_series: CaseSeries
    vision: ExternalParty
    officer: object  # case officer at Stadskontoret
    digital_lead: object  # Miljöförvaltningen's digital lead
    mn_registrar: object
    kn_lead: object
    case: Case


def person(user) -> Person:
    return Person.objects.get(user=user)


def build_world(username_prefix: str = "") -> World:
    stk_series = CaseSeriesFactory()
    stk = stk_series.administration
    ks = stk.body
    mn = BodyFactory(short_name="MN", name="Miljönämnden")
    mf = AdministrationFactory(short_name="MF", name="Miljöförvaltningen", body=mn)
    mn_series = series_for("MN", mf, name="Miljönämnden")
    kn = BodyFactory(short_name="KN", name="Kulturnämnden")
    kuf = AdministrationFactory(short_name="KUF", name="Kulturförvaltningen", body=kn)
    kn_series = series_for("KN", kuf, name="Kulturnämnden")
    vision = ExternalPartyFactory(name="Vision", email="vision@example.org")
    officer = user_with_role(Role.CASE_OFFICER, administration=stk, username=f"{username_prefix}handlaggare")
    digital_lead = user_with_role(Role.DIGITAL_LEAD, administration=mf, username=f"{username_prefix}digital")
    mn_registrar = user_with_role(Role.REGISTRAR, administration=mf, username=f"{username_prefix}mnregistrator")
    kn_lead = user_with_role(Role.DIGITAL_LEAD, administration=kuf, username=f"{username_prefix}kndigital")
    case = open_case(series=stk_series, actor=officer, responsible_officer=person(officer))
    return World(
        ks, stk, stk_series, mn, mf, mn_series, kn, kuf, kn_series, vision,
        officer, digital_lead, mn_registrar, kn_lead, case,
    )  # fmt: skip


QUESTIONS = [
    "Ger riktlinjerna en tydlighet för nämnden och förvaltningen för hur staden arbetar tillsammans med IT "
    "och digitalisering?",
    "Hur ser nämnden på den föreslagna besluts- och behovsprocessen för kommungemensam IT och dess prioriteringar?",
]


def draft(world: World, *, recipients=None, deadline: dt.date | None = None, **kwargs) -> Consultation:
    kwargs.setdefault("title", "Riktlinjer för IT och digitalisering")
    kwargs.setdefault("questions", QUESTIONS)
    return services.consultation_create(
        actor=world.officer,
        case=world.case,
        deadline=deadline or timezone.localdate() + dt.timedelta(days=30),
        recipients=[world.mn, world.kn, world.vision] if recipients is None else recipients,
        **kwargs,
    )


def sent(world: World, **kwargs) -> Consultation:
    consultation = draft(world, **kwargs)
    return services.consultation_send(actor=world.officer, consultation=consultation)


def recipient_for(consultation: Consultation, party) -> Recipient:
    field = "body" if isinstance(party, Body) else "administration" if isinstance(party, Administration) else "external"
    return consultation.recipients.get(**{field: party})


def topic(code: str) -> Topic:
    return Topic.objects.get(code=code)


def answer(world: World, consultation: Consultation, *, comments=None, standpoint=None, send=True) -> Response:
    recipient = recipient_for(consultation, world.mn)
    questions = list(consultation.questions.order_by("position"))
    response = services.response_save(
        actor=world.digital_lead,
        recipient=recipient,
        standpoint=standpoint or Response.Standpoint.SUPPORTS_WITH_COMMENTS,
        summary="Miljönämnden ställer sig positiv till förslaget.",
        answers={questions[0].pk: "Ja, i stort.", questions[1].pk: "Positivt."},
        comments=comments
        if comments is not None
        else [
            services.CommentInput("Exkludera licenskostnader från flytten.", (topic("licenskostnader"),)),
            services.CommentInput("Följ upp riktlinjerna årligen vid årsbokslut.", (topic("uppfoljning"),)),
        ],
    )
    if send:
        response = services.response_send(actor=world.digital_lead, recipient=recipient)
    return response


__all__ = ["QUESTIONS", "World", "answer", "build_world", "draft", "open_case", "person", "recipient_for", "sent"]
