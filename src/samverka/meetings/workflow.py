"""The meeting's life: one table of allowed steps; each step is one service in services.py."""

from __future__ import annotations

from samverka.core.errors import InvalidTransition

from .models import Meeting

S = Meeting.Status

# (from, to) -> the service that takes the step
TRANSITIONS: dict[tuple[str, str], str] = {
    (S.PLANNED, S.CALLED): "meeting_call",
    (S.CALLED, S.HELD): "meeting_hold",
    (S.HELD, S.DRAFTED): "minutes_draft",
    (S.DRAFTED, S.VERIFIED): "minutes_sign",  # taken by the last signature
    (S.VERIFIED, S.POSTED): "minutes_post",
    (S.POSTED, S.APPEAL_OVER): "notice_take_down",
    (S.PLANNED, S.CANCELLED): "meeting_cancel",
    (S.CALLED, S.CANCELLED): "meeting_cancel",
}

# What may still be changed in each status.
AGENDA_OPEN = (S.PLANNED, S.CALLED)
ATTENDANCE_OPEN = (S.CALLED, S.HELD)
DECISIONS_OPEN = (S.CALLED, S.HELD)  # decisions recorded at the meeting, worded in the minutes afterwards
ANNOUNCEMENTS_OPEN = (S.CALLED,)  # dissents and disqualifications: before the meeting ends
MINUTES_OPEN = (S.CALLED, S.HELD, S.DRAFTED)  # until verification
ITEMS_OPEN = (S.PLANNED, *MINUTES_OPEN)  # an item's wording and supporting documents: from planning to verification

STEP_LABELS = {
    "meeting_call": "kalla till sammanträdet",
    "meeting_hold": "avsluta sammanträdet",
    "minutes_draft": "upprätta protokollet",
    "minutes_sign": "justera protokollet",
    "minutes_post": "anslå protokollet",
    "notice_take_down": "ta ned anslaget",
    "meeting_cancel": "ställa in sammanträdet",
}


def allowed_steps(status: str) -> list[str]:
    return [service for (source, _target), service in TRANSITIONS.items() if source == status]


def check_transition(meeting: Meeting, target: str) -> None:
    if (meeting.status, target) not in TRANSITIONS:
        raise InvalidTransition(
            f"Sammanträdet är {Meeting.Status(meeting.status).label.lower()} och kan inte bli "
            f"{Meeting.Status(target).label.lower()}."
        )
