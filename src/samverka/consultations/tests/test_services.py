import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from samverka.consultations import selectors, services
from samverka.consultations.models import Comment, Consultation, Response
from samverka.core.errors import DomainError, InvalidTransition, PermissionDenied
from samverka.organisation.models import Body, Role
from samverka.organisation.tests.factories import BodyFactory, user_with_role
from samverka.registry.models import CaseRelation, Document
from samverka.registry.tests.factories import pdf_upload

from .factories import QUESTIONS, answer, draft, recipient_for, sent, topic

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


# -- Creating and sending -------------------------------------------------------------------------


def test_create_draft_with_questions_recipients_and_documents(world):
    consultation = draft(world)
    assert consultation.status == Consultation.Status.DRAFT
    assert [q.text for q in selectors.active_questions(consultation)] == QUESTIONS
    assert {r.name for r in selectors.active_recipients(consultation)} == {"Miljönämnden", "Kulturnämnden", "Vision"}
    assert consultation.history.first().history_user == world.officer
    assert consultation.responsible_officer.user == world.officer


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"questions": []}, "minst en fråga"),
        ({"questions": ["  ", ""]}, "minst en fråga"),
        ({"deadline": TODAY}, "Sista svarsdag"),
        ({"deadline": TODAY - dt.timedelta(days=1)}, "Sista svarsdag"),
        ({"recipients": ["Miljönämnden"]}, "Okänd remissinstans"),
        ({"recipients": [Body(name="Ny", short_name="NY")]}, "Okänd remissinstans"),
    ],
)
def test_bad_input_is_refused_in_swedish(world, kwargs, message):
    with pytest.raises(DomainError, match=message):
        draft(world, **kwargs)
    assert not Consultation.objects.exists()


def test_inactive_recipient_refused(world):
    world.kn.is_active = False
    world.kn.save()
    with pytest.raises(DomainError, match="inte längre aktiv"):
        draft(world)


def test_documents_must_belong_to_the_case(world):
    from samverka.registry.tests.factories import open_case, register_document

    other = open_case(series=world.stk_series, actor=world.officer, title="Annat")
    document = register_document(case=other, actor=world.officer)
    with pytest.raises(DomainError, match="hör inte till"):
        draft(world, documents=[document])


def test_only_case_handlers_create(world):
    with pytest.raises(PermissionDenied):
        services.consultation_create(
            actor=world.digital_lead,
            case=world.case,
            title="X",
            deadline=TODAY + dt.timedelta(days=3),
            questions=["Fråga?"],
        )


def test_send_registers_outgoing_remiss_and_mails_digital_lead_and_registrar(world, django_capture_on_commit_callbacks):
    consultation = draft(world)
    with django_capture_on_commit_callbacks(execute=True):
        consultation = services.consultation_send(actor=world.officer, consultation=consultation)
    assert consultation.status == Consultation.Status.SENT
    assert consultation.sent_on == TODAY
    document = consultation.sent_document
    assert document.case == world.case
    assert document.direction == Document.Direction.OUTGOING
    assert document.document_type.name == "Remiss"
    assert "Miljönämnden" in document.counterpart
    recipients_of_mail = {address for message in mail.outbox for address in message.to}
    assert world.digital_lead.person.email in recipients_of_mail
    assert world.mn_registrar.person.email in recipients_of_mail
    assert world.kn_lead.person.email in recipients_of_mail
    assert "vision@example.org" in recipients_of_mail
    assert any("svar senast" in m.subject for m in mail.outbox)


def test_nothing_is_sent_without_recipients(world):
    consultation = draft(world, recipients=[])
    with pytest.raises(DomainError, match="minst en remissinstans"):
        services.consultation_send(actor=world.officer, consultation=consultation)
    consultation.refresh_from_db()
    assert consultation.status == Consultation.Status.DRAFT
    assert not Document.objects.filter(case=world.case).exists()


def test_nothing_is_sent_after_the_deadline(world):
    consultation = draft(world)
    Consultation.objects.filter(pk=consultation.pk).update(deadline=TODAY)
    with pytest.raises(DomainError, match="Sista svarsdag"):
        services.consultation_send(actor=world.officer, consultation=consultation)


def test_send_twice_is_an_invalid_transition(world):
    consultation = sent(world)
    with pytest.raises(InvalidTransition):
        services.consultation_send(actor=world.officer, consultation=consultation)


