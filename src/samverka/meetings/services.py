"""Writes to meetings and minutes. Every function checks its policy and the meeting's status,
validates, and records who, when and why. Verified minutes never change through any of them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from samverka.core.errors import DomainError, PermissionDenied
from samverka.core.history import stamp as _stamp
from samverka.organisation.models import Administration, Body, ExternalParty, Person
from samverka.organisation.selectors import roles_for_user
from samverka.registry import policies as registry_policies
from samverka.registry.models import Case, Document

from . import conf, dates, policies, workflow
from .models import (
    AgendaItem,
    Attendance,
    DispatchRecipient,
    Disqualification,
    Dissent,
    Extract,
    Meeting,
    Notice,
    ParagraphCounter,
    Signatory,
    SpecialStatement,
)

S = Meeting.Status
LOCKED_MESSAGE = "Protokollet är justerat. Ingenting i det kan ändras längre."


def _save(obj: Any, actor, reason: str, update_fields: list[str] | None = None) -> None:
    obj.full_clean()
    _stamp(obj, actor, reason)
    obj.save(update_fields=update_fields)


def _lock_meeting(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().select_related("body").get(pk=meeting.pk)


def _require(allowed: bool, message: str = "Du har inte behörighet att göra detta.") -> None:
    if not allowed:
        raise PermissionDenied(message)


def _check_open(meeting: Meeting, statuses: Iterable[str], what: str) -> None:
    if meeting.is_locked:
        raise DomainError(LOCKED_MESSAGE, code="locked")
    if meeting.status not in statuses:
        raise DomainError(
            f"{what} går inte när sammanträdet är {Meeting.Status(meeting.status).label.lower()}.",
            code="invalid_status",
        )


def _check_item_open(item: AgendaItem) -> None:
    if item.immediately_verified_at:
        raise DomainError(
            f"{item.paragraph_label or 'Punkten'} är omedelbart justerad och kan inte ändras.", code="locked"
        )


def _lock_item(item: AgendaItem) -> tuple[Meeting, AgendaItem]:
    meeting = _lock_meeting(item.meeting)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    item.meeting = meeting
    return meeting, item


def _local_date(value: dt.datetime) -> dt.date:
    return timezone.localtime(value).date()


# -- planning -----------------------------------------------------------------------------------


@transaction.atomic
def meeting_plan(
    *,
    actor,
    body: Body,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    place: str,
    secretary: Person | None = None,
) -> Meeting:
    _require(policies.can_plan_meeting(actor, body), f"Du får inte planera sammanträden för {body}.")
    if not body.is_active:
        raise DomainError(f"{body} är inte längre aktivt.")
    if ends_at < starts_at:
        raise DomainError("Sammanträdet kan inte sluta innan det börjar.", code="dates_out_of_order")
    if secretary is None:
        person_id = roles_for_user(actor).person_id
        secretary = Person.objects.filter(pk=person_id).first() if person_id else None
    meeting = Meeting(
        body=body, starts_at=starts_at, ends_at=ends_at, place=place.strip(), secretary=secretary, created_by=actor
    )
    _save(meeting, actor, "Sammanträdet planerades")
    return meeting


MEETING_EDITABLE_FIELDS = ("starts_at", "ends_at", "place", "secretary")


@transaction.atomic
def meeting_update(*, actor, meeting: Meeting, reason: str = "", **changes: Any) -> Meeting:
    meeting = _lock_meeting(meeting)
    _require(policies.can_manage_meeting(actor, meeting))
    _check_open(meeting, workflow.AGENDA_OPEN, "Att ändra tid och plats")
    unknown = set(changes) - set(MEETING_EDITABLE_FIELDS)
    if unknown:
        raise DomainError(f"Dessa uppgifter kan inte ändras: {', '.join(sorted(unknown))}.")
    changed = [name for name, value in changes.items() if getattr(meeting, name) != value]
    for name in changed:
        value = changes[name]
        setattr(meeting, name, value.strip() if isinstance(value, str) else value)
    if meeting.ends_at < meeting.starts_at:
        raise DomainError("Sammanträdet kan inte sluta innan det börjar.", code="dates_out_of_order")
    if changed:
        _save(meeting, actor, reason or "Tid eller plats ändrades", update_fields=changed)
    return meeting


@transaction.atomic
def agenda_item_add(
    *,
    actor,
    meeting: Meeting,
    title: str,
    kind: str = AgendaItem.Kind.DECISION,
    case: Case | None = None,
    summary: str = "",
    proposal: str = "",
    decision_intro: str = "",
    supporting_documents: Iterable[Document] = (),
) -> AgendaItem:
    """Put an item on the agenda; a case's memo and supporting documents come with it. Without a
    proposal, the decision of the body that handled the case before (SN → KSAU → KS) is the proposal."""
    meeting = _lock_meeting(meeting)
    _require(policies.can_manage_meeting(actor, meeting))
    _check_open(meeting, workflow.AGENDA_OPEN, "Att lägga till punkter på föredragningslistan")
    if kind not in AgendaItem.Kind.values:
        raise DomainError("Okänd typ av punkt: välj beslutsärende, informationsärende eller val.")
    documents = _check_documents(case, supporting_documents)
    if case is not None and case.status == Case.Status.CLOSED:
        raise DomainError(f"Ärende {case.number} är avslutat och kan inte tas upp.")
    if kind == AgendaItem.Kind.DECISION and case is None:
        raise DomainError("Ett beslutsärende behöver ett diarienummer.", code="case_required")
    last = AgendaItem.objects.filter(meeting=meeting).aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem(
        meeting=meeting,
        position=last + 1,
        kind=kind,
        title=title.strip(),
        case=case,
        summary=summary.strip(),
        proposal=proposal.strip(),
        decision_intro=decision_intro.strip() or f"{meeting.body.name} beslutar",
    )
    if not item.proposal and case is not None and kind != AgendaItem.Kind.INFORMATION:
        from . import selectors

        previous = selectors.previous_decision(item)
        if previous is not None:
            item.proposal = previous.decision.strip()
    _save(item, actor, "Punkten lades till på föredragningslistan")
    if documents:
        _set_documents(item, documents, actor, "Beslutsunderlaget lades till")
    return item


def _set_documents(item: AgendaItem, documents: list[Document], actor, reason: str) -> None:
    """Replace the supporting documents; the item's history gets one record with the new list (the
    many-to-many signals would write one for the removal and one for the addition)."""
    item.skip_history_when_saving = True
    try:
        item.supporting_documents.set(documents)
    finally:
        del item.skip_history_when_saving
    _save(item, actor, reason)


def _check_documents(case: Case | None, documents: Iterable[Document]) -> list[Document]:
    """Supporting documents are documents of the item's own case."""
    documents = list(documents)
    if documents and case is None:
        raise DomainError(
            "Beslutsunderlag kan bara anges för en punkt som hör till ett ärende.",
            code="case_required",
            field="supporting_documents",
        )
    if case is not None and any(d.case_id != case.pk for d in documents):
        raise DomainError(
            f"Beslutsunderlaget måste höra till ärende {case.number}.", code="wrong_case", field="supporting_documents"
        )
    return documents


