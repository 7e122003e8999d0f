import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from samverka.meetings import services
from samverka.meetings.models import Meeting, Reminder
from samverka.meetings.tests import factories as f

pytestmark = pytest.mark.django_db


def test_verification_reminder_is_sent_once():
    setup = f.ksau()
    f.planned(setup, day=timezone.localdate() - dt.timedelta(days=12))
    f.called_with_attendance(setup)
    services.meeting_hold(actor=setup.secretary, meeting=setup.meeting)
    mail.outbox.clear()
    call_command("meetings_reminders", verbosity=0)
    call_command("meetings_reminders", verbosity=0)
    assert len(mail.outbox) == 1 and "justeras senast" in mail.outbox[0].subject
    assert Reminder.objects.count() == 1


def test_appeal_period_close_job_is_safe_to_run_twice():
    setup = f.full()
    notice = services.minutes_post(actor=setup.secretary, meeting=setup.meeting)
    assert services.appeal_periods_close(actor=None, today=notice.takedown_on - dt.timedelta(days=1)) == 0
    assert services.appeal_periods_close(actor=None, today=notice.takedown_on) == 1
    assert services.appeal_periods_close(actor=None, today=notice.takedown_on) == 0
    setup.meeting.refresh_from_db()
    assert setup.meeting.status == Meeting.Status.APPEAL_OVER