def test_update_draft_replaces_questions_and_recipients_without_deleting(world):
    consultation = draft(world)
    services.consultation_update(
        actor=world.officer, consultation=consultation, questions=["Enda frågan?"], recipients=[world.mn]
    )
    assert [q.text for q in selectors.active_questions(consultation)] == ["Enda frågan?"]
    assert consultation.questions.count() == 2  # the second is marked removed, not deleted
    assert [r.name for r in selectors.active_recipients(consultation)] == ["Miljönämnden"]
    with pytest.raises(DomainError, match="minst en fråga"):
        services.consultation_update(actor=world.officer, consultation=consultation, questions=[])
    services.consultation_send(actor=world.officer, consultation=consultation)
    with pytest.raises(DomainError, match="Bara ett utkast"):
        services.consultation_update(actor=world.officer, consultation=consultation, title="Ny")


def test_all_committees(world):
    BodyFactory(short_name="KSX", name="Kommunstyrelsen X", kind=Body.Kind.BOARD)
    names = {b.name for b in selectors.all_committees()}
    assert {"Miljönämnden", "Kulturnämnden"} <= names
    assert "Kommunstyrelsen X" not in names


# -- Closing, reopening, compiling ---------------------------------------------------------------


def test_close_before_deadline_needs_a_reason(world):
    consultation = sent(world)
    with pytest.raises(DomainError, match="före sista svarsdag"):
        services.consultation_close(actor=world.officer, consultation=consultation)
    closed = services.consultation_close(actor=world.officer, consultation=consultation, reason="Beslut brådskar")
    assert closed.status == Consultation.Status.CLOSED
    assert closed.closed_by == world.officer
    assert closed.history.first().history_change_reason == "Remissen stängdes: Beslut brådskar"


def test_close_after_deadline_needs_no_reason(world):
    consultation = sent(world)
    Consultation.objects.filter(pk=consultation.pk).update(deadline=TODAY - dt.timedelta(days=1))
    closed = services.consultation_close(actor=world.officer, consultation=consultation)
    assert closed.status == Consultation.Status.CLOSED


def test_draft_cannot_be_closed_or_compiled(world):
    consultation = draft(world)
    with pytest.raises(InvalidTransition):
        services.consultation_close(actor=world.officer, consultation=consultation, reason="x")
    with pytest.raises(InvalidTransition):
        services.consultation_compile(actor=world.officer, consultation=consultation)


def test_reopen_needs_reason_and_future_deadline(world):
    consultation = sent(world)
    services.consultation_close(actor=world.officer, consultation=consultation, reason="Klart")
    with pytest.raises(DomainError, match="Ange varför"):
        services.consultation_reopen(actor=world.officer, consultation=consultation, reason=" ")
    with pytest.raises(DomainError, match="Sista svarsdag"):
        services.consultation_reopen(
            actor=world.officer, consultation=consultation, reason="Fler svar", deadline=TODAY - dt.timedelta(days=1)
        )
    reopened = services.consultation_reopen(
        actor=world.officer, consultation=consultation, reason="Fler svar", deadline=TODAY + dt.timedelta(days=60)
    )
    assert reopened.status == Consultation.Status.SENT
    assert reopened.deadline == TODAY + dt.timedelta(days=60)


def test_compile_registers_pdf_and_docx_in_the_case(world, django_capture_on_commit_callbacks):
    consultation = sent(world)
    answer(world, consultation)
    services.consultation_close(actor=world.officer, consultation=consultation, reason="Alla har svarat")
    with django_capture_on_commit_callbacks(execute=True):
        consultation = services.consultation_compile(actor=world.officer, consultation=consultation)
    assert consultation.status == Consultation.Status.COMPILED
    compiled = consultation.compilations.get()
    assert compiled.version == 1
    assert compiled.document.direction == Document.Direction.CREATED
    assert sorted(f.content_type for f in compiled.document.files.all()) == [
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]
    with django_capture_on_commit_callbacks(execute=True):
        services.consultation_compile(actor=world.officer, consultation=consultation)
    assert consultation.compilations.count() == 2
    consultation.refresh_from_db()
    assert consultation.history.filter(history_change_reason="Remissen sammanställdes").count() == 1


# -- The recipient's side --------------------------------------------------------------------------


def test_registrar_registers_receipt_in_own_series_and_cases_are_related(world):
    consultation = sent(world)
    recipient = recipient_for(consultation, world.mn)
    recipient = services.recipient_register_receipt(
        actor=world.mn_registrar, recipient=recipient, series=world.mn_series
    )
    case = recipient.recipient_case
    assert case.number.startswith("MN-")
    assert recipient.incoming_document.direction == Document.Direction.INCOMING
    assert recipient.incoming_document.case == case
    assert CaseRelation.objects.filter(from_case=case, to_case=world.case).exists()
    with pytest.raises(DomainError, match="redan registrerad"):
        services.recipient_register_receipt(actor=world.mn_registrar, recipient=recipient, series=world.mn_series)


