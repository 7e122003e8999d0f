"""Demo minutes: KSAU 2020-10-05 §567, Servicenämnden 2023-06-20 §56, KSAU 2023-10-09 §461 and
KS 2023-10-18 §269, verified, sealed and posted; and a planned meeting with its agenda.

Built through the services on the demo organisation and cases; every name is invented. The
signatures of these historical minutes are imported with their historical dates (there is no
service for back-dating a signature: the signing service always stamps the present moment).
Idempotent: a meeting that already exists is left alone.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from samverka.organisation.models import Body, Person, PoliticalAssignment
from samverka.registry.models import Case

from . import services
from .models import Attendance, Meeting

OTHERS = {
    "KSAU": [("Gunilla", "Fahlén", "Stadsdirektör")],
    "KS": [("Gunilla", "Fahlén", "Stadsdirektör")],
    "SN": [("Marcus", "Lindroth", "Servicedirektör"), ("Tove", "Grahn", "Avdelningschef kommungemensam IT")],
}

MEETINGS = [
    {
        "body": "KSAU",
        "day": "2020-10-05",
        "times": ((8, 45), (9, 8)),
        "place": "Stadshuset, sammanträdesrum Kärnan",
        "first": 567,
        "verified": "2020-10-12",
        "serving": 0,
        "items": [
            {
                "case": "STK-2019-284",
                "title": "Riktlinjer och omorganisering gällande IT, digitalisering och systemförvaltning",
                "summary": (
                    "Stadskontoret har arbetat fram ett förslag gällande styrning, finansiering och organisering "
                    "av kommungemensam IT, digitalisering och systemförvaltning. Förslaget innebär att "
                    "servicenämnden får ansvar för kommungemensam IT och att kommunstyrelsen beslutar om "
                    "riktlinjer för kommungemensam IT."
                ),
                "decision": (
                    "Kommunstyrelsens arbetsutskott skickar, utan eget ställningstagande, förslag till riktlinjer "
                    "och förändrad ansvarsfördelning av IT, digitalisering och systemförvaltning på remiss till "
                    "samtliga nämnder och berörda fackliga organisationer med svar till stadskontoret senast den "
                    "31 december 2020."
                ),
                "intro": "Kommunstyrelsens arbetsutskott beslutar",
                "dispatch": ["Samtliga nämnder", "Vision", "Saco", "Kommunikations- och IT-avdelningen, IT-enheten"],
            }
        ],
    },
    {
        "body": "SN",
        "day": "2023-06-20",
        "times": ((17, 0), (19, 30)),
        "place": "Serviceförvaltningen, sammanträdesrum Lyktan",
        "first": 56,
        "verified": "2023-06-27",
        "serving": 1,
        "items": [
            {
                "case": "STK-2023-1044",
                "title": "Utvecklingsplan för kommungemensam IT 2024",
                "summary": "Serviceförvaltningen har tagit fram förslag till utvecklingsplan för kommungemensam IT "
                "2024.",
                "decision": "Servicenämnden godkänner förslaget till utvecklingsplan för kommungemensam IT 2024 och "
                "överlämnar det till kommunstyrelsen.",
                "intro": "Servicenämnden beslutar",
                "dispatch": ["Kommunstyrelsen"],
            }
        ],
    },
    {
        "body": "KSAU",
        "day": "2023-10-09",
        "times": ((8, 30), (11, 0)),
        "place": "Stadshuset, sammanträdesrum Kärnan",
        "first": 461,
        "verified": "2023-10-11",
        "serving": 0,
        "items": [
            {
                "case": "STK-2023-1044",
                "title": "Utvecklingsplan för kommungemensam IT 2024",
                "summary": "Servicenämnden har den 20 juni 2023 godkänt förslaget till utvecklingsplan och "
                "överlämnat det till kommunstyrelsen.",
                "decision": "Kommunstyrelsens arbetsutskott föreslår kommunstyrelsen att godkänna utvecklingsplanen "
                "för kommungemensam IT 2024.",
                "intro": "Kommunstyrelsens arbetsutskott beslutar",
                "dispatch": [],
            }
        ],
    },
    {
        "body": "KS",
        "day": "2023-10-18",
        "times": ((13, 0), (16, 40)),
        "place": "Stadshuset, sessionssalen",
        "first": 269,
        "verified": "2023-10-24",
        "serving": 4,
        "items": [
            {
                "case": "STK-2023-1044",
                "title": "Utvecklingsplan för kommungemensam IT 2024",
                "summary": "Kommunstyrelsens arbetsutskott föreslår att kommunstyrelsen godkänner utvecklingsplanen "
                "för kommungemensam IT 2024.",
                "decision": "Kommunstyrelsen godkänner utvecklingsplanen för kommungemensam IT 2024.\n"
                "Servicenämnden ska följa upp planen vid årsbokslutet 2024.",
                "intro": "Kommunstyrelsen beslutar",
                "dispatch": ["Servicenämnden", "Samtliga nämnder"],
                "statement": "Bilaga 13",
            }
        ],
    },
]


def _at(day: dt.date, hour: int, minute: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=timezone.get_current_timezone())


def _person(first: str, last: str) -> Person | None:
    return Person.objects.filter(first_name=first, last_name=last).first()


def _secretary() -> Person | None:
    user = get_user_model().objects.filter(username="sekreterare").first()
    return getattr(user, "person", None) if user else None


def _import_signatures(actor, meeting: Meeting, day: dt.date) -> None:
    signed_at = _at(day, 10, 0)
    for signatory in meeting.signatories.all():
        signatory.signed_at = signed_at
        signatory.sign_in_method = "Importerad underskrift (demo)"
        services._stamp(signatory, actor, "Underskrift importerad från pappersprotokoll (demo)")
        signatory.save(update_fields=["signed_at", "sign_in_method"])
    meeting.status = Meeting.Status.VERIFIED
    meeting.verified_at = signed_at
    meeting.verified_on = day
    services._stamp(meeting, actor, "Protokollet justerades (importerat)")
    meeting.save(update_fields=["status", "verified_at", "verified_on"])
    from .tasks import seal_minutes

    seal_minutes.enqueue(meeting.pk)


def _load_meeting(actor, spec: dict) -> bool:
    body = Body.objects.filter(short_name=spec["body"]).first()
    if body is None:
        return False
    day = dt.date.fromisoformat(spec["day"])
    starts_at = _at(day, *spec["times"][0])
    if Meeting.objects.filter(body=body, starts_at=starts_at).exists():
        return False
    assignments = list(PoliticalAssignment.objects.filter(body=body).select_related("person").order_by("kind", "id"))
    members = [a for a in assignments if a.kind == "member"]
    substitutes = [a for a in assignments if a.kind == "substitute"]
    if len(members) < 3:
        return False
    meeting = services.meeting_plan(
        actor=actor,
        body=body,
        starts_at=starts_at,
        ends_at=_at(day, *spec["times"][1]),
        place=spec["place"],
        secretary=_secretary(),
    )
    items = []
    for item_spec in spec["items"]:
        case = Case.objects.filter(number=item_spec["case"]).first()
        if case is None or case.status == Case.Status.CLOSED:
            continue
        items.append(
            (
                services.agenda_item_add(
                    actor=actor,
                    meeting=meeting,
                    title=item_spec["title"],
                    case=case,
                    summary=item_spec["summary"],
                    proposal=item_spec["decision"],
                    decision_intro=item_spec["intro"],
                    supporting_documents=list(case.documents.order_by("sequence")[:3]),
                ),
                item_spec,
            )
        )
    if not items:
        return False
    services.meeting_call(actor=actor, meeting=meeting)
    serving = min(spec["serving"], len(substitutes), len(members) - 2)
    absent = members[len(members) - serving :] if serving else []
    present = members[: len(members) - serving]
    attendances = []
    for assignment in present:
        title = {
            "chair": "Ordförande",
            "first_vice_chair": "1:e vice ordförande",
            "second_vice_chair": "2:e vice ordförande",
        }
        attendances.append(
            services.attendance_record(
                actor=actor,
                meeting=meeting,
                person=assignment.person,
                role=Attendance.Role.MEMBER,
                party=assignment.party,
                title=title.get(assignment.position, ""),
            )
        )
    for substitute, replaced in zip(substitutes[:serving], absent, strict=False):
        attendances.append(
            services.attendance_record(
                actor=actor,
                meeting=meeting,
                person=substitute.person,
                role=Attendance.Role.SERVING_SUBSTITUTE,
                party=substitute.party,
                replaces=replaced.person,
            )
        )
    for substitute in substitutes[serving:]:
        services.attendance_record(
            actor=actor,
            meeting=meeting,
            person=substitute.person,
            role=Attendance.Role.SUBSTITUTE,
            party=substitute.party,
        )
    for first, last, title in OTHERS.get(spec["body"], []):
        person = _person(first, last)
        if person is not None:
            services.attendance_record(
                actor=actor, meeting=meeting, person=person, role=Attendance.Role.OTHER, title=title
            )
    secretary = _secretary()
    if secretary is not None:
        services.attendance_record(
            actor=actor, meeting=meeting, person=secretary, role=Attendance.Role.OTHER, title="Sekreterare"
        )
    for item, item_spec in items:
        services.decision_record(actor=actor, item=item, decision=item_spec["decision"], accept_no_quorum=True)
        for name in item_spec["dispatch"]:
            services.dispatch_recipient_add(actor=actor, item=item, recipient=name)
        if item_spec.get("statement"):
            services.special_statement_add(
                actor=actor,
                item=item,
                members=attendances[-3:],
                text="Vi välkomnar planen men vill se en tydligare uppföljning av nyttan för invånarna.",
                attachment_label=item_spec["statement"],
            )
    services.meeting_hold(actor=actor, meeting=meeting, first_paragraph_number=spec["first"])
    services.signatories_set(
        actor=actor, meeting=meeting, chair=present[0].person, verifiers=[present[1].person], secretary=secretary
    )
    services.minutes_draft(actor=actor, meeting=meeting)
    verified_on = dt.date.fromisoformat(spec["verified"])
    _import_signatures(actor, meeting, verified_on)
    notice = services.minutes_post(actor=actor, meeting=meeting, posted_on=verified_on + dt.timedelta(days=1))
    services.notice_take_down(actor=actor, notice=notice, today=notice.takedown_on)
    return True


def _load_planned(actor) -> bool:
    body = Body.objects.filter(short_name="KSAU").first()
    case = Case.objects.filter(number="STK-2023-1044").first()
    if body is None:
        return False
    today = timezone.localdate()
    day = today + dt.timedelta(days=(7 - today.weekday()) % 7 + 14)
    if Meeting.objects.filter(body=body, status=Meeting.Status.PLANNED, starts_at__gte=timezone.now()).exists():
        return False
    meeting = services.meeting_plan(
        actor=actor,
        body=body,
        starts_at=_at(day, 8, 30),
        ends_at=_at(day, 11, 0),
        place="Stadshuset, sammanträdesrum Kärnan",
        secretary=_secretary(),
    )
    services.agenda_item_add(
        actor=actor, meeting=meeting, title="Information om införandet av e-arkiv", kind="information"
    )
    if case is not None and case.status == Case.Status.OPEN:
        services.agenda_item_add(
            actor=actor,
            meeting=meeting,
            title="Uppföljning av utvecklingsplanen för kommungemensam IT",
            case=case,
            summary="Servicenämnden redovisar hur utvecklingsplanen har genomförts hittills.",
            proposal="Arbetsutskottet lägger redovisningen till handlingarna.",
            decision_intro="Kommunstyrelsens arbetsutskott beslutar",
        )
    return True


def load(stdout) -> None:
    from samverka.organisation.services import system_actor

    actor = system_actor()
    created = sum(_load_meeting(actor, spec) for spec in MEETINGS)
    planned = _load_planned(actor)
    stdout.write(f"  Sammanträden: {created} protokoll inlästa{', ett planerat sammanträde' if planned else ''}.")
