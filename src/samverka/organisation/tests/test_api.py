"""The organisation's REST API: read-only for every signed-in member of staff."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from samverka.organisation.models import Body, PoliticalAssignment, RoleAssignment
from samverka.organisation.tests.factories import (
    AdministrationFactory,
    BodyFactory,
    ExternalPartyFactory,
    PersonFactory,
    PoliticalAssignmentFactory,
    Role,
    UserFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db

LISTS = [
    "api-body-list",
    "api-administration-list",
    "api-external-party-list",
    "api-person-list",
    "api-political-assignment-list",
    "api-role-assignment-list",
]


@pytest.fixture
def organisation():
    """KS with Stadskontoret, Miljönämnden with one member and one substitute, a union."""
    ks = BodyFactory(short_name="KS", name="Kommunstyrelsen", kind=Body.Kind.BOARD)
    mn = BodyFactory(short_name="MN", name="Miljönämnden")
    stk = AdministrationFactory(short_name="STKF", name="Stadskontoret", body=ks)
    vision = ExternalPartyFactory(name="Vision")
    chair = PoliticalAssignmentFactory(body=mn, position=PoliticalAssignment.Position.CHAIR, party="S")
    PoliticalAssignmentFactory(
        body=mn, kind=PoliticalAssignment.Kind.SUBSTITUTE, party="M", ends_on=dt.date(2023, 12, 31)
    )
    return {"ks": ks, "mn": mn, "stk": stk, "vision": vision, "chair": chair}


@pytest.fixture
def reader_api():
    client = APIClient()
    client.force_login(user_with_role(Role.READER))
    return client


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_every_list_and_row_answers_a_reader(reader_api, organisation):
    for name in LISTS:
        rows = results(reader_api.get(reverse(name)))
        assert rows, name
        detail = reader_api.get(reverse(name.replace("-list", "-detail"), args=[rows[0]["id"]]))
        assert detail.status_code == 200, name
        assert detail.json() == rows[0]


def test_bodies_administrations_and_parties(reader_api, organisation):
    bodies = results(reader_api.get(reverse("api-body-list")))
    assert [b["short_name"] for b in bodies] == ["KS", "MN"]
    assert bodies[0]["kind"] == "board"
    administrations = results(reader_api.get(reverse("api-administration-list")))
    assert administrations[0]["body"] == {"id": organisation["ks"].pk, "name": "Kommunstyrelsen", "short_name": "KS"}
    parties = results(reader_api.get(reverse("api-external-party-list")))
    assert [(p["name"], p["kind"]) for p in parties] == [("Vision", "union")]


def test_inactive_rows_only_when_asked(reader_api, organisation):
    organisation["vision"].is_active = False
    organisation["vision"].save()
    assert results(reader_api.get(reverse("api-external-party-list"))) == []
    rows = results(reader_api.get(reverse("api-external-party-list"), {"include_inactive": "true"}))
    assert [p["is_active"] for p in rows] == [False]
    # One row is always found by its id.
    assert reader_api.get(reverse("api-external-party-detail", args=[organisation["vision"].pk])).status_code == 200


def test_persons_filtered_by_administration(reader_api, organisation):
    official = PersonFactory(first_name="Anna", last_name="Andersson", administration=organisation["stk"])
    rows = results(reader_api.get(reverse("api-person-list"), {"administration": organisation["stk"].pk}))
    assert [(p["full_name"], p["administration"]["short_name"]) for p in rows] == [(official.full_name, "STKF")]


def test_political_assignments_filtered_by_body_and_current(reader_api, organisation):
    mn = organisation["mn"]
    rows = results(reader_api.get(reverse("api-political-assignment-list"), {"body": mn.pk}))
    assert sorted(r["kind"] for r in rows) == ["member", "substitute"]
    current = results(reader_api.get(reverse("api-political-assignment-list"), {"body": mn.pk, "current": "true"}))
    assert [(r["person"]["id"], r["position"], r["party"]) for r in current] == [
        (organisation["chair"].person_id, "chair", "S")
    ]
    assert current[0]["body"]["short_name"] == "MN"


def test_role_assignments_filtered_by_role_and_scope(reader_api, organisation):
    registrar = user_with_role(Role.REGISTRAR, administration=organisation["stk"])
    rows = results(reader_api.get(reverse("api-role-assignment-list"), {"role": "registrar"}))
    assert [(r["person"]["full_name"], r["scope_label"]) for r in rows] == [
        (registrar.person.full_name, "Stadskontoret")
    ]
    rows = results(reader_api.get(reverse("api-role-assignment-list"), {"administration": organisation["stk"].pk}))
    assert len(rows) == 1
    rows = results(reader_api.get(reverse("api-role-assignment-list"), {"role": "reader"}))
    assert rows[0]["scope_label"] == "hela kommunen"


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("api-body-list", "include_inactive=kanske"),
        ("api-person-list", "administration=abc"),
        ("api-person-list", "administration=999999"),
        ("api-political-assignment-list", "body=99999999999999999999999"),
        ("api-political-assignment-list", "current=ibland"),
        ("api-role-assignment-list", "role=kung"),
        ("api-role-assignment-list", "person=x"),
        ("api-body-list", "page=abc"),
        ("api-body-list", "page=99999999999999999999"),
    ],
)
def test_bad_filters_give_400_in_swedish(reader_api, organisation, name, query):
    response = reader_api.get(reverse(name) + "?" + query)
    assert response.status_code == 400, response.content
    text = response.content.decode()
    assert not any(word in text for word in ("This field", "Invalid", "not a valid", "Must be"))


def test_unknown_or_malformed_ids_are_404(reader_api, organisation):
    for path in ["/api/v1/bodies/999999/", "/api/v1/bodies/99999999999999999999999/", "/api/v1/bodies/abc/"]:
        assert reader_api.get(path).status_code == 404, path


def test_anonymous_and_role_less_users_are_refused(organisation):
    client = APIClient()
    for name in LISTS:
        response = client.get(reverse(name))
        assert response.status_code in (401, 403)
        assert "Location" not in response
    client.force_login(UserFactory())
    for name in LISTS:
        response = client.get(reverse(name))
        assert response.status_code == 403
        assert response.json()["detail"] == "Du har inte behörighet att se organisationen."


def test_the_organisation_api_is_read_only(reader_api, organisation):
    administrator = APIClient()
    administrator.force_login(user_with_role(Role.ADMINISTRATOR))
    for client in (reader_api, administrator):
        assert client.post(reverse("api-body-list"), {"name": "Ny nämnd"}, format="json").status_code == 405
        detail = reverse("api-body-detail", args=[organisation["ks"].pk])
        assert client.patch(detail, {"name": "Nytt namn"}, format="json").status_code == 405
        assert client.delete(detail).status_code == 405
    assert Body.objects.get(pk=organisation["ks"].pk).name == "Kommunstyrelsen"


@pytest.mark.parametrize("name", ["api-person-list", "api-political-assignment-list", "api-role-assignment-list"])
def test_list_queries_do_not_grow_with_rows(reader_api, name):
    administration = AdministrationFactory()

    def make(n: int) -> None:
        for _ in range(n):
            person = PersonFactory(administration=administration)
            PoliticalAssignmentFactory(person=person, body=administration.body)
            RoleAssignment.objects.create(person=person, role=Role.CASE_OFFICER, administration=administration)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert reader_api.get(reverse(name)).status_code == 200
        return len(queries)

    make(3)
    few = count()
    make(27)
    assert count() == few
