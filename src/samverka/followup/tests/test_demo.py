"""The follow-up demo: 2024 with answers from some committees, the plan's initiative statuses and the
report, linked to the principles demo's programme and to the plan 2024."""

import io

import pytest

from samverka.followup import demo
from samverka.followup.models import FollowUpRound
from samverka.organisation.models import Body
from samverka.organisation.tests.factories import BodyFactory, UserFactory
from samverka.principles import demo as principles_demo
from samverka.principles.models import Principle
from samverka.registry.tests.factories import CaseSeriesFactory

from .factories import approved_plan

pytestmark = pytest.mark.django_db

PLAN_2024 = [(title, "it_security", 2024, 2024, {2024: 1_000_000}) for title in demo.INITIATIVES] + [
    ("Utanför demons siffror", "other", 2024, 2024, {2024: 5})
]


@pytest.fixture
def prerequisites(db):
    admin = UserFactory(username="admin", is_superuser=True)
    CaseSeriesFactory()
    for short, name in (("MN", "Miljönämnden"), ("SN", "Servicenämnden"), ("KN", "Kulturnämnden")):
        BodyFactory(short_name=short, name=name, kind=Body.Kind.COMMITTEE)
    return admin


def test_demo_round_2024_is_idempotent_and_linked(prerequisites):
    principles_demo.load(io.StringIO())
    plan = approved_plan(prerequisites, initiatives=PLAN_2024)
    out = io.StringIO()
    demo.load(out)
    round = FollowUpRound.objects.get(year=2024)
    answered = sorted(c.body.short_name for c in round.committees.filter(answered_at__isnull=False))
    assert answered == ["MN", "SN"]
    assert not any(c.answered_late for c in round.committees.all())  # the demo round lies in the past
    assert round.committees.filter(answered_at__isnull=True).exists()
    # Every question links to the programme's principle, every status to the plan's initiative.
    expected = list(Principle.objects.filter(programme__name=principles_demo.NEW).order_by("number"))
    assert [(q.principle, q.title) for q in round.principles.order_by("number")] == [(p, p.title) for p in expected]
    assert round.plan == plan
    assert {s.initiative for s in round.initiatives.all()} == set(plan.initiatives.all())
    assert round.initiatives.exclude(rag="").count() == len(demo.INITIATIVES)
    assert round.initiatives.get(initiative__title="Utanför demons siffror").rag == ""
    assert round.report_document is not None
    assert "6 av 7 insatser i planen rapporterade" in out.getvalue()
    demo.load(out)
    assert FollowUpRound.objects.count() == 1


def test_demo_says_why_without_principles_or_plan(prerequisites):
    out = io.StringIO()
    demo.load(out)
    assert "inget principprogram gäller 2024" in out.getvalue()
    principles_demo.load(io.StringIO())
    demo.load(out)
    assert "ingen fastställd utvecklingsplan för 2024" in out.getvalue()
    assert not FollowUpRound.objects.exists()