AGENDA_EDITABLE_FIELDS = ("title", "kind", "summary", "proposal", "decision_intro")


@transaction.atomic
def agenda_item_update(
    *,
    actor,
    item: AgendaItem,
    reason: str = "",
    supporting_documents: Iterable[Document] | None = None,
    **changes: Any,
) -> AgendaItem:
    """Change an item's wording and supporting documents: before the meeting, and in the minutes
    until they are verified. `supporting_documents` replaces the list; None leaves it as it is."""
    meeting, item = _lock_item(item)
    _require(policies.can_manage_meeting(actor, meeting))
    _check_open(meeting, workflow.ITEMS_OPEN, "Att ändra punkten")
    _check_item_open(item)
    unknown = set(changes) - set(AGENDA_EDITABLE_FIELDS)
    if unknown:
        raise DomainError(f"Dessa uppgifter kan inte ändras: {', '.join(sorted(unknown))}.")
    if "kind" in changes and meeting.status not in workflow.AGENDA_OPEN:
        raise DomainError("Punktens typ kan bara ändras före sammanträdet.")
    documents = None if supporting_documents is None else _check_documents(item.case, supporting_documents)
    changed = [name for name, value in changes.items() if getattr(item, name) != value]
    for name in changed:
        value = changes[name]
        setattr(item, name, value.strip() if isinstance(value, str) else value)
    if changed:
        _save(item, actor, reason or "Punkten ändrades", update_fields=changed)
    if documents is not None and {d.pk for d in documents} != set(
        item.supporting_documents.values_list("pk", flat=True)
    ):
        _set_documents(item, documents, actor, reason or "Beslutsunderlaget ändrades")
    return item


MOVE_DIRECTIONS = ("up", "down")


@transaction.atomic
def agenda_item_move(*, actor, item: AgendaItem, direction: str) -> AgendaItem:
    """Swap the item with its neighbour above ("up") or below ("down") on the agenda. Only items
    without a paragraph number move: once numbered, the numbers follow the order."""
    if direction not in MOVE_DIRECTIONS:
        raise DomainError("Ange om punkten ska flyttas upp eller ned.", code="invalid_direction")
    meeting, item = _lock_item(item)
    _require(policies.can_manage_meeting(actor, meeting))
    _check_open(meeting, workflow.AGENDA_OPEN, "Att ändra ordningen på föredragningslistan")
    _check_item_open(item)
    if item.paragraph_number:
        raise DomainError(
            f"{item.paragraph_label} har redan fått sitt paragrafnummer och kan inte flyttas.", code="numbered"
        )
    others = AgendaItem.objects.select_for_update().filter(meeting=meeting)
    if direction == "up":
        neighbour = others.filter(position__lt=item.position).order_by("-position").first()
    else:
        neighbour = others.filter(position__gt=item.position).order_by("position").first()
    if neighbour is None:
        where = "först" if direction == "up" else "sist"
        raise DomainError(f"Punkten står redan {where} på föredragningslistan.", code="at_edge")
    if neighbour.paragraph_number:
        raise DomainError(
            f"Punkten kan inte flyttas förbi {neighbour.paragraph_label}, som redan har sitt paragrafnummer.",
            code="numbered",
        )
    mine, theirs = item.position, neighbour.position
    # (meeting, position) is unique: park the item at 0 (positions start at 1) while the two swap.
    AgendaItem.objects.filter(pk=item.pk).update(position=0)
    neighbour.position = mine
    _save(neighbour, actor, "Punkten flyttades på föredragningslistan", update_fields=["position"])
    item.position = theirs
    _save(item, actor, "Punkten flyttades på föredragningslistan", update_fields=["position"])
    return item


# -- the steps of the workflow -------------------------------------------------------------------


