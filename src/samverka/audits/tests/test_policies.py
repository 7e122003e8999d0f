"""Every role (by scope) against every function of the audits' policies."""

import inspect

import pytest

from samverka.audits import policies
from samverka.organisation.models import Body, Role
from samverka.organisation.tests.factories import AdministrationFactory, BodyFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db

# One column per call; can_register_audit is asked both for the auditors' case and for any case.
COLUMNS = (
    "can_view_audits",
    "can_view_audit",
    "can_register_audit(case)",
    "can_register_audit",
    "can_manage_audit",
    "can_update_action",
    "can_register_statement",
    "can_submit_report",
    "sees_governance_panel",
    "is_auditor_of",
)
T, F = True, False
MATRIX = {
    # view all, view one, register in the case, register any, manage, update action, statement,
    # submit report, governance panel, auditor of the audit
    "it_governance": (T, T, T, T, T, T, F, F, T, F),
    "digital_lead_responsible": (T, T, F, F, F, T, F, F, F, F),
    "digital_lead_other": (T, T, F, F, F, F, F, F, F, F),
    "auditor_of_the_audit": (T, T, F, F, F, F, F, F, F, T),
    "auditor_elsewhere": (T, T, F, F, F, F, F, F, F, F),
    "registrar_board": (T, T, F, T, T, F, T, T, F, F),
    "registrar_auditors_series": (T, T, T, T, T, F, F, F, F, F),
    "case_officer_service_administration": (T, T, F, T, F, F, F, F, F, F),
    "secretary": (T, T, F, F, F, F, F, F, F, F),
    "reader": (T, T, F, F, F, F, F, F, F, F),
    "administrator": (T, T, T, T, T, T, T, T, T, F),
    "superuser": (T, T, T, T, T, T, T, T, T, F),
    "nobody": (F, F, F, F, F, F, F, F, F, F),
}


def _actor(name: str, world):
    return {
        "it_governance": lambda: world.governance,
        "digital_lead_responsible": lambda: world.responsible,
        "digital_lead_other": lambda: user_with_role(Role.DIGITAL_LEAD, administration=AdministrationFactory()),
        "auditor_of_the_audit": lambda: world.auditor,
        "auditor_elsewhere": lambda: user_with_role(
            Role.AUDITOR, body=BodyFactory(short_name="RK2", name="Andra revisorer", kind=Body.Kind.AUDITORS)
        ),
        "registrar_board": lambda: world.board_registrar,
        "registrar_auditors_series": lambda: user_with_role(Role.REGISTRAR, body=world.auditors),
        "case_officer_service_administration": lambda: world.other_official,
        "secretary": lambda: user_with_role(Role.SECRETARY, body=world.responsible_person.administration.body),
        "reader": lambda: user_with_role(Role.READER),
        "administrator": lambda: user_with_role(Role.ADMINISTRATOR),
        "superuser": lambda: UserFactory(is_superuser=True),
        "nobody": UserFactory,
    }[name]()


def test_the_matrix_covers_every_policy_and_every_role():
    functions = {
        name
        for name, function in inspect.getmembers(policies, inspect.isfunction)
        if function.__module__ == policies.__name__ and not name.startswith("_")
    }
    assert functions == {column.split("(")[0] for column in COLUMNS}
    roles_in_matrix = {role for role in Role.values if any(name.startswith(role) for name in MATRIX)}
    assert roles_in_matrix == set(Role.values)


@pytest.mark.parametrize("name", MATRIX)
def test_policy_matrix(world, action, name):
    user = _actor(name, world)
    audit = world.audit
    report = audit.reports.get()
    got = (
        policies.can_view_audits(user),
        policies.can_view_audit(user, audit),
        policies.can_register_audit(user, world.audit_case),
        policies.can_register_audit(user),
        policies.can_manage_audit(user, audit),
        policies.can_update_action(user, action),
        policies.can_register_statement(user, audit),
        policies.can_submit_report(user, report),
        policies.sees_governance_panel(user),
        policies.is_auditor_of(user, audit),
    )
    assert dict(zip(COLUMNS, got, strict=True)) == dict(zip(COLUMNS, MATRIX[name], strict=True))


def test_auditor_is_recognised_only_for_their_own_auditors(world):
    assert policies.is_auditor_of(world.auditor, world.audit)
    other = user_with_role(Role.AUDITOR, body=BodyFactory(short_name="RK2", name="Andra revisorer", kind="auditors"))
    assert not policies.is_auditor_of(other, world.audit)
