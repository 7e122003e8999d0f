"""Who may do what with plans and the annual wheel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from samverka.needs.policies import is_governance
from samverka.organisation.models import Role
from samverka.organisation.selectors import roles_for_user

if TYPE_CHECKING:
    from .models import DevelopmentPlan


def can_view_plans(user) -> bool:
    return roles_for_user(user).is_staff_member


def can_create_plan(user) -> bool:
    return is_governance(user)


def can_compose_plan(user, plan: DevelopmentPlan) -> bool:
    """Only IT governance composes the plan, and only while it is a draft."""
    return plan.status == plan.Status.DRAFT and is_governance(user)


def can_record_plan_decision(user, plan: DevelopmentPlan) -> bool:
    """IT governance or a committee secretary records the decisions of the approval chain."""
    roles = roles_for_user(user)
    return is_governance(user) or roles.has(Role.SECRETARY)


def can_revise_plan(user, plan: DevelopmentPlan) -> bool:
    return plan.is_frozen and plan.status != plan.Status.SUPERSEDED and is_governance(user)


def can_register_plan_documents(user, plan: DevelopmentPlan) -> bool:
    """IT governance or whoever may register documents in the plan's case (the registry decides in the end)."""
    from samverka.registry.policies import can_register_document

    return plan.case_id is not None and (is_governance(user) or can_register_document(user, plan.case))


def can_manage_cycle(user) -> bool:
    return is_governance(user)


def can_view_cycle(user) -> bool:
    return roles_for_user(user).is_staff_member
