"""The follow-up demo: 2024 with answers from some committees, initiative statuses and the report."""

import io

import pytest

from samverka.followup import demo
from samverka.followup.models import FollowUpRound
from samverka.organisation.models import Body
from samverka.organisation.tests.factories import BodyFactory, UserFactory
from samverka.registry.tests.factories import CaseSeriesFactory

pytestmark = pytest.mark.django_db


def test_demo_round_2024_is_idempotent(db):
    UserFactory(username="admin", is_superuser=True)
    CaseSeriesFactory()
    for short, name in (("MN", "Miljönämnden"), ("SN", "Servicenämnden"), ("KN", "Kulturnämnden")):
        BodyFactory(short_name=short, name=name, kind=Body.Kind.COMMITTEE)
    out = io.StringIO()
    demo.load(out)
    round = FollowUpRound.objects.get(year=2024)
    answered = sorted(c.body.short_name for c in round.committees.filter(answered_at__isnull=False))
    assert answered == ["MN", "SN"]
    assert round.committees.filter(answered_at__isnull=True).exists()
    assert round.initiatives.exclude(rag="").count() == len(demo.INITIATIVES)
    assert round.report_document is not None
    demo.load(out)
    assert FollowUpRound.objects.count() == 1
