"""The API: same rules as the pages; bad input is a 400 with a Swedish message, never a 500."""

import datetime as dt

import pytest
from rest_framework.test import APIClient

from samverka.needs.tests.factories import TEAMS_A, TEAMS_B
from samverka.registry.tests.factories import open_case

from .factories import case_with_chain, cycle_with_open_intake, initiative, paragraph, plan

pytestmark = pytest.mark.django_db


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_need_flow_over_the_api(mf, kuf, lead_mf, lead_kuf, gov):
    cycle = cycle_with_open_intake(gov)
    lead = api(lead_mf)
    response = lead.post("/api/v1/needs/", {"administration": "MF", "category": "competence", **TEAMS_A}, format="json")
    assert response.status_code == 201, response.content
    need_id = response.json()["id"]
    assert (
        api(lead_kuf)
        .post(
            "/api/v1/needs/",
            {"administration": "MF", "category": "other", "title": "x", "description": "y"},
            format="json",
        )
        .status_code
        == 403
    )
    bad = lead.post(
        "/api/v1/needs/",
        {"administration": "MF", "category": "nope", "title": "x", "description": "y", "estimated_cost": -5},
        format="json",
    )
    assert bad.status_code == 400 and {"category", "estimated_cost"} <= set(bad.json())
    assert lead.post(f"/api/v1/needs/{need_id}/submit/").json()["status"] == "submitted"
    other = (
        api(lead_kuf)
        .post("/api/v1/needs/", {"administration": "KUF", "category": "competence", **TEAMS_B}, format="json")
        .json()["id"]
    )
    api(lead_kuf).post(f"/api/v1/needs/{other}/submit/")
    similar = lead.get(f"/api/v1/needs/{need_id}/similar/").json()
    assert [s["id"] for s in similar] == [other]
    assert lead.post(f"/api/v1/needs/{need_id}/prepare/").status_code == 403
    governance = api(gov)
    response = governance.post(f"/api/v1/needs/{other}/reject/", {"reason": ""}, format="json")
    assert response.status_code == 400
    response = governance.post(f"/api/v1/needs/{other}/merge/", {"into": need_id}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "merged"
    response = governance.post(f"/api/v1/needs/{other}/prepare/")
    assert response.status_code == 400 and "kan inte" in response.json()["detail"]
    # Scores and ranking.
    from samverka.needs import services as need_services

    criterion = need_services.criterion_create(actor=gov, plan_year=cycle.plan_year, name="Nytta", weight=2)
    assert (
        lead.post(
            f"/api/v1/needs/{need_id}/scores/", {"criterion": criterion.pk, "value": 9}, format="json"
        ).status_code
        == 400
    )
    assert (
        governance.post(
            f"/api/v1/needs/{need_id}/scores/", {"criterion": criterion.pk, "value": 3}, format="json"
        ).status_code
        == 403
    )
    assert (
        lead.post(
            f"/api/v1/needs/{need_id}/scores/", {"criterion": criterion.pk, "value": 4}, format="json"
        ).status_code
        == 200
    )
    ranking = lead.get(f"/api/v1/need-rankings/{cycle.plan_year}/").json()
    assert ranking[0]["need"] == need_id and ranking[0]["score"] == 4.0
    assert lead.get(f"/api/v1/need-rankings/{cycle.plan_year}/?w{criterion.pk}=abc").status_code == 400
    assert lead.get("/api/v1/needs/?page=99").status_code == 400


def test_plan_flow_over_the_api(mf, lead_mf, gov):
    governance = api(gov)
    assert api(lead_mf).post("/api/v1/plans/", {"year": 2024}, format="json").status_code == 403
    plan = governance.post("/api/v1/plans/", {"year": 2024}, format="json").json()
    response = governance.post(
        f"/api/v1/plans/{plan['id']}/initiatives/",
        {
            "title": "SOC",
            "category": "it_security",
            "financing": "budget_request",
            "start_year": 2024,
            "end_year": 2024,
            "costs": {"2024": -3},
        },
        format="json",
    )
    assert response.status_code == 400
    response = governance.post(
        f"/api/v1/plans/{plan['id']}/initiatives/",
        {
            "title": "SOC",
            "category": "it_security",
            "financing": "budget_request",
            "start_year": 2024,
            "end_year": 2024,
            "costs": {"2024": 3000000},
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    initiative = response.json()["id"]
    assert governance.get(f"/api/v1/plans/{plan['id']}/totals/").json()["total"] == 3000000
    response = governance.post(
        f"/api/v1/plans/{plan['id']}/decisions/",
        {"step": "approved_ks", "decided_on": "2023-10-18", "minutes_reference": "KS § 1"},
        format="json",
    )
    assert response.status_code == 400
    response = governance.post(
        f"/api/v1/plans/{plan['id']}/decisions/",
        {"step": "approved_sn", "decided_on": "2023-06-20", "minutes_reference": "SN § 87"},
        format="json",
    )
    assert response.status_code == 200 and response.json()["status"] == "approved_sn"
    response = governance.patch(f"/api/v1/initiatives/{initiative}/", {"title": "Ändrad"}, format="json")
    assert response.status_code == 400 and "låst" in response.json()["detail"]
    assert (
        governance.post(f"/api/v1/plans/{plan['id']}/revise/", {"reason": "Ny ram"}, format="json").status_code == 201
    )


def test_decisions_on_paragraphs_over_the_api(gov):
    case, chain = case_with_chain()
    the_plan = plan(gov, case=case)
    initiative(gov, the_plan)
    stray = paragraph(open_case(title="Annat ärende"), "SN", dt.date(2023, 6, 20), 57)
    governance = api(gov)
    url = f"/api/v1/plans/{the_plan.pk}/decisions/"
    response = governance.post(url, {"step": "approved_sn"}, format="json")
    assert response.status_code == 400 and {"decided_on", "minutes_reference"} <= set(response.json())
    response = governance.post(url, {"step": "approved_sn", "paragraph": stray.pk}, format="json")
    assert response.status_code == 400 and "planens ärende" in response.json()["detail"]
    response = governance.post(url, {"step": "approved_sn", "paragraph": 999999}, format="json")
    assert response.status_code == 400 and "paragraph" in response.json()
    response = governance.post(
        url, {"step": "approved_sn", "paragraph": chain["SN"].pk, "minutes_reference": "SN § 1"}, format="json"
    )
    assert response.status_code == 400
    response = governance.post(url, {"step": "approved_sn", "paragraph": chain["SN"].pk}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["approvals"] == [
        {
            "step": "approved_sn",
            "decided_on": "2023-06-20",
            "minutes_reference": "SN 2023-06-20 § 56",
            "paragraph": chain["SN"].pk,
        }
    ]
    response = governance.post(url, {"step": "prepared_ksau", "paragraph": chain["KS"].pk}, format="json")
    assert response.status_code == 400 and "beslutas av KSAU" in response.json()["detail"]


def test_wheel_over_the_api(gov, lead_mf):
    cycle = cycle_with_open_intake(gov)
    assert api(lead_mf).get(f"/api/v1/annual-cycles/{cycle.year}/").json()["steps"][0]["kind"] == "intake"
    assert (
        api(lead_mf)
        .post(
            f"/api/v1/annual-cycles/{cycle.year}/steps/",
            {"kind": "ks", "title": "KS", "starts_on": f"{cycle.year}-10-18"},
            format="json",
        )
        .status_code
        == 403
    )
    response = api(gov).post(
        f"/api/v1/annual-cycles/{cycle.year}/steps/",
        {"kind": "ks", "title": "KS", "starts_on": f"{cycle.year + 1}-10-18"},
        format="json",
    )
    assert response.status_code == 400 and "inom" in response.json()["detail"]
    response = api(gov).post(
        f"/api/v1/annual-cycles/{cycle.year}/steps/",
        {"kind": "ks", "title": "KS", "starts_on": f"{cycle.year}-10-18"},
        format="json",
    )
    assert response.status_code == 201


def test_anonymous_is_refused():
    assert APIClient().get("/api/v1/needs/").status_code in (401, 403)
