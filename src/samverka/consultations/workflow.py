"""The consultation's states and the one table of allowed steps between them."""

from __future__ import annotations

from samverka.core.errors import InvalidTransition

from .models import Consultation

Status = Consultation.Status

# (from, to) -> the Swedish name of the step. Every service that changes `status` checks this table.
TRANSITIONS: dict[tuple[str, str], str] = {
    (Status.DRAFT, Status.SENT): "skicka",
    (Status.SENT, Status.CLOSED): "stänga",
    (Status.CLOSED, Status.SENT): "öppna igen",
    (Status.CLOSED, Status.COMPILED): "sammanställa",
}


def allowed(current: str, target: str) -> bool:
    return (current, target) in TRANSITIONS


def next_states(current: str) -> list[str]:
    return [target for source, target in TRANSITIONS if source == current]


def check(current: str, target: str) -> None:
    """Raise InvalidTransition in plain Swedish unless the step is allowed."""
    if not allowed(current, target):
        raise InvalidTransition(
            f"En remiss med status {Status(current).label.lower()} kan inte bli {Status(target).label.lower()}."
        )
