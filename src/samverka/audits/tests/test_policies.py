"""Every role against every action on audits."""

import pytest

from samverka.audits import policies
from samverka.organisation.models import Role
from samverka.organisation.tests.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db

ACTORS = ["governance", "responsible", "auditor", "board_registrar", "other_official", "reader", "nobody", "admin"]

# actor -> (view, register audit, manage audit, update action, register statement)
MATRIX = {
    "governance": (True, True, True, True, False),
    "responsible": (True, False, False, True, False),
    "auditor": (True, False, False, False, False),
    "board_registrar": (True, False, True, False, True),
    "other_official": (True, False, False, False, False),
    "reader": (True, False, False, False, False),
    "nobody": (False, False, False, False, False),
    "admin": (True, True, True, True, True),
}


@pytest.fixture
def actors(world):
    return {
        "governance": world.governance,
        "responsible": world.responsible,
        "auditor": world.auditor,
        "board_registrar": world.board_registrar,
        "other_official": world.other_official,
        "reader": user_with_role(Role.READER),
        "nobody": UserFactory(),
        "admin": user_with_role(Role.ADMINISTRATOR),
    }


@pytest.mark.parametrize("name", ACTORS)
def test_policy_matrix(world, action, actors, name):
    user = actors[name]
    audit = world.audit
    got = (
        policies.can_view_audit(user, audit),
        policies.can_register_audit(user, world.audit_case) and policies.can_register_audit(user),
        policies.can_manage_audit(user, audit),
        policies.can_update_action(user, action),
        policies.can_register_statement(user, audit),
    )
    assert got == MATRIX[name], name


def test_auditor_is_recognised_only_for_their_own_auditors(world):
    from samverka.organisation.tests.factories import BodyFactory

    assert policies.is_auditor_of(world.auditor, world.audit)
    other = user_with_role(Role.AUDITOR, body=BodyFactory(short_name="RK2", name="Andra revisorer", kind="auditors"))
    assert not policies.is_auditor_of(other, world.audit)
