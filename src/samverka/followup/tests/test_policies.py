"""Every role (by scope) against every function of the follow-up's policies."""

import inspect

import pytest

from samverka.followup import policies
from samverka.organisation.models import Body, Role
from samverka.organisation.tests.factories import AdministrationFactory, BodyFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db

# Each column is one function of policies.py, called on the world's round, Miljönämnden's committee
# and a status of the round.
COLUMNS = (
    "can_view_followup",
    "can_open_round",
    "can_manage_round",
    "can_answer_for",
    "can_report_initiative",
    "can_register_report",
    "can_view_board_dashboard",
)
T, F = True, False
MATRIX = {
    # actor: (view, open, manage, answer for MN, report initiative, register report, board)
    "it_governance": (T, T, T, T, T, F, T),
    "administrator": (T, T, T, T, T, T, T),
    "superuser": (T, T, T, T, T, T, T),
    "registrar_board_administration": (T, T, T, F, F, T, T),
    "case_officer_board_administration": (T, T, T, F, F, T, T),
    "case_officer_mn_administration": (T, F, F, T, F, F, T),
    "secretary_mn": (T, F, F, T, F, F, T),
    "digital_lead_mn": (T, F, F, T, F, F, T),
    "digital_lead_kn": (T, F, F, F, F, F, T),
    "registrar_mn_administration": (T, F, F, F, F, F, T),
    "auditor": (T, F, F, F, F, F, T),
    "reader": (T, F, F, F, F, F, T),
    "nobody": (F, F, F, F, F, F, F),
}


def _actor(name: str, world):
    mf = world.committees["MN"].body.administrations.get()
    board_administration = world.round.case.series.administration
    return {
        "it_governance": lambda: world.governance,
        "administrator": lambda: user_with_role(Role.ADMINISTRATOR),
        "superuser": lambda: UserFactory(is_superuser=True),
        "registrar_board_administration": lambda: world.board_registrar,
        "case_officer_board_administration": lambda: user_with_role(
            Role.CASE_OFFICER, administration=board_administration
        ),
        "case_officer_mn_administration": lambda: user_with_role(Role.CASE_OFFICER, administration=mf),
        "secretary_mn": lambda: user_with_role(Role.SECRETARY, body=world.committees["MN"].body),
        "digital_lead_mn": lambda: world.lead_mn,
        "digital_lead_kn": lambda: world.lead_kn,
        "registrar_mn_administration": lambda: user_with_role(Role.REGISTRAR, administration=mf),
        "auditor": lambda: user_with_role(
            Role.AUDITOR, body=BodyFactory(short_name="RK", name="Revisorskollegiet", kind=Body.Kind.AUDITORS)
        ),
        "reader": lambda: user_with_role(Role.READER),
        "nobody": UserFactory,
    }[name]()


def test_the_matrix_covers_every_policy_and_every_role():
    functions = {
        name
        for name, function in inspect.getmembers(policies, inspect.isfunction)
        if function.__module__ == policies.__name__ and not name.startswith("_")
    }
    assert functions == set(COLUMNS)
    roles_in_matrix = {role for role in Role.values if any(name.startswith(role) for name in MATRIX)}
    assert roles_in_matrix == set(Role.values)


@pytest.mark.parametrize("name", MATRIX)
def test_policy_matrix(plan_world, name):
    world = plan_world
    user = _actor(name, world)
    status = world.round.initiatives.first()
    args = {
        "can_manage_round": (world.round,),
        "can_answer_for": (world.committees["MN"],),
        "can_report_initiative": (status,),
        "can_register_report": (world.round,),
    }
    got = tuple(getattr(policies, column)(user, *args.get(column, ())) for column in COLUMNS)
    assert dict(zip(COLUMNS, got, strict=True)) == dict(zip(COLUMNS, MATRIX[name], strict=True))


def test_an_ended_assignment_gives_no_rights(world):
    import datetime as dt

    from samverka.organisation.models import RoleAssignment

    assignment = RoleAssignment.objects.get(person__user=world.lead_mn)
    assignment.ends_on = dt.date(2020, 1, 1)
    assignment.save()
    user = type(world.lead_mn).objects.get(pk=world.lead_mn.pk)  # roles are cached per user object
    assert not policies.can_answer_for(user, world.committees["MN"])
    assert not policies.can_view_followup(user)


def test_a_case_officer_of_another_committees_administration_does_not_answer_for_mn(world):
    other = AdministrationFactory(short_name="XF", name="Annan förvaltning", body=world.committees["KN"].body)
    user = user_with_role(Role.CASE_OFFICER, administration=other)
    assert not policies.can_answer_for(user, world.committees["MN"])
    assert policies.can_answer_for(user, world.committees["KN"])
