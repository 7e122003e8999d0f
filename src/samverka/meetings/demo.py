"""Demo minutes: KSAU 2020-10-05 §567, Servicenämnden 2023-06-20 §56, KSAU 2023-10-09 §461 and
KS 2023-10-18 §269, verified, sealed and posted; and a planned meeting with its agenda.

KS §269 has the composition of the real minutes: thirteen deciding members of seven parties, four
of them serving substitutes, eight substitutes who do not serve, and a special statement by three
members as attachment 13. The demo organisation seats nine members and five substitutes on KS, so
the missing seats are filled here (invented people, through the organisation services).

Built through the services on the demo organisation and cases; every name is invented. The
signatures of these historical minutes are imported with their historical dates (there is no
service for back-dating a signature: the signing service always stamps the present moment).
Idempotent: a meeting that already exists is left alone.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

from django.contrib.auth import get_user_model
from django.utils import timezone

from samverka.organisation import services as organisation_services
from samverka.organisation.demo import DEMO_DOMAIN, TERM_STARTS
from samverka.organisation.models import Body, Person, PoliticalAssignment
from samverka.registry.models import Case

from . import services
from .models import Attendance, Meeting

OTHERS = {
    "KSAU": [("Gunilla", "Fahlén", "Stadsdirektör")],
    "KS": [("Gunilla", "Fahlén", "Stadsdirektör")],
    "SN": [("Marcus", "Lindroth", "Servicedirektör"), ("Tove", "Grahn", "Avdelningschef kommungemensam IT")],
}

# The KS seats the organisation demo lacks: (first name, last name, party), all invented.
KS_EXTRA_MEMBERS = [
    ("Anneli", "Storm", "S"),
    ("Roger", "Friberg", "M"),
    ("Linda", "Håkansson", "SD"),
    ("Mikael", "Nyberg", "C"),
]
KS_EXTRA_SUBSTITUTES = [
    ("Ronja", "Wallin", "S"),
    ("Kalle", "Åberg", "MP"),
    ("Marie", "Ekholm", "M"),
    ("Lars", "Sjöstrand", "M"),
    ("Pia", "Hedlund", "S"),
    ("Dennis", "Falk", "V"),
    ("Sonja", "Ring", "SD"),
]

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
        # absent member -> the substitute of the same party who serves in their place
        "serving": {
            "Ali Demir": "Amira Haddad",
            "Anneli Storm": "Ronja Wallin",
            "Magnus Tollin": "Ingrid Norén",
            "Elin Sundell": "Kalle Åberg",
        },
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
                "statement_by": ["Karin Wester", "Per Ljungqvist", "Roger Friberg"],
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


def _email(first: str, last: str) -> str:
    local = unicodedata.normalize("NFKD", f"{first}.{last}".lower()).encode("ascii", "ignore").decode()
    return f"{local}@politik.{DEMO_DOMAIN}"  # as the organisation demo writes its politicians' addresses


def _seat_ks(actor) -> None:
    """Fill KS to thirteen members and twelve substitutes (idempotent: matched on e-mail and body)."""
    body = Body.objects.filter(short_name="KS").first()
    if body is None:
        return
    for kind, people in (("member", KS_EXTRA_MEMBERS), ("substitute", KS_EXTRA_SUBSTITUTES)):
        for first, last, party in people:
            person = Person.objects.filter(email=_email(first, last)).first()
            if person is None:
                person = organisation_services.person_create(
                    actor=actor, first_name=first, last_name=last, email=_email(first, last), title="Förtroendevald"
                )
            if not PoliticalAssignment.objects.filter(person=person, body=body).exists():
                organisation_services.political_assignment_create(
                    actor=actor, person=person, body=body, kind=kind, party=party, starts_on=TERM_STARTS
                )


def _serving_pairs(
    spec: dict, members: list[PoliticalAssignment], substitutes: list[PoliticalAssignment]
) -> list[tuple[PoliticalAssignment, PoliticalAssignment]]:
    """(absent member, serving substitute): named in the spec, or the last members and first substitutes."""
    serving = spec["serving"]
    if isinstance(serving, dict):
        by_name = {a.person.full_name: a for a in [*members, *substitutes]}
        return [(by_name[m], by_name[s]) for m, s in serving.items() if m in by_name and s in by_name]
    count = min(serving, len(substitutes), len(members) - 2)
    return list(zip(members[len(members) - count :], substitutes[:count], strict=True)) if count else []


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
    pairs = _serving_pairs(spec, members, substitutes)
    absent = [member.pk for member, _substitute in pairs]
    serving = [substitute.pk for _member, substitute in pairs]
    present = [a for a in members if a.pk not in absent]
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
    for replaced, substitute in pairs:
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
    for substitute in (a for a in substitutes if a.pk not in serving):
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
            named = [a for a in attendances if a.person.full_name in item_spec.get("statement_by", [])]
            services.special_statement_add(
                actor=actor,
                item=item,
                members=named or attendances[-3:],
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
    _seat_ks(actor)
    created = sum(_load_meeting(actor, spec) for spec in MEETINGS)
    planned = _load_planned(actor)
    stdout.write(f"  Sammanträden: {created} protokoll inlästa{', ett planerat sammanträde' if planned else ''}.")
