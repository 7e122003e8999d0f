"""The action states and every allowed and refused step."""

import datetime as dt

import pytest

from samverka.audits import services, workflow
from samverka.audits.models import ActionEvent, ActionStatus
from samverka.core.errors import DomainError, InvalidTransition

pytestmark = pytest.mark.django_db

TODAY_ISH = dt.date(2022, 5, 1)


def test_transition_table_covers_the_issue():
    assert (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS) in workflow.ACTION_TRANSITIONS
    assert (ActionStatus.IN_PROGRESS, ActionStatus.DONE) in workflow.ACTION_TRANSITIONS
    assert (ActionStatus.IN_PROGRESS, ActionStatus.DELAYED) in workflow.ACTION_TRANSITIONS
    assert (ActionStatus.DELAYED, ActionStatus.DELAYED) in workflow.ACTION_TRANSITIONS
    assert not any(frm == ActionStatus.DONE for frm, _to in workflow.ACTION_TRANSITIONS)
    for name in set(workflow.ACTION_TRANSITIONS.values()):
        assert hasattr(services, name)


def test_planned_to_in_progress_to_done_with_decision(world, action):
    action = services.action_start(actor=world.responsible, action=action, note="Arbetet har börjat")
    assert action.status == ActionStatus.IN_PROGRESS
    action = services.action_complete(
        actor=world.responsible, action=action, completed_on=TODAY_ISH, evidence_decision="KF 2021-03-31 § 67"
    )
    assert action.status == ActionStatus.DONE
    assert action.completed_on == TODAY_ISH
    events = list(action.events.order_by("created_at", "id"))
    assert [(e.from_status, e.to_status) for e in events] == [("planned", "in_progress"), ("in_progress", "done")]
    assert events[0].author == world.responsible_person
    assert "KF 2021-03-31 § 67" in events[1].text


def test_done_with_a_registered_document(world, action):
    from samverka.registry.tests.factories import register_document

    document = register_document(case=world.response_case, actor=world.board_registrar, document_date=TODAY_ISH)
    services.action_start(actor=world.responsible, action=action)
    action = services.action_complete(
        actor=world.responsible, action=action, completed_on=TODAY_ISH, evidence_document=document
    )
    assert action.evidence_document == document


def test_done_needs_evidence(world, action):
    services.action_start(actor=world.responsible, action=action)
    with pytest.raises(DomainError) as error:
        services.action_complete(actor=world.responsible, action=action, completed_on=TODAY_ISH)
    assert error.value.code == "evidence_required"
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS


def test_done_is_final(world, action):
    services.action_complete(actor=world.responsible, action=action, evidence_decision="KS § 1", completed_on=TODAY_ISH)
    with pytest.raises(InvalidTransition):
        services.action_start(actor=world.responsible, action=action)
    with pytest.raises(InvalidTransition):
        services.action_delay(actor=world.responsible, action=action, new_due_date=dt.date(2030, 1, 1), reason="x")


def test_start_twice_is_refused(world, action):
    services.action_start(actor=world.responsible, action=action)
    with pytest.raises(InvalidTransition) as error:
        services.action_start(actor=world.responsible, action=action)
    assert "pågår" in error.value.message


def test_delay_needs_a_later_date_and_a_reason(world, action):
    with pytest.raises(DomainError) as error:
        services.action_delay(actor=world.responsible, action=action, new_due_date=dt.date(2023, 6, 30), reason="  ")
    assert error.value.code == "reason_required"
    with pytest.raises(DomainError) as error:
        services.action_delay(
            actor=world.responsible, action=action, new_due_date=action.due_date, reason="Resurser saknas"
        )
    assert error.value.code == "date_order"
    with pytest.raises(DomainError):
        services.action_delay(
            actor=world.responsible, action=action, new_due_date=dt.date(2022, 1, 1), reason="Resurser saknas"
        )


def test_each_delay_is_kept(world, action):
    first = services.action_delay(
        actor=world.responsible, action=action, new_due_date=dt.date(2023, 6, 30), reason="Resurser saknas"
    )
    second = services.action_delay(
        actor=world.responsible, action=first, new_due_date=dt.date(2023, 12, 31), reason="Upphandlingen drog ut"
    )
    assert second.status == ActionStatus.DELAYED
    assert second.due_date == dt.date(2023, 12, 31)
    assert second.original_due_date == dt.date(2022, 12, 31)
    delays = ActionEvent.objects.filter(action=action, to_status=ActionStatus.DELAYED).order_by("created_at", "id")
    assert [(e.old_due_date, e.new_due_date, e.text) for e in delays] == [
        (dt.date(2022, 12, 31), dt.date(2023, 6, 30), "Resurser saknas"),
        (dt.date(2023, 6, 30), dt.date(2023, 12, 31), "Upphandlingen drog ut"),
    ]
    history = list(action.history.order_by("history_date").values_list("due_date", "status", "history_change_reason"))
    assert history[-1][:2] == (dt.date(2023, 12, 31), "delayed")
    assert "Upphandlingen drog ut" in history[-1][2]
    assert [h[0] for h in history] == [dt.date(2022, 12, 31), dt.date(2023, 6, 30), dt.date(2023, 12, 31)]


def test_delayed_can_resume_and_finish(world, action):
    services.action_delay(actor=world.responsible, action=action, new_due_date=dt.date(2023, 6, 30), reason="Väntar")
    services.action_start(actor=world.responsible, action=action, note="Igång igen")
    action = services.action_complete(
        actor=world.responsible, action=action, evidence_decision="SN 2023-05-10 § 12", completed_on=TODAY_ISH
    )
    assert action.status == ActionStatus.DONE


def test_future_dates_are_refused(world, action):
    from django.utils import timezone

    future = timezone.localdate() + dt.timedelta(days=3)
    with pytest.raises(DomainError):
        services.action_complete(actor=world.responsible, action=action, evidence_decision="x", completed_on=future)
    with pytest.raises(DomainError):
        services.action_note_add(actor=world.responsible, action=action, text="Senare", noted_on=future)
