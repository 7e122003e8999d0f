"""Generated meetings follow the app's rules: states with the dates and rows they need, paragraph
numbers gap-free per body and year past the counters, decisions in cases, and the pages that
`make bench` measures answer for the accounts it signs in with."""

import datetime as dt
from collections import defaultdict

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from samverka.meetings import dates, services
from samverka.meetings.models import (
    AgendaItem,
    Attendance,
    DispatchRecipient,
    Extract,
    Meeting,
    Notice,
    ParagraphCounter,
    Signatory,
)
from samverka.meetings.scale import MIN_MEETINGS, bench_endpoints
from samverka.meetings.scale import generate as generate_meetings
from samverka.organisation.models import Body, Person
from samverka.scale.context import FULL_SCALE
from samverka.scale.testing import assert_endpoints_answer, generate_app

pytestmark = pytest.mark.django_db

S = Meeting.Status
LOCKED = (S.VERIFIED, S.POSTED, S.APPEAL_OVER)
DECIDING = (Attendance.Role.MEMBER, Attendance.Role.SERVING_SUBSTITUTE)


def _quiet(_message: str) -> None:
    pass


def generate(*, scale: float, seed: int, log=_quiet) -> None:
    """As `samverka.scale.generate.generate`, with the foundation and this app's generator only."""
    generate_app(generate_meetings, scale=scale, seed=seed, log=log)


def _numbered() -> int:
    return AgendaItem.objects.filter(paragraph_number__isnull=False).count()


def _assert_numbering() -> None:
    """Paragraph numbers run 1, 2, 3 … per body and year, in the meeting's body and year, and
    the counters stand at the last one."""
    numbers: dict[tuple[int, int], list[int]] = defaultdict(list)
    for item in AgendaItem.objects.filter(paragraph_number__isnull=False).select_related("meeting"):
        assert item.paragraph_body_id == item.meeting.body_id
        assert item.paragraph_year == timezone.localtime(item.meeting.starts_at).year
        numbers[(item.paragraph_body_id, item.paragraph_year)].append(item.paragraph_number)
    counters = {(c.body_id, c.year): c.last_number for c in ParagraphCounter.objects.all()}
    for key, used in numbers.items():
        assert sorted(used) == list(range(1, len(used) + 1)), key
        assert counters[key] == len(used), key


def test_counts_follow_the_scale_and_a_second_run_appends():
    generate(scale=0.001, seed=1, log=_quiet)
    assert Meeting.objects.count() == max(MIN_MEETINGS, round(FULL_SCALE["meetings"] * 0.001))
    assert _numbered() == round(FULL_SCALE["paragraphs"] * 0.001)
    _assert_numbering()
    generate(scale=0.004, seed=2, log=_quiet)
    assert Meeting.objects.count() == 8 + 12
    assert _numbered() == 60 + 240
    _assert_numbering()


def test_states_have_what_the_pages_and_the_rules_need():
    generate(scale=0.002, seed=3, log=_quiet)
    now, today = timezone.now(), timezone.localdate()
    statuses = set(Meeting.objects.values_list("status", flat=True))
    assert {S.POSTED, S.APPEAL_OVER, S.CALLED, S.PLANNED} <= statuses
    meetings = Meeting.objects.select_related("body").prefetch_related("items", "attendances", "signatories", "notices")
    for meeting in meetings:
        items = list(meeting.items.all())
        assert items, meeting
        assert sorted(i.position for i in items) == list(range(1, len(items) + 1))
        if meeting.status in (S.PLANNED, S.CALLED):
            assert meeting.starts_at > now
            assert all(i.paragraph_number is None and not i.decision for i in items)
            assert (meeting.called_at is not None) == (meeting.status == S.CALLED)
            continue
        assert meeting.starts_at < now and meeting.held_at and meeting.called_at
        assert all(i.paragraph_number for i in items)
        assert all(i.decision for i in items), meeting
        assert all(i.case_id for i in items if i.kind == AgendaItem.Kind.DECISION)
        attendances = {a.person_id: a for a in meeting.attendances.all()}
        deciding = [a for a in attendances.values() if a.role in DECIDING]
        assert len(deciding) >= 2
        for attendance in attendances.values():
            if attendance.role == Attendance.Role.SERVING_SUBSTITUTE:
                assert attendance.replaces_id and attendance.replaces_id not in attendances
        signatories = {s.role: s for s in meeting.signatories.all()}
        notices = {n.kind: n for n in meeting.notices.all()}
        if meeting.status == S.HELD:
            assert not signatories
            continue
        assert set(signatories) == {Signatory.Role.SECRETARY, Signatory.Role.CHAIR, Signatory.Role.VERIFIER}
        assert signatories[Signatory.Role.SECRETARY].person_id == meeting.secretary_id
        for role in (Signatory.Role.CHAIR, Signatory.Role.VERIFIER):
            assert attendances[signatories[role].person_id].role in DECIDING
        if meeting.status == S.DRAFTED:
            assert meeting.drafted_at and not meeting.verified_on
            continue
        assert meeting.is_locked
        assert meeting.verified_on and meeting.verified_at and meeting.sealed_at and meeting.minutes_pdf
        assert all(s.signed_at for s in signatories.values())
        day = timezone.localtime(meeting.starts_at).date()
        assert day < meeting.verified_on <= today
        if meeting.status == S.VERIFIED:
            assert Notice.Kind.MINUTES not in notices
            continue
        notice = notices[Notice.Kind.MINUTES]
        assert meeting.verified_on <= notice.posted_on <= today
        assert notice.appeal_ends_on == dates.appeal_period_end(notice.posted_on)
        assert notice.takedown_on == notice.appeal_ends_on + dt.timedelta(days=1)
        if meeting.status == S.POSTED:
            assert notice.takedown_on > today and notice.taken_down_at is None
        else:
            assert notice.takedown_on <= today and notice.taken_down_at is not None


