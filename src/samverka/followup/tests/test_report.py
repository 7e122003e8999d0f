"""The compiled report: charts exist with text alternatives and the numbers equal the database's."""

import io
from decimal import Decimal

import docx
import pytest
from django.db.models import Sum
from pypdf import PdfReader

from samverka.followup import rendering, selectors, services
from samverka.followup.models import InitiativeStatus, PrincipleAnswer

from .factories import answers

pytestmark = pytest.mark.django_db

INITIATIVES = [
    ("E-tjänster", "Invånartjänster", 4_500_000, 80, "green", 3_600_000),
    ("Identitet", "Infrastruktur", 6_000_000, 55, "amber", 4_100_000),
    ("Moln", "Infrastruktur", 3_200_000, 100, "green", 3_050_000),
    ("Arbetsplats", "Arbetsplats", 2_800_000, 30, "red", 1_900_000),
]


@pytest.fixture
def filled(world):
    services.answers_submit(
        actor=world.lead_mn, committee=world.committees["MN"], answers=answers(world.round, [3, 4, 2])
    )
    services.answers_submit(
        actor=world.lead_kn, committee=world.committees["KN"], answers=answers(world.round, [1, 2, 5])
    )
    for title, category, planned, progress, rag, spent in INITIATIVES:
        status = services.initiative_add(
            actor=world.governance, round=world.round, title=title, category=category, planned_amount=planned
        )
        services.initiative_report(
            actor=world.governance, status=status, progress=progress, rag=rag, spent_amount=spent, comment="Se plan"
        )
    services.initiative_add(
        actor=world.governance, round=world.round, title="Öppna data", category="Data", planned_amount=900_000
    )
    return world


def test_figures_equal_the_database(filled):
    figures = selectors.round_figures(filled.round)
    db = InitiativeStatus.objects.filter(round=filled.round)
    assert figures.rag_counts == {"green": 2, "amber": 1, "red": 1, "unreported": 1}
    assert figures.planned_total == db.aggregate(s=Sum("planned_amount"))["s"] == Decimal(17_400_000)
    assert figures.spent_total == db.aggregate(s=Sum("spent_amount"))["s"] == Decimal(12_650_000)
    infra = next(s for s in figures.spend if s.category == "Infrastruktur")
    assert (infra.planned, infra.spent) == (Decimal(9_200_000), Decimal(7_150_000))
    assert figures.answered == 2
    for answer in PrincipleAnswer.objects.all():
        assert figures.maturity[(answer.committee_id, answer.principle_id)] == answer.maturity
    sn = next(c for c, levels in figures.maturity_rows() if c.body.short_name == "SN")
    assert dict(figures.maturity_rows())[sn] == [None, None, None]


def test_report_text_and_chart_alternatives(filled):
    report = rendering.build_report(filled.round)
    assert report.summary.startswith("2 av 3 nämnder har svarat")
    assert "2 gröna, 1 gula och 1 röda och 1 inte rapporterade" in report.summary
    assert "Av planerade 17 400 000 kr har 12 650 000 kr använts." in report.summary
    titles = [c.title for c in report.charts]
    assert titles == ["Insatser efter status", "Använt mot planerat per kategori", "Mognad per princip och nämnd"]
    for chart in report.charts:
        assert chart.png.startswith(b"\x89PNG")
        assert chart.alt and chart.rows
    assert "Infrastruktur planerat 9 200 000 kr, använt 7 150 000 kr" in report.charts[1].alt
    assert "Servicenämnden: princip 1 saknas" in report.charts[2].alt
    assert "Miljönämnden: princip 1 3, princip 2 4, princip 3 2" in report.charts[2].alt


def test_docx_has_pictures_with_alt_text(filled):
    word = docx.Document(io.BytesIO(rendering.report_docx(rendering.build_report(filled.round))))
    assert len(word.inline_shapes) == 3
    descriptions = [shape._inline.docPr.get("descr") for shape in word.inline_shapes]
    assert descriptions[0].startswith("Stapeldiagram över 5 insatser efter status")
    text = "\n".join(p.text for p in word.paragraphs)
    assert "Kulturnämnden" in text and "Nämnden har inte svarat." in text


def test_pdf_has_images_and_the_numbers(filled):
    pdf = rendering.report_pdf(rendering.build_report(filled.round))
    reader = PdfReader(io.BytesIO(pdf))
    images = sum(len(page.images) for page in reader.pages)
    assert images >= 3  # each chart (pypdf also lists masks)
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "2 av 3 nämnder har svarat" in text
    assert "Mognad per princip och nämnd" in text


def test_report_is_registered_in_the_case(filled):
    document = services.report_register(actor=filled.board_registrar, round=filled.round)
    assert document.case == filled.round.case
    assert sorted(f.content_type for f in document.files.all())[0] == "application/pdf"
    filled.round.refresh_from_db()
    assert filled.round.report_document == document
