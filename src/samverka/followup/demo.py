"""Demo data for the follow-up: the round for 2024 with answers from several committees (some
missing), the status of every initiative of the plan 2024, and the report to the board registered in a
case. The round's questions link to the principles of "Principer för digitalisering" and its statuses
to the initiatives of the plan, both taken by `round_open` from the principles and plans demos.

Idempotent: a round that exists is left alone. Written through the services; invented figures."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from samverka.organisation.models import Body
from samverka.plans import selectors as plan_selectors
from samverka.principles import selectors as principle_selectors
from samverka.registry import services as registry_services
from samverka.registry.models import CaseSeries

from . import services
from .models import FollowUpRound, RoundCommittee

YEAR = 2024
# The principles are those of "Principer för digitalisering" (principles demo) and the initiatives
# those of the plan 2024 in STK-2023-1044 (plans demo); both load before this one.
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
# Where the plan's initiatives stood at the end of 2024, by the initiative's title in the plan:
# (progress, rag, spent, comment). Invented figures.
INITIATIVES = {
    "Starkare skydd för alla datorer": (
        70,
        "amber",
        1_900_000,
        "Skyddet är infört på förvaltningarnas datorer; skolornas datorer väntar på en ny avtalsbilaga.",
    ),
    "Säkerhetsövervakning dygnet runt": (100, "green", 2_850_000, ""),
    "Digital arbetsplats: manualer och utbildning i Teams": (
        40,
        "red",
        350_000,
        "Upphandlingen av utbildningen överprövades; ny tidplan tas fram.",
    ),
    "Plattform för e-tjänster": (80, "green", 1_000_000, ""),
    "Gemensamt e-arkiv": (
        55,
        "amber",
        600_000,
        "Flytten av handlingar från de äldre verksamhetssystemen tar längre tid än planerat.",
    ),
    "Informationssäkerhet för chefer": (90, "green", 240_000, ""),
}


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
    # Say why instead of inventing principles or initiatives that the other demos did not create.
    if not principle_selectors.principles_for_year(YEAR).exists():
        stdout.write(f"Uppföljning: inget principprogram gäller {YEAR}; ingen demo för uppföljning.")
        return
    if plan_selectors.plan_in_force(YEAR) is None:
        stdout.write(f"Uppföljning: ingen fastställd utvecklingsplan för {YEAR}; ingen demo för uppföljning.")
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
    round = services.round_open(
        actor=actor, year=YEAR, deadline=dt.date(YEAR + 1, 2, 28), committees=committees, case=case
    )
    principles = list(round.principles.order_by("number"))
    for n, committee in enumerate(round.committees.select_related("body")):
        answers = ANSWERS.get(committee.body.short_name)
        if not answers:
            continue
        services.answers_submit(
            actor=_answering_user(committee.body, actor),
            committee=committee,
            answers={p.pk: answers[i % len(answers)] for i, p in enumerate(principles)},
        )
        # The demo round lies in the past: its committees answered in time, not today.
        answered = dt.datetime(YEAR + 1, 2, 10 + n, 10, 0, tzinfo=dt.UTC)
        RoundCommittee.objects.filter(pk=committee.pk).update(answered_at=answered)
    reported = 0
    for status in round.initiatives.select_related("initiative"):
        figures = INITIATIVES.get(status.initiative.title if status.initiative else status.title)
        if figures is None:
            continue
        progress, rag, spent, comment = figures
        services.initiative_report(
            actor=actor, status=status, progress=progress, rag=rag, spent_amount=spent, comment=comment
        )
        reported += 1
    if case is not None:
        services.report_register(actor=actor, round=round)
    stdout.write(
        f"Uppföljning: {YEAR} med {len(principles)} principer, svar från {len(ANSWERS)} nämnder och "
        f"{reported} av {round.initiatives.count()} insatser i planen rapporterade."
    )