def test_receipt_only_by_the_recipients_registrar(world):
    consultation = sent(world)
    kn = recipient_for(consultation, world.kn)
    with pytest.raises(PermissionDenied):
        services.recipient_register_receipt(actor=world.mn_registrar, recipient=kn, series=world.kn_series)


def test_response_draft_then_send_registers_on_both_sides(world):
    consultation = sent(world)
    recipient = recipient_for(consultation, world.mn)
    services.recipient_register_receipt(actor=world.mn_registrar, recipient=recipient, series=world.mn_series)
    # The recipient case's officer is the registrar; the digital lead writes the response.
    draft_response = answer(world, consultation, send=False)
    assert draft_response.status == Response.Status.DRAFT
    # A new draft replaces the old one.
    services.response_save(
        actor=world.digital_lead,
        recipient=recipient,
        standpoint=Response.Standpoint.SUPPORTS_WITH_COMMENTS,
        summary="Ny sammanfattning",
        comments=[services.CommentInput("Enda synpunkten", (topic("dialog"),))],
    )
    assert Response.objects.filter(recipient=recipient).count() == 1
    response = Response.objects.get(recipient=recipient)
    assert response.summary == "Ny sammanfattning"
    assert [c.text for c in response.comments.filter(is_removed=False)] == ["Enda synpunkten"]
    response = services.response_send(
        actor=world.mn_registrar, recipient=recipient, files=[pdf_upload("Yttrande MN", name="yttrande.pdf")]
    )
    assert response.status == Response.Status.SENT
    assert response.version == 1
    assert not response.is_late
    assert response.sender_document.case == world.case
    assert response.sender_document.direction == Document.Direction.INCOMING
    assert response.sender_document.counterpart == "Miljönämnden"
    assert response.sender_document.files.count() == 2
    recipient.refresh_from_db()
    assert response.recipient_document.case == recipient.recipient_case
    assert response.recipient_document.direction == Document.Direction.OUTGOING


def test_only_a_recipient_can_respond(world):
    consultation = sent(world)
    recipient = recipient_for(consultation, world.mn)
    with pytest.raises(PermissionDenied):
        services.response_save(actor=world.kn_lead, recipient=recipient, standpoint="supports", summary="x")
    stranger = user_with_role(Role.READER)
    with pytest.raises(PermissionDenied):
        services.response_save(actor=stranger, recipient=recipient, standpoint="supports", summary="x")


def test_sender_records_an_external_partys_response(world):
    consultation = sent(world)
    vision = recipient_for(consultation, world.vision)
    with pytest.raises(PermissionDenied):
        services.response_save(actor=world.digital_lead, recipient=vision, standpoint="supports", summary="x")
    services.response_save(actor=world.officer, recipient=vision, standpoint="supports", summary="Vision tillstyrker.")
    response = services.response_send(actor=world.officer, recipient=vision)
    assert response.sender_document.counterpart == "Vision"
    assert response.recipient_document is None


def test_no_response_to_draft_or_closed_consultation(world):
    consultation = draft(world)
    recipient = recipient_for(consultation, world.mn)
    with pytest.raises(DomainError, match="inte skickad"):
        services.response_save(actor=world.digital_lead, recipient=recipient, standpoint="supports", summary="x")
    services.consultation_send(actor=world.officer, consultation=consultation)
    services.consultation_close(actor=world.officer, consultation=consultation, reason="Stopp")
    with pytest.raises(DomainError, match="stängd"):
        services.response_save(actor=world.digital_lead, recipient=recipient, standpoint="supports", summary="x")
    services.consultation_reopen(actor=world.officer, consultation=consultation, reason="Fler svar")
    services.response_save(actor=world.digital_lead, recipient=recipient, standpoint="supports", summary="x")


def test_respond_once_then_correct_as_new_version(world):
    consultation = sent(world)
    answer(world, consultation)
    recipient = recipient_for(consultation, world.mn)
    with pytest.raises(DomainError, match="redan skickat"):
        services.response_save(actor=world.digital_lead, recipient=recipient, standpoint="supports", summary="x")
    with pytest.raises(DomainError, match="redan skickat"):
        services.response_send(actor=world.digital_lead, recipient=recipient)
    corrected = services.response_correct(
        actor=world.digital_lead,
        recipient=recipient,
        reason="Fel i sammanfattningen",
        standpoint=Response.Standpoint.SUPPORTS,
        summary="Rättad",
    )
    assert corrected.version == 2
    assert corrected.summary == "Rättad"
    versions = list(corrected.history.order_by("history_date").values_list("summary", flat=True))
    assert "Miljönämnden ställer sig positiv till förslaget." in versions
    assert "Rättelse, version 2: Fel i sammanfattningen" in corrected.history.first().history_change_reason
    assert Document.objects.filter(case=world.case, subject__startswith="Rättat remissvar").exists()


