"""Reads of meetings and minutes, and the public notice board."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from samverka.core.subqueries import count_of
from samverka.organisation.models import Body, PoliticalAssignment
from samverka.organisation.selectors import body_members, roles_for_user
from samverka.registry.models import Case, Document

from . import dates, workflow
from .models import (
    AgendaItem,
    Attendance,
    DispatchRecipient,
    Disqualification,
    Dissent,
    Extract,
    Meeting,
    Notice,
    Signatory,
    SpecialStatement,
)

MEETING_SORTS = {
    "date": ("starts_at", "id"),
    "-date": ("-starts_at", "-id"),
    "body": ("body__name", "-starts_at"),
    "-body": ("-body__name", "-starts_at"),
    "status": ("status", "-starts_at"),
    "-status": ("-status", "-starts_at"),
}
DEFAULT_MEETING_SORT = "-date"


def meeting_list(
    *, body_id: int | None = None, status: str = "", sort: str = DEFAULT_MEETING_SORT
) -> QuerySet[Meeting]:
    # Counted per shown row (a subquery), not by grouping every meeting's items before the page is cut.
    items = AgendaItem.objects.filter(meeting=OuterRef("pk"))
    qs = Meeting.objects.select_related("body", "secretary").annotate(item_count=count_of(items))
    if body_id:
        qs = qs.filter(body_id=body_id)
    if status in Meeting.Status.values:
        qs = qs.filter(status=status)
    return qs.order_by(*MEETING_SORTS.get(sort, MEETING_SORTS[DEFAULT_MEETING_SORT]))


def meeting_get(pk: int, *, signatories: bool = True) -> Meeting:
    qs = Meeting.objects.select_related("body__parent", "secretary", "created_by")
    if signatories:
        qs = qs.prefetch_related(
            Prefetch("signatories", queryset=Signatory.objects.select_related("person", "signed_by"))
        )
    return qs.get(pk=pk)


def meeting_agenda(meeting: Meeting) -> QuerySet[AgendaItem]:
    """The agenda as the meeting page lists it: each item's case, its dissents (counted) and its
    disqualifications (for the quorum); the item's page reads the rest (`meeting_items`)."""
    return (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("case")
        .prefetch_related("dissents", "disqualifications")
        .order_by("position")
    )


def meeting_items(meeting: Meeting) -> QuerySet[AgendaItem]:
    """The agenda with everything the minutes show, in a fixed number of queries."""
    attendance_qs = Attendance.objects.select_related("person")
    return (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("case__series")
        .prefetch_related(
            Prefetch("supporting_documents", queryset=Document.objects.select_related("document_type", "case")),
            Prefetch("dissents", queryset=Dissent.objects.select_related("attendance__person")),
            Prefetch(
                "statements",
                queryset=SpecialStatement.objects.prefetch_related(Prefetch("members", queryset=attendance_qs)),
            ),
            Prefetch("disqualifications", queryset=Disqualification.objects.select_related("attendance__person")),
            Prefetch("dispatch_recipients", queryset=DispatchRecipient.objects.order_by("position", "id")),
            Prefetch("extracts", queryset=Extract.objects.select_related("document__case")),
        )
        .order_by("position")
    )


def item_get(meeting: Meeting, item_id: int) -> AgendaItem:
    return meeting_items(meeting).get(pk=item_id)


def meeting_attendances(meeting: Meeting) -> QuerySet[Attendance]:
    return (
        Attendance.objects.filter(meeting=meeting)
        .select_related("person", "replaces", "arrives_at_item", "leaves_after_item")
        .order_by("role", "id")
    )


@dataclass(frozen=True)
class Quorum:
    present: int
    members: int

    @property
    def has_quorum(self) -> bool:
        """More than half of the members take part (KL 6 kap. 27 §); unknown size counts as quorate."""
        return self.members == 0 or self.present * 2 > self.members


def body_seat_count(meeting: Meeting) -> int:
    day = timezone.localtime(meeting.starts_at).date()
    return body_members(meeting.body, on=day).filter(kind=PoliticalAssignment.Kind.MEMBER).count()


def quorum_for(item: AgendaItem, *, attendances: list[Attendance] | None = None, seats: int | None = None) -> Quorum:
    meeting = item.meeting
    if attendances is None:
        attendances = list(meeting_attendances(meeting))
    disqualified = {d.attendance_id for d in item.disqualifications.all()}
    present = sum(1 for a in attendances if a.is_deciding and a.present_at(item) and a.pk not in disqualified)
    return Quorum(present=present, members=body_seat_count(meeting) if seats is None else seats)


def deciding_on(item: AgendaItem, attendances: list[Attendance]) -> list[Attendance]:
    disqualified = {d.attendance_id for d in item.disqualifications.all()}
    return [a for a in attendances if a.is_deciding and a.present_at(item) and a.pk not in disqualified]


def paragraph_list(*, meeting: Meeting | None = None) -> QuerySet[AgendaItem]:
    qs = AgendaItem.objects.filter(paragraph_number__isnull=False).select_related("meeting__body", "case__series")
    if meeting is not None:
        qs = qs.filter(meeting=meeting)
    return qs.order_by("meeting__starts_at", "position")


# -- the public notice board --------------------------------------------------------------------


def notice_board(*, today: dt.date | None = None) -> QuerySet[Notice]:
    """What hangs on the notice board today: postings not yet due for take-down."""
    today = today or timezone.localdate()
    return (
        Notice.objects.filter(posted_on__lte=today, takedown_on__gt=today, taken_down_at__isnull=True)
        .select_related("meeting__body")
        .order_by("-posted_on", "-id")
    )


