"""The states of an audit action and the allowed steps between them: one table, used by every service."""

from __future__ import annotations

from samverka.core.errors import InvalidTransition

from .models import ActionStatus

# (from, to) -> the name of the transition service
ACTION_TRANSITIONS: dict[tuple[str, str], str] = {
    (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS): "action_start",
    (ActionStatus.PLANNED, ActionStatus.DELAYED): "action_delay",
    (ActionStatus.PLANNED, ActionStatus.DONE): "action_complete",
    (ActionStatus.IN_PROGRESS, ActionStatus.DONE): "action_complete",
    (ActionStatus.IN_PROGRESS, ActionStatus.DELAYED): "action_delay",
    (ActionStatus.DELAYED, ActionStatus.IN_PROGRESS): "action_start",
    (ActionStatus.DELAYED, ActionStatus.DELAYED): "action_delay",
    (ActionStatus.DELAYED, ActionStatus.DONE): "action_complete",
}

OPEN_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS, ActionStatus.DELAYED)


def allowed_targets(status: str) -> list[str]:
    return [to for (frm, to) in ACTION_TRANSITIONS if frm == status]


def check_transition(status: str, target: str) -> None:
    if (status, target) not in ACTION_TRANSITIONS:
        raise InvalidTransition(
            f"En åtgärd som är {ActionStatus(status).label.lower()} kan inte bli {ActionStatus(target).label.lower()}."
        )
