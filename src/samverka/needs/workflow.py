"""The need's states and the one table of allowed transitions."""

from __future__ import annotations

from samverka.core.errors import InvalidTransition

from .models import Need

S = Need.Status

TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.SUBMITTED},
    S.SUBMITTED: {S.IN_PREPARATION, S.MERGED, S.REJECTED, S.ACCEPTED},
    S.IN_PREPARATION: {S.MERGED, S.REJECTED, S.ACCEPTED},
    S.ACCEPTED: {S.DELIVERED, S.IN_PREPARATION},
    S.MERGED: set(),
    S.REJECTED: set(),
    S.DELIVERED: set(),
}

# Needs that are still in play: they can be scored, merged into, and carried by an initiative.
ACTIVE_STATES = (S.SUBMITTED, S.IN_PREPARATION, S.ACCEPTED)


def can_transition(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, set())


def check_transition(need: Need, target: str) -> None:
    if not can_transition(need.status, target):
        raise InvalidTransition(
            f"Behovet är {Need.Status(need.status).label.lower()} och kan inte bli {Need.Status(target).label.lower()}."
        )
