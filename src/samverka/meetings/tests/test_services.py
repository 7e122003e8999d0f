"""The rules at and after the meeting: attendance, quorum, jäv, dissents, numbering, the lock."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from samverka.core.errors import DomainError
from samverka.meetings import selectors, services
from samverka.meetings.models import AgendaItem, Attendance, Meeting
from samverka.meetings.tests import factories as f
from samverka.organisation.models import Role
from samverka.organisation.tests.factories import BodyFactory, user_with_role
from samverka.registry.models import Document
from samverka.registry.tests.factories import open_case, pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def called():
    return f.called_with_attendance(f.planned(f.ksau(), items=2))


def test_serving_substitute_must_replace_someone(called):
    substitute = f.member_of(called.body, kind="substitute")
    with pytest.raises(DomainError, match="vilken ledamot"):
        services.attendance_record(
            actor=called.secretary, meeting=called.meeting, person=substitute, role=Attendance.Role.SERVING_SUBSTITUTE
        )
    absent = f.member_of(called.body)
    attendance = services.attendance_record(
        actor=called.secretary,
        meeting=called.meeting,
        person=substitute,
        role=Attendance.Role.SERVING_SUBSTITUTE,
        replaces=absent,
        party="M",
    )
    assert attendance.is_deciding
    with pytest.raises(DomainError, match="redan registrerad"):
        services.attendance_record(
            actor=called.secretary, meeting=called.meeting, person=substitute, role=Attendance.Role.SUBSTITUTE
        )


def test_arrival_and_departure_per_item(called):
    first, second = called.items
    late = called.attendances[1]
    services.attendance_update(actor=called.secretary, attendance=late, arrives_at_item=second, leaves_after_item=None)
    late.refresh_from_db()
    assert not late.present_at(first) and late.present_at(second)
    with pytest.raises(DomainError, match="lämna före"):
        services.attendance_update(
            actor=called.secretary, attendance=late, arrives_at_item=second, leaves_after_item=first
        )
    with pytest.raises(DomainError, match="deltog inte"):
        services.dissent_announce(actor=called.secretary, item=first, attendance=late)


def test_quorum_warns_before_decision():
    setup = f.planned(f.ksau(seats=5))
    services.meeting_call(actor=setup.secretary, meeting=setup.meeting)
    for person in setup.members[:2]:
        services.attendance_record(actor=setup.secretary, meeting=setup.meeting, person=person, role="member")
    item = setup.items[0]
    quorum = selectors.quorum_for(item)
    assert (quorum.present, quorum.members, quorum.has_quorum) == (2, 5, False)
    with pytest.raises(DomainError, match="inte beslutför") as error:
        services.decision_record(actor=setup.secretary, item=item, decision="Bifall.")
    assert error.value.code == "no_quorum"
    services.decision_record(actor=setup.secretary, item=item, decision="Bifall.", accept_no_quorum=True)
    services.attendance_record(actor=setup.secretary, meeting=setup.meeting, person=setup.members[2], role="member")
    assert selectors.quorum_for(item).has_quorum


def test_disqualified_member_neither_decides_nor_dissents(called):
    item = called.items[0]
    member = called.attendances[3]
    services.disqualification_record(actor=called.secretary, item=item, attendance=member, reason="Närstående")
    with pytest.raises(DomainError, match="deltog inte"):
        services.dissent_announce(actor=called.secretary, item=item, attendance=member)
    with pytest.raises(DomainError, match="jävig"):
        services.special_statement_add(actor=called.secretary, item=item, members=[member], text="Yttrande")
    assert member not in selectors.deciding_on(item, list(selectors.meeting_attendances(called.meeting)))
    assert selectors.quorum_for(item).present == 4


def test_a_dissenter_cannot_then_be_disqualified(called):
    item = called.items[0]
    member = called.attendances[3]
    services.dissent_announce(actor=called.secretary, item=item, attendance=member)
    with pytest.raises(DomainError, match="redan deltagit"):
        services.disqualification_record(actor=called.secretary, item=item, attendance=member)


def test_dissent_by_non_participant_is_refused(called):
    item = called.items[0]
    secretary_attendance = called.attendances[-1]
    assert secretary_attendance.role == Attendance.Role.OTHER
    with pytest.raises(DomainError, match="deltog inte"):
        services.dissent_announce(actor=called.secretary, item=item, attendance=secretary_attendance)
    substitute = services.attendance_record(
        actor=called.secretary,
        meeting=called.meeting,
        person=f.member_of(called.body, kind="substitute"),
        role=Attendance.Role.SUBSTITUTE,
    )
    with pytest.raises(DomainError, match="deltog inte"):
        services.dissent_announce(actor=called.secretary, item=item, attendance=substitute)


def test_dissent_announced_before_end_reasons_until_verification(called):
    f.decided(called)
    item = called.items[0]
    dissent = services.dissent_announce(actor=called.secretary, item=item, attendance=called.attendances[2])
    services.meeting_hold(actor=called.secretary, meeting=called.meeting)
    with pytest.raises(DomainError, match="innan sammanträdet avslutas"):
        services.dissent_announce(actor=called.secretary, item=item, attendance=called.attendances[3])
    upload = SimpleUploadedFile("reservation.pdf", pdf_bytes("Reservation"), content_type="application/pdf")
    services.dissent_submit_reasons(actor=called.secretary, dissent=dissent, reasons="Vi vill inte.", attachment=upload)
    dissent.refresh_from_db()
    assert dissent.reasons == "Vi vill inte." and dissent.attachment and dissent.reasons_submitted_at
    services.signatories_set(
        actor=called.secretary, meeting=called.meeting, chair=called.members[0], verifiers=[called.members[1]]
    )
    services.minutes_draft(actor=called.secretary, meeting=called.meeting)
    f.verified(called)
    with pytest.raises(DomainError, match="för sent"):
        services.dissent_submit_reasons(actor=called.secretary, dissent=dissent, reasons="Sent")


def test_immediate_verification_freezes_the_item(called):
    item = called.items[1]
    with pytest.raises(DomainError, match="Protokollför beslutet"):
        services.item_verify_immediately(actor=called.secretary, item=item)
    services.decision_record(actor=called.secretary, item=item, decision="Bifall.")
    services.item_verify_immediately(actor=called.secretary, item=item)
    item.refresh_from_db()
    assert item.immediately_verified_at and item.paragraph_number == 2
    with pytest.raises(DomainError, match="omedelbart justerad"):
        services.decision_record(actor=called.secretary, item=item, decision="Avslag.")
    with pytest.raises(DomainError, match="omedelbart justerad"):
        services.agenda_item_update(actor=called.secretary, item=item, summary="Ny")
    # Extracts of it can be made before the rest of the minutes are verified.
    extract = services.extract_create(actor=called.secretary, item=item)
    assert extract.pk


def test_paragraph_numbers_continue_per_body_and_year():
    setup = f.ksau()
    day = timezone.localdate() - dt.timedelta(days=2)
    first = f.planned(setup, day=day, items=2)
    f.called_with_attendance(first)
    services.meeting_hold(actor=setup.secretary, meeting=first.meeting, first_paragraph_number=565)
    second = f.Setup(
        body=setup.body, secretary=setup.secretary, secretary_person=setup.secretary_person, members=setup.members
    )
    f.called_with_attendance(f.planned(second, day=day + dt.timedelta(days=1), items=1))
    services.meeting_hold(actor=setup.secretary, meeting=second.meeting)
    assert [i.paragraph_number for i in selectors.paragraph_list(meeting=first.meeting)] == [565, 566]
    assert [i.paragraph_number for i in selectors.paragraph_list(meeting=second.meeting)] == [567]
    third = f.Setup(
        body=setup.body, secretary=setup.secretary, secretary_person=setup.secretary_person, members=setup.members
    )
    f.called_with_attendance(f.planned(third, day=day + dt.timedelta(days=1), items=1))
    with pytest.raises(DomainError, match="redan använd"):
        services.meeting_hold(actor=setup.secretary, meeting=third.meeting, first_paragraph_number=567)


def test_nothing_changes_in_verified_minutes():
    setup = f.full(items=1)
    meeting, item = setup.meeting, setup.items[0]
    attendance = setup.attendances[2]
    secretary = setup.secretary
    before = (
        Meeting.objects.filter(pk=meeting.pk).values().get(),
        AgendaItem.objects.filter(pk=item.pk).values().get(),
        Attendance.objects.filter(meeting=meeting).count(),
    )
    attempts = [
        lambda: services.meeting_update(actor=secretary, meeting=meeting, place="Annat"),
        lambda: services.agenda_item_add(actor=secretary, meeting=meeting, title="Ny", kind="information"),
        lambda: services.agenda_item_update(actor=secretary, item=item, summary="Ändrad"),
        lambda: services.decision_record(actor=secretary, item=item, decision="Annat beslut"),
        lambda: services.attendance_record(
            actor=secretary, meeting=meeting, person=f.member_of(setup.body), role="member"
        ),
        lambda: services.attendance_update(
            actor=secretary, attendance=attendance, arrives_at_item=item, leaves_after_item=None
        ),
        lambda: services.disqualification_record(actor=secretary, item=item, attendance=attendance),
        lambda: services.dissent_announce(actor=secretary, item=item, attendance=attendance),
        lambda: services.special_statement_add(actor=secretary, item=item, members=[attendance], text="x"),
        lambda: services.dispatch_recipient_add(actor=secretary, item=item, recipient="Vision"),
        lambda: services.signatories_set(
            actor=secretary, meeting=meeting, chair=setup.members[0], verifiers=[setup.members[2]]
        ),
        lambda: services.item_verify_immediately(actor=secretary, item=item),
        lambda: services.minutes_draft(actor=secretary, meeting=meeting),
        lambda: services.minutes_sign(actor=setup.members[0].user, meeting=meeting),
        lambda: services.meeting_cancel(actor=secretary, meeting=meeting, reason="x"),
    ]
    for attempt in attempts:
        with pytest.raises(DomainError):
            attempt()
    after = (
        Meeting.objects.filter(pk=meeting.pk).values().get(),
        AgendaItem.objects.filter(pk=item.pk).values().get(),
        Attendance.objects.filter(meeting=meeting).count(),
    )
    assert before == after


def test_extract_is_registered_in_the_case_and_dispatched(django_capture_on_commit_callbacks):
    from django.core import mail

    setup = f.called_with_attendance(f.planned(f.ksau()))
    item = setup.items[0]
    services.dispatch_recipient_add(actor=setup.secretary, item=item, recipient="Samtliga nämnder")
    services.dispatch_recipient_add(actor=setup.secretary, item=item, recipient="Vision", email="vision@example.org")
    with pytest.raises(DomainError, match="redan på sändlistan"):
        services.dispatch_recipient_add(actor=setup.secretary, item=item, recipient="Vision")
    f.verified(f.held_and_drafted(f.decided(setup)))
    with django_capture_on_commit_callbacks(execute=True):
        extract = services.extract_create(actor=setup.secretary, item=item)
    extract.refresh_from_db()
    assert extract.pdf and extract.docx and extract.document
    assert extract.document.case == item.case and extract.document.direction == Document.Direction.CREATED
    with django_capture_on_commit_callbacks(execute=True):
        services.extract_dispatch(actor=setup.secretary, extract=extract)
    outgoing = Document.objects.get(case=item.case, direction=Document.Direction.OUTGOING)
    assert "Vision" in outgoing.counterpart_text
    assert mail.outbox[-1].to == ["vision@example.org"]
    assert all(r.dispatched_at for r in item.dispatch_recipients.all())
    with pytest.raises(DomainError, match="redan expedierat"):
        services.extract_dispatch(actor=setup.secretary, extract=extract)


def test_extract_needs_verification(called):
    with pytest.raises(DomainError, match="justerad"):
        services.extract_create(actor=called.secretary, item=called.items[0])


def _handled(actor, body, day, case, decision="", proposal=""):
    """The case on the agenda of the body's meeting on `day`; decided when `decision` is given."""
    meeting = services.meeting_plan(
        actor=actor, body=body, starts_at=f.at(day, 9), ends_at=f.at(day, 10), place="Stadshuset"
    )
    item = services.agenda_item_add(actor=actor, meeting=meeting, title=case.title, case=case, proposal=proposal)
    if decision:
        services.meeting_call(actor=actor, meeting=meeting)
        item = services.decision_record(actor=actor, item=item, decision=decision, accept_no_quorum=True)
    return item