@transaction.atomic
def meeting_call(*, actor, meeting: Meeting) -> Meeting:
    """Send the notice of meeting with the agenda to members and substitutes (as a background task)."""
    meeting = _lock_meeting(meeting)
    _require(policies.can_manage_meeting(actor, meeting))
    workflow.check_transition(meeting, S.CALLED)
    if not meeting.items.exists():
        raise DomainError("Lägg till minst en punkt på föredragningslistan innan kallelsen skickas.")
    if meeting.secretary_id is None:
        raise DomainError("Ange sammanträdets sekreterare innan kallelsen skickas.")
    meeting.status = S.CALLED
    meeting.called_at = timezone.now()
    _save(meeting, actor, "Kallelsen skickades", update_fields=["status", "called_at"])
    if meeting.body.kind == Body.Kind.COUNCIL:
        _announce_council_meeting(actor=actor, meeting=meeting)
    from .tasks import send_meeting_notice

    meeting_id = meeting.pk
    transaction.on_commit(lambda: send_meeting_notice.enqueue(meeting_id))
    return meeting


def _announce_council_meeting(*, actor, meeting: Meeting) -> Notice:
    """The council's meetings are announced on the notice board until the meeting day."""
    today = timezone.localdate()
    notice = Notice(
        kind=Notice.Kind.ANNOUNCEMENT,
        meeting=meeting,
        title=f"Kungörelse: {meeting.body.name} sammanträder {_local_date(meeting.starts_at):%Y-%m-%d}",
        posted_on=today,
        takedown_on=max(today, _local_date(meeting.starts_at)),
        kept_at=meeting.place,
        posted_by=actor,
    )
    _save(notice, actor, "Sammanträdet kungjordes")
    return notice


@transaction.atomic
def meeting_cancel(*, actor, meeting: Meeting, reason: str) -> Meeting:
    meeting = _lock_meeting(meeting)
    _require(policies.can_manage_meeting(actor, meeting))
    workflow.check_transition(meeting, S.CANCELLED)
    if not reason.strip():
        raise DomainError("Ange varför sammanträdet ställs in.", code="reason_required")
    meeting.status = S.CANCELLED
    _save(meeting, actor, f"Sammanträdet ställdes in: {reason.strip()}", update_fields=["status"])
    return meeting


def _allocate_paragraph_numbers(body: Body, year: int, count: int, *, first: int | None = None) -> list[int]:
    """The next `count` paragraph numbers of the body for the year, gap-free: the counter row is
    locked until commit. `first` is only for importing older minutes that already have numbers."""
    ParagraphCounter.objects.bulk_create([ParagraphCounter(body=body, year=year, last_number=0)], ignore_conflicts=True)
    counter = ParagraphCounter.objects.select_for_update().get(body=body, year=year)
    if first is not None:
        if first <= counter.last_number:
            raise DomainError(f"§ {first} är redan använd för {body.short_name} {year}.", code="paragraph_taken")
        start = first
    else:
        start = counter.last_number + 1
    counter.last_number = start + count - 1
    counter.save(update_fields=["last_number"])
    return list(range(start, start + count))


def _number_paragraphs(actor, meeting: Meeting, *, first: int | None = None) -> None:
    """Give every item of the meeting that has no paragraph number yet the next ones, in order."""
    items = list(meeting.items.select_for_update().filter(paragraph_number__isnull=True).order_by("position"))
    if not items:
        return
    year = _local_date(meeting.starts_at).year
    numbers = _allocate_paragraph_numbers(meeting.body, year, len(items), first=first)
    for item, number in zip(items, numbers, strict=True):
        item.paragraph_body = meeting.body
        item.paragraph_year = year
        item.paragraph_number = number
        _save(
            item,
            actor,
            f"Punkten fick § {number}",
            update_fields=["paragraph_body", "paragraph_year", "paragraph_number"],
        )


@transaction.atomic
def meeting_hold(*, actor, meeting: Meeting, first_paragraph_number: int | None = None) -> Meeting:
    """The meeting has ended: the items become numbered paragraphs; dissents can no longer be announced."""
    meeting = _lock_meeting(meeting)
    _require(policies.can_manage_meeting(actor, meeting))
    workflow.check_transition(meeting, S.HELD)
    if meeting.starts_at > timezone.now():
        raise DomainError("Sammanträdet kan inte avslutas innan det har börjat.", code="dates_out_of_order")
    if not meeting.attendances.filter(role__in=[Attendance.Role.MEMBER, Attendance.Role.SERVING_SUBSTITUTE]).exists():
        raise DomainError("Registrera närvaron (minst en beslutande ledamot) innan sammanträdet avslutas.")
    _number_paragraphs(actor, meeting, first=first_paragraph_number)
    meeting.status = S.HELD
    meeting.held_at = timezone.now()
    _save(meeting, actor, "Sammanträdet avslutades", update_fields=["status", "held_at"])
    return meeting


