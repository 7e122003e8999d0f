"""The documents of a meeting: notice of meeting, minutes and extracts, as PDF/A (and DOCX)."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.mail import EmailMessage
from django.utils import timezone

from samverka.documents.rendering import render_pdf
from samverka.registry import services as registry_services
from samverka.registry.models import Document, DocumentType

from . import ical, selectors
from .models import AgendaItem, Attendance, DispatchRecipient, Extract, Meeting, Signatory

EXTRACT_DOCUMENT_TYPE = ("protokollsutdrag", "Protokollsutdrag")


def _local(value):
    return timezone.localtime(value)


def meeting_time_label(meeting: Meeting) -> str:
    start, end = _local(meeting.starts_at), _local(meeting.ends_at)
    return f"{start:%Y-%m-%d} kl. {start:%H:%M}-{end:%H:%M}"


def paragraphs_label(numbers: list[int]) -> str:
    numbers = sorted(n for n in numbers if n)
    if not numbers:
        return ""
    if len(numbers) == 1:
        return f"§{numbers[0]}"
    if numbers == list(range(numbers[0], numbers[-1] + 1)):
        return f"§§{numbers[0]}-{numbers[-1]}"
    return "§§" + ", ".join(str(n) for n in numbers)


def _position_label(attendance: Attendance) -> str:
    return attendance.title


def deciding_label(attendance: Attendance) -> str:
    """ "Name (Party) (Ordförande)", as in the example's header block."""
    text = attendance.person.full_name
    if attendance.party:
        text += f" ({attendance.party})"
    if attendance.title:
        text += f" ({attendance.title})"
    if attendance.role == Attendance.Role.SERVING_SUBSTITUTE and attendance.replaces_id:
        text += f" (tjänstgörande ersättare för {attendance.replaces.full_name})"
    return text


@dataclass
class HeaderBlock:
    """The header block of minutes and extracts: label–value rows and the signatures."""

    body_name: str
    title: str
    rows: list[tuple[str, str]]
    signatures: list[tuple[str, str, str]] = field(default_factory=list)  # role label, name, signed


def header_block(
    meeting: Meeting, *, items: list[AgendaItem], title: str, attendances: list[Attendance]
) -> HeaderBlock:
    deciding = [a for a in attendances if a.is_deciding]
    substitutes = [a for a in attendances if a.role == Attendance.Role.SUBSTITUTE]
    others = [a for a in attendances if a.role == Attendance.Role.OTHER]
    signatories = list(meeting.signatories.all())
    order = {Signatory.Role.SECRETARY: 0, Signatory.Role.CHAIR: 1, Signatory.Role.VERIFIER: 2}
    signatories.sort(key=lambda s: (order[s.role], s.pk))
    verifiers = [s.person.full_name for s in signatories if s.role == Signatory.Role.VERIFIER]
    rows = [
        ("Sammanträdestid", meeting_time_label(meeting)),
        ("Plats", meeting.place),
        ("Beslutande ledamöter", " ".join(deciding_label(a) for a in deciding)),
    ]
    if substitutes:
        rows.append(("Ersättare", " ".join(deciding_label(a) for a in substitutes)))
    rows += [
        ("Övriga närvarande", " ".join(deciding_label(a) for a in others)),
        ("Utses att justera", ", ".join(verifiers)),
        ("Justeringen", f"{meeting.verified_on:%Y-%m-%d}" if meeting.verified_on else ""),
        ("Protokollet omfattar", paragraphs_label([i.paragraph_number for i in items if i.paragraph_number])),
    ]
    signatures = [
        (
            s.get_role_display(),
            s.person.full_name,
            f"Signerat elektroniskt {_local(s.signed_at):%Y-%m-%d %H:%M}" if s.signed_at else "",
        )
        for s in signatories
    ]
    return HeaderBlock(body_name=meeting.body.name, title=title, rows=rows, signatures=signatures)


