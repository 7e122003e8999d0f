"""The rendered statement follows the structure of example 000; the reports follow the actions."""

import datetime as dt
import io

import docx
import pytest
from pypdf import PdfReader

from samverka.audits import rendering, services
from samverka.audits.models import AuditReport

from .factories import make_world

pytestmark = pytest.mark.django_db


def _in_order(text: str, parts: list[str]) -> None:
    position = -1
    for part in parts:
        found = text.find(part, position + 1)
        assert found > position, f"{part!r} saknas eller står i fel ordning"
        position = found


@pytest.fixture
def world4(db):
    return make_world(actions=4, findings=4)


def _expected_structure(world) -> list[str]:
    parts = [
        "Datum",
        "2021-03-25",
        "Adress",
        "Stadshustorget 1",
        "Diarienummer",
        world.response_case.number,
        "Yttrande",
        "Till",
        "revisionen@kommun.example",
        f"Rapport från revisorskollegiet - Granskning av digitalisering {world.audit_case.number}",
        "Sammanfattning",
        "Kommunstyrelsen instämmer",
        "Tydlighet i ansvar",
        "Yttrande",
        "Samtliga åtgärder ska vara genomförda",
    ]
    for n in range(1, 5):
        parts += [
            f"Säkerställa att område {n} fungerar",
            "Åtgärd",
            f"Åtgärd nummer {n}",
            "Förväntad effekt",
            f"Effekt {n}",
        ]
    parts.append("Ordförande")
    return parts


def test_statement_text_follows_example_000(world4):
    text = rendering.statement_document(world4.audit).text()
    _in_order(text, _expected_structure(world4))
    assert text.count("Förväntad effekt") == 4


def test_statement_docx_follows_example_000(world4):
    word = docx.Document(io.BytesIO(rendering.statement_docx(world4.audit)))
    text = "\n".join(p.text for p in word.paragraphs)
    _in_order(text, _expected_structure(world4))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == [
        f"Rapport från revisorskollegiet - Granskning av digitalisering {world4.audit_case.number}",
        "Sammanfattning",
        "Yttrande",
    ]
    assert headings.count("Åtgärd") == 4 and headings.count("Förväntad effekt") == 4
    bullets = [p.text for p in word.paragraphs if p.style.name == "List Bullet"]
    assert bullets == ["Tydlighet i ansvar", "Uppföljning"]


def test_statement_pdf_follows_example_000(world4):
    pdf = rendering.statement_pdf(world4.audit)
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    _in_order(" ".join(text.split()), [" ".join(p.split()) for p in _expected_structure(world4)])


def test_report_shows_each_actions_status(world4):
    actor = world4.responsible
    services.action_complete(
        actor=actor, action=world4.actions[0], evidence_decision="KF 2021-03-31 § 67", completed_on=dt.date(2021, 9, 1)
    )
    services.action_start(actor=actor, action=world4.actions[1], noted_on=dt.date(2021, 5, 1))
    services.action_note_add(
        actor=actor, action=world4.actions[1], text="Planen är på remiss", noted_on=dt.date(2021, 11, 1)
    )
    services.action_delay(
        actor=actor,
        action=world4.actions[2],
        new_due_date=dt.date(2023, 6, 30),
        reason="Väntar",
        noted_on=dt.date(2021, 12, 1),
    )
    report = services.report_schedule(actor=world4.governance, audit=world4.audit, due_date=dt.date(2022, 1, 26))
    report.submitted_on = dt.date(2022, 1, 20)
    text = rendering.report_document(report).text()
    _in_order(
        text,
        [
            "Datum",
            "2022-01-20",
            "Diarienummer",
            world4.response_case.number,
            "Delredovisning",
            "Sammanfattning",
            "Av 4 åtgärder är 1 genomförda, 1 pågår, 1 är planerade och 1 är försenade.",
            "Säkerställa att område 1 fungerar",
            "Genomförd 2021-09-01. Underlag: KF 2021-03-31 § 67.",
            "Säkerställa att område 2 fungerar",
            "Pågår",
            "2021-11-01: Planen är på remiss",
            "Säkerställa att område 3 fungerar",
            "Försenad. Ny tidsgräns 2023-06-30 (ursprungligen 2022-12-31).",
        ],
    )
    submitted = services.report_submit(actor=world4.board_registrar, report=report, submitted_on=dt.date(2022, 1, 20))
    assert submitted.status == AuditReport.Status.SUBMITTED
    word = submitted.document.files.get(content_type__contains="wordprocessing")
    with word.file.open("rb") as handle:
        body = "\n".join(p.text for p in docx.Document(handle).paragraphs)
    assert "Av 4 åtgärder är 1 genomförda" in body
