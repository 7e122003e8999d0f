"""The meeting from planning to the end of the appeal period, and every refused step."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from samverka.core.errors import DomainError, InvalidTransition, PermissionDenied
from samverka.meetings import selectors, services, workflow
from samverka.meetings.models import Attendance, Meeting, Notice
from samverka.meetings.tests import factories as f

pytestmark = pytest.mark.django_db


def test_transition_table_has_one_service_per_step():
    services_named = set(workflow.TRANSITIONS.values())
    for name in services_named:
        assert hasattr(services, name), name


def test_end_to_end(django_capture_on_commit_callbacks):
    setup = f.planned(f.ksau(), items=2)
    meeting = setup.meeting
    assert meeting.status == Meeting.Status.PLANNED
    with django_capture_on_commit_callbacks(execute=True):
        f.called_with_attendance(setup)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.CALLED
    assert meeting.notice_pdf.name.endswith(".pdf")
    assert len(mail.outbox) == 1 and mail.outbox[0].attachments[1][2] == "text/calendar"
    f.decided(setup)
    services.dissent_announce(actor=setup.secretary, item=setup.items[0], attendance=setup.attendances[2])
    f.held_and_drafted(setup)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFTED
    numbers = [i.paragraph_number for i in selectors.meeting_items(meeting)]
    assert numbers == [1, 2]
    with django_capture_on_commit_callbacks(execute=True):
        f.verified(setup)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.VERIFIED
    assert meeting.verified_on == timezone.localdate()
    assert meeting.sealed_at and meeting.minutes_pdf.name.endswith(".pdf")
    notice = services.minutes_post(actor=setup.secretary, meeting=meeting)
    assert notice.appeal_ends_on >= notice.posted_on + dt.timedelta(days=21)
    assert notice.takedown_on == notice.appeal_ends_on + dt.timedelta(days=1)
    assert list(selectors.notice_board()) == [notice]
    with pytest.raises(DomainError, match="kan inte tas ned tidigare"):
        services.notice_take_down(actor=setup.secretary, notice=notice)
    services.notice_take_down(actor=None, notice=notice, today=notice.takedown_on)
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.APPEAL_OVER
    assert list(selectors.notice_board(today=notice.takedown_on)) == []


def test_steps_out_of_order_are_refused():
    setup = f.planned(f.ksau())
    with pytest.raises(InvalidTransition):
        services.meeting_hold(actor=setup.secretary, meeting=setup.meeting)
    with pytest.raises(InvalidTransition):
        services.minutes_draft(actor=setup.secretary, meeting=setup.meeting)
    with pytest.raises(InvalidTransition):
        services.minutes_post(actor=setup.secretary, meeting=setup.meeting)


def test_calling_needs_an_agenda():
    setup = f.planned(f.ksau(), items=0)
    with pytest.raises(DomainError, match="minst en punkt"):
        services.meeting_call(actor=setup.secretary, meeting=setup.meeting)


def test_dates_out_of_order_are_refused():
    setup = f.ksau()
    day = timezone.localdate()
    with pytest.raises(DomainError, match="sluta innan"):
        services.meeting_plan(
            actor=setup.secretary, body=setup.body, starts_at=f.at(day, 10), ends_at=f.at(day, 9), place="X"
        )


def test_meeting_cannot_end_before_it_starts():
    setup = f.called_with_attendance(f.planned(f.ksau(), day=timezone.localdate() + dt.timedelta(days=3)))
    with pytest.raises(DomainError, match="innan det har börjat"):
        services.meeting_hold(actor=setup.secretary, meeting=setup.meeting)


def test_drafting_needs_signatories_and_decisions():
    setup = f.called_with_attendance(f.planned(f.ksau()))
    services.meeting_hold(actor=setup.secretary, meeting=setup.meeting)
    with pytest.raises(DomainError, match="justerare"):
        services.minutes_draft(actor=setup.secretary, meeting=setup.meeting)
    services.signatories_set(
        actor=setup.secretary, meeting=setup.meeting, chair=setup.members[0], verifiers=[setup.members[1]]
    )
    with pytest.raises(DomainError, match="Beslut saknas"):
        services.minutes_draft(actor=setup.secretary, meeting=setup.meeting)


def test_verifier_must_be_deciding_member():
    setup = f.called_with_attendance(f.planned(f.ksau()))
    outsider = f.member_of(setup.body)
    with pytest.raises(DomainError, match="inte beslutande"):
        services.signatories_set(
            actor=setup.secretary, meeting=setup.meeting, chair=setup.members[0], verifiers=[outsider]
        )


def test_only_named_signatories_sign_and_each_once():
    setup = f.held_and_drafted(f.decided(f.called_with_attendance(f.planned(f.ksau()))))
    other_member = setup.members[2]
    with pytest.raises(PermissionDenied):
        services.minutes_sign(actor=other_member.user, meeting=setup.meeting)
    with pytest.raises(PermissionDenied):
        services.minutes_sign(actor=f.UserFactory(), meeting=setup.meeting)
    services.minutes_sign(actor=setup.members[1].user, meeting=setup.meeting)
    with pytest.raises(DomainError, match="redan undertecknat"):
        services.minutes_sign(actor=setup.members[1].user, meeting=setup.meeting)
    setup.meeting.refresh_from_db()
    assert setup.meeting.status == Meeting.Status.DRAFTED
    signed = setup.meeting.signatories.get(person=setup.members[1])
    assert signed.signed_at and signed.signed_by == setup.members[1].user


def test_posting_dates():
    setup = f.full()
    meeting = setup.meeting
    with pytest.raises(DomainError, match="före justeringen"):
        services.minutes_post(
            actor=setup.secretary, meeting=meeting, posted_on=meeting.verified_on - dt.timedelta(days=1)
        )
    with pytest.raises(DomainError, match="framtiden"):
        services.minutes_post(
            actor=setup.secretary, meeting=meeting, posted_on=timezone.localdate() + dt.timedelta(days=1)
        )
    notice = services.minutes_post(actor=setup.secretary, meeting=meeting)
    assert notice.kind == Notice.Kind.MINUTES and not notice.posted_late


def test_council_meeting_is_announced_on_the_notice_board():
    setup = f.ksau()
    council = f.BodyFactory(short_name="KF", name="Kommunfullmäktige", kind="council")
    from samverka.organisation.models import Role, RoleAssignment

    RoleAssignment.objects.create(person=setup.secretary_person, role=Role.SECRETARY, body=council)
    day = timezone.localdate() + dt.timedelta(days=10)
    meeting = services.meeting_plan(
        actor=setup.secretary, body=council, starts_at=f.at(day, 17), ends_at=f.at(day, 21), place="Rådhuset"
    )
    services.agenda_item_add(actor=setup.secretary, meeting=meeting, title="Information", kind="information")
    services.meeting_call(actor=setup.secretary, meeting=meeting)
    notice = Notice.objects.get(meeting=meeting)
    assert notice.kind == Notice.Kind.ANNOUNCEMENT and notice.takedown_on == day
    assert notice in selectors.notice_board()


def test_cancel():
    setup = f.planned(f.ksau())
    with pytest.raises(DomainError, match="varför"):
        services.meeting_cancel(actor=setup.secretary, meeting=setup.meeting, reason=" ")
    services.meeting_cancel(actor=setup.secretary, meeting=setup.meeting, reason="Inga ärenden")
    with pytest.raises(InvalidTransition):
        services.meeting_call(actor=setup.secretary, meeting=setup.meeting)


def test_history_records_who_and_why():
    setup = f.full()
    record = setup.meeting.history.order_by("-history_date", "-history_id").filter(status="verified").last()
    assert record.history_change_reason == "Protokollet justerades"
    assert Attendance.history.filter(history_user=setup.secretary).exists()