def test_each_body_s_decision_becomes_the_proposal_for_the_next():
    setup = f.ksau()
    ks = setup.body.parent
    sn = BodyFactory(short_name="SN", name="Servicenämnden")
    sn_secretary = user_with_role(Role.SECRETARY, body=sn)
    case = open_case(title="Riktlinjer för IT")
    day = timezone.localdate() - dt.timedelta(days=30)

    sn_item = _handled(
        sn_secretary, sn, day, case, decision="Servicenämnden föreslår riktlinjerna.\nSvar senast 1 maj."
    )
    assert sn_item.proposal == ""  # nobody handled the case before
    ksau_item = _handled(setup.secretary, setup.body, day + dt.timedelta(days=7), case)
    assert ksau_item.proposal == "Servicenämnden föreslår riktlinjerna.\nSvar senast 1 maj."
    assert ksau_item.proposal_points == ["Servicenämnden föreslår riktlinjerna.", "Svar senast 1 maj."]
    services.meeting_call(actor=setup.secretary, meeting=ksau_item.meeting)
    ksau_item = services.decision_record(
        actor=setup.secretary, item=ksau_item, decision="Kommunstyrelsen antar riktlinjerna.", accept_no_quorum=True
    )
    ks_item = _handled(setup.secretary, ks, day + dt.timedelta(days=14), case)
    assert ks_item.proposal == "Kommunstyrelsen antar riktlinjerna."
    ks_item.refresh_from_db()
    assert ks_item.proposal == "Kommunstyrelsen antar riktlinjerna."

    # An explicit proposal is kept; an information item gets none; an item without a case neither.
    own = _handled(setup.secretary, ks, day + dt.timedelta(days=21), case, proposal="Ärendet återremitteras.")
    assert own.proposal == "Ärendet återremitteras."
    info = services.agenda_item_add(
        actor=setup.secretary, meeting=ks_item.meeting, title="Information", kind="information", case=case
    )
    assert info.proposal == ""


