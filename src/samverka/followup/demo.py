"""Demo data for the follow-up: the round for 2024 with answers from several committees (some
missing), the status of the plan's initiatives, and the report to the board registered in a case.

Idempotent: a round that exists is left alone. Written through the services; invented figures."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from samverka.organisation.models import Body
from samverka.registry import services as registry_services
from samverka.registry.models import CaseSeries

from . import integration, services
from .models import FollowUpRound

YEAR = 2024
# The programme "Principer för digitalisering" (2023), as the principles demo has it.
PRINCIPLES = [
    "Invånaren i centrum",
    "Digitalt som förstahandsval",
    "Gemensamt, öppet och säkert",
    "Digitalisering med omtanke",
]
# committee short name -> [(answer, maturity)] per principle; committees not listed do not answer.
ANSWERS = {
    "MN": [
        ("E-tjänsterna för tillsyn utvecklas tillsammans med företagare i användartester.", 3),
        ("Alla nya ansökningar tas emot digitalt; pappersblanketter finns kvar på begäran.", 4),
        ("Förvaltningen använder den gemensamma e-tjänsteplattformen och delar öppna data om miljötillsyn.", 3),
        ("Tillgänglighetsgranskning görs innan en tjänst publiceras; arbetsmiljön följs upp vid varje införande.", 2),
    ],
    "SN": [
        ("Basleveranserna tas fram i dialog med förvaltningarnas digitaliseringsansvariga.", 4),
        ("Självservice för behörigheter och beställningar har införts för alla förvaltningar.", 4),
        ("Gemensam identitetshantering och en säkerhetsplattform för molntjänster är införda.", 4),
        ("Digitala kompetenslyft erbjuds alla medarbetare; energiförbrukningen i driften redovisas.", 3),
    ],
}
# (title, category, planned, progress, rag, spent, comment)
INITIATIVES = [
    ("Gemensam e-tjänsteplattform, etapp 2", "Invånartjänster", 4_500_000, 80, "green", 3_600_000, ""),
    (
        "Ny identitets- och behörighetshantering",
        "Infrastruktur",
        6_000_000,
        55,
        "amber",
        4_100_000,
        "Integrationen med skolans system tar längre tid än planerat.",
    ),
    ("Säker molnplattform", "Infrastruktur", 3_200_000, 100, "green", 3_050_000, ""),
    (
        "Digital arbetsplats för medarbetare",
        "Arbetsplats",
        2_800_000,
        30,
        "red",
        1_900_000,
        "Upphandlingen överprövades; ny tidplan tas fram.",
    ),
    ("Öppna data: gemensam katalog", "Data", 900_000, 60, "green", 450_000, ""),
]


def _actor():
    users = get_user_model().objects
    return users.filter(username="admin").first() or users.filter(is_superuser=True).order_by("pk").first()


def _answering_user(body: Body, fallback):
    """The committee's digital lead if the demo has one with an account (else the demo administrator)."""
    from samverka.organisation.models import RoleAssignment

    assignment = (
        RoleAssignment.objects.filter(role="digital_lead", person__user__isnull=False, administration__body=body)
        .select_related("person__user")
        .first()
    )
    return assignment.person.user if assignment else fallback


def load(stdout) -> None:
    if FollowUpRound.objects.filter(year=YEAR).exists():
        stdout.write("Uppföljning: 2024 finns redan.")
        return
    actor = _actor()
    committees = list(Body.objects.filter(kind=Body.Kind.COMMITTEE, is_active=True))
    if actor is None or not committees:
        stdout.write("Uppföljning: administratören eller nämnderna saknas; ingen demo för uppföljning.")
        return
    series = CaseSeries.objects.filter(prefix="SF").first() or CaseSeries.objects.filter(prefix="STK").first()
    case = None
    if series is not None:
        case = registry_services.case_open(
            actor=actor,
            series=series,
            title=f"Uppföljning av kommungemensam IT och digitalisering {YEAR}",
            opened_on=dt.date(YEAR + 1, 1, 15),
        )
    from_app = integration.principles_for_year(YEAR)
    titles = [title for title, _pk in from_app] or PRINCIPLES
    refs = [pk for _title, pk in from_app] or None
    round = services.round_open(
        actor=actor,
        year=YEAR,
        deadline=dt.date(YEAR + 1, 2, 28),
        principles=titles,
        principle_refs=refs,
        committees=committees,
        case=case,
    )
    principles = list(round.principles.order_by("number"))
    for committee in round.committees.select_related("body"):
        answers = ANSWERS.get(committee.body.short_name)
        if not answers:
            continue
        services.answers_submit(
            actor=_answering_user(committee.body, actor),
            committee=committee,
            answers={p.pk: answers[i % len(answers)] for i, p in enumerate(principles)},
        )
    for title, category, planned, progress, rag, spent, comment in INITIATIVES:
        status = services.initiative_add(
            actor=actor, round=round, title=title, category=category, planned_amount=planned
        )
        services.initiative_report(
            actor=actor, status=status, progress=progress, rag=rag, spent_amount=spent, comment=comment
        )
    if case is not None:
        services.report_register(actor=actor, round=round)
    stdout.write(f"Uppföljning: {YEAR} med svar från {len(ANSWERS)} nämnder och {len(INITIATIVES)} insatser.")
