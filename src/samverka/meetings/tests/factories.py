"""Meetings test data, built through the real services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from samverka.meetings import services
from samverka.meetings.models import AgendaItem, Attendance, Meeting
from samverka.organisation.models import Body, Person, PoliticalAssignment, Role, RoleAssignment
from samverka.organisation.tests.factories import BodyFactory, PersonFactory, UserFactory, user_with_role
from samverka.registry.tests.factories import CaseSeriesFactory, open_case


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=timezone.get_current_timezone())


def member_of(
    body: Body, *, party: str = "S", position: str = "", kind: str = "member", with_user: bool = True
) -> Person:
    person = PersonFactory(user=UserFactory() if with_user else None)
    PoliticalAssignment.objects.create(
        person=person, body=body, kind=kind, party=party, position=position, starts_on=dt.date(2019, 1, 1)
    )
    return person


@dataclass
class Setup:
    body: Body
    secretary: object  # user
    secretary_person: Person
    members: list[Person] = field(default_factory=list)
    meeting: Meeting | None = None
    items: list[AgendaItem] = field(default_factory=list)
    attendances: list[Attendance] = field(default_factory=list)


def ksau(*, seats: int = 5) -> Setup:
    """KS with its working committee KSAU, a secretary on KS, and `seats` members of KSAU."""
    series = CaseSeriesFactory()  # STK under Stadskontoret under KS
    ks = series.administration.body
    body = BodyFactory(short_name="KSAU", name="Kommunstyrelsens arbetsutskott", kind="working_committee", parent=ks)
    secretary = user_with_role(Role.SECRETARY, body=ks)
    person = secretary.person
    # The secretary also registers documents in the STK series (extracts).
    RoleAssignment.objects.create(person=person, role=Role.CASE_OFFICER, administration=series.administration)
    members = [member_of(body, party="S", position="chair")] + [
        member_of(body, party=p) for p in ["L", "M", "V", "SD"][: seats - 1]
    ]
    return Setup(body=body, secretary=secretary, secretary_person=person, members=members)


def planned(setup: Setup, *, day: dt.date | None = None, items: int = 1) -> Setup:
    day = day or timezone.localdate() - dt.timedelta(days=1)
    meeting = services.meeting_plan(
        actor=setup.secretary, body=setup.body, starts_at=at(day, 8, 45), ends_at=at(day, 9, 8), place="Stadshuset"
    )
    setup.meeting = meeting
    for n in range(items):
        case = open_case(title=f"Ärende {n + 1}")
        setup.items.append(
            services.agenda_item_add(
                actor=setup.secretary,
                meeting=meeting,
                title=f"Riktlinjer för IT, punkt {n + 1}",
                case=case,
                summary="Stadskontoret har tagit fram ett förslag.",
                proposal="Arbetsutskottet skickar förslaget på remiss.",
                decision_intro="Kommunstyrelsens arbetsutskott beslutar",
            )
        )
    return setup


def called_with_attendance(setup: Setup) -> Setup:
    services.meeting_call(actor=setup.secretary, meeting=setup.meeting)
    for index, person in enumerate(setup.members):
        setup.attendances.append(
            services.attendance_record(
                actor=setup.secretary,
                meeting=setup.meeting,
                person=person,
                role=Attendance.Role.MEMBER,
                party=person.assignments.first().party,
                title="Ordförande" if index == 0 else "",
            )
        )
    setup.attendances.append(
        services.attendance_record(
            actor=setup.secretary,
            meeting=setup.meeting,
            person=setup.secretary_person,
            role=Attendance.Role.OTHER,
            title="Sekreterare",
        )
    )
    return setup


def decided(setup: Setup) -> Setup:
    for item in setup.items:
        services.decision_record(
            actor=setup.secretary, item=item, decision="Förslaget skickas på remiss.\nSvar senast den 31 december."
        )
    return setup


def held_and_drafted(setup: Setup) -> Setup:
    services.meeting_hold(actor=setup.secretary, meeting=setup.meeting)
    services.signatories_set(
        actor=setup.secretary, meeting=setup.meeting, chair=setup.members[0], verifiers=[setup.members[1]]
    )
    services.minutes_draft(actor=setup.secretary, meeting=setup.meeting)
    return setup


def verified(setup: Setup) -> Setup:
    for person in (setup.members[0], setup.members[1], setup.secretary_person):
        services.minutes_sign(actor=person.user, meeting=setup.meeting)
    setup.meeting.refresh_from_db()
    return setup


def full(*, items: int = 1, seats: int = 5) -> Setup:
    return verified(held_and_drafted(decided(called_with_attendance(planned(ksau(seats=seats), items=items)))))
