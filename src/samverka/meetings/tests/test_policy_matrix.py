"""Every role against every meetings policy (the policy matrix).

The meeting is KSAU's, verified and posted; KSAU belongs to KS, whose secretary serves it and signs
its minutes. A second meeting (Kulturnämnden's, drafted, not posted) supplies a verifier of other
minutes and a secretary of another body.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from samverka.meetings import policies, services
from samverka.meetings.models import Meeting
from samverka.meetings.tests import factories as f
from samverka.organisation.models import Body, PoliticalAssignment, Role
from samverka.organisation.tests.factories import AdministrationFactory, BodyFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db

ACTIONS = [
    "view_meetings",
    "plan_any_meeting",
    "plan_meeting_ksau",
    "plan_meeting_ks",
    "manage_meeting",
    "sign_minutes",
    "post_minutes",
    "make_extract",
    "dispatch",
    "read_posted_minutes",
    "read_unposted_minutes",
]

SECRETARY_OF_KSAU = {
    "view_meetings",
    "plan_any_meeting",
    "plan_meeting_ksau",
    "manage_meeting",
    "post_minutes",
    "make_extract",
    "dispatch",
    "read_posted_minutes",
}
STAFF_READING = {"view_meetings", "read_posted_minutes"}

# role -> the actions it may take on KSAU's meeting (everything else is refused)
MATRIX: dict[str, set[str]] = {
    # staff roles
    "registrar": STAFF_READING,
    "case_officer": STAFF_READING,
    "secretary": SECRETARY_OF_KSAU,
    "digital_lead": STAFF_READING,
    "it_governance": STAFF_READING,
    "auditor": STAFF_READING,
    "reader": STAFF_READING,
    # the administrator runs every body's meetings but signs nobody's minutes
    "administrator": set(ACTIONS) - {"sign_minutes", "read_unposted_minutes"},
    # the secretary of the parent body serves the working committee and signs as its secretary
    "secretary_of_parent_body": SECRETARY_OF_KSAU | {"plan_meeting_ks", "sign_minutes"},
    "secretary_of_other_body": {"view_meetings", "plan_any_meeting", "read_posted_minutes"},
    "secretary_of_administration": STAFF_READING,
    # elected members: they read the meetings; the chair and verifiers sign their own minutes only
    "chair": {"view_meetings", "sign_minutes", "read_posted_minutes"},
    "verifier": {"view_meetings", "sign_minutes", "read_posted_minutes"},
    "member_not_signing": STAFF_READING,
    "verifier_of_other_minutes": STAFF_READING,
    # the public reads posted minutes and nothing else
    "no_role": {"read_posted_minutes"},
    "anonymous": {"read_posted_minutes"},
}

STAFF_ROLES = {r.value for r in Role}


@dataclass
class World:
    ks: Body
    ksau: Body
    meeting: Meeting
    unposted: Meeting
    users: dict


@pytest.fixture
def world() -> World:
    posted = f.full(seats=4)
    services.minutes_post(actor=posted.secretary, meeting=posted.meeting)
    posted.meeting.refresh_from_db()
    ks = posted.body.parent
    stk = AdministrationFactory(short_name="STKF")  # the case series' administration, under KS

    kn = BodyFactory(short_name="KN", name="Kulturnämnden", kind=Body.Kind.COMMITTEE)
    kn_secretary = user_with_role(Role.SECRETARY, body=kn)
    other = f.Setup(body=kn, secretary=kn_secretary, secretary_person=kn_secretary.person)
    other.members = [f.member_of(kn, position="chair"), f.member_of(kn, party="M"), f.member_of(kn, party="V")]
    other = f.held_and_drafted(f.decided(f.called_with_attendance(f.planned(other))))

    auditors = BodyFactory(short_name="RK", name="Revisorskollegiet", kind=Body.Kind.AUDITORS)
    users = {
        "registrar": user_with_role(Role.REGISTRAR, administration=stk),
        "case_officer": user_with_role(Role.CASE_OFFICER, administration=stk),
        "secretary": user_with_role(Role.SECRETARY, body=posted.body),
        "digital_lead": user_with_role(Role.DIGITAL_LEAD, administration=stk),
        "it_governance": user_with_role(Role.IT_GOVERNANCE, administration=stk),
        "auditor": user_with_role(Role.AUDITOR, body=auditors),
        "reader": user_with_role(Role.READER),
        "administrator": user_with_role(Role.ADMINISTRATOR),
        "secretary_of_parent_body": posted.secretary,
        "secretary_of_other_body": kn_secretary,
        "secretary_of_administration": user_with_role(Role.SECRETARY, administration=stk),
        "chair": posted.members[0].user,
        "verifier": posted.members[1].user,
        "member_not_signing": posted.members[2].user,
        "verifier_of_other_minutes": other.members[1].user,
        "no_role": UserFactory(),
        "anonymous": AnonymousUser(),
    }
    return World(ks=ks, ksau=posted.body, meeting=posted.meeting, unposted=other.meeting, users=users)


def _allowed(world: World, user, action: str) -> bool:
    meeting = world.meeting
    return {
        "view_meetings": lambda: policies.can_view_meetings(user),
        "plan_any_meeting": lambda: policies.can_plan_any_meeting(user),
        "plan_meeting_ksau": lambda: policies.can_plan_meeting(user, world.ksau),
        "plan_meeting_ks": lambda: policies.can_plan_meeting(user, world.ks),
        "manage_meeting": lambda: policies.can_manage_meeting(user, meeting),
        "sign_minutes": lambda: policies.can_sign_minutes(user, meeting),
        "post_minutes": lambda: policies.can_post_minutes(user, meeting),
        "make_extract": lambda: policies.can_make_extract(user, meeting),
        "dispatch": lambda: policies.can_dispatch(user, meeting),
        "read_posted_minutes": lambda: policies.can_read_posted_minutes(user, meeting),
        "read_unposted_minutes": lambda: policies.can_read_posted_minutes(user, world.unposted),
    }[action]()


def test_matrix_covers_every_policy_and_staff_role():
    functions = {name for name in dir(policies) if name.startswith("can_")}
    covered = {
        "can_view_meetings",
        "can_plan_any_meeting",
        "can_plan_meeting",
        "can_manage_meeting",
        "can_sign_minutes",
        "can_post_minutes",
        "can_make_extract",
        "can_dispatch",
        "can_read_posted_minutes",
    }
    assert functions == covered, "a new policy needs its column in the matrix"
    assert set(MATRIX) >= STAFF_ROLES
    assert all(MATRIX[role] <= set(ACTIONS) for role in MATRIX)


@pytest.mark.parametrize("role", list(MATRIX))
def test_policy_matrix(world, role):
    # One world per role (building it dominates); every action is checked and all mismatches reported.
    user = world.users[role]
    actual = {action: _allowed(world, user, action) for action in ACTIONS}
    expected = {action: action in MATRIX[role] for action in ACTIONS}
    wrong = {a: "allowed" if actual[a] else "refused" for a in ACTIONS if actual[a] != expected[a]}
    assert not wrong, f"{role}: {wrong}"


def test_ended_membership_no_longer_reads_meetings(world):
    member = world.users["member_not_signing"]
    PoliticalAssignment.objects.filter(person=member.person).update(ends_on=timezone.localdate() - dt.timedelta(days=1))
    member = type(member).objects.get(pk=member.pk)  # the roles are cached per user object
    assert not policies.can_view_meetings(member)
    assert policies.can_read_posted_minutes(member, world.meeting)
