"""Services of audits: registration, the answer, actions, notes, reports and reminders."""

import datetime as dt

import pytest
from django.core import mail

from samverka.audits import services
from samverka.audits.models import Action, ActionEvent, AuditReport, ReminderSent
from samverka.core.errors import DomainError, PermissionDenied
from samverka.registry.models import Document
from samverka.registry.tests.factories import open_case

from .factories import DUE, REPORT_DATE, make_world

pytestmark = pytest.mark.django_db


def test_register_refuses_a_second_audit_in_the_same_case(world):
    with pytest.raises(DomainError) as error:
        services.audit_register(actor=world.governance, case=world.audit_case, title="Igen", report_date=REPORT_DATE)
    assert error.value.code == "duplicate"


def test_register_takes_the_auditors_from_the_series(world):
    assert world.audit.auditor_body == world.auditors
    assert world.audit.history.first().history_user == world.governance


def test_an_official_without_rights_cannot_register(world):
    case = open_case(series=world.audit_case.series, title="Ny granskning")
    with pytest.raises(PermissionDenied):
        services.audit_register(actor=world.responsible, case=case, title="X", report_date=REPORT_DATE)


def test_response_must_be_its_own_case(world):
    with pytest.raises(DomainError) as error:
        services.audit_set_response(
            actor=world.governance, audit=world.audit, response_case=world.audit_case, response_date=dt.date(2021, 1, 1)
        )
    assert error.value.code == "same_case"


def test_response_date_not_before_the_report(world):
    with pytest.raises(DomainError):
        services.audit_set_response(
            actor=world.governance,
            audit=world.audit,
            response_case=world.response_case,
            response_date=dt.date(2020, 1, 1),
        )


def test_response_creates_the_final_report(world):
    final = AuditReport.objects.get(audit=world.audit, kind=AuditReport.Kind.FINAL)
    assert final.due_date == dt.date(2023, 1, 31)
    assert world.audit.recipient_lines == ["revisionen@kommun.example", "revisionskonsult@kommun.example"]


def test_actions_are_numbered_per_finding_and_take_the_persons_administration(db):
    world = make_world(actions=3, findings=2)
    numbers = sorted(a.number for a in Action.objects.all())
    assert numbers == ["1.1", "1.2", "2.1"]
    assert world.actions[0].responsible_administration == world.responsible_person.administration


def test_action_needs_text_and_effect(world):
    finding = world.findings[0]
    for description, effect in (("", "effekt"), ("åtgärd", " ")):
        with pytest.raises(DomainError):
            services.action_add(
                actor=world.governance,
                finding=finding,
                description=description,
                expected_effect=effect,
                responsible_person=world.responsible_person,
                due_date=DUE,
            )


def test_status_note_by_the_responsible(world, action):
    event = services.action_note_add(actor=world.responsible, action=action, text="Workshop hållen med förvaltningarna")
    assert event.kind == ActionEvent.Kind.NOTE
    assert event.author == world.responsible_person
    with pytest.raises(DomainError):
        services.action_note_add(actor=world.responsible, action=action, text="   ")


def test_schedule_interim_report(world):
    report = services.report_schedule(actor=world.governance, audit=world.audit, due_date=dt.date(2022, 1, 26))
    assert report.kind == AuditReport.Kind.INTERIM
    with pytest.raises(DomainError):
        services.report_schedule(
            actor=world.governance, audit=world.audit, due_date=dt.date(2024, 1, 1), kind=AuditReport.Kind.FINAL
        )
    with pytest.raises(DomainError):
        services.report_schedule(actor=world.governance, audit=world.audit, due_date=dt.date(2019, 1, 1))


def test_statement_is_registered_in_the_answer_case_as_pdf_and_docx(world):
    document = services.statement_register(actor=world.board_registrar, audit=world.audit)
    assert document.case == world.response_case
    assert document.direction == Document.Direction.OUTGOING
    assert document.document_type.code == "yttrande"
    assert document.counterpart_body == world.auditors
    files = sorted(f.content_type for f in document.files.all())
    assert files == [
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ]
    world.audit.refresh_from_db()
    assert world.audit.statement_document == document


