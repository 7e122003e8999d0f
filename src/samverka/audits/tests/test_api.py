"""The REST API: the same rules as the pages, 400 with a Swedish message on bad input."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from samverka.audits import services
from samverka.audits.models import ActionStatus

from .factories import make_world

pytestmark = pytest.mark.django_db


def _client(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_list_and_detail(world, action):
    client = _client(world.auditor)
    response = client.get("/api/v1/audits/")
    assert response.status_code == 200
    row = response.json()["results"][0]
    assert row["case"] == world.audit_case.number
    assert row["action_count"] == 1
    detail = client.get(f"/api/v1/audits/{world.audit.pk}/").json()
    assert detail["findings"][0]["actions"][0]["expected_effect"].startswith("Effekt 1")
    assert [r["kind"] for r in detail["reports"]] == ["final"]


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_action_list_query_count_is_flat(db):
    world = make_world(actions=1)
    client = _client(world.governance)
    few = _count(client, "/api/v1/audit-actions/")
    for n in range(5):
        services.action_add(
            actor=world.governance,
            finding=world.findings[0],
            description=f"Åtgärd {n}",
            expected_effect="Effekt",
            responsible_person=world.responsible_person,
            due_date=dt.date(2022, 12, 31),
        )
    assert _count(client, "/api/v1/audit-actions/") == few
    assert _count(client, f"/api/v1/audits/{world.audit.pk}/") <= 10


def test_filters_and_bad_filters(world, action):
    client = _client(world.governance)
    assert client.get("/api/v1/audit-actions/?status=planned").json()["count"] == 1
    assert client.get("/api/v1/audit-actions/?overdue=1").json()["count"] == 1  # the real today is after 2022
    response = client.get("/api/v1/audit-actions/?status=flyger")
    assert response.status_code == 400
    assert "Okänd status" in response.json()["status"][0]
    assert client.get("/api/v1/audit-actions/?audit=abc").status_code == 400


def test_responsible_moves_the_action_on(world, action):
    client = _client(world.responsible)
    response = client.post(f"/api/v1/audit-actions/{action.pk}/start/", {"note": "Igång"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == ActionStatus.IN_PROGRESS
    response = client.post(
        f"/api/v1/audit-actions/{action.pk}/delay/", {"new_due_date": "2023-06-30", "reason": "Väntar"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["due_date"] == "2023-06-30"
    response = client.post(f"/api/v1/audit-actions/{action.pk}/notes/", {"text": "Dialogmöte"}, format="json")
    assert response.status_code == 201
    events = client.get(f"/api/v1/audit-actions/{action.pk}/events/").json()
    assert [e["kind"] for e in events] == ["note", "transition", "transition"]


def test_bad_input_is_400_in_swedish(world, action):
    client = _client(world.responsible)
    url = f"/api/v1/audit-actions/{action.pk}/"
    response = client.post(url + "delay/", {"new_due_date": "2022-01-01", "reason": "Väntar"}, format="json")
    assert response.status_code == 400
    assert "Det nya datumet måste ligga efter" in response.json()["detail"]
    response = client.post(url + "delay/", {"new_due_date": "nej"}, format="json")
    assert response.status_code == 400
    response = client.post(url + "complete/", {"completed_on": "2022-01-10"}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "evidence_required"
    response = client.post(url + "complete/", {"evidence_document": "STK-1:2"}, format="json")
    assert response.status_code == 400
    assert "Det finns ingen handling" in response.json()["evidence_document"][0]
    response = client.post(
        url + "complete/", {"evidence_decision": "KF § 67", "completed_on": "2022-01-10"}, format="json"
    )
    assert response.status_code == 200
    response = client.post(url + "start/", {}, format="json")
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_transition"
    assert client.post("/api/v1/audit-actions/999999/start/", {}, format="json").status_code == 404


def test_auditor_cannot_change_an_action(world, action):
    client = _client(world.auditor)
    response = client.post(f"/api/v1/audit-actions/{action.pk}/start/", {}, format="json")
    assert response.status_code == 403
    assert "ansvariga" in response.json()["detail"]


def test_signed_out_and_roleless_are_refused(world):
    from samverka.organisation.tests.factories import UserFactory

    assert APIClient().get("/api/v1/audits/").status_code in (401, 403)
    assert _client(UserFactory()).get("/api/v1/audits/").status_code == 403


def test_action_history_is_guarded_like_the_action_itself(world, action):
    """The notes and changes of an action are refused to whoever may not read audits, as the detail is."""
    from samverka.organisation.tests.factories import UserFactory

    services.action_note_add(actor=world.governance, action=action, text="Hemlig dialog med revisorerna")
    url = f"/api/v1/audit-actions/{action.pk}/events/"
    roleless = _client(UserFactory())
    for path in (f"/api/v1/audit-actions/{action.pk}/", url):
        response = roleless.get(path)
        assert response.status_code == 403, path
        assert response.json()["detail"] == "Du har inte behörighet att läsa granskningar."
    assert "Hemlig dialog" not in roleless.get(url).content.decode()
    assert APIClient().get(url).status_code in (401, 403)
    # Whoever may read audits still gets the history; an unknown action is 404, as on the detail.
    assert [e["text"] for e in _client(world.auditor).get(url).json()] == ["Hemlig dialog med revisorerna"]
    assert _client(world.auditor).get("/api/v1/audit-actions/999999/events/").status_code == 404
    assert roleless.get("/api/v1/audit-actions/999999/events/").status_code == 403


def test_schema_includes_audits(world):
    response = _client(world.governance).get("/api/v1/schema/")
    assert response.status_code == 200
    assert b"/api/v1/audit-actions/{id}/delay/" in response.content


UPDATES = [
    ("start/", {"note": "Igång"}),
    ("delay/", {"new_due_date": "2023-06-30", "reason": "Väntar på leverantören"}),
    ("complete/", {"evidence_decision": "KS § 12", "completed_on": "2022-01-10"}),
    ("notes/", {"text": "Dialogmöte"}),
]


@pytest.mark.parametrize(("path", "payload"), UPDATES)
@pytest.mark.parametrize("who", ["auditor", "other_official", "board_registrar"])
def test_only_the_responsible_or_governance_updates_through_the_api(world, action, who, path, payload):
    """Auditors and other officials read the action and its history but change nothing."""
    client = _client(getattr(world, who))
    assert client.get(f"/api/v1/audit-actions/{action.pk}/").status_code == 200
    assert client.get(f"/api/v1/audit-actions/{action.pk}/events/").status_code == 200
    response = client.post(f"/api/v1/audit-actions/{action.pk}/{path}", payload, format="json")
    assert response.status_code == 403
    assert "ansvariga eller IT-styrningen" in response.json()["detail"]
    action.refresh_from_db()
    assert action.status == ActionStatus.PLANNED and action.due_date == dt.date(2022, 12, 31)


@pytest.mark.parametrize(("path", "payload"), UPDATES)
def test_governance_updates_through_the_api(world, action, path, payload):
    response = _client(world.governance).post(f"/api/v1/audit-actions/{action.pk}/{path}", payload, format="json")
    assert response.status_code in (200, 201)


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ({"new_due_date": "2023-06-30", "reason": "  "}, "Ange varför åtgärden är försenad."),
        ({"new_due_date": "2023-06-30"}, "Ange varför åtgärden är försenad."),
        ({"new_due_date": "2022-12-31", "reason": "Väntar"}, "Det nya datumet måste ligga efter det tidigare"),
    ],
)
def test_api_delay_needs_a_later_date_and_a_reason(world, action, payload, message):
    response = _client(world.responsible).post(f"/api/v1/audit-actions/{action.pk}/delay/", payload, format="json")
    assert response.status_code == 400
    assert message in str(response.json())
    action.refresh_from_db()
    assert action.status == ActionStatus.PLANNED


def test_api_done_needs_evidence_in_swedish(world, action):
    response = _client(world.responsible).post(
        f"/api/v1/audit-actions/{action.pk}/complete/", {"completed_on": "2022-01-10"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["code"] == "evidence_required"
    assert "beslut" in response.json()["detail"].lower()
