"""Background work: rendering and sealing minutes, rendering extracts, sending the notice of meeting."""

from django_tasks import task


@task()
def seal_minutes(meeting_id: int) -> None:
    from . import services

    services.minutes_seal(meeting_id=meeting_id)


@task()
def render_extract(extract_id: int) -> None:
    from . import services

    services.extract_render(extract_id=extract_id)


@task()
def send_meeting_notice(meeting_id: int) -> None:
    from . import services

    services.meeting_notice_send(meeting_id=meeting_id)