def test_statement_needs_rights_in_the_answer_case(world):
    with pytest.raises(PermissionDenied):
        services.statement_register(actor=world.responsible, audit=world.audit)


def test_statement_needs_the_answer(db):
    world = make_world(actions=0, with_response=False)
    with pytest.raises(DomainError) as error:
        services.statement_register(actor=world.governance, audit=world.audit)
    assert error.value.code == "no_response"


def test_report_submit_registers_and_cannot_be_repeated(world, action):
    report = services.report_schedule(actor=world.governance, audit=world.audit, due_date=dt.date(2022, 1, 26))
    report = services.report_submit(actor=world.board_registrar, report=report, summary="Arbetet går enligt plan.")
    assert report.status == AuditReport.Status.SUBMITTED
    assert report.document.case == world.response_case
    assert report.document.document_type.code == "redovisning"
    with pytest.raises(DomainError):
        services.report_submit(actor=world.board_registrar, report=report)


# --- reminders ------------------------------------------------------------------------------


@pytest.fixture
def send(django_capture_on_commit_callbacks):
    """Run the reminders and the e-mails they leave for after the commit."""

    def run(**kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return services.reminders_send(**kwargs)

    return run


def test_reminders_are_sent_once(send, django_capture_on_commit_callbacks, world, action):
    today = DUE + dt.timedelta(days=1)
    assert send(today=today) == 2  # the responsible and IT governance
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == sorted([world.responsible_person.email, world.governance.person.email])
    assert "Försenad åtgärd" in mail.outbox[0].subject
    assert send(today=today) == 0
    assert send(today=today + dt.timedelta(days=3)) == 0
    assert len(mail.outbox) == 2
    assert ReminderSent.objects.count() == 2


def test_a_new_date_gives_a_new_reminder_when_it_has_passed(send, django_capture_on_commit_callbacks, world, action):
    overdue = ReminderSent.objects.filter(kind=ReminderSent.Kind.ACTION_OVERDUE)
    send(today=DUE + dt.timedelta(days=1))
    assert overdue.count() == 2
    services.action_delay(
        actor=world.responsible,
        action=action,
        new_due_date=dt.date(2023, 3, 31),
        reason="Väntar på beslut",
        noted_on=dt.date(2023, 1, 2),
    )
    send(today=dt.date(2023, 3, 1))
    assert overdue.count() == 2
    send(today=dt.date(2023, 4, 1))
    assert overdue.count() == 4
    assert sorted(overdue.values_list("due_date", flat=True).distinct()) == [DUE, dt.date(2023, 3, 31)]


def test_no_reminder_for_done_or_not_yet_due(send, django_capture_on_commit_callbacks, world, action):
    overdue = ReminderSent.objects.filter(kind=ReminderSent.Kind.ACTION_OVERDUE)
    send(today=DUE)
    assert not overdue.exists()
    services.action_complete(
        actor=world.responsible, action=action, evidence_decision="KS § 1", completed_on=dt.date(2022, 1, 1)
    )
    send(today=DUE + dt.timedelta(days=30))
    assert not overdue.exists()


def test_reports_due_within_14_days_are_reminded_once(send, django_capture_on_commit_callbacks, world):
    services.report_schedule(actor=world.governance, audit=world.audit, due_date=dt.date(2022, 1, 26))
    assert send(today=dt.date(2022, 1, 1)) == 0  # 25 days ahead
    sent = send(today=dt.date(2022, 1, 12))  # 14 days ahead
    # IT governance and the answer case's officer (none here)
    assert sent == 1
    assert "Delredovisning" in mail.outbox[0].subject
    assert send(today=dt.date(2022, 1, 20)) == 0


def test_the_periodic_command_is_registered_and_idempotent(send, django_capture_on_commit_callbacks, world, action):
    from django.apps import apps
    from django.core.management import call_command

    assert "send_audit_reminders" in apps.get_app_config("audits").periodic_jobs
    Action.objects.filter(pk=action.pk).update(due_date=dt.date(2022, 1, 1))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_audit_reminders", verbosity=0)
    first = len(mail.outbox)
    assert first == 3  # the action to two people, the overdue final report to IT governance
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_audit_reminders", verbosity=0)
    assert len(mail.outbox) == first
