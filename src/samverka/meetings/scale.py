"""Generated meetings for `make bench`: meetings of the council, the board, the working committees
and the committees over the twenty years, their agendas and numbered paragraphs, attendance,
signatures, notices and dispatch lists, written in bulk.

Past meetings are in the state their dates give them: held a day or two ago, drafted, verified,
posted (on the notice board for three weeks) or with the appeal period over; a few coming meetings
are called or planned. Paragraph numbers go on from each body's ParagraphCounter (and the numbers
already used), gap-free per body and year, and the counters are moved past them. Decision items
belong to cases opened in the body's series with a memo (Tjänsteskrivelse) as supporting document;
some cases go on to the next body (KSAU → KS → KF), whose proposal is the earlier decision.

Verified minutes all point at one stored PDF, sealed once with the municipality's seal, so the
notice board's downloads and the seal check work without rendering thousands of minutes; extracts
likewise share one PDF and one DOCX, and are registered in their cases.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import random
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from samverka.organisation.models import Administration, Body, ExternalParty, Person, PoliticalAssignment
from samverka.registry.models import Document
from samverka.scale.bench import PUBLIC, STAFF, Endpoint
from samverka.scale.context import ScaleContext
from samverka.scale.loader import move_counters_past
from samverka.scale.words import MONTHS

from . import conf, dates
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
MEETING_KINDS = (Body.Kind.COUNCIL, Body.Kind.BOARD, Body.Kind.WORKING_COMMITTEE, Body.Kind.COMMITTEE)
# How often a body of each kind meets (relative), and how long its agenda is (relative).
MEETING_WEIGHT = {"council": 10, "board": 14, "working_committee": 20, "committee": 10}
AGENDA_WEIGHT = {"council": 1.5, "board": 1.8, "working_committee": 1.0, "committee": 1.0}
TIMES = {
    "council": ((17, 0), (21, 30)),
    "board": ((13, 0), (16, 30)),
    "working_committee": ((8, 30), (11, 0)),
    "committee": ((17, 0), (19, 30)),
}
ROOMS = ["Kärnan", "Lyktan", "Bastionen", "Kronan", "Pildammen", "Ribersborg", "Slottsparken", "Möllan"]
# Share of the meetings that lie in the coming two months, and of past ones in the last month
# (so that the notice board, the minutes awaiting verification and the coming meetings all have rows).
UPCOMING_SHARE, RECENT_SHARE = 0.02, 0.005
MIN_MEETINGS = 8
SIGNATURE_METHOD = "Underskrift inläst med genererade data"

DECISIONS = [
    "{body} godkänner förslaget.",
    "{body} godkänner förslaget från {administration} om {subject}.",
    "{body} ger {administration} i uppdrag att återkomma med en redovisning senast den {day}.",
    "{body} avslår begäran.",
    "{body} anser motionen besvarad.",
    "{body} antar yttrandet som sitt eget och överlämnar det till {recipient}.",
    "{body} lägger redovisningen till handlingarna.",
    "{body} föreslår kommunfullmäktige att besluta i enlighet med förslaget.",
    "{body} godkänner avtalet och uppdrar åt {administration} att underteckna det.",
]
DECISION_EXTRAS = [
    "Kostnaderna finansieras inom befintlig budgetram.",
    "Uppföljning sker i samband med årsbokslutet {year}.",
    "Beslutet gäller från och med den {day}.",
    "{administration} ska samråda med berörda nämnder innan arbetet påbörjas.",
]
INFORMATION_DECISION = "Informationen antecknas till protokollet."
DELEGATION_DECISION = "Redovisningen av delegationsbeslut läggs till handlingarna."
DISSENT_REASONS = [
    "Vi anser att förslaget borde ha föregåtts av en konsekvensanalys för invånarna och yrkar avslag.",
    "Förslaget saknar finansiering och vi reserverar oss därför mot beslutet.",
    "Vi yrkade återremiss för att utreda alternativen närmare och reserverar oss mot att ärendet avgjordes.",
]
STATEMENTS = [
    "Vi välkomnar förslaget men vill se en tydligare uppföljning av nyttan för invånarna.",
    "Vi ställer oss bakom beslutet men vill understryka vikten av informationssäkerheten.",
]
CHILD_RIGHTS = "Barnets bästa har beaktats; beslutet bedöms inte påverka barn direkt."


def _swedish_day(day: dt.date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


@dataclass
class _BodyInfo:
    id: int
    short_name: str
    name: str
    kind: str
    parent_id: int | None
    series: object  # SeriesRow
    secretaries: list[int]
    members: list[tuple[int, str, str]] = field(default_factory=list)  # (person id, party, position)
    substitutes: list[tuple[int, str]] = field(default_factory=list)  # (person id, party)
    forward_to: int | None = None
    place: str = ""


@dataclass
class _Forwarded:
    """A case decided in one body that goes on to the next one."""

    case_id: int
    title: str
    summary: str
    decision: str
    day: dt.date
    memo_id: int


@dataclass
class _Attendee:
    id: int
    person_id: int
    role: str
    party: str


class MeetingsGenerator:
    def __init__(self, ctx: ScaleContext) -> None:
        self.ctx = ctx
        self.rng = ctx.rng
        self.tz = timezone.get_current_timezone()
        loader = ctx.loader
        history = ["history_date", "history_type", "history_change_reason", "history_user_id"]
        self.meeting_columns = [
            "id",
            "body_id",
            "starts_at",
            "ends_at",
            "place",
            "secretary_id",
            "status",
            "called_at",
            "held_at",
            "drafted_at",
            "verified_at",
            "verified_on",
            "minutes_pdf",
            "minutes_sha256",
            "sealed_at",
            "created_by_id",
            "created_at",
        ]
        self.item_columns = [
            "id",
            "meeting_id",
            "position",
            "kind",
            "title",
            "case_id",
            "summary",
            "proposal",
            "decision_intro",
            "decision",
            "paragraph_body_id",
            "paragraph_year",
            "paragraph_number",
            "immediately_verified_at",
            "decision_recorded_at",
        ]
        self.notice_columns = [
            "id",
            "kind",
            "meeting_id",
            "title",
            "posted_on",
            "takedown_on",
            "appeal_ends_on",
            "kept_at",
            "posted_late",
            "taken_down_at",
            "posted_by_id",
        ]
        self.meetings = loader.table(Meeting, self.meeting_columns)
        self.meeting_history = loader.table(Meeting.history.model, self.meeting_columns + history)
        self.items = loader.table(AgendaItem, self.item_columns)
        self.item_history = loader.table(AgendaItem.history.model, self.item_columns + history)
        self.notices = loader.table(Notice, self.notice_columns)
        self.notice_history = loader.table(Notice.history.model, self.notice_columns + history)
        self.supporting = loader.table(AgendaItem.supporting_documents.through, ["agendaitem_id", "document_id"])
        self.attendances = loader.table(
            Attendance, ["id", "meeting_id", "person_id", "role", "party", "title", "replaces_id"]
        )
        self.signatories = loader.table(
            Signatory, ["meeting_id", "person_id", "role", "signed_at", "signed_by_id", "sign_in_method"]
        )
        self.dispatch = loader.table(
            DispatchRecipient,
            [
                "item_id",
                "position",
                "body_id",
                "administration_id",
                "external_id",
                "name",
                "dispatched_at",
                "dispatch_note",
            ],
        )
        self.dissents = loader.table(
            Dissent, ["item_id", "attendance_id", "announced_at", "reasons", "reasons_submitted_at"]
        )
        self.statements = loader.table(SpecialStatement, ["id", "item_id", "text", "attachment_label", "created_at"])
        self.statement_members = loader.table(
            SpecialStatement.members.through, ["specialstatement_id", "attendance_id"]
        )
        self.disqualifications = loader.table(Disqualification, ["item_id", "attendance_id", "reason"])
        self.extracts = loader.table(
            Extract, ["item_id", "pdf", "docx", "document_id", "created_at", "created_by_id", "dispatched_at"]
        )
        self.counters: dict[tuple[int, int], int] = {}
        self.pending: dict[int, list[_Forwarded]] = defaultdict(list)
        self.written = {"meetings": 0, "paragraphs": 0}

    # -- what exists -------------------------------------------------------------------------------
    def load(self) -> None:
        ctx = self.ctx
        # Rows other generators (and the organisation) still hold in the loader's buffers are
        # written first, so that what is read below is complete.
        for bulk in list(ctx.loader.tables.values()):
            if bulk.model in (Person, PoliticalAssignment, Meeting, AgendaItem, ParagraphCounter):
                bulk.flush()
        self.counters = {(c.body_id, c.year): c.last_number for c in ParagraphCounter.objects.all()}
        used = (
            AgendaItem.objects.filter(paragraph_number__isnull=False)
            .values("paragraph_body_id", "paragraph_year")
            .annotate(last=Max("paragraph_number"))
        )
        for row in used:
            key = (row["paragraph_body_id"], row["paragraph_year"])
            self.counters[key] = max(self.counters.get(key, 0), row["last"])
        administrations = dict(Administration.objects.values_list("body_id", "id"))
        officials: dict[int, list[int]] = defaultdict(list)
        for person_id, administration_id in Person.objects.filter(
            administration__isnull=False, is_active=True
        ).values_list("id", "administration_id"):
            officials[administration_id].append(person_id)
        rows = list(Body.objects.filter(kind__in=MEETING_KINDS, is_active=True).order_by("id").values())
        by_id = {row["id"]: row for row in rows}
        series_by_body = {s.body_id: s for s in ctx.series}
        board = next((row["id"] for row in rows if row["kind"] == Body.Kind.BOARD), None)
        fallback_series = series_by_body.get(board) or ctx.series[0]
        self.bodies: dict[int, _BodyInfo] = {}
        for row in rows:
            own = row["id"], row["parent_id"], board
            series = next((series_by_body[b] for b in own if b in series_by_body), fallback_series)
            administration = next((administrations[b] for b in own if b in administrations), None)
            secretaries = officials.get(administration, []) or officials.get(series.administration_id, [])
            place = {
                "council": "Stadshuset, sessionssalen",
                "board": "Stadshuset, sessionssalen",
                "working_committee": f"Stadshuset, sammanträdesrum {self.rng.choice(ROOMS)}",
            }.get(row["kind"], "")
            if not place:
                admin_name = next((a.name for a in ctx.administrations if a.id == administration), "Stadshuset")
                place = f"{admin_name}, sammanträdesrum {self.rng.choice(ROOMS)}"
            self.bodies[row["id"]] = _BodyInfo(
                id=row["id"],
                short_name=row["short_name"],
                name=row["name"],
                kind=row["kind"],
                parent_id=row["parent_id"],
                series=series,
                secretaries=secretaries[:40] or list(ctx.bench_people.values()),
                place=place,
            )
        council = next((row["id"] for row in rows if row["kind"] == Body.Kind.COUNCIL), None)
        for info in self.bodies.values():
            if info.kind == Body.Kind.WORKING_COMMITTEE and info.parent_id in by_id:
                info.forward_to = info.parent_id
            elif info.kind == Body.Kind.BOARD:
                info.forward_to = council
        self.names: dict[int, str] = {}
        self.pool: list[tuple[int, str]] = []
        assignments = PoliticalAssignment.objects.filter(body_id__in=list(self.bodies)).order_by("id")
        for person_id, body_id, kind, party, position, first, last in assignments.values_list(
            "person_id", "body_id", "kind", "party", "position", "person__first_name", "person__last_name"
        ):
            info = self.bodies[body_id]
            self.names[person_id] = f"{first} {last}"
            if kind == PoliticalAssignment.Kind.MEMBER:
                info.members.append((person_id, party, position))
            else:
                info.substitutes.append((person_id, party))
            self.pool.append((person_id, party))
        self.user_of = dict(Person.objects.filter(user__isnull=False).values_list("id", "user_id"))
        self.recipients: list[tuple[str, int, str]] = [("body", b.id, b.name) for b in self.bodies.values()]
        self.recipients += [("administration", a.id, a.name) for a in ctx.administrations]
        self.recipients += [("external", pk, name) for pk, name in ExternalParty.objects.values_list("id", "name")]
        self.administration_names = [a.name for a in ctx.administrations] or ["Stadskontoret"]
        self.minutes_file, self.minutes_sha = self._minutes_file()
        self.extract_pdf, self.extract_docx = self.ctx.registry.file_name, self._extract_docx()

    def _minutes_file(self) -> tuple[str, str]:
        """One stored PDF for every generated verified minutes, sealed once when the seal is at hand."""
        name = "scale/genererat-protokoll.pdf"
        if not default_storage.exists(name):
            with default_storage.open(self.ctx.registry.file_name, "rb") as source:
                pdf = source.read()
            try:
                from .sealing import seal_pdf

                pdf = seal_pdf(pdf)
            except Exception as error:  # noqa: BLE001 (an unsealed file still serves the pages)
                self.ctx.log(f"  protokollet sigillerades inte: {error}")
            name = default_storage.save(name, ContentFile(pdf))
        with default_storage.open(name, "rb") as stored:
            return name, hashlib.sha256(stored.read()).hexdigest()

    def _extract_docx(self) -> str:
        """One stored DOCX for every generated extract (the PDF is the registry's placeholder)."""
        name = "scale/genererat-protokollsutdrag.docx"
        if default_storage.exists(name):
            return name
        import io

        import docx

        document = docx.Document()
        document.add_heading("Protokollsutdrag", level=1)
        document.add_paragraph("Genererat protokollsutdrag för prestandamätning.")
        buffer = io.BytesIO()
        document.save(buffer)
        return default_storage.save(name, ContentFile(buffer.getvalue()))

    # -- helpers -----------------------------------------------------------------------------------
    def _at(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=self.tz)

    def _next_paragraph(self, body_id: int, year: int) -> int:
        value = self.counters.get((body_id, year), 0) + 1
        self.counters[(body_id, year)] = value
        return value

    def _meeting_day(self, day: dt.date, *, forward: bool) -> dt.date:
        """The nearest Monday to Thursday that is a working day, in the given direction."""
        step = dt.timedelta(days=1 if forward else -1)
        while day.weekday() > 3 or not dates.is_working_day(day):
            day += step
        return day

    def _words(self, info: _BodyInfo, title: str, day: dt.date) -> dict[str, str]:
        rng = self.rng
        later = day + dt.timedelta(days=rng.randint(60, 300))
        return {
            "body": info.name,
            "administration": rng.choice(self.administration_names),
            "subject": _lower_first(title),
            "day": _swedish_day(later),
            "year": str(later.year),
            "recipient": rng.choice(self.recipients)[2] if self.recipients else "Kommunstyrelsen",
        }

    def _decision(self, info: _BodyInfo, title: str, day: dt.date) -> str:
        words = self._words(info, title, day)
        lines = [self.rng.choice(DECISIONS).format(**words)]
        for extra in self.rng.sample(DECISION_EXTRAS, k=self.rng.choice([0, 0, 1, 1, 2])):
            lines.append(extra.format(**words))
        return "\n".join(lines)

    # -- the meetings ------------------------------------------------------------------------------
    def plan(self) -> list[tuple[_BodyInfo, dt.date, bool]]:
        """(body, day, upcoming) for every meeting, past ones in date order."""
        ctx, rng = self.ctx, self.rng
        total = ctx.count("meetings", minimum=MIN_MEETINGS)
        upcoming = max(2, round(total * UPCOMING_SHARE))
        past = total - upcoming
        recent = max(4, round(past * RECENT_SHARE))
        bodies = list(self.bodies.values())
        weights = [MEETING_WEIGHT[b.kind] for b in bodies]
        today = ctx.today
        planned: list[tuple[_BodyInfo, dt.date, bool]] = []
        for n in range(past):
            if n < recent:
                # Spread over the last month: held, drafted, verified and posted minutes.
                day = today - dt.timedelta(days=1 + n * 29 // max(1, recent - 1))
            else:
                day = ctx.random_date() - dt.timedelta(days=1)
            day = self._meeting_day(min(day, today - dt.timedelta(days=1)), forward=False)
            planned.append((rng.choices(bodies, weights=weights)[0], day, False))
        planned.sort(key=lambda row: row[1])
        for n in range(upcoming):
            day = self._meeting_day(today + dt.timedelta(days=5 + n * 55 // max(1, upcoming - 1)), forward=True)
            planned.append((rng.choices(bodies, weights=weights)[0], day, True))
        return planned

    def generate(self) -> None:
        ctx = self.ctx
        planned = self.plan()
        past = [row for row in planned if not row[2]]
        paragraphs = ctx.count("paragraphs", minimum=2 * len(past))
        lengths = self._agenda_lengths(past, paragraphs)
        for (info, day, upcoming), length in zip(planned, lengths + [0] * (len(planned) - len(past)), strict=True):
            if upcoming:
                self._upcoming(info, day)
            else:
                self._held(info, day, length)
        self._finish()
        ctx.log(f"  {self.written['meetings']} sammanträden, {self.written['paragraphs']} paragrafer")

    def _agenda_lengths(self, past: list, total: int) -> list[int]:
        """Paragraphs per past meeting, summing to `total`: longer agendas for KF and KS."""
        weights = [AGENDA_WEIGHT[info.kind] * self.rng.uniform(0.5, 1.5) for info, _day, _up in past]
        scale = (total - len(past)) / sum(weights)
        lengths = [1 + int(w * scale) for w in weights]
        for n in range(total - sum(lengths)):
            lengths[n % len(lengths)] += 1
        return lengths

    def _meeting_row(self, meeting_id: int, info: _BodyInfo, day: dt.date, values: dict) -> None:
        ctx = self.ctx
        (start_h, start_m), (end_h, end_m) = TIMES[info.kind]
        created_at = self._at(day - dt.timedelta(days=self.rng.randint(20, 40)), 9, self.rng.randint(0, 59))
        row = (
            meeting_id,
            info.id,
            self._at(day, start_h, start_m),
            self._at(day, end_h, end_m),
            info.place,
            values["secretary"],
            values["status"],
            values.get("called_at"),
            values.get("held_at"),
            values.get("drafted_at"),
            values.get("verified_at"),
            values.get("verified_on"),
            values.get("minutes_pdf", ""),
            values.get("minutes_sha256", ""),
            values.get("sealed_at"),
            ctx.system_user_id,
            created_at,
        )
        self.meetings.add(*row)
        reason = {
            S.PLANNED: "Sammanträdet planerades",
            S.CALLED: "Kallelsen skickades",
            S.HELD: "Sammanträdet avslutades",
            S.DRAFTED: "Protokollet upprättades",
            S.VERIFIED: "Protokollet justerades",
            S.POSTED: "Protokollet anslogs",
            S.APPEAL_OVER: "Överklagandetiden gick ut",
        }[values["status"]]
        self.meeting_history.add(*row, values.get("changed_at") or created_at, "+", reason, ctx.system_user_id)
        self.written["meetings"] += 1

    def _item_row(self, row: tuple, at: dt.datetime, reason: str) -> None:
        self.items.add(*row)
        self.item_history.add(*row, at, "+", reason, self.ctx.system_user_id)

    def _open_case(self, info: _BodyInfo, day: dt.date, title: str, summary: str, closed_on: dt.date | None):
        """A case in the body's series with its memo; (case id, memo document id)."""
        ctx, rng = self.ctx, self.rng
        registry = ctx.registry
        opened_on = day - dt.timedelta(days=rng.randint(30, 150))
        officer = rng.choice(ctx.officials_of(info.series.administration_id or 0) or [None])
        case_id, number = registry.add_case(
            series=info.series,
            opened_on=opened_on,
            title=title,
            description=summary,
            officer_id=officer,
            closed_on=closed_on,
            child_rights_assessment=CHILD_RIGHTS,
        )
        subject = f"Tjänsteskrivelse: {title}"
        memo_id = registry.add_document(
            case_id=case_id,
            case_number=number,
            case_secret=False,
            document_date=day - dt.timedelta(days=rng.randint(10, min(25, (day - opened_on).days))),
            subject=subject,
            direction=Document.Direction.CREATED,
            document_type_id=ctx.document_type_ids["tjansteskrivelse"],
            text=ctx.text.document_text(subject),
        )
        return case_id, number, memo_id

    def _items(self, meeting_id: int, info: _BodyInfo, day: dt.date, length: int, *, numbered: bool, closes: bool):
        """The agenda: the election of a verifier first, then decisions (most in cases) and
        information. Returns [(item id, kind, title, case id, case number, decision)]."""
        ctx, rng = self.ctx, self.rng
        today = ctx.today
        items = []
        forwarded = [f for f in self.pending.get(info.id, []) if f.day < day <= f.day + dt.timedelta(days=90)]
        for position in range(1, length + 1):
            case_id = number = memo_id = None
            summary = ctx.text.paragraph(1, 3)
            proposal = ""
            if position == 1 and length > 2:
                kind, title = AgendaItem.Kind.ELECTION, "Val av justerare"
                decision = ""  # named once the verifier is known
            elif position == 2 and length > 4:
                kind, title, decision = AgendaItem.Kind.INFORMATION, "Anmälan av delegationsbeslut", DELEGATION_DECISION
                summary = f"Förteckning över delegationsbeslut fattade sedan föregående sammanträde i {info.name}."
            elif rng.random() < 0.15:
                kind, title, decision = (
                    AgendaItem.Kind.INFORMATION,
                    f"Information om {ctx.text.theme()}",
                    INFORMATION_DECISION,
                )
            else:
                kind = AgendaItem.Kind.DECISION
                previous = forwarded.pop() if forwarded and rng.random() < 0.7 else None
                if previous is not None:
                    self.pending[info.id].remove(previous)
                    case_id, title, summary, memo_id = (
                        previous.case_id,
                        previous.title,
                        previous.summary,
                        previous.memo_id,
                    )
                    proposal = previous.decision
                    decision = self._decision(info, title, day)
                else:
                    title = ctx.text.title()
                    decision = self._decision(info, title, day)
                    proposal = decision if rng.random() < 0.85 else self._decision(info, title, day)
                    forward = info.forward_to is not None and info.forward_to in self.bodies and rng.random() < 0.35
                    closed_on = None
                    if closes and not forward:
                        # After the verification and the dispatch of the extract.
                        closed_on = day + dt.timedelta(days=rng.randint(14, 60))
                    elif forward:
                        closed_on = day + dt.timedelta(days=120)
                    if closed_on is not None and closed_on > today:
                        closed_on = None
                    case_id, number, memo_id = self._open_case(info, day, title, summary, closed_on)
                    if forward and numbered:
                        self.pending[info.forward_to].append(
                            _Forwarded(case_id, title, summary, decision, day, memo_id)
                        )
            item_id = ctx.loader.next_id(AgendaItem)
            if memo_id is not None:
                self.supporting.add(item_id, memo_id)
            items.append(
                {
                    "id": item_id,
                    "position": position,
                    "kind": kind,
                    "title": title,
                    "case_id": case_id,
                    "case_number": number,
                    "summary": summary,
                    "proposal": proposal,
                    "decision": decision,
                }
            )
        return items

    def _held(self, info: _BodyInfo, day: dt.date, length: int) -> None:
        """A past meeting: held, and further along as its dates allow."""
        ctx, rng = self.ctx, self.rng
        today = ctx.today
        meeting_id = ctx.loader.next_id(Meeting)
        (_sh, _sm), (end_h, end_m) = TIMES[info.kind]
        ends_at = self._at(day, end_h, end_m)
        called_at = self._at(day - dt.timedelta(days=rng.randint(7, 12)), 10, rng.randint(0, 59))
        drafted_on = day + dt.timedelta(days=rng.randint(1, 3))
        verified_on = drafted_on + dt.timedelta(days=rng.randint(1, 7))
        # Posted within two days of the verification, now and then late.
        posted_on = verified_on + dt.timedelta(days=3 if rng.random() < 0.01 else rng.randint(0, 2))
        appeal_ends_on = dates.appeal_period_end(posted_on)
        takedown_on = appeal_ends_on + dt.timedelta(days=1)
        if drafted_on > today:
            status = S.HELD
        elif verified_on > today:
            status = S.DRAFTED
        elif posted_on > today:
            status = S.VERIFIED
        elif takedown_on > today:
            status = S.POSTED
        else:
            status = S.APPEAL_OVER
        secretary = rng.choice(info.secretaries)
        verified_at = self._at(verified_on, rng.randint(9, 15), rng.randint(0, 59))
        values: dict = {
            "secretary": secretary,
            "status": status,
            "called_at": called_at,
            "held_at": ends_at,
            "changed_at": ends_at,
        }
        if status != S.HELD:
            values["drafted_at"] = self._at(drafted_on, 11, rng.randint(0, 59))
            values["changed_at"] = values["drafted_at"]
        locked = status in (S.VERIFIED, S.POSTED, S.APPEAL_OVER)
        if locked:
            values.update(
                verified_at=verified_at,
                verified_on=verified_on,
                minutes_pdf=self.minutes_file,
                minutes_sha256=self.minutes_sha,
                sealed_at=verified_at + dt.timedelta(minutes=2),
                changed_at=verified_at,
            )
        self._meeting_row(meeting_id, info, day, values)
        attendees, chair, verifier = self._attendance(meeting_id, info, secretary)
        if status != S.HELD:
            self._signatories(meeting_id, secretary, chair, verifier, verified_at if locked else None)
        items = self._items(meeting_id, info, day, length, numbered=True, closes=status == S.APPEAL_OVER)
        year = day.year
        deciding = [a for a in attendees if a.role in (Attendance.Role.MEMBER, Attendance.Role.SERVING_SUBSTITUTE)]
        for item in items:
            if item["kind"] == AgendaItem.Kind.ELECTION:
                name = self.names.get(verifier.person_id, "ledamoten")
                item["decision"] = f"Att jämte ordföranden justera dagens protokoll utses {name}."
            number = self._next_paragraph(info.id, year)
            immediately = ends_at if item["kind"] == AgendaItem.Kind.DECISION and rng.random() < 0.02 else None
            row = (
                item["id"],
                meeting_id,
                item["position"],
                item["kind"],
                item["title"],
                item["case_id"],
                item["summary"],
                item["proposal"],
                f"{info.name} beslutar",
                item["decision"],
                info.id,
                year,
                number,
                immediately,
                ends_at - dt.timedelta(minutes=rng.randint(5, 120)),
            )
            self._item_row(row, ends_at, f"Punkten fick § {number}")
            self.written["paragraphs"] += 1
            if item["kind"] != AgendaItem.Kind.DECISION:
                continue
            self._decision_details(item, info, day, deciding, chair, status, verified_on, number)
        if status in (S.POSTED, S.APPEAL_OVER):
            self._notice(
                meeting_id,
                Notice.Kind.MINUTES,
                f"Protokoll {info.name} {day:%Y-%m-%d}",
                posted_on,
                takedown_on,
                appeal_ends_on,
                conf.minutes_kept_at(),
                posted_late=posted_on > dates.posting_deadline(verified_on),
                taken_down=status == S.APPEAL_OVER,
            )
        if info.kind == Body.Kind.COUNCIL:
            self._announcement(meeting_id, info, day, called_at.date(), taken_down=True)

    def _decision_details(self, item, info, day, deciding, chair, status, verified_on, number) -> None:
        """Dispatch list, extract in the case, and now and then a dissent, statement or disqualification."""
        ctx, rng = self.ctx, self.rng
        recipients = rng.sample(self.recipients, k=rng.randint(0, 3))
        # Posted minutes: the extract of a paragraph with a dispatch list is registered in its case
        # and sent (as extract_create and extract_dispatch do); some others have an extract too.
        extract = status in (S.POSTED, S.APPEAL_OVER) and item["case_number"] and (recipients or rng.random() < 0.3)
        dispatched_at = self._at(verified_on + dt.timedelta(days=1), 10) if extract and recipients else None
        for position, (kind, pk, name) in enumerate(recipients, start=1):
            self.dispatch.add(
                item["id"],
                position,
                pk if kind == "body" else None,
                pk if kind == "administration" else None,
                pk if kind == "external" else None,
                name,
                dispatched_at,
                "Skickas med post eller internpost" if dispatched_at else "",
            )
        if extract:
            subject = f"Protokollsutdrag {info.name} {day:%Y-%m-%d} § {number}"
            document_id = ctx.registry.add_document(
                case_id=item["case_id"],
                case_number=item["case_number"],
                case_secret=False,
                document_date=verified_on,
                subject=subject,
                direction=Document.Direction.CREATED,
                document_type_id=ctx.document_type_ids["protokollsutdrag"],
                text=None,
            )
            created_at = self._at(verified_on, 16, rng.randint(0, 59))
            self.extracts.add(
                item["id"],
                self.extract_pdf,
                self.extract_docx,
                document_id,
                created_at,
                ctx.system_user_id,
                dispatched_at,
            )
            if dispatched_at:
                ctx.registry.add_document(
                    case_id=item["case_id"],
                    case_number=item["case_number"],
                    case_secret=False,
                    document_date=dispatched_at.date(),
                    subject=f"Expediering: {subject}",
                    direction=Document.Direction.OUTGOING,
                    document_type_id=ctx.document_type_ids["protokollsutdrag"],
                    text=None,
                )
        others = [a for a in deciding if a.person_id != chair.person_id]
        if not others:
            return
        pick = rng.random()
        if pick < 0.04:
            attendee = rng.choice(others)
            announced = self._at(day, TIMES[info.kind][0][0] + 1, rng.randint(0, 59))
            self.dissents.add(item["id"], attendee.id, announced, rng.choice(DISSENT_REASONS), announced)
        elif pick < 0.05:
            statement_id = ctx.loader.next_id(SpecialStatement)
            self.statements.add(
                statement_id, item["id"], rng.choice(STATEMENTS), f"Bilaga {rng.randint(1, 20)}", self._at(day, 20)
            )
            for attendee in rng.sample(others, k=min(len(others), rng.randint(1, 3))):
                self.statement_members.add(statement_id, attendee.id)
        elif pick < 0.06:
            self.disqualifications.add(item["id"], rng.choice(others).id, "Närstående berörs av ärendet")

    def _attendance(self, meeting_id: int, info: _BodyInfo, secretary: int):
        """The body's members (an absent one replaced by a substitute of the same party), some
        substitutes, and the secretary. A body with fewer than two members (tiny scales) is
        completed from the other bodies' politicians, so the minutes have a chair and a verifier."""
        rng = self.rng
        attendees: list[_Attendee] = []
        seen = {secretary}
        members = list(info.members)
        if len(members) < 2:
            for person_id, party in self.pool:
                if len(members) >= 2:
                    break
                if person_id not in {m[0] for m in members}:
                    members.append((person_id, party, ""))
        substitutes = [s for s in info.substitutes if s[0] not in {m[0] for m in members}]
        chair_id = next((m[0] for m in members if m[2] == "chair"), members[0][0] if members else None)

        def add(person_id: int, role: str, party: str, title: str = "", replaces: int | None = None) -> _Attendee:
            attendance_id = self.ctx.loader.next_id(Attendance)
            self.attendances.add(attendance_id, meeting_id, person_id, role, party, title, replaces)
            seen.add(person_id)
            attendee = _Attendee(attendance_id, person_id, role, party)
            attendees.append(attendee)
            return attendee

        for person_id, party, _position in members:
            if person_id in seen:
                continue
            if person_id != chair_id and len(members) > 3 and rng.random() < 0.1:
                stand_in = next((s for s in substitutes if s[1] == party and s[0] not in seen), None)
                if stand_in is not None:
                    add(stand_in[0], Attendance.Role.SERVING_SUBSTITUTE, party, replaces=person_id)
                continue
            add(person_id, Attendance.Role.MEMBER, party, "Ordförande" if person_id == chair_id else "")
        for person_id, party in substitutes:
            if person_id not in seen and rng.random() < 0.4:
                add(person_id, Attendance.Role.SUBSTITUTE, party)
        add(secretary, Attendance.Role.OTHER, "", "Sekreterare")
        deciding = [a for a in attendees if a.role in (Attendance.Role.MEMBER, Attendance.Role.SERVING_SUBSTITUTE)]
        chair = next(a for a in deciding if a.person_id == chair_id)
        verifier = rng.choice([a for a in deciding if a is not chair])
        return attendees, chair, verifier

    def _signatories(self, meeting_id, secretary, chair, verifier, signed_at) -> None:
        method = SIGNATURE_METHOD if signed_at else ""
        for person_id, role in (
            (secretary, Signatory.Role.SECRETARY),
            (chair.person_id, Signatory.Role.CHAIR),
            (verifier.person_id, Signatory.Role.VERIFIER),
        ):
            signed_by = self.user_of.get(person_id) if signed_at else None
            self.signatories.add(meeting_id, person_id, role, signed_at, signed_by, method)

    def _notice(
        self,
        meeting_id,
        kind,
        title,
        posted_on,
        takedown_on,
        appeal_ends_on,
        kept_at,
        *,
        posted_late=False,
        taken_down=False,
    ) -> None:
        notice_id = self.ctx.loader.next_id(Notice)
        row = (
            notice_id,
            kind,
            meeting_id,
            title,
            posted_on,
            takedown_on,
            appeal_ends_on,
            kept_at,
            posted_late,
            self._at(takedown_on, 8) if taken_down else None,
            self.ctx.system_user_id,
        )
        self.notices.add(*row)
        reason = "Protokollet anslogs" if kind == Notice.Kind.MINUTES else "Sammanträdet kungjordes"
        self.notice_history.add(*row, self._at(posted_on, 9), "+", reason, self.ctx.system_user_id)

    def _announcement(self, meeting_id, info, day, called_on, *, taken_down: bool) -> None:
        self._notice(
            meeting_id,
            Notice.Kind.ANNOUNCEMENT,
            f"Kungörelse: {info.name} sammanträder {day:%Y-%m-%d}",
            min(called_on, day),
            day,
            None,
            info.place,
            taken_down=taken_down,
        )

    def _upcoming(self, info: _BodyInfo, day: dt.date) -> None:
        """A coming meeting: called when it is within two weeks, planned otherwise; no numbers yet."""
        ctx, rng = self.ctx, self.rng
        meeting_id = ctx.loader.next_id(Meeting)
        called = (day - ctx.today).days <= 14
        called_at = self._at(ctx.today - dt.timedelta(days=rng.randint(0, 3)), 10) if called else None
        secretary = rng.choice(info.secretaries)
        self._meeting_row(
            meeting_id,
            info,
            day,
            {
                "secretary": secretary,
                "status": S.CALLED if called else S.PLANNED,
                "called_at": called_at,
                "changed_at": called_at,
            },
        )
        items = self._items(meeting_id, info, day, rng.randint(3, 12), numbered=False, closes=False)
        for item in items:
            row = (
                item["id"],
                meeting_id,
                item["position"],
                item["kind"],
                item["title"],
                item["case_id"],
                item["summary"],
                item["proposal"] or (item["decision"] if item["kind"] == AgendaItem.Kind.DECISION else ""),
                f"{info.name} beslutar",
                "",
                None,
                None,
                None,
                None,
                None,
            )
            self._item_row(row, self._at(day - dt.timedelta(days=20), 9), "Punkten lades till på föredragningslistan")
        if called and info.kind == Body.Kind.COUNCIL:
            self._announcement(meeting_id, info, day, called_at.date(), taken_down=False)

    def _finish(self) -> None:
        """Write this generator's rows now (so later generators read them) and move the counters."""
        for bulk in list(self.ctx.loader.tables.values()):
            if bulk.model._meta.app_label == "meetings":
                bulk.flush()
        move_counters_past(ParagraphCounter, ("body_id", "year"), self.counters)


def generate(ctx: ScaleContext) -> None:
    generator = MeetingsGenerator(ctx)
    generator.load()
    if not generator.bodies:
        return
    generator.generate()


# -- make bench ------------------------------------------------------------------------------------


def _sample(values: list, n: int) -> list:
    rng = random.Random(7)  # noqa: S311 (sampling, not security)
    return values if len(values) <= n else rng.sample(values, n)


def bench_endpoints() -> list[Endpoint]:
    """The meeting list, meeting pages with their paragraphs and attendance, the public notice
    board with its minutes, and the API's meeting, agenda, paragraph and item endpoints."""
    from . import selectors

    locked = [S.POSTED, S.APPEAL_OVER]
    meetings = _sample(
        list(Meeting.objects.filter(status__in=locked).order_by("-starts_at").values_list("id", flat=True)), 100
    )
    items = list(
        AgendaItem.objects.filter(meeting_id__in=meetings, kind=AgendaItem.Kind.DECISION)
        .order_by("-meeting__starts_at", "position")
        .values_list("meeting_id", "id")
    )
    items = _sample(items, 100)
    notices = list(
        Notice.objects.filter(kind=Notice.Kind.MINUTES).order_by("-posted_on", "-id").values_list("id", flat=True)[:100]
    )

    def meeting_rows(_user) -> list:
        qs = selectors.meeting_list()
        return [qs[:25], qs.order_by()]

    def board_rows(_user) -> list:
        qs = selectors.notice_board()
        return [qs[:25], qs.order_by()]

    def archive_rows(_user) -> list:
        qs = selectors.notice_archive()
        return [qs[:25], qs.order_by()]

    api = "/api/v1/meetings/"
    return [
        Endpoint("Sammanträden", [reverse("meetings:meeting_list")], rows=meeting_rows),
        Endpoint("Sammanträde", [reverse("meetings:meeting_detail", args=[pk]) for pk in meetings]),
        Endpoint("Paragraf", [reverse("meetings:item_detail", args=[m, i]) for m, i in items]),
        Endpoint("Närvaro", [reverse("meetings:attendance", args=[pk]) for pk in meetings]),
        Endpoint("Anslagstavla", [reverse("meetings:notice_board")], users=PUBLIC, rows=board_rows),
        Endpoint(
            "Anslagstavla, nedtagna",
            [reverse("meetings:notice_board") + "?visa=arkiv"],
            users=PUBLIC,
            rows=archive_rows,
        ),
        Endpoint(
            "Protokoll på anslagstavlan (PDF)",
            [reverse("meetings:public_minutes", args=[pk]) for pk in notices],
            users=PUBLIC,
        ),
        Endpoint("API sammanträde", [f"{api}{pk}/" for pk in meetings], users=STAFF),
        Endpoint("API föredragningslista", [f"{api}{pk}/agenda/" for pk in meetings], users=STAFF),
        Endpoint("API paragrafer", [f"{api}{pk}/paragraphs/" for pk in meetings], users=STAFF),
        Endpoint("API punkt", [f"{api}{m}/items/{i}/" for m, i in items], users=STAFF),
    ]
