"""The late-acceptance page: IT governance reaches a draft it may take in, though drafts stay hidden."""

import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from samverka.needs import policies
from samverka.needs.models import Need
from samverka.organisation.models import Role
from samverka.organisation.tests.factories import user_with_role

from .factories import closed_window, make_need

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(mf, lead_mf):
    return make_need(actor=lead_mf, admin=mf, title="Digital signering av beslut")


def _late_url(need: Need) -> str:
    return reverse("needs:need_accept_late", args=[need.pk])


def test_the_policy_shows_a_draft_for_late_acceptance_only_to_those_who_may_take_it_in(draft, gov, lead_mf, lead_kuf):
    assert not policies.can_view_need(gov, draft)
    assert policies.can_view_need_for_late_acceptance(gov, draft)
    assert policies.can_view_need_for_late_acceptance(user_with_role(Role.ADMINISTRATOR), draft)
    assert policies.can_view_need_for_late_acceptance(lead_mf, draft)  # its own, though it may not accept it
    assert not policies.can_view_need_for_late_acceptance(lead_kuf, draft)
    assert not policies.can_view_need_for_late_acceptance(user_with_role(Role.READER), draft)


@pytest.mark.parametrize("who", ["governance", "administrator"])
def test_governance_takes_in_a_late_draft_through_the_page(client, monkeypatch, draft, gov, who):
    window = closed_window(monkeypatch)
    user = gov if who == "governance" else user_with_role(Role.ADMINISTRATOR)
    client.force_login(user)
    page = client.get(_late_url(draft))
    assert page.status_code == 200
    assert draft.reference in page.content.decode()
    # Every link on the page leads somewhere the taker may go.
    for href in set(re.findall(r'href="(/[^"]*)"', page.content.decode())):
        if href.startswith("/behov/"):
            assert client.get(href).status_code == 200, href
    response = client.post(_late_url(draft), {"reason": "Nytt lagkrav under våren"})
    assert response.status_code == 302
    assert response["Location"] == reverse("needs:need_detail", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.status == Need.Status.SUBMITTED and draft.submitted_late
    assert draft.late_accepted_by == user and draft.late_reason == "Nytt lagkrav under våren"
    assert draft.plan_year == window.plan_year
    assert "Sent behov togs emot" in draft.history.first().history_change_reason


def test_the_draft_stays_hidden_from_governance_elsewhere(client, draft, gov):
    client.force_login(gov)
    assert client.get(reverse("needs:need_detail", args=[draft.pk])).status_code == 404
    assert client.get(reverse("needs:need_update", args=[draft.pk])).status_code == 404
    assert draft.title not in client.get(reverse("needs:need_list")).content.decode()


def test_the_draft_stays_hidden_from_other_administrations_and_readers(client, draft, lead_kuf):
    for user in (lead_kuf, user_with_role(Role.READER)):
        client.force_login(user)
        assert client.get(_late_url(draft)).status_code == 404
        assert client.post(_late_url(draft), {"reason": "Försök"}).status_code == 404
        assert client.get(reverse("needs:need_detail", args=[draft.pk])).status_code == 404
        assert draft.title not in client.get(reverse("needs:need_list")).content.decode()
    draft.refresh_from_db()
    assert draft.status == Need.Status.DRAFT


def test_the_own_digital_lead_sees_the_draft_but_may_not_take_it_in_late(client, draft, lead_mf):
    client.force_login(lead_mf)
    assert client.get(reverse("needs:need_detail", args=[draft.pk])).status_code == 200
    assert client.get(_late_url(draft)).status_code == 403
    assert client.post(_late_url(draft), {"reason": "Glömt"}).status_code == 403


def test_a_submitted_need_is_not_taken_in_late(client, monkeypatch, draft, gov):
    closed_window(monkeypatch)
    client.force_login(gov)
    client.post(_late_url(draft), {"reason": "Nytt lagkrav"})
    assert client.get(_late_url(draft)).status_code == 403


def test_governance_takes_in_a_late_draft_through_the_api(monkeypatch, draft, gov, lead_kuf):
    closed_window(monkeypatch)
    url = reverse("api-need-accept-late", args=[draft.pk])
    api = APIClient()
    api.force_authenticate(lead_kuf)
    response = api.post(url, {"reason": "Försök"}, format="json")
    assert response.status_code == 404
    assert response.json()["detail"] == "Behovet finns inte."
    api.force_authenticate(gov)
    assert api.get(reverse("api-need-detail", args=[draft.pk])).status_code == 404
    response = api.post(url, {"reason": "Nytt lagkrav under våren"}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == Need.Status.SUBMITTED
    assert response.json()["submitted_late"] is True
