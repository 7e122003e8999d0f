"""Background work: rendering and sealing minutes, rendering extracts, sending the notice of meeting."""

from django_tasks import task

WORKER_COMMANDS = {"db_worker"}


def preload() -> None:
    """Import the PDF, seal and DOCX libraries (about 2 s together) when a task worker starts, so a
    fresh worker's first minutes or extract do not wait for them (web processes load them on first use)."""
    import docx  # noqa: F401
    import pypdf  # noqa: F401  (the registry checks each registered PDF with it)
    import weasyprint  # noqa: F401
    from pyhanko.sign import signers  # noqa: F401


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
