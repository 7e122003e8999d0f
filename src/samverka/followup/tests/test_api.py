"""The follow-up API: same rules as the pages; bad numbers are a 400 in Swedish."""

import pytest
from rest_framework.test import APIClient

from samverka.followup import services

pytestmark = pytest.mark.django_db


def _client(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_read_round(world):
    data = _client(world.lead_mn).get("/api/v1/followup-rounds/2024/").json()
    assert data["year"] == 2024
    assert len(data["principles"]) == 3
    assert {c["body"] for c in data["committees"]} == {"Miljönämnden", "Kulturnämnden", "Servicenämnden"}
    assert _client(world.lead_mn).get("/api/v1/followup-rounds/1999/").status_code == 404


def test_answers(world):
    principles = list(world.round.principles.order_by("number"))
    committee = world.committees["MN"]
    payload = {
        "committee": committee.pk,
        "answers": [{"principle": p.pk, "text": "Så här", "maturity": 3} for p in principles],
    }
    client = _client(world.lead_mn)
    bad = {**payload, "answers": [{**payload["answers"][0], "maturity": 6}, *payload["answers"][1:]]}
    response = client.post("/api/v1/followup-rounds/2024/answers/", bad, format="json")
    assert response.status_code == 400
    assert "från 1 till 5" in str(response.json())
    response = client.post("/api/v1/followup-rounds/2024/answers/", payload, format="json")
    assert response.status_code == 200 and response.json()["answered"] is True
    other = {**payload, "committee": world.committees["KN"].pk}
    assert client.post("/api/v1/followup-rounds/2024/answers/", other, format="json").status_code == 403


def test_initiative_status(world):
    status = services.initiative_add(
        actor=world.governance, round=world.round, title="Moln", category="Infra", planned_amount=100
    )
    client = _client(world.governance)
    url = "/api/v1/followup-rounds/2024/initiative-status/"
    for body, message in (
        ({"progress": 101, "rag": "green", "spent_amount": 0}, "från 0 till 100"),
        ({"progress": 10, "rag": "green", "spent_amount": -1}, "mindre än noll"),
        ({"progress": 10, "rag": "red", "spent_amount": 1}, "röd status behöver en kommentar"),
    ):
        response = client.post(url, {"initiative": status.pk, **body}, format="json")
        assert response.status_code == 400
        assert message in str(response.json())
    response = client.post(
        url, {"initiative": status.pk, "progress": 10, "rag": "amber", "spent_amount": 5}, format="json"
    )
    assert response.status_code == 200 and response.json()["rag"] == "amber"
    assert (
        _client(world.lead_mn)
        .post(url, {"initiative": status.pk, "progress": 1, "rag": "green", "spent_amount": 0}, format="json")
        .status_code
        == 403
    )


@pytest.mark.parametrize(("maturity", "ok"), [(0, False), (-1, False), (6, False), (1, True), (5, True)])
def test_api_maturity_is_1_to_5(world, maturity, ok):
    principles = list(world.round.principles.order_by("number"))
    payload = {
        "committee": world.committees["MN"].pk,
        "answers": [{"principle": p.pk, "text": "Så här", "maturity": maturity} for p in principles],
    }
    response = _client(world.lead_mn).post("/api/v1/followup-rounds/2024/answers/", payload, format="json")
    if ok:
        assert response.status_code == 200
    else:
        assert response.status_code == 400
        assert "Mognadsnivån ska vara från 1 till 5." in str(response.json())


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"progress": -1, "rag": "green", "spent_amount": 0}, "Ange en procentsats från 0 till 100."),
        ({"progress": 101, "rag": "green", "spent_amount": 0}, "Ange en procentsats från 0 till 100."),
        ({"progress": 0, "rag": "green", "spent_amount": -1}, "Använt belopp kan inte vara mindre än noll."),
        ({"progress": 0, "rag": "lila", "spent_amount": 0}, "Välj röd, gul eller grön status."),
    ],
)
def test_api_refuses_bad_numbers_in_swedish(world, body, message):
    status = services.initiative_add(
        actor=world.governance, round=world.round, title="Moln", category="Infra", planned_amount=100
    )
    response = _client(world.governance).post(
        "/api/v1/followup-rounds/2024/initiative-status/", {"initiative": status.pk, **body}, format="json"
    )
    assert response.status_code == 400
    assert message in str(response.json())
    status.refresh_from_db()
    assert status.reported_at is None


def test_api_answering_is_closed_with_the_round(world):
    services.round_close(actor=world.governance, round=world.round)
    principles = list(world.round.principles.order_by("number"))
    payload = {
        "committee": world.committees["MN"].pk,
        "answers": [{"principle": p.pk, "text": "Så här", "maturity": 3} for p in principles],
    }
    response = _client(world.lead_mn).post("/api/v1/followup-rounds/2024/answers/", payload, format="json")
    assert response.status_code == 400
    assert "avslutad" in str(response.json())