def test_previous_decision_is_the_latest_earlier_decision_of_the_case():
    setup = f.ksau()
    ks = setup.body.parent
    sn = BodyFactory(short_name="SN", name="Servicenämnden")
    sn_secretary = user_with_role(Role.SECRETARY, body=sn)
    case, other_case = open_case(title="Riktlinjer"), open_case(title="Annat ärende")
    day = timezone.localdate() - dt.timedelta(days=30)

    sn_item = _handled(sn_secretary, sn, day, case, decision="SN:s beslut.")
    _handled(sn_secretary, sn, day + dt.timedelta(days=1), other_case, decision="Ett annat ärendes beslut.")
    undecided = _handled(setup.secretary, setup.body, day + dt.timedelta(days=3), case)  # tabled: no decision
    ksau_item = _handled(setup.secretary, setup.body, day + dt.timedelta(days=7), case, decision="KSAU:s beslut.")
    ks_item = _handled(setup.secretary, ks, day + dt.timedelta(days=14), case)

    assert selectors.previous_decision(sn_item) is None
    assert selectors.previous_decision(undecided) == sn_item
    assert selectors.previous_decision(ksau_item) == sn_item
    assert selectors.previous_decision(ks_item) == ksau_item  # the latest, not the first
    without_case = services.agenda_item_add(
        actor=setup.secretary, meeting=ks_item.meeting, title="Information", kind="information"
    )
    assert selectors.previous_decision(without_case) is None

    # A decision at a meeting that was then cancelled is no proposal for anyone.
    services.meeting_cancel(actor=setup.secretary, meeting=ksau_item.meeting, reason="Felaktigt kallat")
    assert selectors.previous_decision(ks_item) == sn_item


