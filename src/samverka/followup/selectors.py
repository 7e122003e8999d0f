"""Reads of the follow-up: rounds, who has answered, and the figures of the report (all from the database)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from samverka.organisation.models import Body, Person, Role, RoleAssignment
from samverka.organisation.selectors import active_on
from samverka.plans import selectors as plan_selectors
from samverka.plans.models import DevelopmentPlan, Initiative
from samverka.plans.workflow import IN_FORCE

from .models import FollowUpRound, InitiativeStatus, PrincipleAnswer, Rag, RoundCommittee, RoundPrinciple


def round_list() -> QuerySet[FollowUpRound]:
    return FollowUpRound.objects.select_related("case", "report_document__case").annotate(
        committee_count=Count("committees", distinct=True),
        answered_count=Count("committees", filter=Q(committees__answered_at__isnull=False), distinct=True),
        initiative_count=Count("initiatives", distinct=True),
    )


def round_get(*, year: int) -> FollowUpRound:
    return FollowUpRound.objects.select_related("case", "report_document__case", "opened_by", "plan").get(year=year)


def current_round() -> FollowUpRound | None:
    return FollowUpRound.objects.select_related("case").order_by("-year").first()


def round_principles(round: FollowUpRound) -> list[RoundPrinciple]:
    return list(round.principles.order_by("number"))


def round_committees(round: FollowUpRound) -> list[RoundCommittee]:
    answers = PrincipleAnswer.objects.select_related("principle").order_by("principle__number")
    return list(
        round.committees.select_related("body", "answered_by__person")
        .prefetch_related(Prefetch("answers", queryset=answers))
        .order_by("body__name")
    )


def round_initiatives(round: FollowUpRound) -> QuerySet[InitiativeStatus]:
    return round.initiatives.order_by("category", "title")


def statuses_for_initiative(initiative: Initiative) -> QuerySet[InitiativeStatus]:
    """Every follow-up status of an initiative, newest round first, for the initiative's page in plans.

    Matched on the initiative's lineage, so a status reported against one version of the plan also
    shows on the same initiative in a later revision."""
    return (
        InitiativeStatus.objects.filter(initiative__lineage=initiative.lineage)
        .select_related("round")
        .order_by("-round__year", "-pk")
    )


def plan_initiatives_missing(round: FollowUpRound) -> list[Initiative]:
    """Initiatives of the year's plan in force that the round does not follow yet (added by a revision)."""
    plan = plan_selectors.plan_in_force(round.year)
    if plan is None:
        return []
    followed = set(round.initiatives.exclude(initiative=None).values_list("initiative__lineage", flat=True))
    return [i for i in plan_selectors.initiatives_light().filter(plan=plan) if i.lineage not in followed]


def unanswered_committees() -> QuerySet[RoundCommittee]:
    return RoundCommittee.objects.filter(
        round__status=FollowUpRound.Status.OPEN, answered_at__isnull=True
    ).select_related("round", "body")


def committee_contacts(body: Body) -> list[str]:
    """The committee's e-mail and its digital leads' (on the body or in its administrations)."""
    person_ids = (
        RoleAssignment.objects.filter(role=Role.DIGITAL_LEAD)
        .filter(Q(body=body) | Q(administration__body=body))
        .filter(active_on(timezone.localdate()))
        .values("person_id")
    )
    emails = {p.email for p in Person.objects.filter(pk__in=person_ids, is_active=True) if p.email}
    if body.email:
        emails.add(body.email)
    return sorted(emails)


@dataclass(frozen=True)
class CategorySpend:
    category: str
    planned: Decimal
    spent: Decimal


@dataclass
class RoundFigures:
    """Everything the report and the board's dashboard show, computed from the database."""

    principles: list[RoundPrinciple]
    committees: list[RoundCommittee]
    initiatives: list[InitiativeStatus]
    rag_counts: dict[str, int]
    spend: list[CategorySpend]
    maturity: dict[tuple[int, int], int]  # (committee id, principle id) -> level
    answered: int
    planned_total: Decimal
    spent_total: Decimal

    def maturity_rows(self) -> list[tuple[RoundCommittee, list[int | None]]]:
        return [(c, [self.maturity.get((c.pk, p.pk)) for p in self.principles]) for c in self.committees]

    def principle_averages(self) -> list[float | None]:
        result: list[float | None] = []
        for p in self.principles:
            levels = [v for (c, pid), v in self.maturity.items() if pid == p.pk]
            result.append(round(sum(levels) / len(levels), 1) if levels else None)
        return result


