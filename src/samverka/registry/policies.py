"""Who may do what in the registry. Services call these; views and the API use the same ones."""

from __future__ import annotations

from typing import TYPE_CHECKING

from samverka.organisation.models import Role
from samverka.organisation.selectors import UserRoles, roles_for_user

if TYPE_CHECKING:
    from .models import Case, CaseSeries, Document

REGISTRY_ROLES = (Role.REGISTRAR,)
HANDLING_ROLES = (Role.REGISTRAR, Role.CASE_OFFICER)
# Roles that may read secret parts of the cases of their own bodies and administrations.
SECRET_READING_ROLES = (Role.REGISTRAR, Role.CASE_OFFICER, Role.SECRETARY)


def _is_registry_administrator(roles: UserRoles) -> bool:
    """An administrator's powers in the registry are municipality-wide; a scoped one has none here."""
    return roles.is_superuser or Role.ADMINISTRATOR in roles.global_roles


def _covers(roles: UserRoles, wanted: tuple[str, ...], series: CaseSeries) -> bool:
    """Holds one of the roles for the series' owner (its body, or its administration and that body)."""
    if _is_registry_administrator(roles):
        return True
    body_id = series.owner_body_id
    return any(
        roles.has_for(role, body_id=body_id, administration_id=series.administration_id)
        or (series.body_id and _administration_of_body(roles, role, series.body_id))
        for role in wanted
    )


def _administration_of_body(roles: UserRoles, role: str, body_id: int) -> bool:
    administration_ids = roles.administration_ids(role)
    return any(owner == body_id for admin_id, owner in roles.administration_bodies if admin_id in administration_ids)


def _is_responsible(roles: UserRoles, case: Case) -> bool:
    return roles.person_id is not None and case.responsible_officer_id == roles.person_id


def can_view_registry(user) -> bool:
    roles = roles_for_user(user)
    return roles.is_staff_member


def can_open_case(user, series: CaseSeries) -> bool:
    return _covers(roles_for_user(user), HANDLING_ROLES, series)


def can_open_any_case(user) -> bool:
    roles = roles_for_user(user)
    return _is_registry_administrator(roles) or any(roles.has(r) for r in HANDLING_ROLES)


def can_change_case(user, case: Case) -> bool:
    roles = roles_for_user(user)
    return _is_responsible(roles, case) or _covers(roles, HANDLING_ROLES, case.series)


def can_close_case(user, case: Case) -> bool:
    return can_change_case(user, case)


def can_register_document(user, case: Case) -> bool:
    return can_change_case(user, case)


def can_correct_document(user, document: Document) -> bool:
    return _covers(roles_for_user(user), REGISTRY_ROLES, document.case.series)


def can_view_case_secrets(user, case: Case) -> bool:
    roles = roles_for_user(user)
    return _is_responsible(roles, case) or _covers(roles, SECRET_READING_ROLES, case.series)


def can_view_document_secrets(user, document: Document) -> bool:
    return can_view_case_secrets(user, document.case)


def can_export_registry(user) -> bool:
    roles = roles_for_user(user)
    return _is_registry_administrator(roles) or roles.has(Role.REGISTRAR)


def case_secrets_in_scope(scope: tuple[bool, set[int], int | None], case: Case) -> bool:
    """`can_view_case_secrets` from a `secret_scope` computed once, for lists that must not ask per row."""
    everywhere, series_ids, person_id = scope
    responsible = person_id is not None and case.responsible_officer_id == person_id
    return everywhere or case.series_id in series_ids or responsible


def secret_scope(user) -> tuple[bool, set[int], int | None]:
    """Where the user may read secrets, for filtering in SQL: (everywhere, series ids, person id)."""
    from .models import CaseSeries

    roles = roles_for_user(user)
    if _is_registry_administrator(roles):
        return True, set(), roles.person_id
    if not roles.is_staff_member:
        # Only as the responsible officer, as `can_view_case_secrets` says.
        return False, set(), roles.person_id
    if any(role in roles.global_roles for role in SECRET_READING_ROLES):
        return True, set(), roles.person_id
    series_ids = {
        s.pk for s in CaseSeries.objects.select_related("administration") if _covers(roles, SECRET_READING_ROLES, s)
    }
    return False, series_ids, roles.person_id
