import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from samverka.consultations.models import Consultation, Response

from .factories import answer, draft, recipient_for, sent

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
BASE = "/api/v1/consultations/"


@pytest.fixture
def api():
    return APIClient()


def _create_payload(world, **changes):
    return {
        "case": world.case.number,
        "title": "Riktlinjer för IT och digitalisering",
        "deadline": (TODAY + dt.timedelta(days=30)).isoformat(),
        "questions": ["Fråga ett?", "Fråga två?"],
        "bodies": [world.mn.pk, world.kn.pk],
        "external_parties": [world.vision.pk],
        **changes,
    }


def test_full_workflow_over_the_api(api, world):
    api.force_authenticate(world.officer)
    created = api.post(BASE, _create_payload(world), format="json")
    assert created.status_code == 201, created.data
    pk = created.data["id"]
    assert created.data["status"] == "draft"
    assert [q["text"] for q in created.data["questions"]] == ["Fråga ett?", "Fråga två?"]
    patched = api.patch(f"{BASE}{pk}/", {"title": "Nya riktlinjer"}, format="json")
    assert patched.status_code == 200 and patched.data["title"] == "Nya riktlinjer"
    assert api.post(f"{BASE}{pk}/send/").data["status"] == "sent"

    api.force_authenticate(world.mn_registrar)
    recipients = api.get(f"{BASE}{pk}/recipients/").data
    mn = next(r for r in recipients if r["name"] == "Miljönämnden")
    assert mn["state"] == "none" and mn["days_left"] == 30
    receipt = api.post(f"{BASE}{pk}/recipients/{mn['id']}/receipt/", {"series": "MN"}, format="json")
    assert receipt.status_code == 200, receipt.data
    assert receipt.data["recipient_case"].startswith("MN-")

    api.force_authenticate(world.digital_lead)
    question_id = created.data["questions"][0]["id"]
    body = {
        "standpoint": "supports_with_comments",
        "summary": "Positiv",
        "answers": [{"question": question_id, "text": "Ja"}],
        "comments": [
            {"text": "Licenskostnader", "topics": ["licenskostnader"]},
            {"text": "Uppföljning", "topics": ["uppfoljning", "dialog"]},
        ],
    }
    saved = api.put(f"{BASE}{pk}/recipients/{mn['id']}/response/", body, format="json")
    assert saved.status_code == 200, saved.data
    assert saved.data["status"] == "draft"
    sent_response = api.post(f"{BASE}{pk}/recipients/{mn['id']}/response/send/")
    assert sent_response.status_code == 200
    assert sent_response.data["status"] == "sent" and sent_response.data["version"] == 1
    again = api.put(f"{BASE}{pk}/recipients/{mn['id']}/response/", body, format="json")
    assert again.status_code == 400 and "redan skickat" in again.data["detail"]

    api.force_authenticate(world.officer)
    comments = api.get(f"{BASE}{pk}/comments/?handled=false").data["results"]
    assert len(comments) == 2
    handled = api.post(
        f"{BASE}{pk}/comments/{comments[0]['id']}/handling/",
        {"handling": "accepted", "motivation": "Infört"},
        format="json",
    )
    assert handled.status_code == 200
    assert len(api.get(f"{BASE}{pk}/comments/?handled=false").data["results"]) == 1
    closed = api.post(f"{BASE}{pk}/close/", {"reason": "Underlaget räcker"}, format="json")
    assert closed.data["status"] == "closed"
    compiled = api.post(f"{BASE}{pk}/compile/")
    assert compiled.data["status"] == "compiled"


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"questions": []}, "questions"),
        ({"deadline": "2020-01-01"}, "deadline"),
        ({"deadline": "igår"}, "deadline"),
        ({"bodies": [999999]}, "bodies"),
        ({"case": "XX-2020-1"}, "case"),
        ({"documents": [99]}, "detail"),
        ({"reminder_days": -1}, "reminder_days"),
    ],
)
def test_bad_input_is_a_400(api, world, changes, field):
    api.force_authenticate(world.officer)
    response = api.post(BASE, _create_payload(world, **changes), format="json")
    assert response.status_code == 400
    assert field in response.data
    assert not Consultation.objects.exists()


def test_send_without_recipients_is_a_400(api, world):
    consultation = draft(world, recipients=[])
    api.force_authenticate(world.officer)
    response = api.post(f"{BASE}{consultation.pk}/send/")
    assert response.status_code == 400
    assert "minst en remissinstans" in response.data["detail"]


def test_permissions(api, world):
    consultation = sent(world)
    mn = recipient_for(consultation, world.mn)
    api.force_authenticate(world.kn_lead)
    denied = api.put(f"{BASE}{consultation.pk}/recipients/{mn.pk}/response/", {"standpoint": "supports"}, format="json")
    assert denied.status_code == 403
    assert api.post(f"{BASE}{consultation.pk}/close/", {"reason": "x"}, format="json").status_code == 403
    drafted = draft(world, title="Hemligt utkast")
    assert api.get(f"{BASE}{drafted.pk}/").status_code == 404
    api.logout()
    assert api.get(BASE).status_code in (401, 403)


def test_unknown_topic_and_standpoint(api, world):
    consultation = sent(world)
    mn = recipient_for(consultation, world.mn)
    api.force_authenticate(world.digital_lead)
    url = f"{BASE}{consultation.pk}/recipients/{mn.pk}/response/"
    response = api.put(url, {"standpoint": "kanske"}, format="json")
    assert response.status_code == 400 and "standpoint" in response.data
    response = api.put(url, {"standpoint": "supports", "comments": [{"text": "x", "topics": ["okand"]}]}, format="json")
    assert response.status_code == 400 and "comments" in response.data


def test_response_to_closed_consultation_refused(api, world):
    consultation = sent(world)
    answer(world, consultation)
    mn = recipient_for(consultation, world.mn)
    api.force_authenticate(world.officer)
    api.post(f"{BASE}{consultation.pk}/close/", {"reason": "Stopp"}, format="json")
    api.force_authenticate(world.digital_lead)
    response = api.post(
        f"{BASE}{consultation.pk}/recipients/{mn.pk}/response/correct/",
        {"standpoint": "supports", "reason": "Rättelse"},
        format="json",
    )
    assert response.status_code == 400
    assert "stängd" in response.data["detail"]
    assert Response.objects.get(recipient=mn).version == 1


def test_list_and_topics(api, world):
    sent(world)
    api.force_authenticate(world.digital_lead)
    listed = api.get(BASE + "?status=sent")
    assert listed.status_code == 200 and listed.data["count"] == 1
    assert api.get(BASE + "?status=nonsense").status_code == 400
    topics = api.get("/api/v1/consultation-topics/").data
    assert "licenskostnader" in {t["code"] for t in topics}


def test_schema_builds(api, world):
    api.force_authenticate(world.officer)
    response = api.get("/api/v1/schema/")
    assert response.status_code == 200
    assert b"/api/v1/consultations/{id}/send/" in response.content


def test_draft_response_is_not_shown_to_others(api, world):
    consultation = sent(world)
    answer(world, consultation, send=False)
    mn = recipient_for(consultation, world.mn)
    url = f"{BASE}{consultation.pk}/recipients/{mn.pk}/response/"
    api.force_authenticate(world.kn_lead)
    assert api.get(url).status_code == 404
    api.force_authenticate(world.digital_lead)
    assert api.get(url).data["status"] == "draft"
