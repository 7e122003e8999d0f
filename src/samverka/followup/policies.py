"""Who may do what in the yearly follow-up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from samverka.organisation.models import Body, Role
from samverka.organisation.selectors import UserRoles, roles_for_user
from samverka.registry import policies as registry_policies

if TYPE_CHECKING:
    from .models import FollowUpRound, InitiativeStatus, RoundCommittee

ANSWERING_ROLES = (Role.DIGITAL_LEAD, Role.SECRETARY, Role.CASE_OFFICER)
BOARD_ADMINISTRATION_ROLES = (Role.CASE_OFFICER, Role.REGISTRAR)


def _is_governance(roles: UserRoles) -> bool:
    return roles.is_superuser or Role.ADMINISTRATOR in roles.global_roles or roles.has(Role.IT_GOVERNANCE)


def _in_board_administration(roles: UserRoles) -> bool:
    """A case officer or registrar of the board's administration (or of the board itself)."""
    boards = set(Body.objects.filter(kind=Body.Kind.BOARD).values_list("pk", flat=True))
    if roles.body_ids(*BOARD_ADMINISTRATION_ROLES) & boards:
        return True
    administrations = roles.administration_ids(*BOARD_ADMINISTRATION_ROLES)
    return any(body in boards for admin, body in roles.administration_bodies if admin in administrations)


def can_view_followup(user) -> bool:
    roles = roles_for_user(user)
    return roles.is_staff_member or roles.has(Role.READER)


def can_open_round(user) -> bool:
    roles = roles_for_user(user)
    return _is_governance(roles) or _in_board_administration(roles)


def can_manage_round(user, round: FollowUpRound) -> bool:
    return can_open_round(user)


def can_answer_for(user, committee: RoundCommittee) -> bool:
    """The committee's own digital lead, secretary or case officer (or IT governance) answers."""
    roles = roles_for_user(user)
    if _is_governance(roles):
        return True
    body_id = committee.body_id
    if any((role, body_id) in roles.body_roles for role in ANSWERING_ROLES):
        return True
    administrations = roles.administration_ids(*ANSWERING_ROLES)
    return any(body == body_id for admin, body in roles.administration_bodies if admin in administrations)


def can_report_initiative(user, status: InitiativeStatus) -> bool:
    """Shared IT reports on the plan's initiatives: IT governance."""
    return _is_governance(roles_for_user(user))


def can_register_report(user, round: FollowUpRound) -> bool:
    return (
        round.case_id is not None
        and can_manage_round(user, round)
        and registry_policies.can_register_document(user, round.case)
    )


def can_view_board_dashboard(user) -> bool:
    return can_view_followup(user)
