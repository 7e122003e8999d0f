"""Every organisation service against every role: only an administrator may change the organisation."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model

from samverka.core.errors import PermissionDenied
from samverka.organisation import policies, services
from samverka.organisation.models import (
    Administration,
    Body,
    ExternalParty,
    Person,
    PoliticalAssignment,
    Role,
    RoleAssignment,
)
from samverka.organisation.tests.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db

OTHER_ROLES = [role for role in Role.values if role != Role.ADMINISTRATOR]


@dataclass
class World:
    body: Body
    administration: Administration
    party: ExternalParty
    person: Person
    assignment: PoliticalAssignment
    role: RoleAssignment
    inactive_body: Body
    inactive_administration: Administration
    inactive_party: ExternalParty
    inactive_person: Person
    spare_body: Body


@pytest.fixture
def world() -> World:
    root = services.system_actor()
    body = services.body_create(actor=root, name="Miljönämnden", short_name="MN", kind="committee")
    administration = services.administration_create(actor=root, name="Miljöförvaltningen", short_name="MF", body=body)
    party = services.external_party_create(actor=root, name="Vision", kind="union")
    person = services.person_create(actor=root, first_name="Eva", last_name="Hallberg", email="eva@k.example")
    assignment = services.political_assignment_create(
        actor=root, person=person, body=body, kind="member", party="S", starts_on=dt.date(2023, 1, 1)
    )
    role = services.role_assign(actor=root, person=person, role=Role.READER)
    inactive_body = services.body_create(actor=root, name="Gamla nämnden", short_name="GN", kind="committee")
    inactive_administration = services.administration_create(
        actor=root, name="Gamla förvaltningen", short_name="GF", body=body
    )
    inactive_party = services.external_party_create(actor=root, name="Saco", kind="union")
    inactive_person = services.person_create(actor=root, first_name="Per", last_name="Alm")
    services.body_deactivate(actor=root, body=inactive_body)
    services.administration_deactivate(actor=root, administration=inactive_administration)
    services.external_party_deactivate(actor=root, party=inactive_party)
    services.person_deactivate(actor=root, person=inactive_person)
    return World(
        body,
        administration,
        party,
        person,
        assignment,
        role,
        inactive_body,
        inactive_administration,
        inactive_party,
        inactive_person,
        services.body_create(actor=root, name="Samverkansforum", short_name="SAMV", kind="forum"),
    )


ACTIONS = {
    "body_create": lambda a, w: services.body_create(actor=a, name="Ny nämnd", short_name="NY", kind="committee"),
    "body_update": lambda a, w: services.body_update(actor=a, body=w.body, name="Miljö- och byggnämnden"),
    "body_deactivate": lambda a, w: services.body_deactivate(actor=a, body=w.spare_body),
    "body_reactivate": lambda a, w: services.body_reactivate(actor=a, body=w.inactive_body),
    "administration_create": lambda a, w: services.administration_create(
        actor=a, name="Ny förvaltning", short_name="NF", body=w.body
    ),
    "administration_update": lambda a, w: services.administration_update(
        actor=a, administration=w.administration, email="mf@k.example"
    ),
    "administration_deactivate": lambda a, w: services.administration_deactivate(
        actor=a, administration=w.administration
    ),
    "administration_reactivate": lambda a, w: services.administration_reactivate(
        actor=a, administration=w.inactive_administration
    ),
    "external_party_create": lambda a, w: services.external_party_create(actor=a, name="Kommunal", kind="union"),
    "external_party_update": lambda a, w: services.external_party_update(actor=a, party=w.party, email="v@x.example"),
    "external_party_deactivate": lambda a, w: services.external_party_deactivate(actor=a, party=w.party),
    "external_party_reactivate": lambda a, w: services.external_party_reactivate(actor=a, party=w.inactive_party),
    "person_create": lambda a, w: services.person_create(actor=a, first_name="Ny", last_name="Person"),
    "person_update": lambda a, w: services.person_update(actor=a, person=w.person, title="Ordförande"),
    "person_account_create": lambda a, w: services.person_account_create(actor=a, person=w.person, username="eva"),
    "person_deactivate": lambda a, w: services.person_deactivate(actor=a, person=w.person),
    "person_reactivate": lambda a, w: services.person_reactivate(actor=a, person=w.inactive_person),
    "political_assignment_create": lambda a, w: services.political_assignment_create(
        actor=a,
        person=w.person,
        body=w.body,
        kind="member",
        party="S",
        starts_on=dt.date(2019, 1, 1),
        ends_on=dt.date(2022, 12, 31),
    ),
    "political_assignment_update": lambda a, w: services.political_assignment_update(
        actor=a, assignment=w.assignment, party="L"
    ),
    "political_assignment_end": lambda a, w: services.political_assignment_end(
        actor=a, assignment=w.assignment, ends_on=dt.date(2024, 12, 31)
    ),
    "role_assign": lambda a, w: services.role_assign(actor=a, person=w.person, role=Role.REGISTRAR, body=w.body),
    "role_end": lambda a, w: services.role_end(actor=a, assignment=w.role),
}


def _history_rows() -> int:
    return sum(
        model.history.count()
        for model in (Body, Administration, ExternalParty, Person, PoliticalAssignment, RoleAssignment)
    )


def _actor(kind: str):
    if kind == "no role":
        return UserFactory()
    if kind == "staff flag only":
        return UserFactory(is_staff=True)
    return user_with_role(kind)


@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize("kind", [*OTHER_ROLES, "no role", "staff flag only"])
def test_only_an_administrator_may(world, action, kind):
    actor = _actor(kind)
    before = _history_rows()
    users_before = get_user_model().objects.count()
    with pytest.raises(PermissionDenied) as error:
        ACTIONS[action](actor, world)
    assert "behörighet" in error.value.message
    assert _history_rows() == before
    assert get_user_model().objects.count() == users_before


@pytest.mark.parametrize("action", list(ACTIONS))
def test_an_administrator_may(world, action):
    actor = user_with_role(Role.ADMINISTRATOR)
    before = _history_rows()
    ACTIONS[action](actor, world)
    assert _history_rows() > before


@pytest.mark.parametrize("action", list(ACTIONS))
def test_a_superuser_may(world, action):
    actor = UserFactory(is_superuser=True)
    ACTIONS[action](actor, world)


def test_policy_predicates():
    administrator = user_with_role(Role.ADMINISTRATOR)
    registrar = user_with_role(Role.REGISTRAR)
    reader = user_with_role(Role.READER)
    nobody = UserFactory()
    assert policies.can_manage_organisation(administrator)
    assert not policies.can_manage_organisation(registrar)
    assert not policies.can_manage_organisation(nobody)
    assert policies.can_view_organisation(registrar)
    assert policies.can_view_organisation(reader)
    assert not policies.can_view_organisation(nobody)


def test_an_ended_administrator_role_no_longer_counts():
    root = services.system_actor()
    user = user_with_role(Role.ADMINISTRATOR)
    user_with_role(Role.ADMINISTRATOR)  # someone must remain
    services.role_end(actor=root, assignment=RoleAssignment.objects.get(person__user=user), ends_on=dt.date(2020, 1, 1))
    fresh = get_user_model().objects.get(pk=user.pk)
    assert not policies.can_manage_organisation(fresh)


def test_a_deactivated_administrator_no_longer_counts():
    root = services.system_actor()
    user = user_with_role(Role.ADMINISTRATOR)
    user_with_role(Role.ADMINISTRATOR)
    services.person_deactivate(actor=root, person=Person.objects.get(user=user))
    fresh = get_user_model().objects.get(pk=user.pk)
    assert not policies.can_manage_organisation(fresh)