@transaction.atomic
def signatories_set(
    *, actor, meeting: Meeting, chair: Person, verifiers: Iterable[Person], secretary: Person | None = None
) -> list[Signatory]:
    """Name who signs the minutes: the chair, one or more verifiers, and the secretary."""
    meeting = _lock_meeting(meeting)
    _require(policies.can_manage_meeting(actor, meeting))
    _check_open(meeting, workflow.MINUTES_OPEN, "Att utse justerare")
    if meeting.signatories.filter(signed_at__isnull=False).exists():
        raise DomainError("Någon har redan signerat protokollet; justerarna kan inte bytas.")
    verifiers = list(verifiers)
    if not verifiers:
        raise DomainError("Utse minst en justerare.", code="verifier_required")
    if chair in verifiers:
        raise DomainError("Ordföranden kan inte också vara justerare.")
    secretary = secretary or meeting.secretary
    if secretary is None:
        raise DomainError("Ange sammanträdets sekreterare.")
    deciding = set(
        meeting.attendances.filter(role__in=[Attendance.Role.MEMBER, Attendance.Role.SERVING_SUBSTITUTE]).values_list(
            "person_id", flat=True
        )
    )
    for person in [chair, *verifiers]:
        if person.pk not in deciding:
            raise DomainError(f"{person} är inte beslutande ledamot vid sammanträdet och kan inte justera.")
    wanted = [(secretary, Signatory.Role.SECRETARY), (chair, Signatory.Role.CHAIR)] + [
        (person, Signatory.Role.VERIFIER) for person in verifiers
    ]
    existing = {(s.person_id, s.role): s for s in meeting.signatories.all()}
    result = []
    for person, role in wanted:
        signatory = existing.pop((person.pk, role), None) or Signatory(meeting=meeting, person=person, role=role)
        if signatory.pk is None:
            _save(signatory, actor, "Utsedd att underteckna protokollet")
        result.append(signatory)
    if existing:
        raise DomainError(
            "Tidigare utsedda undertecknare kan inte tas bort; de finns kvar i protokollets historik. "
            "Utse samma personer eller fler.",
            code="signatory_removed",
        )
    if meeting.secretary_id != secretary.pk:
        meeting.secretary = secretary
        _save(meeting, actor, "Sekreterare ändrades", update_fields=["secretary"])
    return result


@transaction.atomic
def minutes_draft(*, actor, meeting: Meeting) -> Meeting:
    """The secretary has written the minutes; they go to the chair and verifiers for signing."""
    meeting = _lock_meeting(meeting)
    _require(policies.can_manage_meeting(actor, meeting))
    workflow.check_transition(meeting, S.DRAFTED)
    roles = set(meeting.signatories.values_list("role", flat=True))
    if not {Signatory.Role.CHAIR, Signatory.Role.VERIFIER, Signatory.Role.SECRETARY} <= roles:
        raise DomainError("Utse ordförande, minst en justerare och sekreterare innan protokollet upprättas.")
    missing = [
        item.paragraph_label
        for item in meeting.items.filter(kind__in=[AgendaItem.Kind.DECISION, AgendaItem.Kind.ELECTION]).order_by(
            "position"
        )
        if not item.decision.strip()
    ]
    if missing:
        raise DomainError(f"Beslut saknas för {', '.join(missing)}.", code="decision_missing")
    meeting.status = S.DRAFTED
    meeting.drafted_at = timezone.now()
    _save(meeting, actor, "Protokollet upprättades", update_fields=["status", "drafted_at"])
    return meeting


@transaction.atomic
def minutes_sign(*, actor, meeting: Meeting, method: str = "") -> Meeting:
    """The signed-in chair, verifier or secretary signs; when all have signed, the minutes are
    verified, lock, and are rendered and sealed in the background."""
    meeting = _lock_meeting(meeting)
    person_id = roles_for_user(actor).person_id
    mine = list(meeting.signatories.select_for_update().filter(person_id=person_id)) if person_id else []
    if not mine:
        raise PermissionDenied("Bara ordföranden, justerarna och sekreteraren kan underteckna protokollet.")
    if meeting.is_locked:
        raise DomainError(LOCKED_MESSAGE, code="locked")
    if meeting.status != S.DRAFTED:
        raise DomainError("Protokollet kan undertecknas först när det är upprättat.", code="invalid_status")
    unsigned = [s for s in mine if s.signed_at is None]
    if not unsigned:
        raise DomainError("Du har redan undertecknat protokollet.", code="already_signed")
    now = timezone.now()
    late = dates.verification_deadline(_local_date(meeting.starts_at)) < timezone.localdate()
    for signatory in unsigned:
        signatory.signed_at = now
        signatory.signed_by = actor
        signatory.sign_in_method = method[:200]
        reason = "Undertecknade protokollet" + (" (efter lagstadgad tid för justering)" if late else "")
        _save(signatory, actor, reason, update_fields=["signed_at", "signed_by", "sign_in_method"])
    if not meeting.signatories.filter(signed_at__isnull=True).exists():
        workflow.check_transition(meeting, S.VERIFIED)
        meeting.status = S.VERIFIED
        meeting.verified_at = now
        meeting.verified_on = timezone.localdate()
        _save(meeting, actor, "Protokollet justerades", update_fields=["status", "verified_at", "verified_on"])
        from .tasks import seal_minutes

        meeting_id = meeting.pk
        transaction.on_commit(lambda: seal_minutes.enqueue(meeting_id))
    return meeting


@transaction.atomic
def minutes_post(*, actor, meeting: Meeting, posted_on: dt.date | None = None) -> Notice:
    """Post the verified minutes on the notice board for the full appeal period (three weeks)."""
    meeting = _lock_meeting(meeting)
    _require(policies.can_post_minutes(actor, meeting))
    workflow.check_transition(meeting, S.POSTED)
    today = timezone.localdate()
    posted_on = posted_on or today
    if posted_on > today:
        raise DomainError("Anslaget kan inte dateras i framtiden.", code="dates_out_of_order")
    if meeting.verified_on and posted_on < meeting.verified_on:
        raise DomainError("Protokollet kan inte anslås före justeringen.", code="dates_out_of_order")
    appeal_ends_on = dates.appeal_period_end(posted_on)
    notice = Notice(
        kind=Notice.Kind.MINUTES,
        meeting=meeting,
        title=f"Protokoll {meeting.body.name} {_local_date(meeting.starts_at):%Y-%m-%d}",
        posted_on=posted_on,
        takedown_on=appeal_ends_on + dt.timedelta(days=1),
        appeal_ends_on=appeal_ends_on,
        kept_at=conf.minutes_kept_at(),
        posted_late=bool(meeting.verified_on and posted_on > dates.posting_deadline(meeting.verified_on)),
        posted_by=actor,
    )
    _save(notice, actor, "Protokollet anslogs")
    meeting.status = S.POSTED
    _save(meeting, actor, f"Protokollet anslogs {posted_on:%Y-%m-%d}", update_fields=["status"])
    return notice


