"""The generated audits for `make bench`: counts follow the scale, the rows keep the rules of
actions and reports, a second run appends, and the pages the benchmark measures answer."""


import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from samverka.audits import scale, workflow
from samverka.audits.models import Action, ActionEvent, ActionStatus, Audit, AuditReport
from samverka.scale.testing import assert_endpoints_answer, generate_app

pytestmark = pytest.mark.django_db


def _generate_audits(scale_value: float, seed: int) -> None:
    """A small registry, then audits at `scale_value` (so the test needs no large registry)."""
    generate_app(scale.generate, scale=scale_value, seed=seed, registry_scale=0.0001)


def test_counts_follow_the_scale():
    _generate_audits(0.1, seed=1)
    assert Action.objects.count() == 50
    _generate_audits(0.2, seed=2)
    assert Action.objects.count() == 150
    assert Audit.objects.count() > 10
    statuses = set(Action.objects.values_list("status", flat=True))
    assert {ActionStatus.DONE, ActionStatus.DELAYED} <= statuses and len(statuses) >= 3


def test_rows_keep_the_rules():
    _generate_audits(0.1, seed=3)
    today = timezone.localdate()
    unanswered = Audit.objects.filter(response_case__isnull=True)
    assert unanswered.count() == 1
    assert not Action.objects.filter(finding__audit__in=unanswered).exists()
    for audit in Audit.objects.filter(response_case__isnull=False).select_related("case", "response_case"):
        assert audit.case.series.prefix.startswith("SR")
        assert audit.report_date <= audit.response_date <= audit.final_report_due
        assert audit.statement_document.case_id == audit.response_case_id
        assert audit.response_body_id == audit.response_case.responsible_administration.body_id
        for finding in audit.findings.all():
            assert finding.actions.exists()
        final = audit.reports.get(kind=AuditReport.Kind.FINAL)
        assert final.due_date == audit.final_report_due
        for report in audit.reports.all():
            if report.status == AuditReport.Status.SUBMITTED:
                assert report.submitted_on <= today and report.document.case_id == audit.response_case_id
            else:
                assert report.submitted_on is None and report.document is None
        assert audit.history.exists()
    for action in Action.objects.select_related("finding__audit", "responsible_person"):
        audit = action.finding.audit
        assert action.responsible_administration_id or action.responsible_body_id
        assert action.original_due_date >= audit.report_date
        if action.status == ActionStatus.DONE:
            assert audit.report_date <= action.completed_on <= today
            assert action.evidence_document_id or action.evidence_decision
            if action.evidence_document_id:
                assert action.evidence_document.case_id == audit.response_case_id
        else:
            assert action.completed_on is None
        if action.status == ActionStatus.DELAYED or action.due_date != action.original_due_date:
            assert action.due_date > action.original_due_date
        # The log walks the workflow from planned to the action's state.
        state = ActionStatus.PLANNED
        for event in action.events.filter(kind=ActionEvent.Kind.TRANSITION).order_by("noted_on", "created_at"):
            assert event.from_status == state
            workflow.check_transition(state, event.to_status)
            state = event.to_status
            assert event.noted_on <= today
        assert state == action.status
        assert action.history.count() == 1 + action.events.filter(kind=ActionEvent.Kind.TRANSITION).count()


def test_a_second_run_appends_and_the_bench_pages_answer(client):
    _generate_audits(0.0001, seed=1)
    first = Action.objects.count()
    _generate_audits(0.0001, seed=2)
    assert Action.objects.count() == 2 * first
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["bench-user", "bench-admin"])}
    assert Action.objects.filter(responsible_person__user=users["bench-user"]).exists()
    endpoints = scale.bench_endpoints()
    assert {e.name for e in endpoints} >= {"Revision", "Granskning", "Åtgärd (revision)", "API granskning"}
    assert_endpoints_answer(client, endpoints)
