"""Reads of the registry, with visibility and masking of secret parts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case as DbCase
from django.db.models import Count, F, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext

from samverka.organisation.selectors import roles_for_user

from . import policies
from .models import Case, CaseRelation, CaseSeries, Document, DocumentFile, DocumentType

CASE_SORTS = {
    "number": ("year", "series__prefix", "sequence"),
    "-number": ("-year", "series__prefix", "-sequence"),
    "title": ("title", "id"),
    "-title": ("-title", "-id"),
    "opened": ("opened_on", "id"),
    "-opened": ("-opened_on", "-id"),
    "status": ("status", "-opened_on", "-id"),
    "-status": ("-status", "-opened_on", "-id"),
}
DEFAULT_CASE_SORT = "-opened"


@dataclass(frozen=True)
class CaseFilters:
    q: str = ""
    series: int | None = None
    status: str = ""
    responsible: int | None = None
    opened_from: dt.date | None = None
    opened_to: dt.date | None = None
    mine: bool = False


def series_list(*, active_only: bool = True) -> QuerySet[CaseSeries]:
    qs = CaseSeries.objects.select_related("body", "administration")
    return qs.filter(is_active=True) if active_only else qs


def series_for_opening(user) -> list[CaseSeries]:
    return [s for s in series_list() if policies.can_open_case(user, s)]


def document_types(*, active_only: bool = True) -> QuerySet[DocumentType]:
    qs = DocumentType.objects.all()
    return qs.filter(is_active=True) if active_only else qs


def case_list(*, user, filters: CaseFilters = CaseFilters(), sort: str = DEFAULT_CASE_SORT) -> QuerySet[Case]:
    """Cases a signed-in member of staff may list. Secret titles are masked in the template
    through `case_title_for`, so the list never leaks them; filtering on text only matches
    the public title unless the user may see the secret one."""
    # The series' administration is needed to decide, row by row, who may read a secret title.
    qs = Case.objects.select_related("series__administration", "responsible_officer")
    if filters.q:
        number_like = filters.q.strip().upper()
        qs = qs.filter(
            Q(number__iexact=number_like)
            | Q(is_secret=False, title__icontains=filters.q)
            | Q(is_secret=True, public_title__icontains=filters.q)
        )
    if filters.series:
        qs = qs.filter(series_id=filters.series)
    if filters.status in Case.Status.values:
        qs = qs.filter(status=filters.status)
    if filters.responsible:
        qs = qs.filter(responsible_officer_id=filters.responsible)
    if filters.mine:
        person_id = roles_for_user(user).person_id
        qs = qs.filter(responsible_officer_id=person_id) if person_id else qs.none()
    if filters.opened_from:
        qs = qs.filter(opened_on__gte=filters.opened_from)
    if filters.opened_to:
        qs = qs.filter(opened_on__lte=filters.opened_to)
    return qs.order_by(*CASE_SORTS.get(sort, CASE_SORTS[DEFAULT_CASE_SORT]))


def case_title_for(user, case: Case) -> str:
    if case.is_secret and not policies.can_view_case_secrets(user, case):
        return case.public_title
    return case.title


def case_get(*, number: str) -> Case:
    return Case.objects.select_related(
        "series__body",
        "series__administration",
        "responsible_officer",
        "responsible_body",
        "responsible_administration",
        "created_by",
    ).get(number=number.upper())


def case_documents(case: Case) -> QuerySet[Document]:
    return (
        Document.objects.filter(case=case)
        .select_related("document_type", "counterpart_body", "counterpart_administration", "counterpart_external")
        .prefetch_related(Prefetch("files", queryset=DocumentFile.objects.order_by("-version")))
        .order_by("sequence")
    )


def case_relations(case: Case) -> list[tuple[Case, str, str]]:
    """Related cases in both directions: (case, note, direction)."""
    relations = CaseRelation.objects.filter(Q(from_case=case) | Q(to_case=case)).select_related(
        "from_case__series", "to_case__series"
    )
    related = [
        (r.to_case, r.note, "out") if r.from_case_id == case.pk else (r.from_case, r.note, "in") for r in relations
    ]
    return sorted(related, key=lambda item: item[0].number)


def document_get(*, case: Case, sequence: int) -> Document:
    return (
        Document.objects.select_related(
            "case__series",
            "document_type",
            "counterpart_body",
            "counterpart_administration",
            "counterpart_external",
            "registered_by",
        )
        .prefetch_related(
            Prefetch("files", queryset=DocumentFile.objects.select_related("uploaded_by").order_by("-version"))
        )
        .get(case=case, sequence=sequence)
    )


@dataclass(frozen=True)
class TimelineEvent:
    at: dt.datetime
    who: str
    what: str
    reason: str
    subject: str


def _who(row: dict) -> str:
    if row["tl_username"] is None:
        return gettext("System")
    if row["tl_first"] is not None:
        return f"{row['tl_first']} {row['tl_last']}".strip()
    return row["tl_username"]


def _timeline_rows(history: QuerySet, **columns) -> QuerySet:
    """One source of the timeline, in the columns every source shares (for one UNION query)."""
    shared = {
        "tl_at": F("history_date"),
        "tl_kind": F("history_type"),
        "tl_reason": F("history_change_reason"),
        "tl_username": F("history_user__username"),
        "tl_first": F("history_user__person__first_name"),
        "tl_last": F("history_user__person__last_name"),
    }
    return history.order_by().values(**shared, **columns)


def case_history_rows(case: Case) -> QuerySet:
    """Who did what and when with the case, its documents, files and references, as rows of one
    UNION query over the four history tables, newest first (sliceable, countable)."""
    no_sequence = Value(None, output_field=IntegerField())
    sources = [
        _timeline_rows(
            case.history.all(),
            tl_source=Value("case"),
            tl_sequence=no_sequence,
            tl_text=Value(""),
            tl_secret=Value(False),
        ),
        _timeline_rows(
            Document.history.filter(case_id=case.pk),
            tl_source=Value("document"),
            tl_sequence=F("sequence"),
            tl_text=F("subject"),
            tl_secret=F("is_secret"),
        ),
        # A file's name is as protected as its content: secret with its document or case.
        _timeline_rows(
            DocumentFile.history.filter(document__case_id=case.pk),
            tl_source=Value("file"),
            tl_sequence=F("document__sequence"),
            tl_text=F("filename"),
            tl_secret=F("document__is_secret"),
        ),
        _timeline_rows(
            CaseRelation.history.filter(Q(from_case_id=case.pk) | Q(to_case_id=case.pk)),
            tl_source=Value("relation"),
            tl_sequence=no_sequence,
            tl_text=DbCase(When(from_case_id=case.pk, then=F("to_case__number")), default=F("from_case__number")),
            tl_secret=Value(False),
        ),
    ]
    return sources[0].union(*sources[1:], all=True).order_by("-tl_at", "-tl_source")


def timeline_events(case: Case, rows, *, show_secrets: bool) -> list[TimelineEvent]:
    """The rows of `case_history_rows` as events, secret subjects and file names masked."""
    labels = {"+": gettext("Skapad"), "~": gettext("Ändrad"), "-": gettext("Borttagen")}
    relation_labels = {"+": gettext("Kopplad"), "~": gettext("Koppling ändrad"), "-": gettext("Koppling borttagen")}
    masked = {"document": gettext("Handling med sekretess"), "file": gettext("Fil med sekretess")}
    events = []
    for row in rows:
        source = row["tl_source"]
        if source == "case":
            what, subject = labels[row["tl_kind"]], case.number
        elif source == "relation":
            what, subject = relation_labels[row["tl_kind"]], gettext("till %(number)s") % {"number": row["tl_text"]}
        else:
            secret = (row["tl_secret"] or case.is_secret) if source == "file" else row["tl_secret"]
            text = masked[source] if secret and not show_secrets else row["tl_text"]
            what, subject = labels[row["tl_kind"]], f"{case.number}:{row['tl_sequence']} {text}"
        events.append(TimelineEvent(row["tl_at"], _who(row), what, row["tl_reason"] or "", subject))
    return events


def case_timeline(case: Case, *, show_secrets: bool, limit: int | None = None) -> list[TimelineEvent]:
    """The case's history, newest first (the newest `limit` events when given)."""
    rows = case_history_rows(case)
    return timeline_events(case, rows if limit is None else rows[:limit], show_secrets=show_secrets)


