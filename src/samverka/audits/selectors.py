"""Reads of audits: lists, one audit with its findings and actions, what is overdue or due soon."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from samverka.organisation.models import Person, Role, RoleAssignment
from samverka.organisation.selectors import active_on, roles_for_user
from samverka.registry.models import Document

from . import workflow
from .models import Action, ActionEvent, ActionStatus, Audit, AuditReport, Finding

DUE_SOON_DAYS = 14

AUDIT_SORTS = {
    "date": ("report_date", "id"),
    "-date": ("-report_date", "-id"),
    "title": ("title", "id"),
    "-title": ("-title", "-id"),
    "number": ("case__number", "id"),
    "-number": ("-case__number", "-id"),
}
DEFAULT_AUDIT_SORT = "-date"

ACTION_RELATED = (
    "finding__audit__case",
    "responsible_person",
    "responsible_body",
    "responsible_administration",
    "evidence_document__case",
)


def audit_list(*, user, sort: str = DEFAULT_AUDIT_SORT, mine: bool = False) -> QuerySet[Audit]:
    """Every audit with its counts of actions (one query, whatever the number of audits)."""
    today = timezone.localdate()
    qs = Audit.objects.select_related("case", "response_case", "auditor_body").annotate(
        finding_count=Count("findings", distinct=True),
        action_count=Count("findings__actions", distinct=True),
        done_count=Count("findings__actions", filter=Q(findings__actions__status=ActionStatus.DONE), distinct=True),
        overdue_count=Count(
            "findings__actions",
            filter=Q(findings__actions__due_date__lt=today) & ~Q(findings__actions__status=ActionStatus.DONE),
            distinct=True,
        ),
    )
    if mine:
        roles = roles_for_user(user)
        if not (roles.is_superuser or Role.AUDITOR in roles.global_roles):
            qs = qs.filter(auditor_body_id__in=roles.body_ids(Role.AUDITOR))
    return qs.order_by(*AUDIT_SORTS.get(sort, AUDIT_SORTS[DEFAULT_AUDIT_SORT]))


def audit_get(*, pk: int) -> Audit:
    return Audit.objects.select_related(
        "case__series",
        "response_case__series",
        "auditor_body",
        "response_body",
        "statement_document__case",
        "created_by",
    ).get(pk=pk)


def audit_for_case(case) -> Audit | None:
    """The audit whose report or answer is this case, if any."""
    return (
        Audit.objects.select_related("case", "response_case", "auditor_body")
        .filter(Q(case=case) | Q(response_case=case))
        .first()
    )


def audit_findings(audit: Audit) -> list[Finding]:
    """The findings with their actions, in order (two queries)."""
    actions = Action.objects.select_related(*ACTION_RELATED).order_by("sequence")
    return list(audit.findings.prefetch_related(Prefetch("actions", queryset=actions)).order_by("sequence"))


def audit_actions(audit: Audit) -> QuerySet[Action]:
    return (
        Action.objects.filter(finding__audit=audit)
        .select_related(*ACTION_RELATED)
        .order_by("finding__sequence", "sequence")
    )


def audit_reports(audit: Audit) -> QuerySet[AuditReport]:
    return audit.reports.select_related("document__case").order_by("due_date", "id")


def action_get(*, pk: int) -> Action:
    return Action.objects.select_related(
        *ACTION_RELATED, "finding__audit__response_case", "finding__audit__auditor_body"
    ).get(pk=pk)


def action_events(action: Action) -> QuerySet[ActionEvent]:
    return action.events.select_related("author", "created_by__person").order_by("-noted_on", "-created_at", "-id")


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    who: str
    reason: str
    status: str
    due_date: dt.date
    changes: list[str]


def action_history(action: Action) -> list[HistoryEntry]:
    """Every version of the action: who changed it, when, why and which fields."""
    records = list(action.history.select_related("history_user__person").order_by("history_date", "history_id"))
    entries: list[HistoryEntry] = []
    previous = None
    for record in records:
        changes: list[str] = []
        if previous is not None:
            delta = record.diff_against(previous)
            changes = [Action._meta.get_field(change.field).verbose_name for change in delta.changes]
        user = record.history_user
        who = "System" if user is None else (getattr(user, "person", None) or user).__str__()
        entries.append(
            HistoryEntry(
                at=record.history_date,
                who=who,
                reason=record.history_change_reason or "",
                status=ActionStatus(record.status).label,
                due_date=record.due_date,
                changes=[str(c) for c in changes],
            )
        )
        previous = record
    return list(reversed(entries))


def open_actions(*, person_id: int | None = None) -> QuerySet[Action]:
    qs = Action.objects.filter(status__in=workflow.OPEN_STATUSES).select_related(*ACTION_RELATED)
    if person_id is not None:
        qs = qs.filter(responsible_person_id=person_id)
    return qs.order_by("due_date", "id")


def overdue_actions(*, today: dt.date | None = None, person_id: int | None = None) -> QuerySet[Action]:
    today = today or timezone.localdate()
    return open_actions(person_id=person_id).filter(due_date__lt=today)


def reports_due(
    *, today: dt.date | None = None, days: int = DUE_SOON_DAYS, person_id: int | None = None
) -> QuerySet[AuditReport]:
    """Reports not yet submitted that are due within `days` days, or already late. With `person_id`,
    each report says (`mine`) whether that person answers for an action of its audit."""
    today = today or timezone.localdate()
    qs = (
        AuditReport.objects.filter(status=AuditReport.Status.DUE, due_date__lte=today + dt.timedelta(days=days))
        .select_related("audit__case", "audit__response_case")
        .order_by("due_date", "id")
    )
    if person_id is not None:
        qs = qs.annotate(
            mine=Exists(Action.objects.filter(finding__audit_id=OuterRef("audit_id"), responsible_person_id=person_id))
        )
    return qs


def reports_due_for_person(
    *, person_id: int, today: dt.date | None = None, days: int = DUE_SOON_DAYS
) -> QuerySet[AuditReport]:
    """The reports due soon or late of the audits where the person answers for an action (one query)."""
    return reports_due(today=today, days=days, person_id=person_id).filter(mine=True)


def action_counts(*, today: dt.date | None = None) -> dict[str, int]:
    """Actions by status, and how many open ones are overdue (for the board's dashboard)."""
    today = today or timezone.localdate()
    rows = dict(Action.objects.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    counts = {status: rows.get(status, 0) for status in ActionStatus.values}
    counts["overdue"] = Action.objects.filter(status__in=workflow.OPEN_STATUSES, due_date__lt=today).count()
    counts["total"] = sum(rows.values())
    counts["open"] = counts["total"] - counts[ActionStatus.DONE]
    return counts


def governance_people() -> QuerySet[Person]:
    """People who currently hold the IT governance role (they get every reminder)."""
    person_ids = (
        RoleAssignment.objects.filter(role=Role.IT_GOVERNANCE)
        .filter(active_on(timezone.localdate()))
        .values("person_id")
    )
    return Person.objects.filter(pk__in=person_ids, is_active=True)


DOCUMENT_REFERENCE = re.compile(r"^\s*([A-Za-z]{1,12}-\d{4}-\d{1,9})\s*:\s*(\d{1,6})\s*$")


def document_by_reference(reference: str) -> Document | None:
    """A registered document by its number, e.g. `STK-2020-1678:3`."""
    match = DOCUMENT_REFERENCE.match(reference or "")
    if not match:
        return None
    return (
        Document.objects.select_related("case")
        .filter(case__number=match.group(1).upper(), sequence=int(match.group(2)))
        .first()
    )
