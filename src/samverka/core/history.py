"""Who changed a domain object and why, as simple-history records it."""

from __future__ import annotations

from typing import Any


def stamp(obj: Any, actor, reason: str = "") -> None:
    """Tell simple-history the actor and the reason of the next save (an over-long reason is shortened
    to its column by `samverka.core.signals`)."""
    obj._history_user = actor
    if reason:
        obj._change_reason = reason