def paragraph_sections(item: AgendaItem) -> list[tuple[str, list[str], bool]]:
    """The sections of a paragraph: (heading, lines, numbered), in the example's order."""
    sections: list[tuple[str, list[str], bool]] = []
    if item.summary:
        sections.append(("Sammanfattning", [p for p in item.summary.splitlines() if p.strip()], False))
    if item.decision_points:
        sections.append(("Beslut", [item.decision_intro, *item.decision_points], True))
    disqualifications = list(item.disqualifications.all())
    if disqualifications:
        sections.append(
            (
                "Jäv",
                [
                    f"{d.attendance.person.full_name} anmäler jäv och deltar inte i handläggningen."
                    for d in disqualifications
                ],
                False,
            )
        )
    dissents = list(item.dissents.all())
    if dissents:
        lines = []
        for dissent in dissents:
            who = dissent.attendance.person.full_name + (
                f" ({dissent.attendance.party})" if dissent.attendance.party else ""
            )
            line = f"{who} reserverar sig mot beslutet"
            line += " till förmån för egen skriftlig reservation." if (dissent.reasons or dissent.attachment) else "."
            lines.append(line)
            if dissent.reasons:
                lines.append(dissent.reasons)
        sections.append(("Reservation", lines, False))
    statements = list(item.statements.all())
    if statements:
        lines = []
        for statement in statements:
            names = ", ".join(
                a.person.full_name + (f" ({a.party})" if a.party else "") for a in statement.members.all()
            )
            line = f"{names} lämnar ett särskilt yttrande"
            line += f", {statement.attachment_label.lower()}." if statement.attachment_label else "."
            lines.append(line)
            if statement.text:
                lines.append(statement.text)
        sections.append(("Särskilt yttrande", lines, False))
    recipients = [r.name for r in item.dispatch_recipients.all()]
    if recipients:
        sections.append(("Beslutet skickas till", recipients, False))
    documents = [d.subject for d in item.supporting_documents.all()]
    if documents:
        sections.append(("Beslutsunderlag", documents, False))
    return sections


def paragraph_heading(item: AgendaItem) -> str:
    return f"{item.paragraph_label} {item.title}".strip()


def _minutes_context(meeting: Meeting, items: list[AgendaItem], *, title: str) -> dict:
    attendances = list(selectors.meeting_attendances(meeting))
    return {
        "meeting": meeting,
        "header": header_block(meeting, items=items, title=title, attendances=attendances),
        "attendances": attendances,
        "paragraphs": [
            {"item": item, "heading": paragraph_heading(item), "sections": paragraph_sections(item)} for item in items
        ],
    }


def render_minutes_pdf(meeting: Meeting) -> bytes:
    items = list(selectors.meeting_items(meeting))
    return render_pdf("meetings/pdf/minutes.html", _minutes_context(meeting, items, title="Protokoll"))


def extract_context(item: AgendaItem) -> dict:
    meeting = selectors.meeting_get(item.meeting_id)
    item = selectors.item_get(meeting, item.pk)
    return _minutes_context(meeting, [item], title="Protokollsutdrag")


def render_extract_pdf(item: AgendaItem, context: dict | None = None) -> bytes:
    return render_pdf("meetings/pdf/extract.html", context or extract_context(item))


def render_extract_docx(item: AgendaItem, context: dict | None = None) -> bytes:
    import docx

    context = context or extract_context(item)
    header: HeaderBlock = context["header"]
    document = docx.Document()
    document.core_properties.title = f"Protokollsutdrag {header.body_name}"
    document.add_paragraph(header.body_name)
    document.add_heading(header.title, level=1)
    table = document.add_table(rows=0, cols=2)
    for label, value in header.rows:
        cells = table.add_row().cells
        cells[0].text = label
        cells[1].text = value
    document.add_heading("Underskrifter", level=2)
    for role, name, signed in header.signatures:
        document.add_paragraph(role)
        document.add_paragraph(f"\t{name}" + (f" – {signed}" if signed else ""))
    for paragraph in context["paragraphs"]:
        document.add_heading(paragraph["heading"], level=2)
        if paragraph["item"].case_id:
            document.add_paragraph(paragraph["item"].case.number)
        for heading, lines, numbered in paragraph["sections"]:
            document.add_heading(heading, level=3)
            if numbered:
                document.add_paragraph(lines[0])
                for number, line in enumerate(lines[1:], start=1):
                    document.add_paragraph(f"{number}. {line}")
            else:
                style = "List Bullet" if heading == "Beslutsunderlag" else None
                for line in lines:
                    document.add_paragraph(line, style=style)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_notice_pdf(meeting: Meeting) -> bytes:
    items = list(selectors.meeting_items(meeting))
    return render_pdf(
        "meetings/pdf/notice.html", {"meeting": meeting, "items": items, "time": meeting_time_label(meeting)}
    )


