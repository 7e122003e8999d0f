"""Pages of the follow-up and the board's dashboard."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.followup import services
from samverka.followup.models import InitiativeStatus

from .factories import answers

pytestmark = pytest.mark.django_db


def test_round_pages(client, world):
    client.force_login(world.governance)
    assert client.get(reverse("followup:round_list")).status_code == 200
    body = client.get(reverse("followup:round_detail", args=[2024])).content.decode()
    assert "0 av 3 nämnder har svarat" in body
    assert "Inte svarat" in body
    assert client.get(reverse("followup:round_detail", args=[1999])).status_code == 404


def test_detail_query_count_is_flat(client, world):
    client.force_login(world.governance)

    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("followup:round_detail", args=[2024])).status_code == 200
        return len(queries)

    few = count()
    for n in range(5):
        services.initiative_add(
            actor=world.governance, round=world.round, title=f"Insats {n}", category="Data", planned_amount=10
        )
    services.answers_submit(
        actor=world.lead_mn, committee=world.committees["MN"], answers=answers(world.round, [1, 2, 3])
    )
    assert count() == few


def test_committee_answers_through_the_form(client, world):
    client.force_login(world.lead_mn)
    committee = world.committees["MN"]
    url = reverse("followup:committee_answer", args=[2024, committee.pk])
    assert client.get(url).status_code == 200
    principles = list(world.round.principles.order_by("number"))
    data = {f"text_{p.pk}": "Vi arbetar så" for p in principles} | {f"maturity_{p.pk}": "3" for p in principles}
    bad = data | {f"maturity_{principles[0].pk}": "7"}
    response = client.post(url, bad)
    assert response.status_code == 400
    assert "Välj en mognadsnivå från 1 till 5." in response.content.decode()
    assert client.post(url, data).status_code == 302
    committee.refresh_from_db()
    assert committee.answered_at is not None
    other = reverse("followup:committee_answer", args=[2024, world.committees["KN"].pk])
    assert client.get(other).status_code == 403


def test_initiative_form_refuses_bad_numbers(client, world):
    status = services.initiative_add(
        actor=world.governance, round=world.round, title="Moln", category="Infra", planned_amount=100
    )
    client.force_login(world.governance)
    url = reverse("followup:initiative_report", args=[2024, status.pk])
    for data, message in (
        ({"progress": "120", "rag": "green", "spent_amount": "0"}, "från 0 till 100"),
        ({"progress": "50", "rag": "green", "spent_amount": "-3"}, "kan inte vara mindre än noll"),
        ({"progress": "50", "rag": "red", "spent_amount": "3"}, "röd status behöver en kommentar"),
    ):
        response = client.post(url, data)
        assert response.status_code == 400
        assert message in response.content.decode()
    assert client.post(url, {"progress": "50", "rag": "green", "spent_amount": "30"}).status_code == 302
    assert InitiativeStatus.objects.get(pk=status.pk).progress == 50


def test_open_round_through_the_form(client, world):
    client.force_login(world.governance)
    url = reverse("followup:round_open")
    assert client.get(url).status_code == 200
    response = client.post(url, {"year": "2025", "deadline": "2026-02-28"})
    assert response.status_code == 400
    assert "Det finns ingen utvecklingsplan för 2025 som är fastställd" in response.content.decode()
    response = client.post(url, {"year": "2025", "deadline": "2026-02-28", "without_plan": "on", "case": "XX-1-1"})
    assert response.status_code == 400
    response = client.post(url, {"year": "2025", "deadline": "2026-02-28", "without_plan": "on"})
    assert response.status_code == 302
    body = client.get(reverse("followup:round_detail", args=[2025])).content.decode()
    assert "Öppnad utan fastställd utvecklingsplan" in body


def test_report_preview_and_register(client, world):
    client.force_login(world.board_registrar)
    assert client.get(reverse("followup:report_preview", args=[2024, "pdf"]))["Content-Type"] == "application/pdf"
    assert client.get(reverse("followup:report_preview", args=[2024, "docx"])).content[:2] == b"PK"
    assert client.post(reverse("followup:report_register", args=[2024])).status_code == 302
    world.round.refresh_from_db()
    assert world.round.report_document is not None


def test_board_dashboard_counts_open_audit_actions(client, world):
    from samverka.audits.tests.factories import make_world as make_audit_world

    audit = make_audit_world(actions=2)
    client.force_login(world.governance)
    body = client.get(reverse("followup:board")).content.decode()
    assert '<span class="sv-stat" id="open-actions">2</span>' in body
    assert 'alt="Stapeldiagram över åtgärder efter revision: planerade 2' in body
    audit_action = audit.actions[0]
    from samverka.audits import services as audit_services

    audit_services.action_complete(
        actor=audit.responsible, action=audit_action, evidence_decision="KS § 1", completed_on=dt.date(2022, 1, 1)
    )
    body = client.get(reverse("followup:board")).content.decode()
    assert '<span class="sv-stat" id="open-actions">1</span>' in body


def test_dashboard_panels(client, world):
    client.force_login(world.lead_mn)
    body = client.get(reverse("core:dashboard")).content.decode()
    assert "Uppföljning att besvara" in body
    client.force_login(world.governance)
    body = client.get(reverse("core:dashboard")).content.decode()
    assert "3 nämnder har inte svarat" in body
