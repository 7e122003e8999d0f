"""The compiled follow-up report to the board, as PDF/A and DOCX, with charts and their text alternatives."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from samverka.documents.rendering import render_pdf

from . import charts, selectors
from .models import FollowUpRound, Rag

RAG_LABELS = dict(Rag.choices)


@dataclass
class Report:
    round: FollowUpRound
    figures: selectors.RoundFigures
    charts: list[charts.Chart]
    date: object
    summary: str
    initiative_links: dict[int, str]  # status id -> the initiative's page in plans
    principle_links: dict[int, str]  # round principle id -> the principle's page

    @property
    def initiative_rows(self) -> list[tuple[object, str]]:
        return [(item, self.initiative_links.get(item.pk, "")) for item in self.figures.initiatives]

    @property
    def principle_rows(self) -> list[tuple[object, str]]:
        return [(p, self.principle_links.get(p.pk, "")) for p in self.figures.principles]

    @property
    def title(self) -> str:
        return f"Rapport till kommunstyrelsen: {self.round.title}"


def _kr(value) -> str:
    return f"{int(value):,}".replace(",", " ") + " kr"


def _absolute(path: str) -> str:
    """A link that works outside Samverka (in the PDF or Word file) needs the site's address."""
    return getattr(settings, "SAMVERKA_BASE_URL", "").rstrip("/") + path


def build_report(round: FollowUpRound) -> Report:
    figures = selectors.round_figures(round)
    unreported = (
        f" och {figures.rag_counts['unreported']} inte rapporterade" if figures.rag_counts["unreported"] else ""
    )
    summary = (
        f"{figures.answered} av {len(figures.committees)} nämnder har svarat på frågorna om principerna för "
        f"digitalisering. Av {len(figures.initiatives)} insatser i årets plan är {figures.rag_counts['green']} gröna, "
        f"{figures.rag_counts['amber']} gula och {figures.rag_counts['red']} röda"
        f"{unreported}. "
        f"Av planerade {_kr(figures.planned_total)} har {_kr(figures.spent_total)} använts."
    )
    return Report(
        round=round,
        figures=figures,
        charts=[charts.rag_chart(figures), charts.spend_chart(figures), charts.maturity_heatmap(figures)],
        date=timezone.localdate(),
        summary=summary,
        initiative_links={
            item.pk: _absolute(reverse("plans:initiative_detail", args=[item.initiative_id]))
            for item in figures.initiatives
            if item.initiative_id
        },
        principle_links={
            p.pk: _absolute(reverse("principles:principle_detail", args=[p.principle_id]))
            for p in figures.principles
            if p.principle_id
        },
    )


def report_pdf(report: Report) -> bytes:
    return render_pdf("followup/documents/report.html", {"report": report, "rag_labels": RAG_LABELS})


def _hyperlink(paragraph, url: str, text: str) -> None:
    """A clickable link in a Word paragraph (python-docx has no API for it)."""
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    style = OxmlElement("w:rStyle")
    style.set(qn("w:val"), "Hyperlink")
    underline = OxmlElement("w:u")
    underline.set(qn("w:val"), "single")
    properties.extend([style, underline])
    run.append(properties)
    label = OxmlElement("w:t")
    label.text = text
    run.append(label)
    link.append(run)
    paragraph._p.append(link)


def report_docx(report: Report) -> bytes:
    import docx
    from docx.shared import Cm

    word = docx.Document()
    word.core_properties.title = report.title
    word.core_properties.language = "sv-SE"
    for label, value in (
        ("Datum", f"{report.date:%Y-%m-%d}"),
        ("Diarienummer", report.round.case.number if report.round.case else "–"),
    ):
        word.add_paragraph().add_run(label).bold = True
        word.add_paragraph(value)
    word.add_heading(report.title, level=1)
    word.add_heading("Sammanfattning", level=2)
    word.add_paragraph(report.summary)
    for chart in report.charts:
        word.add_heading(chart.title, level=2)
        word.add_picture(io.BytesIO(chart.png), width=Cm(15))
        # The picture's text alternative (alt text) for screen readers.
        doc_pr = word.inline_shapes[-1]._inline.docPr
        doc_pr.set("descr", chart.alt)
        doc_pr.set("title", chart.title)
        word.add_paragraph(chart.alt)
        table = word.add_table(rows=1, cols=len(chart.headers))
        table.style = "Table Grid"
        for cell, header in zip(table.rows[0].cells, chart.headers, strict=True):
            cell.text = header
        for row in chart.rows:
            for cell, value in zip(table.add_row().cells, row, strict=True):
                cell.text = value
    word.add_heading("Insatserna i årets plan", level=2)
    table = word.add_table(rows=1, cols=6)
    table.style = "Table Grid"
    for cell, header in zip(
        table.rows[0].cells, ["Insats", "Kategori", "Genomfört", "Status", "Planerat", "Använt"], strict=True
    ):
        cell.text = header
    for item in report.figures.initiatives:
        cells = table.add_row().cells
        if item.pk in report.initiative_links:
            _hyperlink(cells[0].paragraphs[0], report.initiative_links[item.pk], item.title)
        else:
            cells[0].text = item.title
        values = [
            item.category,
            f"{item.progress} %",
            RAG_LABELS.get(item.rag, "Ej rapporterad"),
            _kr(item.planned_amount),
            _kr(item.spent_amount),
        ]
        for cell, value in zip(cells[1:], values, strict=True):
            cell.text = value
    word.add_heading("Principerna för digitalisering", level=2)
    for principle in report.figures.principles:
        paragraph = word.add_paragraph(f"{principle.number}. ", style="List Number")
        if principle.pk in report.principle_links:
            _hyperlink(paragraph, report.principle_links[principle.pk], principle.title)
        else:
            paragraph.add_run(principle.title)
    word.add_heading("Nämndernas svar", level=2)
    for committee in report.figures.committees:
        word.add_heading(str(committee.body), level=3)
        answers = list(committee.answers.all())
        if not answers:
            word.add_paragraph("Nämnden har inte svarat.")
        for answer in answers:
            word.add_paragraph().add_run(f"{answer.principle.title} – mognadsnivå {answer.maturity}").bold = True
            word.add_paragraph(answer.text)
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