def extract_filename(item: AgendaItem, extension: str) -> str:
    day = _local(item.meeting.starts_at)
    return f"protokollsutdrag-{item.meeting.body.short_name}-{day:%Y%m%d}-p{item.paragraph_number}.{extension}".lower()


def _document_type() -> DocumentType:
    # The registry has no service for document types yet; this one is configuration, not case data.
    document_type, _created = DocumentType.objects.get_or_create(
        code=EXTRACT_DOCUMENT_TYPE[0], defaults={"name": EXTRACT_DOCUMENT_TYPE[1]}
    )
    return document_type


def extract_subject(item: AgendaItem) -> str:
    return f"Protokollsutdrag {item.meeting.body.name} {_local(item.meeting.starts_at):%Y-%m-%d} {item.paragraph_label}"


def register_extract(*, actor, extract: Extract, pdf: bytes) -> Document:
    """Register the extract as a document created in the paragraph's case."""
    item = extract.item
    return registry_services.document_register(
        actor=actor,
        case=item.case,
        direction=Document.Direction.CREATED,
        document_type=_document_type(),
        document_date=item.meeting.verified_on or timezone.localdate(),
        subject=extract_subject(item),
        files=[SimpleUploadedFile(extract_filename(item, "pdf"), pdf, content_type="application/pdf")],
    )


def register_dispatch(*, actor, extract: Extract, recipients: list[DispatchRecipient]) -> Document:
    """Register the dispatched extract as an outgoing document in the case."""
    item = extract.item
    extract.pdf.open("rb")
    try:
        pdf = extract.pdf.read()
    finally:
        extract.pdf.close()
    return registry_services.document_register(
        actor=actor,
        case=item.case,
        direction=Document.Direction.OUTGOING,
        document_type=_document_type(),
        document_date=timezone.localdate(),
        subject=f"Expediering: {extract_subject(item)}",
        counterpart=", ".join(r.name for r in recipients)[:300],
        files=[SimpleUploadedFile(extract_filename(item, "pdf"), pdf, content_type="application/pdf")],
    )


def email_extract(extract_id: int, emails: list[str]) -> None:
    extract = Extract.objects.select_related("item__meeting__body").get(pk=extract_id)
    item = extract.item
    message = EmailMessage(
        subject=extract_subject(item),
        body=(
            f"Hej!\n\nHär är protokollsutdraget från {item.meeting.body.name}s sammanträde "
            f"{_local(item.meeting.starts_at):%Y-%m-%d}, {item.paragraph_label} {item.title}.\n\n"
            f"{settings.SAMVERKA_MUNICIPALITY_NAME}"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=emails,
    )
    with extract.pdf.open("rb") as handle:
        message.attach(extract_filename(item, "pdf"), handle.read(), "application/pdf")
    message.send(fail_silently=True)


def email_notice(meeting: Meeting, pdf: bytes, recipients: list[str]) -> None:
    if not recipients:
        return
    start = _local(meeting.starts_at)
    message = EmailMessage(
        subject=f"Kallelse: {meeting.body.name} {start:%Y-%m-%d}",
        body=(
            f"Du kallas till sammanträde med {meeting.body.name} {meeting_time_label(meeting)}, "
            f"{meeting.place}.\n\nFöredragningslistan finns i bilagan.\n\n{settings.SAMVERKA_MUNICIPALITY_NAME}"
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[settings.DEFAULT_FROM_EMAIL],
        bcc=recipients,
    )
    message.attach(f"kallelse-{meeting.body.short_name.lower()}-{start:%Y%m%d}.pdf", pdf, "application/pdf")
    message.attach(f"sammantrade-{meeting.pk}.ics", ical.meeting_calendar(meeting), "text/calendar")
    message.send(fail_silently=True)
