import datetime as dt
import io

import pytest
from django.utils import timezone

from samverka.meetings import sealing
from samverka.meetings.models import AgendaItem, Meeting

pytestmark = pytest.mark.django_db


def test_demo_minutes(django_capture_on_commit_callbacks):
    from samverka.meetings import demo
    from samverka.organisation import demo as organisation_demo
    from samverka.registry import demo as registry_demo

    out = io.StringIO()
    organisation_demo.load(out)
    registry_demo.load(out)
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(out)
    demo.load(out)  # idempotent
    assert Meeting.objects.count() == 5
    paragraphs = {
        (i.meeting.body.short_name, i.paragraph_number)
        for i in AgendaItem.objects.filter(paragraph_number__isnull=False).select_related("meeting__body")
    }
    assert {("KSAU", 567), ("SN", 56), ("KSAU", 461), ("KS", 269)} <= paragraphs
    for meeting in Meeting.objects.exclude(status=Meeting.Status.PLANNED):
        assert meeting.is_locked and meeting.sealed_at
        assert sealing.verify_pdf(meeting.minutes_pdf.read()).valid
    assert Meeting.objects.filter(status=Meeting.Status.PLANNED).get().items.count() >= 1


def test_demo_ks_269_has_the_composition_of_the_minutes(django_capture_on_commit_callbacks):
    from samverka.meetings import demo, documents
    from samverka.meetings.models import Attendance, Notice
    from samverka.organisation import demo as organisation_demo
    from samverka.registry import demo as registry_demo

    out = io.StringIO()
    organisation_demo.load(out)
    registry_demo.load(out)
    with django_capture_on_commit_callbacks(execute=True):
        demo.load(out)
    item = AgendaItem.objects.select_related("meeting__body", "case").get(
        meeting__body__short_name="KS", paragraph_number=269
    )
    meeting = item.meeting
    assert item.case.number == "STK-2023-1044"
    assert timezone.localtime(meeting.starts_at).date() == dt.date(2023, 10, 18)

    attendances = list(meeting.attendances.select_related("person", "replaces"))
    deciding = [a for a in attendances if a.is_deciding]
    serving = [a for a in attendances if a.role == Attendance.Role.SERVING_SUBSTITUTE]
    substitutes = [a for a in attendances if a.role == Attendance.Role.SUBSTITUTE]
    assert len(deciding) == 13
    assert len({a.party for a in deciding}) == 7
    assert len(serving) == 4 and all(a in deciding for a in serving)
    assert len(substitutes) == 8
    # each serving substitute replaces an absent member of the same party
    party_of = {a.person_id: a.party for a in meeting.body.assignments.all()}
    assert all(party_of[a.replaces_id] == a.party for a in serving)
    assert not {a.replaces_id for a in serving} & {a.person_id for a in attendances}

    statement = item.statements.get()
    assert statement.attachment_label == "Bilaga 13"
    assert statement.members.count() == 3
    assert all(a.role == Attendance.Role.MEMBER for a in statement.members.all())

    assert meeting.is_locked and meeting.verified_on == dt.date(2023, 10, 24) and meeting.sealed_at
    assert sealing.verify_pdf(meeting.minutes_pdf.read()).valid
    assert meeting.notices.filter(kind=Notice.Kind.MINUTES).exists()
    header = documents.header_block(meeting, items=[item], title="Protokoll", attendances=attendances)
    assert dict(header.rows)["Beslutande ledamöter"].count("tjänstgörande ersättare för") == 4
