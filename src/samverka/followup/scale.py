"""Generated follow-up for `make bench`: a round for every plan year whose plan is in force and whose
year is over, opened at the annual accounts like `round_open` does (one question per principle of the
year's programme, every committee asked, one status per initiative of the plan), with the committees'
answers, each initiative's reported status and, for a closed round, the report registered in its case.

Rounds are made only for years without one (the year is unique), so a second run adds the years its
own plans brought. Plans and initiatives are read back after the plans generator's rows are flushed.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from samverka.needs.models import Category
from samverka.plans import scale as plans_scale
from samverka.plans.models import DevelopmentPlan, Initiative
from samverka.plans.workflow import IN_FORCE
from samverka.principles.selectors import principles_for_year
from samverka.scale.bench import STAFF, Endpoint
from samverka.scale.context import ScaleContext

from .models import FollowUpRound, InitiativeStatus, PrincipleAnswer, Rag, RoundCommittee, RoundPrinciple

ANSWERS = [
    "Nämnden arbetar utifrån principen i alla nya projekt; {theme} är årets exempel.",
    "Förvaltningen har tagit fram en handlingsplan för {theme} och följer upp den varje kvartal.",
    "Arbetet har påbörjats men saknar ännu resurser; {theme} prioriteras nästa år.",
    "Principen vägs in när verksamheten upphandlar, senast vid upphandlingen av {theme}.",
    "Medarbetarna har utbildats och användartester görs innan {theme} införs.",
]
COMMENTS = {
    Rag.AMBER: [
        "Leveransen av {theme} är försenad; ny tidplan tas fram med leverantören.",
        "Kostnaderna för {theme} riskerar att överskrida budgeten.",
    ],
    Rag.RED: [
        "Upphandlingen av {theme} överprövades; insatsen skjuts till nästa år.",
        "Resursbrist i projektet för {theme}; styrgruppen har beslutat om omtag.",
    ],
}


class FollowUpGenerator:
    def __init__(self, ctx: ScaleContext) -> None:
        self.ctx = ctx
        self.rng = ctx.rng
        loader = ctx.loader
        self.rounds = loader.table(
            FollowUpRound,
            ["id", "year", "title", "deadline", "status", "case_id", "report_document_id", "plan_id"]
            + ["opened_by_id", "opened_at", "closed_at"],
        )
        self.principles = loader.table(RoundPrinciple, ["id", "round_id", "number", "title", "principle_id"])
        self.committees = loader.table(RoundCommittee, ["id", "round_id", "body_id", "answered_at", "answered_by_id"])
        self.answers = loader.table(PrincipleAnswer, ["committee_id", "principle_id", "text", "maturity"])
        self.statuses = loader.table(
            InitiativeStatus,
            ["round_id", "title", "category", "initiative_id", "planned_amount", "spent_amount", "progress", "rag"]
            + ["comment", "reported_at"],
        )
        self.bodies = [b for b in ctx.bodies if b.kind == "committee"]
        self.series = next((s for s in ctx.series if s.prefix == "STK"), ctx.series[0])
        # body id -> users who answer for it (officials of its administration), else the administrator
        by_administration = {a.id: a.body_id for a in ctx.administrations}
        self.answerers: dict[int, list[int]] = {}
        for person, administration in ctx.people.items():
            body = by_administration.get(administration)
            if body is not None and person in ctx.users:
                self.answerers.setdefault(body, []).append(ctx.users[person])

    def moment(self, day: dt.date) -> dt.datetime:
        rng = self.rng
        return timezone.make_aware(dt.datetime.combine(day, dt.time(rng.randint(8, 16), rng.randint(0, 59))))

    def plans(self) -> list[DevelopmentPlan]:
        """The plans in force for years that are over and have no round yet (newest version each)."""
        plans_scale.flush(self.ctx)
        followed = set(FollowUpRound.objects.values_list("year", flat=True))
        found: dict[int, DevelopmentPlan] = {}
        for plan in DevelopmentPlan.objects.filter(status__in=IN_FORCE, year__lt=self.ctx.today.year).order_by(
            "year", "version"
        ):
            if plan.year not in followed:
                found[plan.year] = plan
        return list(found.values())

    def generate(self) -> None:
        plans = self.plans()
        initiatives: dict[int, list[Initiative]] = {}
        for initiative in (
            Initiative.objects.filter(plan__in=plans, is_active=True).prefetch_related("costs").order_by("order", "id")
        ):
            initiatives.setdefault(initiative.plan_id, []).append(initiative)
        for plan in plans:
            self.round(plan, initiatives.get(plan.pk, []))
        self.ctx.log(f"  {len(plans)} uppföljningar")

    def round(self, plan: DevelopmentPlan, initiatives: list[Initiative]) -> None:
        ctx, rng = self.ctx, self.rng
        year = plan.year
        principles = list(principles_for_year(year))
        if not principles or not self.bodies:
            return
        opened_on = min(dt.date(year + 1, 1, 15), ctx.today)
        deadline = dt.date(year + 1, 2, 28)
        closed = ctx.today > deadline + dt.timedelta(days=60)
        title = f"Uppföljning av IT och digitalisering {year}"
        case_id, number = ctx.registry.add_case(
            series=self.series,
            opened_on=opened_on,
            title=f"Uppföljning av kommungemensam IT och digitalisering {year}",
            closed_on=deadline + dt.timedelta(days=60) if closed else None,
        )
        report = None
        if closed:
            subject = f"Rapport till kommunstyrelsen: {title}"
            report = ctx.registry.add_document(
                case_id=case_id,
                case_number=number,
                case_secret=False,
                document_date=deadline + dt.timedelta(days=30),
                subject=subject,
                direction="created",
                document_type_id=ctx.document_type_ids.get("rapport") or next(iter(ctx.document_type_ids.values())),
                text=ctx.text.document_text(subject),
            )
        round_id = ctx.loader.next_id(FollowUpRound)
        self.rounds.add(
            round_id,
            year,
            title,
            deadline,
            FollowUpRound.Status.CLOSED if closed else FollowUpRound.Status.OPEN,
            case_id,
            report,
            plan.pk,
            ctx.system_user_id,
            self.moment(opened_on),
            self.moment(deadline + dt.timedelta(days=60)) if closed else None,
        )
        questions = []
        for number_, principle in enumerate(principles, start=1):
            question_id = ctx.loader.next_id(RoundPrinciple)
            self.principles.add(question_id, round_id, number_, principle.title[:300], principle.pk)
            questions.append(question_id)
        answered_share = 0.9 if closed else 0.6
        for body in self.bodies:
            committee_id = ctx.loader.next_id(RoundCommittee)
            answered = rng.random() < answered_share and opened_on < ctx.today
            answered_at = answered_by = None
            if answered:
                day = opened_on + dt.timedelta(days=rng.randint(5, 50))
                answered_at = self.moment(min(day, ctx.today))
                answered_by = rng.choice(self.answerers.get(body.id) or [ctx.system_user_id])
            self.committees.add(committee_id, round_id, body.id, answered_at, answered_by)
            if answered:
                level = rng.randint(1, 4)
                for question in questions:
                    text = rng.choice(ANSWERS).format(theme=ctx.text.theme())
                    self.answers.add(committee_id, question, text, min(5, max(1, level + rng.randint(-1, 1))))
        with translation.override(settings.LANGUAGE_CODE):
            labels = {value: str(label)[:100] for value, label in Category.choices}
        for initiative in initiatives:
            planned = next((c.amount for c in initiative.costs.all() if c.year == year), Decimal(0))
            reported = closed or rng.random() < 0.7
            rag = rng.choices([Rag.GREEN, Rag.AMBER, Rag.RED], weights=[60, 28, 12])[0] if reported else ""
            progress = {Rag.GREEN: rng.randint(80, 100), Rag.AMBER: rng.randint(40, 85), Rag.RED: rng.randint(5, 50)}
            comment = rng.choice(COMMENTS[rag]).format(theme=ctx.text.theme()) if rag in COMMENTS else ""
            spent = Decimal(int(planned * Decimal(rng.uniform(0.5, 1.15)))) if reported else Decimal(0)
            self.statuses.add(
                round_id,
                initiative.title[:300],
                labels.get(initiative.category, initiative.category),
                initiative.pk,
                planned,
                spent,
                progress.get(rag, 0),
                rag,
                comment,
                self.moment(min(deadline, ctx.today)) if reported else None,
            )


def generate(ctx: ScaleContext) -> None:
    FollowUpGenerator(ctx).generate()


# ---------------------------------------------------------------- make bench


def bench_endpoints() -> list[Endpoint]:
    years = list(FollowUpRound.objects.order_by("-year").values_list("year", flat=True)[:20])
    return [
        Endpoint("Uppföljningar", [reverse("followup:round_list")], users=STAFF),
        Endpoint("Uppföljning", [reverse("followup:round_detail", args=[year]) for year in years]),
        Endpoint("Styrelsens översikt", [reverse("followup:board")]),
        Endpoint("API uppföljning", [f"/api/v1/followup-rounds/{year}/" for year in years]),
    ]
