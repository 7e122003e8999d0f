"""Pages of audits: lists without a query per row, forms with Swedish errors, read-only for auditors."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samverka.audits import selectors, services
from samverka.audits.models import ActionStatus, AuditReport
from samverka.registry.tests.factories import open_case

from .factories import REPORT_DATE, make_world

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.force_login(user)
    return client


def test_list_and_detail(client, world, action):
    _login(client, world.auditor)
    response = client.get(reverse("audits:audit_list"))
    assert response.status_code == 200
    assert "Granskning av digitalisering" in response.content.decode()
    response = client.get(reverse("audits:audit_detail", args=[world.audit.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Åtgärd nummer 1" in body
    assert "kan följa åtgärderna, men inte ändra dem" in body
    assert reverse("audits:finding_add", args=[world.audit.pk]) not in body


def _list_queries(client, user) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("audits:audit_list"))
    assert response.status_code == 200
    return len(queries)


def test_list_query_count_does_not_grow_with_audits(client, world):
    _login(client, world.governance)
    few = _list_queries(client, world.governance)
    for n in range(5):
        case = open_case(series=world.audit_case.series, title=f"Granskning {n}")
        services.audit_register(actor=world.governance, case=case, title=f"Granskning {n}", report_date=REPORT_DATE)
    assert _list_queries(client, world.governance) == few


def _detail_queries(client, audit) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("audits:audit_detail", args=[audit.pk]))
    assert response.status_code == 200
    return len(queries)


def test_detail_query_count_does_not_grow_with_actions(client, db):
    small = make_world(actions=1, findings=1)
    _login(client, small.governance)
    few = _detail_queries(client, small.audit)
    for n in range(6):
        services.action_add(
            actor=small.governance,
            finding=small.findings[0],
            description=f"Fler {n}",
            expected_effect="Effekt",
            responsible_person=small.responsible_person,
            due_date=dt.date(2022, 12, 31),
        )
    assert _detail_queries(client, small.audit) == few


def test_nobody_without_a_role_sees_audits(client, world):
    from samverka.organisation.tests.factories import UserFactory

    _login(client, UserFactory())
    assert client.get(reverse("audits:audit_list")).status_code == 403


def test_auditor_reads_the_action_and_its_history_but_cannot_change_it(client, world, action):
    services.action_delay(
        actor=world.responsible, action=action, new_due_date=dt.date(2023, 6, 30), reason="Resurser saknas"
    )
    _login(client, world.auditor)
    response = client.get(reverse("audits:action_detail", args=[action.pk]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Resurser saknas" in body
    assert "2023-06-30" in body and "2022-12-31" in body
    assert "Markera som genomförd" not in body
    assert client.post(reverse("audits:action_transition", args=[action.pk, "start"])).status_code == 403
    assert (
        client.post(
            reverse("audits:action_note", args=[action.pk]), {"text": "x", "noted_on": "2022-01-01"}
        ).status_code
        == 403
    )


def test_responsible_delays_with_a_form(client, world, action):
    _login(client, world.responsible)
    url = reverse("audits:action_transition", args=[action.pk, "delay"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"new_due_date": "2022-06-01", "reason": "Väntar"})
    assert response.status_code == 400
    assert "Det nya datumet måste ligga efter det tidigare" in response.content.decode()
    response = client.post(url, {"new_due_date": "inte ett datum", "reason": ""})
    assert response.status_code == 400
    response = client.post(url, {"new_due_date": "2023-06-30", "reason": "Väntar på budgetbeslut"})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.status == ActionStatus.DELAYED


def test_complete_without_evidence_is_a_form_error(client, world, action):
    _login(client, world.responsible)
    url = reverse("audits:action_transition", args=[action.pk, "complete"])
    response = client.post(url, {"completed_on": "2022-01-10"})
    assert response.status_code == 400
    assert "behöver ett underlag" in response.content.decode()
    response = client.post(url, {"completed_on": "2022-01-10", "evidence_document": "STK-1999-1:9"})
    assert response.status_code == 400
    assert "Det finns ingen handling" in response.content.decode()
    response = client.post(url, {"completed_on": "2022-01-10", "evidence_decision": "KF 2021-03-31 § 67"})
    assert response.status_code == 302


def test_unknown_step_is_404(client, world, action):
    _login(client, world.responsible)
    assert client.get(reverse("audits:action_transition", args=[action.pk, "flyga"])).status_code == 404


def test_note_form(client, world, action):
    _login(client, world.responsible)
    response = client.post(
        reverse("audits:action_note", args=[action.pk]), {"noted_on": "2022-02-01", "text": "Dialogmöte hållet"}
    )
    assert response.status_code == 302
    response = client.post(reverse("audits:action_note", args=[action.pk]), {"noted_on": "2022-02-01", "text": ""})
    assert response.status_code == 400


def test_governance_builds_the_audit_through_pages(client, world):
    _login(client, world.governance)
    case = open_case(series=world.audit_case.series, title="Granskning av informationssäkerhet")
    response = client.post(
        reverse("audits:audit_register"),
        {"case": case.number.lower(), "title": "Informationssäkerhet", "report_date": "2021-05-01"},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("audits:audit_register"), {"case": "SR-1900-1", "title": "X", "report_date": "2021-05-01"}
    )
    assert response.status_code == 400
    assert "Det finns inget ärende" in response.content.decode()
    audit = world.audit
    response = client.post(reverse("audits:finding_add", args=[audit.pk]), {"title": "Ny iakttagelse"})
    assert response.status_code == 302
    response = client.post(
        reverse("audits:report_schedule", args=[audit.pk]), {"kind": "interim", "due_date": "2022-01-26"}
    )
    assert response.status_code == 302
    finding = world.findings[0]
    response = client.post(
        reverse("audits:action_add", args=[audit.pk, finding.pk]),
        {
            "description": "Ny åtgärd",
            "expected_effect": "Bättre",
            "responsible_person": world.responsible_person.pk,
            "due_date": "2019-01-01",
        },
    )
    assert response.status_code == 400
    assert "före revisorernas rapport" in response.content.decode()


def test_statement_preview_and_register(client, world, action):
    _login(client, world.board_registrar)
    pdf = client.get(reverse("audits:statement_preview", args=[world.audit.pk, "pdf"]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    word = client.get(reverse("audits:statement_preview", args=[world.audit.pk, "docx"]))
    assert word.status_code == 200 and word.content[:2] == b"PK"
    response = client.post(reverse("audits:statement_register", args=[world.audit.pk]))
    assert response.status_code == 302
    world.audit.refresh_from_db()
    assert world.audit.statement_document is not None


def test_dashboards_flag_overdue_actions_and_due_reports(client, world, action):
    from samverka.audits.models import Action

    Action.objects.filter(pk=action.pk).update(due_date=dt.date(2022, 1, 1))
    _login(client, world.responsible)
    body = client.get(reverse("core:dashboard")).content.decode()
    assert "Mina åtgärder efter revision" in body
    assert "har passerat sin tidsgräns" in body
    client.logout()
    _login(client, world.governance)
    body = client.get(reverse("core:dashboard")).content.decode()
    assert "Revision: försenat och snart dags" in body
    assert reverse("audits:action_detail", args=[action.pk]) in body
    assert "Slutredovisning" in body  # the final report is late too


def test_responsible_sees_the_reports_due_of_their_audits(client, world, action):
    today = timezone.localdate()
    interim = services.report_schedule(
        actor=world.governance, audit=world.audit, due_date=today + dt.timedelta(days=10)
    )
    services.report_schedule(actor=world.governance, audit=world.audit, due_date=today + dt.timedelta(days=30))
    # Another audit where the other official answers for an action, and nothing in the first one.
    other_case = open_case(series=world.audit_case.series, title="Granskning av informationssäkerhet")
    other_audit = services.audit_register(
        actor=world.governance, case=other_case, title="Granskning av informationssäkerhet", report_date=REPORT_DATE
    )
    finding = services.finding_add(actor=world.governance, audit=other_audit, title="Säkerställa loggning")
    services.action_add(
        actor=world.governance,
        finding=finding,
        description="Inför loggning.",
        expected_effect="Spårbarhet.",
        responsible_person=world.other_official.person,
        responsible_administration=world.responsible_person.administration,
        due_date=today + dt.timedelta(days=90),
    )
    with CaptureQueriesContext(connection) as ctx:
        mine = list(selectors.reports_due_for_person(person_id=world.responsible_person.pk, today=today))
    assert len(ctx.captured_queries) == 1
    # The late final report, then the interim report within 14 days; not the one in 30 days.
    assert [r.kind for r in mine] == [AuditReport.Kind.FINAL, AuditReport.Kind.INTERIM]
    assert mine[1] == interim
    assert not selectors.reports_due_for_person(person_id=world.other_official.person.pk, today=today).exists()

    _login(client, world.responsible)
    body = client.get(reverse("core:dashboard")).content.decode()
    assert "Redovisningar inom 14 dagar" in body
    assert f"Delredovisning {world.audit_case.number}" in body
    assert (today + dt.timedelta(days=10)).isoformat() in body
    assert "Slutredovisning" in body  # late, so flagged as well
    client.logout()

    _login(client, world.other_official)
    body = client.get(reverse("core:dashboard")).content.decode()
    assert "Mina åtgärder efter revision" in body  # their own action in the other audit
    assert "Delredovisning" not in body and "Slutredovisning" not in body
    assert reverse("audits:audit_detail", args=[world.audit.pk]) not in body


def test_responsible_with_every_action_done_still_sees_a_report_due(client, world, action):
    today = timezone.localdate()
    services.action_complete(
        actor=world.responsible, action=action, completed_on=dt.date(2022, 6, 1), evidence_decision="KS 2022-05-30 § 1"
    )
    services.report_schedule(actor=world.governance, audit=world.audit, due_date=today + dt.timedelta(days=10))
    _login(client, world.responsible)
    body = client.get(reverse("core:dashboard")).content.decode()
    assert "Mina åtgärder efter revision" in body
    assert "Du har inga öppna åtgärder." in body
    assert f"Delredovisning {world.audit_case.number}" in body


def test_governance_who_answers_for_an_action_sees_the_report_in_both_panels(client, world, action):
    today = timezone.localdate()
    services.report_schedule(actor=world.governance, audit=world.audit, due_date=today + dt.timedelta(days=10))
    services.action_add(
        actor=world.governance,
        finding=world.findings[0],
        description="Följ upp riktlinjerna.",
        expected_effect="Uppföljning.",
        responsible_person=world.governance.person,
        responsible_administration=world.responsible_person.administration,
        due_date=today + dt.timedelta(days=90),
    )
    _login(client, world.governance)
    body = client.get(reverse("core:dashboard")).content.decode()
    assert "Mina åtgärder efter revision" in body and "Revision: försenat och snart dags" in body
    assert body.count(f"Delredovisning {world.audit_case.number}") == 2


def test_case_page_shows_the_audit(client, world, action):
    _login(client, world.board_registrar)
    body = client.get(reverse("registry:case_detail", args=[world.response_case.number])).content.decode()
    assert "Granskning och åtgärder" in body
    assert "styrelsens svar på granskningen" in body
