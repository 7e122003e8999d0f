"""The board's statement and the reports on actions, as PDF/A and DOCX, in the layout of the
municipality's statements (example 000): a header with date, address, case number and recipients;
the title; a summary; the statement; one section per finding with "Åtgärd" and "Förväntad effekt".

Both formats are built from one list of blocks, so the PDF and the Word file always say the same."""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from django.utils import timezone

from samverka.documents.rendering import render_pdf
from samverka.organisation.models import PoliticalAssignment
from samverka.organisation.selectors import body_members

from . import selectors
from .models import Action, ActionEvent, ActionStatus, Audit, AuditReport


@dataclass
class Block:
    kind: str  # "heading", "subheading", "paragraph", "bullets", "label"
    text: str = ""
    items: list[str] = field(default_factory=list)


@dataclass
class RenderedDocument:
    document_type: str  # "Yttrande", "Delredovisning" …
    header: list[tuple[str, str]]
    recipients: list[str]
    title: str
    blocks: list[Block]
    signature: list[str]

    def text(self) -> str:
        """The document as plain text, in reading order (for tests and search)."""
        lines: list[str] = []
        for label, value in self.header:
            lines += [label, value]
        lines.append(self.document_type)
        if self.recipients:
            lines.append("Till")
            lines += self.recipients
        lines.append(self.title)
        for block in self.blocks:
            lines += [block.text] if block.kind != "bullets" else [f"- {item}" for item in block.items]
        lines += self.signature
        return "\n".join(lines)


def _paragraphs(text: str) -> list[Block]:
    """Paragraphs separated by blank lines; lines starting with "- " become a bulleted list."""
    blocks: list[Block] = []
    for chunk in [c.strip() for c in text.replace("\r\n", "\n").split("\n\n") if c.strip()]:
        lines = [line.strip() for line in chunk.splitlines() if line.strip()]
        prose = [line for line in lines if not line.startswith(("- ", "• "))]
        bullets = [line[2:].strip() for line in lines if line.startswith(("- ", "• "))]
        if prose:
            blocks.append(Block("paragraph", " ".join(prose)))
        if bullets:
            blocks.append(Block("bullets", items=bullets))
    return blocks


def _header(audit: Audit, day) -> list[tuple[str, str]]:
    header = [("Datum", f"{day:%Y-%m-%d}")]
    if audit.response_address:
        header.append(("Adress", audit.response_address))
    header.append(("Diarienummer", audit.response_case.number if audit.response_case else audit.case.number))
    return header


def _report_title(audit: Audit) -> str:
    return f"Rapport från {audit.auditor_body.name.lower()} - {audit.title} {audit.case.number}"


def _signature(audit: Audit) -> list[str]:
    chair = None
    if audit.response_body is not None:
        chair = next(
            (
                a.person.full_name
                for a in body_members(audit.response_body)
                if a.position == PoliticalAssignment.Position.CHAIR
            ),
            None,
        )
    return ["Ordförande", ".....", chair or "[Förnamn Efternamn]"]


def _responsibility(action: Action) -> str:
    unit = action.responsible_unit
    return f"Ansvarig: {unit}, {action.responsible_person.full_name}. Klar senast {action.due_date:%Y-%m-%d}."


def statement_document(audit: Audit) -> RenderedDocument:
    blocks: list[Block] = [Block("heading", "Sammanfattning"), *_paragraphs(audit.response_summary)]
    blocks += [Block("heading", "Yttrande"), *_paragraphs(audit.response_statement)]
    for finding in selectors.audit_findings(audit):
        actions = list(finding.actions.all())
        if not actions:
            continue
        blocks.append(Block("heading", finding.title))
        for action in actions:
            blocks += [Block("subheading", "Åtgärd"), *_paragraphs(action.description)]
            blocks += [Block("subheading", "Förväntad effekt"), *_paragraphs(action.expected_effect)]
            blocks.append(Block("label", _responsibility(action)))
    return RenderedDocument(
        document_type="Yttrande",
        header=_header(audit, audit.response_date or timezone.localdate()),
        recipients=audit.recipient_lines,
        title=_report_title(audit),
        blocks=blocks,
        signature=_signature(audit),
    )


