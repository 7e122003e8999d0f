import io

import pytest

from samverka.plans.models import DevelopmentPlan

pytestmark = pytest.mark.django_db


def test_demo_plan_rests_on_the_demo_minutes(django_capture_on_commit_callbacks):
    from samverka.meetings import demo as meetings_demo
    from samverka.organisation import demo as organisation_demo
    from samverka.plans import demo
    from samverka.principles import demo as principles_demo
    from samverka.registry import demo as registry_demo

    out = io.StringIO()
    organisation_demo.load(out)
    registry_demo.load(out)
    with django_capture_on_commit_callbacks(execute=True):
        meetings_demo.load(out)
    principles_demo.load(out)
    demo.load(out)
    demo.load(out)  # idempotent
    plan = DevelopmentPlan.objects.get(year=2024, version=1)
    assert plan.status == DevelopmentPlan.Status.APPROVED_KS
    chain = [
        (a.paragraph.meeting.body.short_name, a.paragraph.paragraph_number, a.minutes_reference, a.body.short_name)
        for a in plan.approvals.select_related("paragraph__meeting__body", "body")
    ]
    assert chain == [
        ("SN", 56, "SN 2023-06-20 § 56", "SN"),
        ("KSAU", 461, "KSAU 2023-10-09 § 461", "KSAU"),
        ("KS", 269, "KS 2023-10-18 § 269", "KS"),
    ]
    assert all(a.paragraph.case_id == plan.case_id for a in plan.approvals.all())
