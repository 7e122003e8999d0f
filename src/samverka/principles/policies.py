"""Who may read and manage the principles: everyone on the staff reads, IT governance manages."""

from samverka.organisation.models import Role
from samverka.organisation.selectors import roles_for_user


def can_view_principles(user) -> bool:
    roles = roles_for_user(user)
    return roles.is_staff_member


def can_manage_principles(user) -> bool:
    roles = roles_for_user(user)
    return roles.is_administrator or roles.has(Role.IT_GOVERNANCE)
