"""Who may do what with meetings and minutes. Services call these; views and the API use the same."""

from __future__ import annotations

from samverka.organisation.models import Body, Role
from samverka.organisation.selectors import UserRoles, roles_for_user

from .models import Meeting


def _secretary_for(roles: UserRoles, body: Body) -> bool:
    """The body's secretary, or the secretary of the body it belongs to (KS's secretary serves KSAU)."""
    if roles.is_superuser or Role.ADMINISTRATOR in roles.global_roles:
        return True
    if roles.has_for(Role.SECRETARY, body_id=body.pk):
        return True
    return bool(body.parent_id and roles.has_for(Role.SECRETARY, body_id=body.parent_id))


def can_view_meetings(user) -> bool:
    """Staff, readers, and the elected members and substitutes of any body (they sign minutes)."""
    roles = roles_for_user(user)
    if roles.is_staff_member or roles.has(Role.READER):
        return True
    if roles.person_id is None:
        return False
    from django.utils import timezone

    from samverka.organisation.models import PoliticalAssignment
    from samverka.organisation.selectors import active_on

    return (
        PoliticalAssignment.objects.filter(person_id=roles.person_id).filter(active_on(timezone.localdate())).exists()
    )


def can_plan_any_meeting(user) -> bool:
    """Someone who may plan for at least one body: a secretary scoped to an administration plans for none."""
    roles = roles_for_user(user)
    return roles.is_administrator or Role.SECRETARY in roles.global_roles or bool(roles.body_ids(Role.SECRETARY))


def can_plan_meeting(user, body: Body) -> bool:
    return _secretary_for(roles_for_user(user), body)


def can_manage_meeting(user, meeting: Meeting) -> bool:
    """Agenda, calling, attendance, decisions and minutes: the body's secretary."""
    return _secretary_for(roles_for_user(user), meeting.body)


def can_sign_minutes(user, meeting: Meeting) -> bool:
    """Only the named chair, verifiers and secretary sign, each for themselves."""
    person_id = roles_for_user(user).person_id
    return person_id is not None and any(s.person_id == person_id for s in meeting.signatories.all())


def can_read_posted_minutes(user, meeting: Meeting) -> bool:
    """Posted minutes are public: anyone, signed in or not, reads them from the notice board on."""
    return meeting.status in (Meeting.Status.POSTED, Meeting.Status.APPEAL_OVER)


def can_post_minutes(user, meeting: Meeting) -> bool:
    return can_manage_meeting(user, meeting)


def can_make_extract(user, meeting: Meeting) -> bool:
    return can_manage_meeting(user, meeting)


def can_dispatch(user, meeting: Meeting) -> bool:
    return can_manage_meeting(user, meeting)