@transaction.atomic
def notice_take_down(*, actor, notice: Notice, today: dt.date | None = None) -> Notice:
    """Take a posting down: never before its take-down date (the full appeal period)."""
    notice = Notice.objects.select_for_update().select_related("meeting__body").get(pk=notice.pk)
    today = today or timezone.localdate()
    if actor is not None and getattr(actor, "is_authenticated", False) and not actor.is_superuser:
        _require(policies.can_post_minutes(actor, notice.meeting))
    if notice.taken_down_at:
        raise DomainError("Anslaget är redan nedtaget.", code="invalid_transition")
    if today < notice.takedown_on:
        raise DomainError(
            f"Anslaget ska sitta uppe till {notice.takedown_on:%Y-%m-%d} och kan inte tas ned tidigare.",
            code="too_early",
        )
    notice.taken_down_at = timezone.now()
    _save(notice, actor, "Anslaget togs ned", update_fields=["taken_down_at"])
    if notice.kind == Notice.Kind.MINUTES:
        meeting = _lock_meeting(notice.meeting)
        workflow.check_transition(meeting, S.APPEAL_OVER)
        meeting.status = S.APPEAL_OVER
        _save(meeting, actor, "Överklagandetiden gick ut", update_fields=["status"])
    return notice


# -- at the meeting ------------------------------------------------------------------------------


@transaction.atomic
def attendance_record(
    *,
    actor,
    meeting: Meeting,
    person: Person,
    role: str,
    party: str = "",
    title: str = "",
    replaces: Person | None = None,
    arrives_at_item: AgendaItem | None = None,
    leaves_after_item: AgendaItem | None = None,
) -> Attendance:
    meeting = _lock_meeting(meeting)
    _require(policies.can_manage_meeting(actor, meeting))
    _check_open(meeting, workflow.ATTENDANCE_OPEN, "Att registrera närvaro")
    if role == Attendance.Role.SERVING_SUBSTITUTE and replaces is None:
        raise DomainError("Ange vilken ledamot den tjänstgörande ersättaren ersätter.", code="replaces_required")
    if role != Attendance.Role.SERVING_SUBSTITUTE and replaces is not None:
        raise DomainError("Bara en tjänstgörande ersättare ersätter någon.")
    if replaces is not None and replaces.pk == person.pk:
        raise DomainError("En ersättare kan inte ersätta sig själv.")
    if replaces is not None and meeting.attendances.filter(person=replaces, role=Attendance.Role.MEMBER).exists():
        raise DomainError(f"{replaces} är själv närvarande som ledamot.")
    for item in (arrives_at_item, leaves_after_item):
        if item is not None and item.meeting_id != meeting.pk:
            raise DomainError("Punkten hör inte till sammanträdet.")
    if arrives_at_item and leaves_after_item and leaves_after_item.position < arrives_at_item.position:
        raise DomainError("Ledamoten kan inte lämna före den punkt där hen kom.", code="dates_out_of_order")
    if meeting.attendances.filter(person=person).exists():
        raise DomainError(f"{person} är redan registrerad som närvarande.", code="duplicate")
    attendance = Attendance(
        meeting=meeting,
        person=person,
        role=role,
        party=party.strip(),
        title=title.strip(),
        replaces=replaces,
        arrives_at_item=arrives_at_item,
        leaves_after_item=leaves_after_item,
    )
    _save(attendance, actor, "Närvaro registrerades")
    return attendance


@transaction.atomic
def attendance_update(
    *,
    actor,
    attendance: Attendance,
    arrives_at_item: AgendaItem | None,
    leaves_after_item: AgendaItem | None,
) -> Attendance:
    """Record when a member arrived or left, per item."""
    meeting = _lock_meeting(attendance.meeting)
    _require(policies.can_manage_meeting(actor, meeting))
    _check_open(meeting, workflow.ATTENDANCE_OPEN, "Att ändra närvaron")
    attendance = Attendance.objects.select_for_update().get(pk=attendance.pk)
    for item in (arrives_at_item, leaves_after_item):
        if item is not None and item.meeting_id != meeting.pk:
            raise DomainError("Punkten hör inte till sammanträdet.")
    if arrives_at_item and leaves_after_item and leaves_after_item.position < arrives_at_item.position:
        raise DomainError("Ledamoten kan inte lämna före den punkt där hen kom.", code="dates_out_of_order")
    attendance.arrives_at_item = arrives_at_item
    attendance.leaves_after_item = leaves_after_item
    _save(attendance, actor, "Ankomst eller avgång ändrades", update_fields=["arrives_at_item", "leaves_after_item"])
    return attendance


def _deciding_on(item: AgendaItem, attendance: Attendance) -> bool:
    return (
        attendance.meeting_id == item.meeting_id
        and attendance.is_deciding
        and attendance.present_at(item)
        and not item.disqualifications.filter(attendance=attendance).exists()
    )


