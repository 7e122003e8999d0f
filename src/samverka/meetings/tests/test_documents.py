"""Minutes as sealed PDF/A, extracts in the layout of the example, iCalendar."""

import io
import re

import pytest
from pypdf import PdfReader

from samverka.meetings import documents, ical, sealing, services
from samverka.meetings.tests import factories as f

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def verified(django_capture_on_commit_callbacks):
    setup = f.called_with_attendance(f.planned(f.ksau()))
    item = setup.items[0]
    for name in ("Samtliga nämnder", "Vision", "Saco"):
        services.dispatch_recipient_add(actor=setup.secretary, item=item, recipient=name)
    f.decided(setup)
    services.dissent_announce(
        actor=setup.secretary, item=item, attendance=setup.attendances[3], reasons="Vi yrkade avslag."
    )
    with django_capture_on_commit_callbacks(execute=True):
        f.verified(f.held_and_drafted(setup))
    setup.meeting.refresh_from_db()
    return setup


def test_sealed_minutes_validate_and_fail_after_one_changed_byte(verified):
    meeting = verified.meeting
    data = meeting.minutes_pdf.read()
    assert data.startswith(b"%PDF")
    check = sealing.verify_pdf(data)
    assert check.valid, check.message
    changed = bytearray(data)
    position = len(changed) // 3
    changed[position] = (changed[position] + 1) % 256
    assert not sealing.verify_pdf(bytes(changed)).valid
    assert not sealing.verify_pdf(b"not a pdf").valid
    # A second run of the task changes nothing.
    sealed_at = meeting.sealed_at
    services.minutes_seal(meeting_id=meeting.pk)
    meeting.refresh_from_db()
    assert meeting.sealed_at == sealed_at


def test_minutes_are_pdf_a(verified):
    reader = PdfReader(io.BytesIO(verified.meeting.minutes_pdf.read()))
    assert b"pdfaid" in reader.xmp_metadata.stream.get_data() if reader.xmp_metadata else False


def test_extract_follows_the_example(verified):
    item = verified.items[0]
    item.refresh_from_db()
    text = pdf_text(documents.render_extract_pdf(item))
    labels = [
        "Protokollsutdrag",
        "Sammanträdestid",
        "Plats",
        "Beslutande ledamöter",
        "Övriga närvarande",
        "Utses att justera",
        "Justeringen",
        "Protokollet omfattar",
        "Underskrifter",
        "Sekreterare",
        "Ordförande",
        "Justerande",
        f"§ {item.paragraph_number} {item.title}",
        item.case.number,
        "Sammanfattning",
        "Beslut",
        "Kommunstyrelsens arbetsutskott beslutar",
        "1. Förslaget skickas på remiss.",
        "Reservation",
        "Beslutet skickas till",
        "Samtliga nämnder",
    ]
    position = 0
    for label in labels:  # each label is found after the one before: the example's order
        found = text.find(label, position)
        assert found != -1, f"{label!r} missing or out of order"
        position = found + len(label)
    assert re.search(r"Sammanträdestid\s+\d{4}-\d{2}-\d{2} kl\. 08:45-09:08", text)
    assert f"Protokollet omfattar §{item.paragraph_number}" in text


def test_extract_docx_has_the_same_structure(verified):
    import docx

    data = documents.render_extract_docx(verified.items[0])
    document = docx.Document(io.BytesIO(data))
    paragraphs = [p.text for p in document.paragraphs]
    for label in ("Protokollsutdrag", "Underskrifter", "Sammanfattning", "Beslut", "Beslutet skickas till"):
        assert label in paragraphs
    assert document.tables[0].rows[0].cells[0].text == "Sammanträdestid"


def test_paragraphs_label():
    assert documents.paragraphs_label([567]) == "§567"
    assert documents.paragraphs_label([3, 1, 2]) == "§§1-3"
    assert documents.paragraphs_label([1, 3]) == "§§1, 3"


def test_icalendar(verified):
    data = ical.meeting_calendar(verified.meeting).decode()
    assert data.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert f"UID:meeting-{verified.meeting.pk}@samverka" in data
    assert "DTSTART:" in data and data.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in data.split("\r\n"))
