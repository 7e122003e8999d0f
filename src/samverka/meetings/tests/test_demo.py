import io

import pytest

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