def test_decisions_rest_on_a_memo_in_their_case_and_chains_carry_the_proposal():
    generate(scale=0.003, seed=4, log=_quiet)
    decisions = AgendaItem.objects.filter(kind=AgendaItem.Kind.DECISION).prefetch_related("supporting_documents")
    assert decisions.exists()
    for item in decisions:
        documents = list(item.supporting_documents.all())
        assert documents and all(d.case_id == item.case_id for d in documents)
        assert all(d.subject.startswith("Tjänsteskrivelse") for d in documents)
    # Extracts of posted minutes: registered in the paragraph's case while it was open, and sent
    # to the dispatch list when there is one.
    extracts = Extract.objects.select_related("item__meeting", "item__case", "document")
    assert extracts.exists()
    for extract in extracts:
        item = extract.item
        assert item.meeting.status in (S.POSTED, S.APPEAL_OVER)
        assert extract.document.case_id == item.case_id and extract.document.subject.startswith("Protokollsutdrag")
        assert item.case.closed_on is None or item.case.closed_on > extract.created_at.date()
        recipients = list(item.dispatch_recipients.all())
        assert bool(extract.dispatched_at) == bool(recipients)
        assert all(r.dispatched_at == extract.dispatched_at for r in recipients)
    assert not DispatchRecipient.objects.filter(dispatched_at__isnull=False, item__extracts__isnull=True).exists()
    # A case handled by two bodies (rare at small scales): the later body's proposal is the
    # earlier decision, taken within three months, and the case was open for both.
    for case_id in AgendaItem.objects.filter(case__isnull=False).values_list("case_id", flat=True).distinct():
        handled = list(AgendaItem.objects.filter(case_id=case_id).select_related("meeting", "case"))
        handled.sort(key=lambda item: item.meeting.starts_at)
        for earlier, later in zip(handled, handled[1:], strict=False):
            assert later.proposal == earlier.decision
            assert earlier.meeting.body_id != later.meeting.body_id
            assert later.meeting.starts_at - earlier.meeting.starts_at <= dt.timedelta(days=91)
        case = handled[0].case
        last_day = timezone.localtime(handled[-1].meeting.starts_at).date()
        assert case.opened_on < last_day and (case.closed_on is None or case.closed_on > last_day)


def test_the_services_go_on_where_the_generated_numbers_end():
    generate(scale=0.001, seed=5, log=_quiet)
    admin = get_user_model().objects.get(username="bench-admin")
    counter = ParagraphCounter.objects.filter(year=timezone.localdate().year).order_by("-last_number").first()
    body = Body.objects.get(pk=counter.body_id) if counter else Body.objects.filter(kind="board").first()
    last = counter.last_number if counter else 0
    start = timezone.now() - dt.timedelta(hours=1)
    if timezone.localtime(start).year != timezone.localdate().year:
        pytest.skip("the first hour of the year")
    meeting = services.meeting_plan(
        actor=admin, body=body, starts_at=start, ends_at=start + dt.timedelta(minutes=30), place="Stadshuset"
    )
    services.agenda_item_add(actor=admin, meeting=meeting, title="Information", kind="information")
    services.meeting_call(actor=admin, meeting=meeting)
    person = Person.objects.filter(assignments__body=body).first() or Person.objects.first()
    services.attendance_record(actor=admin, meeting=meeting, person=person, role=Attendance.Role.MEMBER)
    services.meeting_hold(actor=admin, meeting=meeting)
    assert meeting.items.get().paragraph_number == last + 1


def test_bench_endpoints_answer_for_their_users(client):
    generate(scale=0.001, seed=6, log=_quiet)
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["bench-user", "bench-admin"])}
    endpoints = bench_endpoints()
    assert all(endpoint.paths for endpoint in endpoints), [e.name for e in endpoints if not e.paths]
    assert_endpoints_answer(client, endpoints)
    client.force_login(users["bench-user"])
    extract = Extract.objects.first()
    for kind in ("pdf", "docx"):
        assert client.get(reverse("meetings:extract_file", args=[extract.pk, kind])).status_code == 200
