"""Organisation test data. Users and roles are created the way the application creates them."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model

from samverka.organisation.models import (
    Administration,
    Body,
    ExternalParty,
    Person,
    PoliticalAssignment,
    Role,
    RoleAssignment,
)


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body
        django_get_or_create = ("short_name",)

    name = factory.Sequence(lambda n: f"Nämnd {n}")
    short_name = factory.Sequence(lambda n: f"N{n}")
    kind = Body.Kind.COMMITTEE


class AdministrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Administration
        django_get_or_create = ("short_name",)

    name = factory.Sequence(lambda n: f"Förvaltning {n}")
    short_name = factory.Sequence(lambda n: f"F{n}")
    body = factory.SubFactory(BodyFactory)


class ExternalPartyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExternalParty

    name = factory.Sequence(lambda n: f"Extern part {n}")
    kind = ExternalParty.Kind.UNION


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("secret-pass-123")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    first_name = factory.Faker("first_name", locale="sv_SE")
    last_name = factory.Faker("last_name", locale="sv_SE")
    email = factory.Sequence(lambda n: f"person{n}@kommun.example")
    user = factory.SubFactory(UserFactory)


class PoliticalAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PoliticalAssignment

    person = factory.SubFactory(PersonFactory, user=None)
    body = factory.SubFactory(BodyFactory)
    kind = PoliticalAssignment.Kind.MEMBER
    party = "S"
    starts_on = dt.date(2023, 1, 1)


def user_with_role(
    role: str, *, body: Body | None = None, administration: Administration | None = None, username: str | None = None
):
    """A signed-in user whose person holds `role` (scoped to a body or administration, or global)."""
    user = UserFactory(**({"username": username} if username else {}))
    person = PersonFactory(user=user)
    RoleAssignment.objects.create(person=person, role=role, body=body, administration=administration)
    return user


__all__ = [
    "AdministrationFactory",
    "BodyFactory",
    "ExternalPartyFactory",
    "PersonFactory",
    "PoliticalAssignmentFactory",
    "Role",
    "UserFactory",
    "user_with_role",
]