def test_late_response_is_accepted_and_marked(world):
    consultation = sent(world)
    Consultation.objects.filter(pk=consultation.pk).update(deadline=TODAY - dt.timedelta(days=2))
    response = answer(world, consultation)
    assert response.is_late


def test_declined_is_recorded(world):
    consultation = sent(world)
    recipient = recipient_for(consultation, world.kn)
    services.response_save(actor=world.kn_lead, recipient=recipient, standpoint=Response.Standpoint.DECLINES)
    response = services.response_send(actor=world.kn_lead, recipient=recipient)
    assert response.is_declined
    rows = {row.recipient.name: row.state for row in selectors.consultation_overview(consultation)}
    assert rows == {"Kulturnämnden": "declined", "Miljönämnden": "none", "Vision": "none"}


def test_supports_with_comments_needs_a_comment(world):
    consultation = sent(world)
    recipient = recipient_for(consultation, world.mn)
    services.response_save(
        actor=world.digital_lead, recipient=recipient, standpoint=Response.Standpoint.SUPPORTS_WITH_COMMENTS
    )
    with pytest.raises(DomainError, match="minst en synpunkt"):
        services.response_send(actor=world.digital_lead, recipient=recipient)


def test_answer_to_unknown_question_refused(world):
    consultation = sent(world)
    recipient = recipient_for(consultation, world.mn)
    with pytest.raises(DomainError, match="fråga som inte finns"):
        services.response_save(
            actor=world.digital_lead, recipient=recipient, standpoint="supports", answers={999999: "Svar"}
        )


# -- Handling comments ---------------------------------------------------------------------------------


def test_sender_handles_comment_with_motivation(world):
    consultation = sent(world)
    response = answer(world, consultation)
    comment = response.comments.first()
    with pytest.raises(DomainError, match="Motivera"):
        services.comment_handle(actor=world.officer, comment=comment, handling="accepted", motivation=" ")
    with pytest.raises(DomainError, match="Välj hur"):
        services.comment_handle(actor=world.officer, comment=comment, handling="maybe", motivation="x")
    with pytest.raises(PermissionDenied):
        services.comment_handle(actor=world.digital_lead, comment=comment, handling="accepted", motivation="x")
    handled = services.comment_handle(
        actor=world.officer, comment=comment, handling=Comment.Handling.PARTLY, motivation="Delvis i avsnitt 4."
    )
    assert handled.is_handled
    assert handled.handled_by == world.officer


def test_link_final_proposal(world):
    from samverka.registry.tests.factories import open_case

    consultation = sent(world)
    proposal = open_case(series=world.stk_series, actor=world.officer, title="Slutligt förslag")
    services.consultation_link_final_proposal(actor=world.officer, consultation=consultation, proposal=proposal)
    consultation.refresh_from_db()
    assert consultation.final_proposal == proposal


# -- Reminders ---------------------------------------------------------------------------------------


def test_reminders_before_and_on_deadline_never_twice(world, django_capture_on_commit_callbacks):
    consultation = sent(world, deadline=TODAY + dt.timedelta(days=10), reminder_days=7)
    answer(world, consultation)  # Miljönämnden has answered: no reminder for it
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send(today=TODAY) == 0  # too early
        assert services.reminders_send(today=TODAY + dt.timedelta(days=3)) == 2  # KN and Vision
        assert services.reminders_send(today=TODAY + dt.timedelta(days=3)) == 0  # run twice: nothing more
        assert services.reminders_send(today=TODAY + dt.timedelta(days=5)) == 0  # the next day: still nothing
        assert services.reminders_send(today=TODAY + dt.timedelta(days=10)) == 2  # on the deadline
        assert services.reminders_send(today=TODAY + dt.timedelta(days=10)) == 0
    subjects = [m.subject for m in mail.outbox]
    assert len(subjects) == 4
    assert sum("i dag" in s for s in subjects) == 2
    addresses = {a for m in mail.outbox for a in m.to}
    assert world.digital_lead.person.email not in addresses
    assert world.kn_lead.person.email in addresses


def test_reminder_command_is_idempotent(world, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    sent(world, deadline=TODAY + dt.timedelta(days=2))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_consultation_reminders", verbosity=0)
        call_command("send_consultation_reminders", verbosity=0)
    assert len(mail.outbox) == 3
