import io

import pytest
from pypdf import PdfReader

from samverka.consultations import export, selectors, services
from samverka.consultations.models import Comment, Response

from .factories import answer, recipient_for, sent, topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(world):
    consultation = sent(world)
    mn = answer(world, consultation)
    kn = recipient_for(consultation, world.kn)
    services.response_save(
        actor=world.kn_lead,
        recipient=kn,
        standpoint=Response.Standpoint.SUPPORTS_WITH_COMMENTS,
        answers={consultation.questions.get(position=2).pk: "Koppla till budgetprocessen."},
        comments=[services.CommentInput("Ansvaret för digitalisering är otydligt.", (topic("samordning"),))],
    )
    services.response_send(actor=world.kn_lead, recipient=kn)
    services.comment_handle(
        actor=world.officer,
        comment=mn.comments.get(position=1),
        handling=Comment.Handling.NOT_ACCEPTED,
        motivation="Licenserna flyttas enligt förslaget.",
    )
    return consultation


def test_compilation_matrix_standpoints_topics_and_open_comments(answered):
    data = selectors.compilation(answered)
    assert [row.recipient.name for row in data.responded_rows] == ["Kulturnämnden", "Miljönämnden"]
    assert data.unanswered_count == 1  # Vision
    counts = {value: count for value, _label, count in data.standpoints}
    assert counts["supports_with_comments"] == 2 and counts["supports"] == 0
    kn_row = data.responded_rows[0]
    assert kn_row.answer_cells == ["", "Koppla till budgetprocessen."]
    groups = {g.topic.name: [e.recipient_name for e in g.entries] for g in data.topic_groups}
    assert groups == {
        "Licenskostnader": ["Miljönämnden"],
        "Samordning": ["Kulturnämnden"],
        "Uppföljning": ["Miljönämnden"],
    }
    assert data.comment_count == 3 and data.handled_count == 1
    assert {e.comment.text for e in data.unhandled} == {
        "Följ upp riktlinjerna årligen vid årsbokslut.",
        "Ansvaret för digitalisering är otydligt.",
    }


def test_compilation_ignores_drafts(world):
    consultation = sent(world)
    answer(world, consultation, send=False)
    data = selectors.compilation(consultation)
    assert data.comment_count == 0
    assert {row.state for row in data.rows} == {"draft", "none"}


def test_docx_export_contains_the_compilation(answered):
    import docx

    content = export.compilation_docx(selectors.compilation(answered))
    document = docx.Document(io.BytesIO(content))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Remissammanställning: Riktlinjer för IT och digitalisering" in text
    assert answered.case.number in document.sections[0].header.paragraphs[0].text
    assert "Fråga 1." in text and "Licenskostnader" in text
    assert "Ansvaret för digitalisering är otydligt." in cells
    assert "Inte tillgodosedd" in cells and "Licenserna flyttas enligt förslaget." in cells
    assert "Synpunkter som ännu inte är besvarade" in text


def test_pdf_export_contains_the_compilation(answered):
    content = export.compilation_pdf(selectors.compilation(answered))
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "Remissammanställning" in text
    assert answered.case.number in text
    assert "Kulturnämnden" in text and "Samordning" in text
    assert "Ej besvarad" in text


def test_incoming_for_user(world):
    consultation = sent(world)
    assert [r.name for r in selectors.incoming_for_user(world.digital_lead)] == ["Miljönämnden"]
    assert [r.name for r in selectors.incoming_for_user(world.kn_lead)] == ["Kulturnämnden"]
    answer(world, consultation)
    assert list(selectors.incoming_for_user(world.digital_lead)) == []
    assert len(selectors.incoming_for_user(world.digital_lead, include_answered=True)) == 1
    assert list(selectors.incoming_for_user(world.officer)) == []


def test_recipient_contacts(world):
    consultation = sent(world)
    contacts = selectors.recipient_contacts(recipient_for(consultation, world.mn))
    assert contacts == sorted([world.digital_lead.person.email, world.mn_registrar.person.email])
    assert selectors.recipient_contacts(recipient_for(consultation, world.vision)) == ["vision@example.org"]