def late_registrations(*, since: dt.date | None = None) -> QuerySet[Document]:
    """Documents registered later than the day they arrived or were created (OSL 5 kap. 1 §);
    the same rule as `Document.registered_late`, which flags them on every page and in the export."""
    qs = Document.objects.filter(registered_on__gt=F("document_date"))
    if since:
        qs = qs.filter(registered_on__gte=since)
    return qs.select_related("case__series", "document_type").order_by("-registered_on", "-id")


def registry_period(*, start: dt.date, end: dt.date) -> QuerySet[Document]:
    return (
        Document.objects.filter(registered_on__gte=start, registered_on__lte=end)
        .select_related(
            "case__series", "document_type", "counterpart_body", "counterpart_administration", "counterpart_external"
        )
        .order_by("registered_on", "case__series__prefix", "case__year", "case__sequence", "sequence")
    )


def my_open_cases(user, *, limit: int = 10) -> QuerySet[Case]:
    person_id = roles_for_user(user).person_id
    if not person_id:
        return Case.objects.none()
    return (
        Case.objects.filter(responsible_officer_id=person_id, status=Case.Status.OPEN)
        .select_related("series")
        .annotate(document_count=Count("documents"))
        .order_by("-opened_on", "-id")[:limit]
    )


def recent_documents(user, *, days: int = 14, limit: int = 10) -> QuerySet[Document]:
    since = timezone.localdate() - dt.timedelta(days=days)
    roles = roles_for_user(user)
    qs = Document.objects.filter(registered_on__gte=since).select_related("case__series", "document_type")
    if not roles.is_administrator and roles.person_id:
        qs = qs.filter(Q(case__responsible_officer_id=roles.person_id) | Q(registered_by=user))
    return qs.order_by("-registered_at")[:limit]


def registry_export_rows(*, start: dt.date, end: dt.date) -> list[dict]:
    """The registry for a period, as public entries (secret documents keep only their public description)."""
    return [
        {
            "registered_on": d.registered_on.isoformat(),
            "number": d.number,
            "document_date": d.document_date.isoformat(),
            "direction": d.get_direction_display(),
            "document_type": d.document_type.name,
            "counterpart": d.counterpart,
            "subject": d.subject,
            "secret": d.is_secret or d.case.is_secret,
            "secrecy_reference": d.secrecy_reference or d.case.secrecy_reference,
            "late": d.registered_late,
            "case_title": d.case.display_public_title,
        }
        for d in registry_period(start=start, end=end)
    ]
