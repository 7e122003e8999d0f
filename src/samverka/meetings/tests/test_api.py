import pytest
from rest_framework.test import APIClient

from samverka.meetings.models import Meeting
from samverka.meetings.tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def test_plan_add_item_and_bad_input(api):
    setup = f.ksau()
    api.force_authenticate(setup.secretary)
    response = api.post(
        "/api/v1/meetings/",
        {
            "body": "KSAU",
            "starts_at": "2030-01-10T09:00:00+01:00",
            "ends_at": "2030-01-10T08:00:00+01:00",
            "place": "X",
        },
        format="json",
    )
    assert response.status_code == 400 and "ends_at" in response.json()
    response = api.post(
        "/api/v1/meetings/",
        {
            "body": "KSAU",
            "starts_at": "2030-01-10T09:00:00+01:00",
            "ends_at": "2030-01-10T11:00:00+01:00",
            "place": "X",
        },
        format="json",
    )
    assert response.status_code == 201
    pk = response.json()["id"]
    response = api.post(f"/api/v1/meetings/{pk}/agenda/", {"kind": "decision", "title": "Utan ärende"}, format="json")
    assert response.status_code == 400 and "diarienummer" in response.json()["detail"]
    response = api.post(f"/api/v1/meetings/{pk}/agenda/", {"kind": "bogus", "title": "X"}, format="json")
    assert response.status_code == 400
    response = api.post(f"/api/v1/meetings/{pk}/agenda/", {"kind": "information", "title": "Info"}, format="json")
    assert response.status_code == 201
    assert api.get(f"/api/v1/meetings/{pk}/agenda/").json()[0]["title"] == "Info"
    assert api.post(f"/api/v1/meetings/{pk}/steps/nope/").status_code == 404
    assert api.get("/api/v1/meetings/999999/").status_code == 404


def test_workflow_rules_through_the_api(api):
    setup = f.called_with_attendance(f.planned(f.ksau(), items=1))
    meeting, item = setup.meeting, setup.items[0]
    api.force_authenticate(setup.secretary)
    base = f"/api/v1/meetings/{meeting.pk}"
    assert api.post(f"{base}/items/{item.pk}/decision/", {"decision": "Bifall."}, format="json").status_code == 200
    response = api.post(f"{base}/items/{item.pk}/dissents/", {"attendance": setup.attendances[-1].pk}, format="json")
    assert response.status_code == 400 and "deltog inte" in response.json()["detail"]
    response = api.post(f"{base}/items/{item.pk}/dissents/", {"attendance": setup.attendances[2].pk}, format="json")
    assert response.status_code == 201
    assert api.post(f"{base}/steps/hold/").status_code == 200
    assert [p["paragraph_number"] for p in api.get(f"{base}/paragraphs/").json()] == [1]
    f.verified(_draft(setup))
    response = api.post(f"{base}/items/{item.pk}/decision/", {"decision": "Annat."}, format="json")
    assert response.status_code == 400 and response.json()["code"] == "locked"
    member = setup.members[3].user
    api.force_authenticate(member)
    assert api.post(f"{base}/steps/post/", {}, format="json").status_code == 403
    api.force_authenticate(setup.secretary)
    assert api.post(f"{base}/steps/post/", {"posted_on": "nonsense"}, format="json").status_code == 400
    assert api.post(f"{base}/steps/post/", {}, format="json").status_code == 200
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.POSTED
    api.force_authenticate(None)
    board = api.get("/api/v1/notice-board/")
    assert board.status_code == 200 and board.json()["results"][0]["appeal_ends_on"]
    assert api.get("/api/v1/meetings/").status_code in (401, 403)


def _draft(setup):
    from samverka.meetings import services

    services.signatories_set(
        actor=setup.secretary, meeting=setup.meeting, chair=setup.members[0], verifiers=[setup.members[1]]
    )
    services.minutes_draft(actor=setup.secretary, meeting=setup.meeting)
    return setup


def test_supporting_documents_through_the_api(api):
    from samverka.registry.tests.factories import open_case, register_document

    setup = f.planned(f.ksau(), items=0)
    case, other = open_case(title="Riktlinjer för IT"), open_case(title="Annat ärende")
    memo = register_document(case=case, actor=setup.secretary, subject="Tjänsteskrivelse")
    annex = register_document(case=case, actor=setup.secretary, subject="Bilaga 1")
    foreign = register_document(case=other, actor=setup.secretary, subject="Främmande")
    api.force_authenticate(setup.secretary)
    base = f"/api/v1/meetings/{setup.meeting.pk}"
    payload = {"kind": "decision", "title": "Riktlinjer", "case": case.number}

    response = api.post(f"{base}/agenda/", {**payload, "supporting_documents": [memo.pk, foreign.pk]}, format="json")
    assert response.status_code == 400
    assert response.json()["supporting_documents"] == [f"Handlingarna {foreign.pk} finns inte i ärende {case.number}."]
    response = api.post(
        f"{base}/agenda/", {"kind": "information", "title": "Info", "supporting_documents": [memo.pk]}, format="json"
    )
    assert response.status_code == 400 and "hör till ett ärende" in response.json()["supporting_documents"][0]
    assert api.post(f"{base}/agenda/", {**payload, "supporting_documents": ["x"]}, format="json").status_code == 400
    assert not setup.meeting.items.exists()

    response = api.post(f"{base}/agenda/", {**payload, "supporting_documents": [memo.pk]}, format="json")
    assert response.status_code == 201 and response.json()["supporting_documents"] == [memo.pk]
    item_url = f"{base}/items/{response.json()['id']}/"
    assert api.get(item_url).json()["supporting_documents"] == [memo.pk]

    response = api.patch(item_url, {"supporting_documents": [memo.pk, annex.pk]}, format="json")
    assert response.status_code == 200 and sorted(response.json()["supporting_documents"]) == [memo.pk, annex.pk]
    response = api.patch(item_url, {"supporting_documents": [foreign.pk]}, format="json")
    assert response.status_code == 400 and "finns inte i ärende" in response.json()["supporting_documents"][0]
    response = api.patch(item_url, {"title": "Riktlinjer för IT 2025"}, format="json")
    assert response.status_code == 200 and response.json()["title"] == "Riktlinjer för IT 2025"
    assert sorted(response.json()["supporting_documents"]) == [memo.pk, annex.pk]
    assert api.get(f"{base}/items/999999/").status_code == 404

    reader = f.member_of(setup.body).user
    api.force_authenticate(reader)
    assert api.patch(item_url, {"supporting_documents": []}, format="json").status_code == 403
