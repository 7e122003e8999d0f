"""Who may do what with needs. Services call these; views, templates and the API use the same ones."""

from __future__ import annotations

from typing import TYPE_CHECKING

from samverka.organisation.models import Body, Role
from samverka.organisation.selectors import roles_for_user

if TYPE_CHECKING:
    from samverka.organisation.models import Administration

    from .models import Need


def can_view_needs(user) -> bool:
    return roles_for_user(user).is_staff_member


def is_governance(user) -> bool:
    """IT governance (or an administrator): prepares, merges, rejects and composes the plan."""
    roles = roles_for_user(user)
    return roles.is_administrator or roles.has(Role.IT_GOVERNANCE)


def can_create_need(user, administration: Administration | None = None) -> bool:
    """A digital lead raises needs for their own administration."""
    roles = roles_for_user(user)
    if administration is None:
        return roles.has(Role.DIGITAL_LEAD)
    return roles.has_for(Role.DIGITAL_LEAD, administration_id=administration.pk, body_id=administration.body_id)


def can_edit_need(user, need: Need) -> bool:
    """Only the administration's digital lead, and only until the need is submitted."""
    return need.status == need.Status.DRAFT and can_create_need(user, need.administration)


def can_submit_need(user, need: Need) -> bool:
    return can_edit_need(user, need)


def can_view_need(user, need: Need) -> bool:
    """A draft is seen by its administration's digital leads (and its author); the rest by all staff."""
    if not can_view_needs(user):
        return False
    if need.status != need.Status.DRAFT:
        return True
    return need.created_by_id == user.pk or can_create_need(user, need.administration)


def can_accept_late_need(user, need: Need) -> bool:
    return need.status == need.Status.DRAFT and is_governance(user)


def can_view_need_for_late_acceptance(user, need: Need) -> bool:
    """The step that takes a draft in after the intake has closed shows it to whoever may take it in
    (IT governance), though drafts stay hidden from them everywhere else; to the rest, as can_view_need."""
    return can_view_need(user, need) or can_accept_late_need(user, need)


def can_prepare_need(user, need: Need) -> bool:
    return is_governance(user)


def can_merge_need(user, need: Need) -> bool:
    return is_governance(user)


def can_reject_need(user, need: Need) -> bool:
    return is_governance(user)


def can_deliver_need(user, need: Need) -> bool:
    return is_governance(user)


def can_manage_criteria(user) -> bool:
    return is_governance(user)


def is_forum_member(user) -> bool:
    """A member of the collaboration forum: a digital lead, or anyone with a role on a forum body."""
    roles = roles_for_user(user)
    if roles.has(Role.DIGITAL_LEAD):
        return True
    body_ids = {body_id for _role, body_id in roles.body_roles}
    if not body_ids:
        return False
    cached = getattr(user, "_samverka_forum_member", None)
    if cached is None:
        cached = Body.objects.filter(pk__in=body_ids, kind=Body.Kind.FORUM, is_active=True).exists()
        user._samverka_forum_member = cached
    return cached


def can_score_need(user, need: Need | None = None) -> bool:
    """Scores only from forum members, and only for needs still in play."""
    if not is_forum_member(user) or roles_for_user(user).person_id is None:
        return False
    return need is None or need.status in (need.Status.SUBMITTED, need.Status.IN_PREPARATION, need.Status.ACCEPTED)


def can_view_ranking(user) -> bool:
    return is_forum_member(user) or is_governance(user)