@transaction.atomic
def disqualification_record(*, actor, item: AgendaItem, attendance: Attendance, reason: str = "") -> Disqualification:
    """Jäv: the member takes no part in the item."""
    meeting, item = _lock_item(item)
    _require(policies.can_manage_meeting(actor, meeting))
    _check_open(meeting, workflow.ANNOUNCEMENTS_OPEN, "Att anmäla jäv")
    _check_item_open(item)
    if attendance.meeting_id != meeting.pk:
        raise DomainError("Personen är inte registrerad vid sammanträdet.")
    if item.dissents.filter(attendance=attendance).exists() or item.statements.filter(members=attendance).exists():
        raise DomainError(f"{attendance.person} har redan deltagit i beslutet i {item} och kan inte anmäla jäv.")
    if item.disqualifications.filter(attendance=attendance).exists():
        raise DomainError(f"Jäv för {attendance.person} är redan anmält.", code="duplicate")
    disqualification = Disqualification(item=item, attendance=attendance, reason=reason.strip())
    _save(disqualification, actor, "Jäv anmäldes")
    return disqualification


@transaction.atomic
def decision_record(
    *, actor, item: AgendaItem, decision: str, decision_intro: str = "", accept_no_quorum: bool = False
) -> AgendaItem:
    """Record the item's decision (one numbered point per line). Without a quorum the secretary
    is warned and must confirm."""
    from . import selectors

    meeting, item = _lock_item(item)
    _require(policies.can_manage_meeting(actor, meeting))
    _check_open(meeting, workflow.DECISIONS_OPEN, "Att protokollföra beslut")
    _check_item_open(item)
    if not decision.strip():
        raise DomainError("Skriv beslutet (en beslutspunkt per rad).", code="decision_missing")
    if item.kind == AgendaItem.Kind.INFORMATION and not decision.strip():
        raise DomainError("Skriv vad som antecknades.")
    quorum = selectors.quorum_for(item)
    if not quorum.has_quorum and not accept_no_quorum:
        raise DomainError(
            f"Nämnden är inte beslutför vid {item.paragraph_label or 'punkten'}: {quorum.present} av "
            f"{quorum.members} ledamöter deltar (mer än hälften krävs). Bekräfta för att ändå protokollföra.",
            code="no_quorum",
        )
    item.decision = "\n".join(line.strip() for line in decision.strip().splitlines() if line.strip())
    if decision_intro.strip():
        item.decision_intro = decision_intro.strip()
    item.decision_recorded_at = item.decision_recorded_at or timezone.now()
    _save(item, actor, "Beslutet protokollfördes", update_fields=["decision", "decision_intro", "decision_recorded_at"])
    return item


@transaction.atomic
def item_verify_immediately(*, actor, item: AgendaItem) -> AgendaItem:
    """Omedelbar justering: the decision is final in its wording at the meeting."""
    meeting, item = _lock_item(item)
    _require(policies.can_manage_meeting(actor, meeting))
    _check_open(meeting, (S.CALLED,), "Omedelbar justering")
    _check_item_open(item)
    if not item.decision.strip():
        raise DomainError("Protokollför beslutet innan punkten justeras omedelbart.", code="decision_missing")
    _number_paragraphs(actor, meeting)
    item.refresh_from_db()
    item.immediately_verified_at = timezone.now()
    _save(item, actor, "Punkten justerades omedelbart", update_fields=["immediately_verified_at"])
    return item


@transaction.atomic
def dissent_announce(*, actor, item: AgendaItem, attendance: Attendance, reasons: str = "") -> Dissent:
    """A reservation must be announced before the meeting ends, by someone who took part in the decision."""
    meeting, item = _lock_item(item)
    _require(policies.can_manage_meeting(actor, meeting))
    if meeting.is_locked:
        raise DomainError(LOCKED_MESSAGE, code="locked")
    if meeting.status != S.CALLED:
        raise DomainError("En reservation måste anmälas innan sammanträdet avslutas.", code="too_late")
    _check_item_open(item)
    if item.kind == AgendaItem.Kind.INFORMATION:
        raise DomainError("Man kan inte reservera sig mot en informationspunkt.")
    if not _deciding_on(item, attendance):
        raise DomainError(
            f"{attendance.person} deltog inte i beslutet i {item.paragraph_label or item.title} "
            "och kan inte reservera sig.",
            code="not_deciding",
        )
    if item.dissents.filter(attendance=attendance).exists():
        raise DomainError(f"{attendance.person} har redan reserverat sig.", code="duplicate")
    now = timezone.now()
    dissent = Dissent(
        item=item,
        attendance=attendance,
        announced_at=now,
        reasons=reasons.strip(),
        reasons_submitted_at=now if reasons.strip() else None,
    )
    _save(dissent, actor, "Reservation anmäldes")
    return dissent


@transaction.atomic
def dissent_submit_reasons(
    *, actor, dissent: Dissent, reasons: str = "", attachment: UploadedFile | None = None
) -> Dissent:
    """The written reasons of a dissent may come until the minutes are verified, not after."""
    meeting, item = _lock_item(dissent.item)
    _require(policies.can_manage_meeting(actor, meeting))
    if meeting.is_locked or item.immediately_verified_at:
        raise DomainError("Protokollet är justerat; motiveringen kom för sent.", code="too_late")
    _check_open(meeting, workflow.MINUTES_OPEN, "Att lämna motivering")
    if not reasons.strip() and attachment is None:
        raise DomainError("Skriv motiveringen eller bifoga den som fil.")
    dissent = Dissent.objects.select_for_update().get(pk=dissent.pk)
    dissent.reasons = reasons.strip() or dissent.reasons
    if attachment is not None:
        _check_attachment(attachment)
        dissent.attachment.save(attachment.name or "reservation.pdf", attachment, save=False)
    dissent.reasons_submitted_at = timezone.now()
    _save(
        dissent,
        actor,
        "Skriftlig reservation lämnades",
        update_fields=["reasons", "attachment", "reasons_submitted_at"],
    )
    return dissent


