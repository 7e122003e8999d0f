"""Who may do what with consultations. Services call these; views, templates and the API use the same ones.

- The sender's side (create, edit, send, close, reopen, compile, answer comments) belongs to those who
  may change the consultation's case in the registry (its registrars and case officers, and the case's
  responsible officer) and to the consultation's responsible officer.
- The recipient's side belongs to the recipient's own staff: its digital lead, registrar, case
  officers and secretaries (a role on a body covers its administrations, and a role in an
  administration speaks for its body). An external party has no accounts here: the sender records
  its response on its behalf.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from samverka.organisation.models import Role
from samverka.organisation.selectors import UserRoles, roles_for_user
from samverka.registry import policies as registry_policies

if TYPE_CHECKING:
    from samverka.registry.models import Case

    from .models import Comment, Consultation, Recipient

RESPONDING_ROLES = (Role.DIGITAL_LEAD, Role.REGISTRAR, Role.CASE_OFFICER, Role.SECRETARY)
RECEIVING_ROLES = (Role.REGISTRAR,)


def _speaks_for(roles: UserRoles, wanted: tuple[str, ...], recipient: Recipient) -> bool:
    """Holds one of the roles for the recipient's organisation."""
    if roles.is_superuser or Role.ADMINISTRATOR in roles.global_roles:
        return True
    if recipient.external_id:
        return False
    administration_bodies = dict(roles.administration_bodies)
    for role in wanted:
        if role in roles.global_roles:
            return True
        if recipient.body_id:
            if roles.has_for(role, body_id=recipient.body_id):
                return True
            if any(administration_bodies.get(a) == recipient.body_id for a in roles.administration_ids(role)):
                return True
        if recipient.administration_id and roles.has_for(role, administration_id=recipient.administration_id):
            return True
        if recipient.administration_id and roles.has_for(role, body_id=recipient.administration.body_id):
            return True
    return False


def can_view_consultations(user) -> bool:
    return roles_for_user(user).is_staff_member


def can_create_consultation(user, case: Case) -> bool:
    return registry_policies.can_change_case(user, case)


def can_manage_consultation(user, consultation: Consultation) -> bool:
    roles = roles_for_user(user)
    if roles.person_id is not None and consultation.responsible_officer_id == roles.person_id:
        return True
    return registry_policies.can_change_case(user, consultation.case)


def can_view_consultation(user, consultation: Consultation) -> bool:
    """A draft is seen only by its senders; once sent, every member of staff may read it."""
    if consultation.status == consultation.Status.DRAFT:
        return can_manage_consultation(user, consultation)
    return can_view_consultations(user)


def can_respond(user, recipient: Recipient) -> bool:
    """Write and send the recipient's response (an external party's response is recorded by the sender)."""
    if recipient.external_id:
        return can_manage_consultation(user, recipient.consultation)
    return _speaks_for(roles_for_user(user), RESPONDING_ROLES, recipient)


def can_register_receipt(user, recipient: Recipient) -> bool:
    """Register the consultation as incoming in a case of the recipient's own series."""
    if recipient.external_id:
        return False
    return _speaks_for(roles_for_user(user), RECEIVING_ROLES, recipient)


def can_handle_comment(user, comment: Comment) -> bool:
    return can_manage_consultation(user, comment.response.recipient.consultation)


def recipient_scope(user) -> tuple[bool, set[int], set[int]]:
    """Where the user speaks for recipients, for filtering in SQL: (everywhere, body ids, administration ids).

    Body ids include the bodies of the user's administrations; administration ids include those
    directly held (a body role covering its administrations is matched in the selector)."""
    roles = roles_for_user(user)
    if roles.is_superuser or Role.ADMINISTRATOR in roles.global_roles:
        return True, set(), set()
    if any(role in roles.global_roles for role in RESPONDING_ROLES):
        return True, set(), set()
    body_ids = roles.body_ids(*RESPONDING_ROLES)
    administration_ids = roles.administration_ids(*RESPONDING_ROLES)
    owners = dict(roles.administration_bodies)
    body_ids |= {owners[a] for a in administration_ids if a in owners}
    return False, body_ids, administration_ids
