"""Every role against every action (the policy matrix)."""

import pytest

from samverka.consultations import policies
from samverka.organisation.models import Role
from samverka.organisation.tests.factories import UserFactory, user_with_role

from .factories import answer, draft, recipient_for, sent

pytestmark = pytest.mark.django_db

ACTIONS = [
    "create",
    "manage",
    "view_draft",
    "view_sent",
    "respond_mn",
    "respond_vision",
    "receive_mn",
    "handle_comment",
]

# role -> the actions it may take (everything else is refused)
MATRIX = {
    "stk_case_officer": {"create", "manage", "view_draft", "view_sent", "respond_vision", "handle_comment"},
    "stk_registrar": {"create", "manage", "view_draft", "view_sent", "respond_vision", "handle_comment"},
    "mn_digital_lead": {"view_sent", "respond_mn"},
    "mn_registrar": {"view_sent", "respond_mn", "receive_mn"},
    "mn_body_secretary": {"view_sent", "respond_mn"},
    "kn_digital_lead": {"view_sent"},
    "reader": {"view_sent"},
    "it_governance": {"view_sent"},
    "administrator": set(ACTIONS),
    "no_role": set(),
}


@pytest.fixture
def users(world):
    return {
        "stk_case_officer": world.officer,
        "stk_registrar": user_with_role(Role.REGISTRAR, administration=world.stk),
        "mn_digital_lead": world.digital_lead,
        "mn_registrar": world.mn_registrar,
        "mn_body_secretary": user_with_role(Role.SECRETARY, body=world.mn),
        "kn_digital_lead": world.kn_lead,
        "reader": user_with_role(Role.READER),
        "it_governance": user_with_role(Role.IT_GOVERNANCE, administration=world.kuf),
        "administrator": user_with_role(Role.ADMINISTRATOR),
        "no_role": UserFactory(),
    }


def _allowed(world, user, action, drafted, consultation, comment) -> bool:
    mn = recipient_for(consultation, world.mn)
    vision = recipient_for(consultation, world.vision)
    return {
        "create": lambda: policies.can_create_consultation(user, world.case),
        "manage": lambda: policies.can_manage_consultation(user, consultation),
        "view_draft": lambda: policies.can_view_consultation(user, drafted),
        "view_sent": lambda: policies.can_view_consultation(user, consultation),
        "respond_mn": lambda: policies.can_respond(user, mn),
        "respond_vision": lambda: policies.can_respond(user, vision),
        "receive_mn": lambda: policies.can_register_receipt(user, mn),
        "handle_comment": lambda: policies.can_handle_comment(user, comment),
    }[action]()


@pytest.mark.parametrize("role", sorted(MATRIX))
def test_policy_matrix(world, users, role):
    consultation = sent(world)
    drafted = draft(world, title="Utkast")
    comment = answer(world, consultation).comments.first()
    user = users[role]
    actual = {a for a in ACTIONS if _allowed(world, user, a, drafted, consultation, comment)}
    assert actual == MATRIX[role]


def test_body_role_covers_its_administrations_recipient(world):
    consultation = draft(world, recipients=[world.mf])
    recipient = recipient_for(consultation, world.mf)
    assert policies.can_respond(user_with_role(Role.DIGITAL_LEAD, body=world.mn), recipient)
    assert policies.can_respond(world.digital_lead, recipient)
    assert not policies.can_respond(world.kn_lead, recipient)


def test_responsible_officer_of_consultation_may_manage(world):
    from samverka.consultations import services

    other = user_with_role(Role.CASE_OFFICER, administration=world.mf)
    consultation = services.consultation_update(
        actor=world.officer, consultation=draft(world), responsible_officer=other.person
    )
    assert policies.can_manage_consultation(other, consultation)