def _check_attachment(upload: UploadedFile) -> None:
    from samverka.registry.uploads import check_upload

    check_upload(upload)
    upload.seek(0)


@transaction.atomic
def special_statement_add(
    *,
    actor,
    item: AgendaItem,
    members: Iterable[Attendance],
    text: str = "",
    attachment_label: str = "",
    attachment: UploadedFile | None = None,
) -> SpecialStatement:
    meeting, item = _lock_item(item)
    _require(policies.can_manage_meeting(actor, meeting))
    _check_open(meeting, workflow.MINUTES_OPEN, "Att lägga till ett särskilt yttrande")
    _check_item_open(item)
    members = list(members)
    if not members:
        raise DomainError("Ange vem eller vilka som lämnar yttrandet.")
    for attendance in members:
        if attendance.meeting_id != meeting.pk or attendance.role == Attendance.Role.OTHER:
            raise DomainError(f"{attendance.person} är inte ledamot eller ersättare vid sammanträdet.")
        if item.disqualifications.filter(attendance=attendance).exists():
            raise DomainError(f"{attendance.person} är jävig i ärendet.")
    if not text.strip() and not attachment_label.strip() and attachment is None:
        raise DomainError("Skriv yttrandet eller ange bilagan.")
    statement = SpecialStatement(item=item, text=text.strip(), attachment_label=attachment_label.strip())
    if attachment is not None:
        _check_attachment(attachment)
        statement.attachment.save(attachment.name or "yttrande.pdf", attachment, save=False)
    _save(statement, actor, "Särskilt yttrande lades till")
    statement.members.set(members)
    return statement


@transaction.atomic
def dispatch_recipient_add(
    *,
    actor,
    item: AgendaItem,
    recipient: Body | Administration | ExternalParty | Person | str,
    email: str = "",
) -> DispatchRecipient:
    """A line of "beslutet skickas till"."""
    meeting, item = _lock_item(item)
    _require(policies.can_manage_meeting(actor, meeting))
    _check_open(meeting, workflow.MINUTES_OPEN, "Att ändra sändlistan")
    _check_item_open(item)
    fields: dict[str, Any] = {}
    if isinstance(recipient, Body):
        fields = {"body": recipient, "name": recipient.name, "email": email or recipient.email}
    elif isinstance(recipient, Administration):
        fields = {"administration": recipient, "name": recipient.name, "email": email or recipient.email}
    elif isinstance(recipient, ExternalParty):
        fields = {"external": recipient, "name": recipient.name, "email": email or recipient.email}
    elif isinstance(recipient, Person):
        fields = {"name": recipient.full_name, "email": email or recipient.email}
    elif str(recipient or "").strip():
        fields = {"name": str(recipient).strip(), "email": email.strip()}
    else:
        raise DomainError("Ange en mottagare.")
    if item.dispatch_recipients.filter(name=fields["name"]).exists():
        raise DomainError(f"{fields['name']} finns redan på sändlistan.", code="duplicate")
    last = item.dispatch_recipients.aggregate(last=Max("position"))["last"] or 0
    line = DispatchRecipient(item=item, position=last + 1, **fields)
    _save(line, actor, "Mottagare lades till")
    return line


# -- extracts and dispatch -----------------------------------------------------------------------


def _check_extract_allowed(actor, item: AgendaItem) -> None:
    meeting = item.meeting
    _require(policies.can_make_extract(actor, meeting))
    if not (meeting.is_locked or item.immediately_verified_at):
        raise DomainError("Ett protokollsutdrag kan göras först när paragrafen är justerad.", code="not_verified")
    if item.case is None:
        raise DomainError("Paragrafen hör inte till något ärende.", code="case_required")
    if item.case.status == Case.Status.CLOSED:
        raise DomainError(f"Ärende {item.case.number} är avslutat; återuppta det för att registrera utdraget.")
    if not registry_policies.can_register_document(actor, item.case):
        raise PermissionDenied(f"Du får inte registrera handlingar i ärende {item.case.number}.")


@transaction.atomic
def extract_create(*, actor, item: AgendaItem) -> Extract:
    """Order an extract of a verified paragraph; it is rendered and registered in the background."""
    item = AgendaItem.objects.select_related("meeting__body", "case__series").get(pk=item.pk)
    _check_extract_allowed(actor, item)
    extract = Extract(item=item, created_by=actor)
    _save(extract, actor, "Protokollsutdrag beställdes")
    from .tasks import render_extract

    extract_id = extract.pk
    transaction.on_commit(lambda: render_extract.enqueue(extract_id))
    return extract


@transaction.atomic
def extract_dispatch(*, actor, extract: Extract) -> Extract:
    """Send the extract to everyone on the dispatch list and register it as an outgoing document."""
    from . import documents

    extract = (
        Extract.objects.select_for_update(of=("self",))
        .select_related("item__meeting__body", "item__case")
        .get(pk=extract.pk)
    )
    item = extract.item
    _require(policies.can_dispatch(actor, item.meeting))
    if not extract.pdf:
        raise DomainError("Utdraget är inte färdigt ännu. Försök igen om en stund.", code="not_ready")
    if extract.dispatched_at:
        raise DomainError("Utdraget är redan expedierat.", code="duplicate")
    recipients = list(item.dispatch_recipients.select_for_update().filter(dispatched_at__isnull=True))
    if not recipients:
        raise DomainError("Sändlistan är tom eller redan expedierad.", code="nothing_to_send")
    now = timezone.now()
    for recipient in recipients:
        recipient.dispatched_at = now
        recipient.dispatch_note = "Skickat med e-post" if recipient.email else "Skickas med post eller internpost"
        _save(recipient, actor, "Beslutet expedierades", update_fields=["dispatched_at", "dispatch_note"])
    extract.dispatched_at = now
    _save(extract, actor, "Utdraget expedierades", update_fields=["dispatched_at"])
    documents.register_dispatch(actor=actor, extract=extract, recipients=recipients)
    emails = [r.email for r in recipients if r.email]
    extract_id = extract.pk
    if emails:
        transaction.on_commit(lambda: documents.email_extract(extract_id, emails))
    return extract


