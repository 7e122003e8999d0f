"""Who may do what with audits. IT governance follows every audit; the responsible person updates
their own actions; the auditors read their audits, every action and its history, but change nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from samverka.organisation.models import Role
from samverka.organisation.selectors import UserRoles, roles_for_user
from samverka.registry import policies as registry_policies

if TYPE_CHECKING:
    from samverka.registry.models import Case

    from .models import Action, Audit, AuditReport


def _is_governance(roles: UserRoles) -> bool:
    return roles.is_superuser or Role.ADMINISTRATOR in roles.global_roles or roles.has(Role.IT_GOVERNANCE)


def is_auditor_of(user, audit: Audit) -> bool:
    return roles_for_user(user).has_for(Role.AUDITOR, body_id=audit.auditor_body_id)


def can_view_audits(user) -> bool:
    """Audits and the board's answers are public documents: every member of staff may read them."""
    roles = roles_for_user(user)
    return roles.is_staff_member or roles.has(Role.READER)


def can_view_audit(user, audit: Audit) -> bool:
    return can_view_audits(user)


def can_register_audit(user, case: Case | None = None) -> bool:
    """IT governance, or whoever handles the auditors' case in the registry."""
    roles = roles_for_user(user)
    if _is_governance(roles):
        return True
    if case is None:
        return registry_policies.can_open_any_case(user)
    return registry_policies.can_change_case(user, case)


def can_manage_audit(user, audit: Audit) -> bool:
    """Change the audit, its findings, the answer, the actions and the reports."""
    roles = roles_for_user(user)
    if _is_governance(roles):
        return True
    if audit.response_case_id and registry_policies.can_change_case(user, audit.response_case):
        return True
    return registry_policies.can_change_case(user, audit.case)


def can_update_action(user, action: Action) -> bool:
    """Only the responsible person or IT governance moves an action on or writes status notes."""
    roles = roles_for_user(user)
    if _is_governance(roles):
        return True
    return roles.person_id is not None and roles.person_id == action.responsible_person_id


def can_register_statement(user, audit: Audit) -> bool:
    """Render the statement or a report and register it in the answer case."""
    return (
        audit.response_case_id is not None
        and can_manage_audit(user, audit)
        and registry_policies.can_register_document(user, audit.response_case)
    )


def can_submit_report(user, report: AuditReport) -> bool:
    return can_register_statement(user, report.audit)


def sees_governance_panel(user) -> bool:
    return _is_governance(roles_for_user(user))
