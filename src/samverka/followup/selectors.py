"""Reads of the follow-up: rounds, who has answered, and the figures of the report (all from the database)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from samverka.organisation.models import Body, Person, Role, RoleAssignment
from samverka.organisation.selectors import active_on

from .models import FollowUpRound, InitiativeStatus, PrincipleAnswer, Rag, RoundCommittee, RoundPrinciple


def round_list() -> QuerySet[FollowUpRound]:
    return FollowUpRound.objects.select_related("case", "report_document__case").annotate(
        committee_count=Count("committees", distinct=True),
        answered_count=Count("committees", filter=Q(committees__answered_at__isnull=False), distinct=True),
        initiative_count=Count("initiatives", distinct=True),
    )


def round_get(*, year: int) -> FollowUpRound:
    return FollowUpRound.objects.select_related("case", "report_document__case", "opened_by").get(year=year)


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