def round_figures(round: FollowUpRound) -> RoundFigures:
    principles = round_principles(round)
    committees = round_committees(round)
    initiatives = list(round_initiatives(round))
    rag_rows = dict(round.initiatives.values_list("rag").annotate(n=Count("id")).values_list("rag", "n"))
    rag_counts = {value: rag_rows.get(value, 0) for value in Rag.values}
    rag_counts["unreported"] = rag_rows.get("", 0)
    spend = [
        CategorySpend(row["category"], row["planned"] or Decimal(0), row["spent"] or Decimal(0))
        for row in round.initiatives.values("category")
        .annotate(planned=Sum("planned_amount"), spent=Sum("spent_amount"))
        .order_by("category")
    ]
    maturity = {(a.committee_id, a.principle_id): a.maturity for c in committees for a in c.answers.all()}
    return RoundFigures(
        principles=principles,
        committees=committees,
        initiatives=initiatives,
        rag_counts=rag_counts,
        spend=spend,
        maturity=maturity,
        answered=sum(1 for c in committees if c.answered_at),
        planned_total=sum((s.planned for s in spend), Decimal(0)),
        spent_total=sum((s.spent for s in spend), Decimal(0)),
    )


# ---------------------------------------------------------------- the board's dashboard


def current_plan() -> DevelopmentPlan | None:
    """The plan the board follows now: the newest one in force for this year or an earlier one
    (a plan decided in October for next year is not yet being carried out), else the newest in force."""
    in_force = DevelopmentPlan.objects.filter(status__in=IN_FORCE).order_by("-year", "-version")
    return in_force.filter(year__lte=timezone.localdate().year).first() or in_force.first()


@dataclass(frozen=True)
class BoardInitiative:
    initiative: Initiative
    planned: Decimal  # the plan's cost for the plan's year
    status: InitiativeStatus | None  # the newest follow-up status, if any

    @property
    def rag(self) -> str:
        return self.status.rag if self.status else ""


@dataclass
class BoardPlan:
    """Every initiative of the current plan with where it stands (the figures the charts draw)."""

    plan: DevelopmentPlan
    rows: list[BoardInitiative]
    rag_counts: dict[str, int]
    spend: list[CategorySpend]
    planned_total: Decimal
    spent_total: Decimal


def board_plan(plan: DevelopmentPlan) -> BoardPlan:
    # Costs only: the dashboard shows neither needs nor principles (a plan carries over a thousand needs).
    initiatives = list(plan_selectors.initiatives_light().filter(plan=plan))
    latest: dict = {}
    for status in (
        InitiativeStatus.objects.filter(initiative__lineage__in=[i.lineage for i in initiatives])
        .select_related("round")
        .annotate(lineage=F("initiative__lineage"))
        .order_by("-round__year", "-pk")
    ):
        latest.setdefault(status.lineage, status)
    rows = [
        BoardInitiative(
            initiative=i,
            planned=next((c.amount for c in i.costs.all() if c.year == plan.year), Decimal(0)),
            status=latest.get(i.lineage),
        )
        for i in initiatives
    ]
    rag_counts = {value: sum(1 for r in rows if r.rag == value) for value in Rag.values}
    rag_counts["unreported"] = sum(1 for r in rows if not r.rag)
    by_category: dict[str, list[Decimal]] = {}
    for row in rows:
        sums = by_category.setdefault(str(row.initiative.get_category_display()), [Decimal(0), Decimal(0)])
        sums[0] += row.planned
        sums[1] += row.status.spent_amount if row.status else Decimal(0)
    spend = [CategorySpend(name, planned, spent) for name, (planned, spent) in sorted(by_category.items())]
    return BoardPlan(
        plan=plan,
        rows=rows,
        rag_counts=rag_counts,
        spend=spend,
        planned_total=sum((s.planned for s in spend), Decimal(0)),
        spent_total=sum((s.spent for s in spend), Decimal(0)),
    )
