"""The plan's approval chain: the one table of allowed steps."""

from __future__ import annotations

from samverka.core.errors import InvalidTransition

from .models import DevelopmentPlan

S = DevelopmentPlan.Status

TRANSITIONS: dict[str, set[str]] = {
    S.DRAFT: {S.APPROVED_SERVICE_COMMITTEE},
    S.APPROVED_SERVICE_COMMITTEE: {S.PREPARED_KSAU},
    S.PREPARED_KSAU: {S.APPROVED_KS},
    S.APPROVED_KS: {S.APPROVED_KF, S.SUPERSEDED},
    S.APPROVED_KF: {S.SUPERSEDED},
    S.SUPERSEDED: set(),
}

# The body whose decision each step records (by short name in the organisation).
STEP_BODIES = {
    S.APPROVED_SERVICE_COMMITTEE: "Servicenämnden",
    S.PREPARED_KSAU: "KSAU",
    S.APPROVED_KS: "KS",
    S.APPROVED_KF: "KF",
}
APPROVAL_STEPS = tuple(STEP_BODIES)
IN_FORCE = (S.APPROVED_KS, S.APPROVED_KF)


def check_transition(plan: DevelopmentPlan, target: str) -> None:
    if target not in TRANSITIONS.get(plan.status, set()):
        raise InvalidTransition(
            f"Planen är {DevelopmentPlan.Status(plan.status).label.lower()}; nästa steg kan inte vara "
            f"”{DevelopmentPlan.Status(target).label.lower()}”."
        )
