"""The compilation and a response as documents: PDF/A (through documents.rendering) and DOCX."""

from __future__ import annotations

import io

from django.conf import settings
from django.utils import timezone

from samverka.documents.rendering import render_pdf

from .models import Response
from .selectors import CompilationData, active_questions


def compilation_pdf(data: CompilationData) -> bytes:
    return render_pdf("consultations/documents/compilation.html", {"data": data, "generated": timezone.localdate()})


def response_pdf(response: Response) -> bytes:
    recipient = response.recipient
    consultation = recipient.consultation
    answers = {a.question_id: a.text for a in response.answers.all()}
    questions = [(q, answers.get(q.pk, "")) for q in active_questions(consultation)]
    comments = response.comments.filter(is_removed=False).prefetch_related("topics").order_by("position")
    return render_pdf(
        "consultations/documents/response.html",
        {
            "response": response,
            "recipient": recipient,
            "consultation": consultation,
            "questions": questions,
            "comments": comments,
        },
    )


def _table(document, header: list[str], rows: list[list[str]]) -> None:
    """A table with a bold header row. The rows are copies of one prepared row's XML: python-docx's
    own `add_row` and `cells` slow down with every row, and a compilation may have thousands."""
    from copy import deepcopy

    from docx.oxml.ns import qn

    table = document.add_table(rows=2, cols=len(header))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
    for cell in table.rows[1].cells:
        cell.paragraphs[0].add_run(" ")
    template = table.rows[1]._tr
    tbl = table._tbl
    tbl.remove(template)
    space = qn("xml:space")
    for row in rows:
        tr = deepcopy(template)
        for tc, text in zip(tr.iterchildren(qn("w:tc")), row, strict=True):
            element = tc.find(".//" + qn("w:t"))
            element.text = " ".join(str(text).split("\n"))
            element.set(space, "preserve")
        tbl.append(tr)
    document.add_paragraph()


def compilation_docx(data: CompilationData) -> bytes:
    """A Word document in a plain official layout: header with case number, date and title, then
    the standpoints, one table per question and one per topic, and the comments still unanswered."""
    import docx
    from docx.shared import Pt

    consultation = data.consultation
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10)
    section = document.sections[0]
    header = section.header.paragraphs[0]
    header.text = f"{settings.SAMVERKA_MUNICIPALITY_NAME}\t{consultation.case.number}\t{timezone.localdate():%Y-%m-%d}"
    document.core_properties.title = f"Remissammanställning: {consultation.title}"
    document.core_properties.language = "sv-SE"

    document.add_heading(f"Remissammanställning: {consultation.title}", level=1)
    meta = [
        ("Diarienummer", consultation.case.number),
        ("Skickad", f"{consultation.sent_on:%Y-%m-%d}" if consultation.sent_on else "–"),
        ("Svar senast", f"{consultation.deadline:%Y-%m-%d}"),
        ("Beslut om remiss", consultation.sending_decision or "–"),
        ("Slutligt förslag", consultation.final_proposal.number if consultation.final_proposal else "–"),
        ("Remissinstanser", str(len(data.rows))),
        ("Svar", str(len(data.responded_rows))),
        ("Synpunkter", f"{data.comment_count}, varav {data.handled_count} besvarade"),
    ]
    _table(document, ["Uppgift", "Värde"], [[k, v] for k, v in meta])

    document.add_heading("Ställningstaganden", level=2)
    _table(document, ["Ställningstagande", "Antal"], [[label, str(count)] for _v, label, count in data.standpoints])
    _table(
        document,
        ["Remissinstans", "Ställningstagande", "Inkom"],
        [
            [
                row.recipient.name,
                row.response.get_standpoint_display() if row.state in ("answered", "declined") else row.state_label,
                (f"{row.response.sent_on:%Y-%m-%d}" + (" (sent)" if row.response.is_late else ""))
                if row.state in ("answered", "declined")
                else "–",
            ]
            for row in data.rows
        ],
    )

    document.add_heading("Svar per fråga", level=2)
    for question in data.questions:
        document.add_heading(f"Fråga {question.position}. {question.text}", level=3)
        rows = [
            [row.recipient.name, row.answers.get(question.pk, "") or "–"]
            for row in data.responded_rows
            if not row.response.is_declined
        ]
        if rows:
            _table(document, ["Remissinstans", "Svar"], rows)
        else:
            document.add_paragraph("Inga svar.")

    document.add_heading("Synpunkter per ämne", level=2)
    for group in data.topic_groups:
        document.add_heading(group.topic.name if group.topic else "Utan ämne", level=3)
        _table(
            document,
            ["Remissinstans", "Synpunkt", "Hantering", "Motivering"],
            [
                [
                    entry.recipient_name,
                    entry.comment.text,
                    entry.comment.get_handling_display() or "Ej besvarad",
                    entry.comment.handling_motivation or "–",
                ]
                for entry in group.entries
            ],
        )
    if not data.topic_groups:
        document.add_paragraph("Inga synpunkter.")

    document.add_heading("Synpunkter som ännu inte är besvarade", level=2)
    if data.unhandled:
        _table(
            document,
            ["Remissinstans", "Synpunkt"],
            [[entry.recipient_name, entry.comment.text] for entry in data.unhandled],
        )
    else:
        document.add_paragraph("Alla synpunkter är besvarade.")

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