def test_supporting_documents_belong_to_the_item_s_case():
    from samverka.registry.tests.factories import register_document

    setup = f.planned(f.ksau(), items=1)
    item = setup.items[0]
    own = register_document(case=item.case, actor=setup.secretary, subject="Tjänsteskrivelse")
    foreign = register_document(case=open_case(title="Annat"), actor=setup.secretary, subject="Annat")
    with pytest.raises(DomainError, match="hör till ett ärende"):
        services.agenda_item_add(
            actor=setup.secretary, meeting=setup.meeting, title="Info", kind="information", supporting_documents=[own]
        )
    with pytest.raises(DomainError, match=f"höra till ärende {item.case.number}"):
        services.agenda_item_update(actor=setup.secretary, item=item, supporting_documents=[foreign])
    services.agenda_item_update(actor=setup.secretary, item=item, supporting_documents=[own])
    assert list(item.supporting_documents.all()) == [own]
    services.agenda_item_update(actor=setup.secretary, item=item, title="Ny rubrik")  # None: left as it is
    assert list(item.supporting_documents.all()) == [own]
    services.agenda_item_update(actor=setup.secretary, item=item, supporting_documents=[])
    assert not item.supporting_documents.exists()


def test_the_history_of_an_item_keeps_its_supporting_documents():
    from samverka.registry.tests.factories import register_document

    setup = f.planned(f.ksau(), items=1)
    item = setup.items[0]
    memo = register_document(case=item.case, actor=setup.secretary, subject="Tjänsteskrivelse")
    annex = register_document(case=item.case, actor=setup.secretary, subject="Bilaga")
    before = item.history.count()
    services.agenda_item_update(actor=setup.secretary, item=item, supporting_documents=[memo, annex])
    services.agenda_item_update(actor=setup.secretary, item=item, supporting_documents=[annex], reason="Fel bilaga")
    services.agenda_item_update(actor=setup.secretary, item=item, supporting_documents=[annex])  # unchanged

    records = list(item.history.order_by("history_id")[before:])
    assert [r.history_change_reason for r in records] == ["Beslutsunderlaget ändrades", "Fel bilaga"]
    assert {r.history_user for r in records} == {setup.secretary}
    kept = [sorted(d.document_id for d in r.supporting_documents.all()) for r in records]
    assert kept == [sorted([memo.pk, annex.pk]), [annex.pk]]
