"""Who may do what with the organisation itself."""

from .models import Role
from .selectors import roles_for_user


def can_manage_organisation(user) -> bool:
    return roles_for_user(user).is_administrator


def can_view_organisation(user) -> bool:
    roles = roles_for_user(user)
    return roles.is_staff_member or roles.has(Role.READER)
