"""The demo: SR-2020-85 and STK-2020-1678 with the four actions of example 000, all done in 2022; idempotent."""

import datetime as dt
import io

import pytest

from samverka.audits import demo
from samverka.audits.models import Action, ActionEvent, ActionStatus, Audit, AuditReport
from samverka.organisation.models import Body, Person
from samverka.organisation.tests.factories import AdministrationFactory, BodyFactory, UserFactory
from samverka.registry import services as registry_services
from samverka.registry.tests.factories import CaseSeriesFactory, series_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_world(db):
    admin = UserFactory(username="admin", is_superuser=True, is_staff=True)
    stk = CaseSeriesFactory()
    auditors = BodyFactory(short_name="RK", name="Revisorskollegiet", kind=Body.Kind.AUDITORS)
    sr = series_for("SR", body=auditors, name="Revisorskollegiet")
    sf = AdministrationFactory(short_name="SF", name="Serviceförvaltningen", body=BodyFactory(short_name="SN"))
    for first, last, admin_short in demo.RESPONSIBLE:
        Person.objects.get_or_create(
            first_name=first,
            last_name=last,
            defaults={"administration": sf if admin_short == "SF" else stk.administration},
        )
    registry_services.case_open(
        actor=admin, series=sr, title=demo.AUDIT_TITLE, opened_on=dt.date(2020, 2, 3), sequence=85
    )
    response = registry_services.case_open(
        actor=admin, series=stk, title="Rapport från revisorskollegiet", opened_on=dt.date(2020, 12, 11), sequence=1678
    )
    registry_services.case_close(
        actor=admin, case=response, reason="Yttrandet är skickat", closed_on=dt.date(2021, 3, 26)
    )
    return admin


def test_demo_loads_the_audit_of_example_000_and_is_idempotent(demo_world):
    out = io.StringIO()
    demo.load(out)
    audit = Audit.objects.get(case__number="SR-2020-85")
    assert audit.response_case.number == "STK-2020-1678"
    actions = list(Action.objects.filter(finding__audit=audit).order_by("finding__sequence"))
    assert len(actions) == 4
    assert all(a.original_due_date == dt.date(2022, 12, 31) for a in actions)
    assert [a.status for a in actions] == [ActionStatus.DONE] * 4
    for action in actions:
        assert action.completed_on.year == 2022
        assert action.completed_on <= dt.date(2022, 12, 31)
        assert action.evidence_document_id is not None or action.evidence_decision.strip()
    # One action was delayed within 2022 and then done: its history keeps both steps.
    delayed = list(ActionEvent.objects.filter(action__in=actions, to_status=ActionStatus.DELAYED))
    assert len(delayed) == 1
    assert delayed[0].noted_on.year == 2022 and delayed[0].old_due_date == dt.date(2022, 12, 31)
    assert delayed[0].action.events.filter(to_status=ActionStatus.DONE).exists()
    assert actions[0].finding.title.startswith("Säkerställa att det finns en tydlig")
    reports = {r.kind: r for r in audit.reports.all()}
    assert set(reports) == {AuditReport.Kind.INTERIM, AuditReport.Kind.FINAL}
    interim, final = reports[AuditReport.Kind.INTERIM], reports[AuditReport.Kind.FINAL]
    assert interim.due_date == dt.date(2022, 1, 26)
    assert interim.submitted_on <= interim.due_date
    assert final.due_date == demo.FINAL_DUE
    assert final.submitted_on > max(a.completed_on for a in actions)
    assert all(r.status == AuditReport.Status.SUBMITTED and r.document_id is not None for r in reports.values())
    assert audit.statement_document is not None
    audit.response_case.refresh_from_db()
    assert audit.response_case.status == "closed"
    counts = (Action.objects.count(), ActionEvent.objects.count(), AuditReport.objects.count())
    demo.load(out)
    assert Audit.objects.count() == 1
    assert (Action.objects.count(), ActionEvent.objects.count(), AuditReport.objects.count()) == counts


def test_demo_skips_without_the_cases(db):
    out = io.StringIO()
    demo.load(out)
    assert "ingen demo" in out.getvalue()
    assert not Audit.objects.exists()