def _status_text(action: Action, day) -> str:
    if action.status == ActionStatus.DONE:
        evidence = action.evidence_document.number if action.evidence_document_id else action.evidence_decision
        return f"Genomförd {action.completed_on:%Y-%m-%d}. Underlag: {evidence}."
    if action.status == ActionStatus.DELAYED:
        return f"Försenad. Ny tidsgräns {action.due_date:%Y-%m-%d} (ursprungligen {action.original_due_date:%Y-%m-%d})."
    late = " Tidsgränsen har passerats." if action.due_date < day else ""
    return f"{ActionStatus(action.status).label}. Klar senast {action.due_date:%Y-%m-%d}.{late}"


def report_counts(actions: list[Action]) -> dict[str, int]:
    counts = {status: 0 for status in ActionStatus.values}
    for action in actions:
        counts[action.status] += 1
    return counts


def report_document(report: AuditReport) -> RenderedDocument:
    audit = report.audit
    day = report.submitted_on or timezone.localdate()
    findings = selectors.audit_findings(audit)
    actions = [a for f in findings for a in f.actions.all()]
    counts = report_counts(actions)
    overview = (
        f"Av {len(actions)} åtgärder är {counts[ActionStatus.DONE]} genomförda, "
        f"{counts[ActionStatus.IN_PROGRESS]} pågår, {counts[ActionStatus.PLANNED]} är planerade "
        f"och {counts[ActionStatus.DELAYED]} är försenade."
    )
    intro = (
        f"{report.get_kind_display()} till {audit.auditor_body.name.lower()} av de åtgärder som "
        f"{audit.response_body.name.lower() if audit.response_body else 'styrelsen'} redovisade i sitt yttrande"
        f"{f' {audit.response_date:%Y-%m-%d}' if audit.response_date else ''}."
    )
    blocks: list[Block] = [Block("heading", "Sammanfattning"), Block("paragraph", intro), Block("paragraph", overview)]
    blocks += _paragraphs(report.summary)
    events_by_action: dict[int, list] = {}
    for event in (
        ActionEvent.objects.filter(action__in=actions, noted_on__lte=day)
        .select_related("author")
        .order_by("-noted_on", "-id")
    ):
        events_by_action.setdefault(event.action_id, []).append(event)
    for finding in findings:
        finding_actions = list(finding.actions.all())
        if not finding_actions:
            continue
        blocks.append(Block("heading", finding.title))
        for action in finding_actions:
            blocks += [Block("subheading", "Åtgärd"), *_paragraphs(action.description)]
            blocks += [Block("subheading", "Status"), Block("paragraph", _status_text(action, day))]
            notes = [
                f"{e.noted_on:%Y-%m-%d}: {e.text}" for e in events_by_action.get(action.pk, [])[:3] if e.text.strip()
            ]
            if notes:
                blocks += [Block("subheading", "Lägesbeskrivning"), Block("bullets", items=notes)]
    return RenderedDocument(
        document_type=report.get_kind_display(),
        header=_header(audit, day),
        recipients=audit.recipient_lines,
        title=f"{report.get_kind_display()} av åtgärder – {_report_title(audit)}",
        blocks=blocks,
        signature=_signature(audit),
    )


def to_docx(doc: RenderedDocument) -> bytes:
    import docx
    from docx.shared import Pt

    word = docx.Document()
    word.core_properties.title = doc.title
    word.core_properties.language = "sv-SE"
    style = word.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    for label, value in doc.header:
        word.add_paragraph().add_run(label).bold = True
        word.add_paragraph(value)
    word.add_paragraph().add_run(doc.document_type).bold = True
    if doc.recipients:
        word.add_paragraph().add_run("Till").bold = True
        for recipient in doc.recipients:
            word.add_paragraph(recipient)
    word.add_heading(doc.title, level=1)
    for block in doc.blocks:
        if block.kind == "heading":
            word.add_heading(block.text, level=2)
        elif block.kind == "subheading":
            word.add_heading(block.text, level=3)
        elif block.kind == "bullets":
            for item in block.items:
                word.add_paragraph(item, style="List Bullet")
        elif block.kind == "label":
            word.add_paragraph().add_run(block.text).italic = True
        else:
            word.add_paragraph(block.text)
    for line in doc.signature:
        word.add_paragraph(line)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def to_pdf(doc: RenderedDocument) -> bytes:
    return render_pdf("audits/documents/statement.html", {"doc": doc})


def statement_docx(audit: Audit) -> bytes:
    return to_docx(statement_document(audit))


def statement_pdf(audit: Audit) -> bytes:
    return to_pdf(statement_document(audit))


def report_docx(report: AuditReport) -> bytes:
    return to_docx(report_document(report))


def report_pdf(report: AuditReport) -> bytes:
    return to_pdf(report_document(report))