# -- background work (called by tasks; safe to run twice) ------------------------------------------


@transaction.atomic
def minutes_seal(*, meeting_id: int) -> Meeting:
    """Render verified minutes as PDF/A and seal them. Runs once; a second run changes nothing."""
    import hashlib

    from django.core.files.base import ContentFile

    from . import documents, sealing

    meeting = Meeting.objects.select_for_update().select_related("body").get(pk=meeting_id)
    if not meeting.is_locked:
        raise DomainError("Bara justerade protokoll sigilleras.", code="not_verified")
    if meeting.sealed_at:
        return meeting
    sealed = sealing.seal_pdf(documents.render_minutes_pdf(meeting))
    start = timezone.localtime(meeting.starts_at)
    meeting.minutes_pdf.save(
        f"protokoll-{meeting.body.short_name.lower()}-{start:%Y%m%d}.pdf", ContentFile(sealed), save=False
    )
    meeting.minutes_sha256 = hashlib.sha256(sealed).hexdigest()
    meeting.sealed_at = timezone.now()
    _stamp(meeting, None, "Protokollet återgavs som PDF/A och sigillerades")
    meeting.save(update_fields=["minutes_pdf", "minutes_sha256", "sealed_at"])
    return meeting


@transaction.atomic
def extract_render(*, extract_id: int) -> Extract:
    """Render an extract as PDF and DOCX and register it in the paragraph's case. Safe to run twice."""
    from django.core.files.base import ContentFile

    from . import documents

    extract = (
        Extract.objects.select_for_update(of=("self",))
        .select_related("item__meeting__body", "item__case", "created_by")
        .get(pk=extract_id)
    )
    if extract.document_id:
        return extract
    item = extract.item
    context = documents.extract_context(item)  # read once for both formats
    pdf = documents.render_extract_pdf(item, context)
    extract.pdf.save(documents.extract_filename(item, "pdf"), ContentFile(pdf), save=False)
    extract.docx.save(
        documents.extract_filename(item, "docx"), ContentFile(documents.render_extract_docx(item, context)), save=False
    )
    extract.document = documents.register_extract(actor=extract.created_by, extract=extract, pdf=pdf)
    _stamp(extract, extract.created_by, "Utdraget återgavs och registrerades")
    extract.save(update_fields=["pdf", "docx", "document"])
    return extract


def meeting_notice_send(*, meeting_id: int) -> None:
    """Render the notice of meeting with the agenda and e-mail it to members and substitutes."""
    from django.core.files.base import ContentFile

    from samverka.organisation.selectors import body_members

    from . import documents

    meeting = Meeting.objects.select_related("body").get(pk=meeting_id)
    pdf = documents.render_notice_pdf(meeting)
    with transaction.atomic():
        locked = Meeting.objects.select_for_update().get(pk=meeting_id)
        start = timezone.localtime(meeting.starts_at)
        locked.notice_pdf.save(
            f"kallelse-{meeting.body.short_name.lower()}-{start:%Y%m%d}.pdf", ContentFile(pdf), save=False
        )
        _stamp(locked, None, "Kallelsen återgavs som PDF")
        locked.save(update_fields=["notice_pdf"])
    day = timezone.localtime(meeting.starts_at).date()
    recipients = sorted({a.person.email for a in body_members(meeting.body, on=day) if a.person.email})
    documents.email_notice(meeting, pdf, recipients)


def reminders_send(*, today: dt.date | None = None) -> int:
    """Warn each secretary once per deadline as the verification or posting limit nears."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.db import IntegrityError

    from . import selectors
    from .models import Reminder

    sent = 0
    for deadline in selectors.deadlines(today=today):
        meeting = deadline.meeting
        kind = f"{deadline.kind}:{deadline.due:%Y-%m-%d}"
        email = meeting.secretary.email if meeting.secretary_id else ""
        if not email:
            continue
        try:
            with transaction.atomic():
                Reminder.objects.create(meeting=meeting, kind=kind)
        except IntegrityError:
            continue  # already reminded
        what = "justeras" if deadline.kind == "verification" else "anslås"
        send_mail(
            subject=f"Protokollet från {meeting.body.name} ska {what} senast {deadline.due:%Y-%m-%d}",
            message=f"Protokollet från {meeting.body.name}s sammanträde {_local_date(meeting.starts_at):%Y-%m-%d} "
            f"ska {what} senast {deadline.due:%Y-%m-%d}.",
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[email],
            fail_silently=True,
        )
        sent += 1
    return sent


def appeal_periods_close(*, actor, today: dt.date | None = None) -> int:
    """Take down every posting whose period has ended. Safe to run twice."""
    from . import selectors

    today = today or timezone.localdate()
    closed = 0
    for notice in selectors.notices_due_for_take_down(today=today):
        notice_take_down(actor=actor, notice=notice, today=today)
        closed += 1
    return closed