def notice_archive(*, today: dt.date | None = None) -> QuerySet[Notice]:
    today = today or timezone.localdate()
    return (
        Notice.objects.filter(Q(takedown_on__lte=today) | Q(taken_down_at__isnull=False))
        .select_related("meeting__body")
        .order_by("-posted_on", "-id")
    )


def notice_get(pk: int) -> Notice:
    return Notice.objects.select_related("meeting__body").get(pk=pk)


def notices_due_for_take_down(*, today: dt.date) -> QuerySet[Notice]:
    return Notice.objects.filter(takedown_on__lte=today, taken_down_at__isnull=True).select_related("meeting")


# -- the case page and the dashboard ------------------------------------------------------------


def case_decision_chain(case: Case) -> list[AgendaItem]:
    """Every body that has handled the case, in order: Servicenämnden → KSAU → KS."""
    return list(
        AgendaItem.objects.filter(case=case)
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .select_related("meeting__body")
        .order_by("meeting__starts_at", "position")
    )


def previous_decision(item: AgendaItem) -> AgendaItem | None:
    """The decision of the body that handled the case before: the proposal for this one."""
    if item.case_id is None:
        return None
    return (
        AgendaItem.objects.filter(case_id=item.case_id, meeting__starts_at__lt=item.meeting.starts_at)
        .exclude(decision="")
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .select_related("meeting__body")
        .order_by("-meeting__starts_at", "-position")
        .first()
    )


def meetings_to_sign(user) -> QuerySet[Meeting]:
    person_id = roles_for_user(user).person_id
    if not person_id:
        return Meeting.objects.none()
    return (
        Meeting.objects.filter(
            status=Meeting.Status.DRAFTED, signatories__person_id=person_id, signatories__signed_at__isnull=True
        )
        .select_related("body")
        .distinct()
        .order_by("starts_at")
    )


def upcoming_meetings(*, limit: int = 5) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(starts_at__gte=timezone.now())
        .exclude(status=Meeting.Status.CANCELLED)
        .select_related("body")
        .order_by("starts_at")[:limit]
    )


@dataclass(frozen=True)
class Deadline:
    meeting: Meeting
    kind: str  # "verification" or "posting"
    due: dt.date


def deadlines(
    *, today: dt.date | None = None, within_days: int = 3, body_ids: set[int] | None = None
) -> list[Deadline]:
    """Minutes whose verification or posting deadline is near or passed."""
    today = today or timezone.localdate()
    result: list[Deadline] = []
    open_minutes = Meeting.objects.filter(
        status__in=[Meeting.Status.HELD, Meeting.Status.DRAFTED, Meeting.Status.VERIFIED]
    ).select_related("body")
    if body_ids is not None:
        open_minutes = open_minutes.filter(Q(body_id__in=body_ids) | Q(body__parent_id__in=body_ids))
    for meeting in open_minutes:
        if meeting.status == Meeting.Status.VERIFIED:
            kind, due = "posting", dates.posting_deadline(meeting.verified_on or today)
        else:
            kind, due = "verification", dates.verification_deadline(timezone.localtime(meeting.starts_at).date())
        if due - today <= dt.timedelta(days=within_days):
            result.append(Deadline(meeting, kind, due))
    return sorted(result, key=lambda d: d.due)


def body_feed(body_id: int) -> QuerySet[Meeting]:
    return Meeting.objects.filter(body_id=body_id).select_related("body").order_by("starts_at")


MEMO_TYPE_CODE = "tjansteskrivelse"
MEMO_NAME = "Tjänsteskrivelse"
READY_CASES_LIMIT = 50


def cases_ready_for_decision(body: Body, *, limit: int = READY_CASES_LIMIT) -> QuerySet[Case]:
    """Open cases with a memo (a document of the type Tjänsteskrivelse, or whose subject begins
    with the word) that are not already on the agenda of a coming meeting of the body, newest first."""
    memo = Document.objects.filter(case=OuterRef("pk")).filter(
        Q(document_type__code=MEMO_TYPE_CODE)
        | Q(document_type__name__iexact=MEMO_NAME)
        | Q(subject__istartswith=MEMO_NAME)
    )
    on_coming_agenda = AgendaItem.objects.filter(
        case=OuterRef("pk"), meeting__body=body, meeting__status__in=workflow.AGENDA_OPEN
    )
    return (
        Case.objects.filter(status=Case.Status.OPEN)
        .filter(Exists(memo))
        .exclude(Exists(on_coming_agenda))
        .select_related("series__administration")
        .order_by("-opened_on", "-pk")[:limit]
    )


def case_paragraphs(case_id: int | None) -> QuerySet[AgendaItem]:
    """Paragraphs of minutes taken in a case, newest first: the decisions other components rest on
    (a consultation's sending decision, a plan's approval steps)."""
    if case_id is None:
        return AgendaItem.objects.none()
    return (
        AgendaItem.objects.filter(case_id=case_id, paragraph_number__isnull=False)
        .exclude(meeting__status=Meeting.Status.CANCELLED)
        .select_related("meeting__body")
        .order_by("-meeting__starts_at", "-paragraph_number")
    )


def paragraph_date(item: AgendaItem) -> dt.date:
    return timezone.localtime(item.meeting.starts_at).date()


def paragraph_reference(item: AgendaItem) -> str:
    """How minutes cite a paragraph: "KS 2023-10-18 § 269"."""
    return f"{item.meeting.body.short_name} {paragraph_date(item):%Y-%m-%d} § {item.paragraph_number}"


def paragraph_label(item: AgendaItem) -> str:
    """A paragraph as a choice in a form: its citation and the item's title."""
    return f"{paragraph_reference(item)} {item.title}"
