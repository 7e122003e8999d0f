"""Receivers that hold for every domain model."""

from django.dispatch import receiver
from simple_history.signals import pre_create_historical_record

REASON_LENGTH = 100


@receiver(pre_create_historical_record)
def fit_change_reason(sender, history_instance, **kwargs) -> None:
    """A long reason must never lose the change itself: it is shortened to the column, not rejected."""
    reason = history_instance.history_change_reason
    if reason and len(reason) > REASON_LENGTH:
        history_instance.history_change_reason = reason[: REASON_LENGTH - 1] + "…"
