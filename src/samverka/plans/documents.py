"""The plan document: HTML -> PDF/A (documents.rendering) and DOCX (python-docx), with its principles."""

from __future__ import annotations

import io

from django.conf import settings
from django.utils import timezone

from samverka.documents.rendering import render_pdf
from samverka.needs.templatetags.needs_format import format_kronor

from . import selectors
from .models import DevelopmentPlan


def document_context(plan: DevelopmentPlan) -> dict:
    plan = selectors.plan_get(pk=plan.pk)
    principles = list(plan.principle_programme.principles.filter(is_active=True)) if plan.principle_programme else []
    return {
        "plan": plan,
        "initiatives": plan.active_initiatives,
        "approvals": list(plan.approvals.all()),
        "totals": selectors.plan_totals(plan),
        "principles": principles,
        "generated": timezone.localtime(),
    }


def plan_pdf(plan: DevelopmentPlan) -> bytes:
    return render_pdf("plans/plan_document.html", document_context(plan))


def filename(plan: DevelopmentPlan, extension: str) -> str:
    return f"utvecklingsplan-{plan.year}-v{plan.version}.{extension}"


def plan_docx(plan: DevelopmentPlan) -> bytes:
    import docx
    from docx.shared import Pt

    context = document_context(plan)
    plan = context["plan"]
    document = docx.Document()
    document.core_properties.title = plan.title
    document.core_properties.language = "sv-SE"
    style = document.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10)
    document.add_paragraph(settings.SAMVERKA_MUNICIPALITY_NAME)
    document.add_heading(plan.title, level=0)
    meta = f"Version {plan.version} · {plan.get_status_display()}"
    if plan.case:
        meta += f" · Diarienummer {plan.case.number}"
    document.add_paragraph(meta)
    if plan.introduction:
        document.add_heading("Inledning", level=1)
        for part in plan.introduction.split("\n\n"):
            document.add_paragraph(part.strip())
    if context["principles"]:
        document.add_heading(f"Principer för digitalisering ({plan.principle_programme.name})", level=1)
        for principle in context["principles"]:
            paragraph = document.add_paragraph(style="List Number")
            paragraph.add_run(principle.title).bold = True
            if principle.description:
                paragraph.add_run(f" – {principle.description}")
    document.add_heading("Förflyttningar", level=1)
    for initiative in context["initiatives"]:
        document.add_heading(initiative.title, level=2)
        if initiative.description:
            document.add_paragraph(initiative.description)
        details = [
            ("Kategori", initiative.get_category_display()),
            ("Finansiering", initiative.get_financing_display()),
            ("Ansvarig", str(initiative.responsible_administration or initiative.responsible_person or "–")),
            ("År", f"{initiative.start_year}–{initiative.end_year}"),
            (
                "Kostnad",
                ", ".join(f"{c.year}: {format_kronor(c.amount)}" for c in initiative.costs.all() if c.amount) or "–",
            ),
            ("Behov", ", ".join(f"{n.reference} {n.title}" for n in initiative.needs.all()) or "–"),
            ("Principer", ", ".join(p.title for p in initiative.principles.all()) or "–"),
        ]
        for label, value in details:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(value)
    totals = context["totals"]
    if totals.years:
        document.add_heading("Kostnader", level=1)
        for heading, rows in (("Per kategori", totals.by_category), ("Per finansiering", totals.by_financing)):
            document.add_heading(heading, level=2)
            table = document.add_table(rows=1, cols=len(totals.years) + 2)
            table.style = "Table Grid"
            header = table.rows[0].cells
            header[0].text = heading.replace("Per ", "").capitalize()
            for index, year in enumerate(totals.years, start=1):
                header[index].text = str(year)
            header[-1].text = "Totalt"
            for label, amounts, total in rows:
                cells = table.add_row().cells
                cells[0].text = label
                for index, amount in enumerate(amounts, start=1):
                    cells[index].text = format_kronor(amount)
                cells[-1].text = format_kronor(total)
            cells = table.add_row().cells
            cells[0].text = "Summa"
            for index, year in enumerate(totals.years, start=1):
                cells[index].text = format_kronor(totals.by_year[year])
            cells[-1].text = format_kronor(totals.total)
    if context["approvals"]:
        document.add_heading("Beslut", level=1)
        for approval in context["approvals"]:
            document.add_paragraph(
                f"{approval.get_step_display()} {approval.decided_on:%Y-%m-%d} ({approval.minutes_reference})",
                style="List Bullet",
            )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
