"""Principles test data, created through the services."""

from samverka.organisation.models import Role
from samverka.organisation.tests.factories import user_with_role
from samverka.principles import services


def governance_user():
    return user_with_role(Role.IT_GOVERNANCE)


def programme_with_principles(*, actor=None, name="Principer för digitalisering", valid_from=2023, titles=None):
    actor = actor or governance_user()
    programme = services.programme_create(actor=actor, name=name, valid_from=valid_from)
    for title in titles or ["Invånaren i centrum", "Digitalt som förstahandsval", "Digitalisering med omtanke"]:
        services.principle_create(actor=actor, programme=programme, title=title)
    return programme
