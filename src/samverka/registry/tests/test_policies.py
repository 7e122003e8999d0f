"""Who may do what in the registry: every role, scoped to the series' owner or to another
administration, plus the responsible officer and the anonymous public, against every action."""

import datetime as dt
from dataclasses import dataclass

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from samverka.core.errors import PermissionDenied
from samverka.organisation.models import Role, RoleAssignment
from samverka.organisation.tests.factories import AdministrationFactory, BodyFactory, UserFactory, user_with_role
from samverka.registry import policies, services
from samverka.registry.models import Case, Document
from samverka.registry.tests.factories import open_case, register_document, registrar_for, series_for

pytestmark = pytest.mark.django_db

ACTIONS = ("open", "change", "close", "register", "correct", "secrets", "export", "view")
Y, N = True, False

# fmt: off
#                                     open change close register correct secrets export view
EXPECTED = {
    ("registrar", "own"):            (Y,   Y,     Y,    Y,       Y,      Y,      Y,     Y),
    ("registrar", "other"):          (N,   N,     N,    N,       N,      N,      Y,     Y),
    ("case_officer", "own"):         (Y,   Y,     Y,    Y,       N,      Y,      N,     Y),
    ("case_officer", "other"):       (N,   N,     N,    N,       N,      N,      N,     Y),
    ("secretary", "own"):            (N,   N,     N,    N,       N,      Y,      N,     Y),
    ("secretary", "other"):          (N,   N,     N,    N,       N,      N,      N,     Y),
    ("digital_lead", "own"):         (N,   N,     N,    N,       N,      N,      N,     Y),
    ("digital_lead", "other"):       (N,   N,     N,    N,       N,      N,      N,     Y),
    ("it_governance", "own"):        (N,   N,     N,    N,       N,      N,      N,     Y),
    ("it_governance", "other"):      (N,   N,     N,    N,       N,      N,      N,     Y),
    ("auditor", "own"):              (N,   N,     N,    N,       N,      N,      N,     Y),
    ("auditor", "other"):            (N,   N,     N,    N,       N,      N,      N,     Y),
    ("reader", "own"):               (N,   N,     N,    N,       N,      N,      N,     Y),
    ("reader", "other"):             (N,   N,     N,    N,       N,      N,      N,     Y),
    # An administrator's powers in the registry are municipality-wide only.
    ("administrator", "own"):        (N,   N,     N,    N,       N,      N,      N,     Y),
    ("administrator", "other"):      (N,   N,     N,    N,       N,      N,      N,     Y),
    ("administrator", "global"):     (Y,   Y,     Y,    Y,       Y,      Y,      Y,     Y),
    ("registrar", "global"):         (Y,   Y,     Y,    Y,       Y,      Y,      Y,     Y),
    ("registrar", "owner body"):     (Y,   Y,     Y,    Y,       Y,      Y,      Y,     Y),
    ("case_officer", "owner body"):  (Y,   Y,     Y,    Y,       N,      Y,      N,     Y),
    ("registrar", "sister admin"):   (N,   N,     N,    N,       N,      N,      Y,     Y),
    ("responsible officer", ""):     (N,   Y,     Y,    Y,       N,      Y,      N,     Y),
    ("superuser", ""):               (Y,   Y,     Y,    Y,       Y,      Y,      Y,     Y),
    ("signed in, no role", ""):      (N,   N,     N,    N,       N,      N,      N,     N),
    ("anonymous", ""):               (N,   N,     N,    N,       N,      N,      N,     N),
}
# fmt: on


def test_the_matrix_covers_every_role_in_both_scopes():
    for role in Role.values:
        assert (role, "own") in EXPECTED and (role, "other") in EXPECTED, role


@dataclass
class World:
    series: object
    other_administration: object
    sister_administration: object
    case: Case
    document: Document
    responsible: object


@pytest.fixture
def world(series, other_administration):
    registrar = registrar_for(series)
    responsible = user_with_role(Role.READER, administration=other_administration)
    case = open_case(series=series, actor=registrar, responsible_officer=responsible.person)
    document = register_document(case=case, actor=registrar)
    sister = AdministrationFactory(short_name="SF", name="Systerförvaltningen", body=series.administration.body)
    return World(series, other_administration, sister, case, document, responsible)


def make_actor(world: World, who: str, scope: str):
    if who == "anonymous":
        return AnonymousUser()
    if who == "superuser":
        return UserFactory(is_superuser=True)
    if who == "signed in, no role":
        return UserFactory()
    if who == "responsible officer":
        return world.responsible
    scopes = {
        "own": {"administration": world.series.administration},
        "other": {"administration": world.other_administration},
        "sister admin": {"administration": world.sister_administration},
        "owner body": {"body": world.series.administration.body},
        "global": {},
    }
    return user_with_role(who, **scopes[scope])


def allowed(user, world: World) -> tuple[bool, ...]:
    return (
        policies.can_open_case(user, world.series),
        policies.can_change_case(user, world.case),
        policies.can_close_case(user, world.case),
        policies.can_register_document(user, world.case),
        policies.can_correct_document(user, world.document),
        policies.can_view_case_secrets(user, world.case),
        policies.can_export_registry(user),
        policies.can_view_registry(user),
    )


def _label(row: tuple[bool, ...]) -> dict[str, bool]:
    return dict(zip(ACTIONS, row, strict=True))


@pytest.mark.parametrize(("who", "scope"), list(EXPECTED), ids=[f"{w} {s}".strip() for w, s in EXPECTED])
def test_policy_matrix(world, who, scope):
    user = make_actor(world, who, scope)
    assert _label(allowed(user, world)) == _label(EXPECTED[who, scope])
    # Document secrets follow the case.
    assert policies.can_view_document_secrets(user, world.document) == EXPECTED[who, scope][5]


@pytest.mark.parametrize(("who", "scope"), list(EXPECTED), ids=[f"{w} {s}".strip() for w, s in EXPECTED])
def test_services_follow_the_matrix(world, who, scope):
    """No caller can skip a policy: each service refuses exactly where the matrix says no."""
    user = make_actor(world, who, scope)
    expected = _label(EXPECTED[who, scope])

    def attempt(call) -> bool:
        try:
            call()
        except PermissionDenied:
            return False
        return True

    outcome = {
        "open": attempt(lambda: open_case(series=world.series, actor=user)),
        "change": attempt(lambda: services.case_update(actor=user, case=world.case, description="Ny beskrivning")),
        "register": attempt(lambda: register_document(case=world.case, actor=user)),
        "correct": attempt(
            lambda: services.document_correct(actor=user, document=world.document, reason="Fel", subject="Rättat")
        ),
        "close": attempt(lambda: services.case_close(actor=user, case=world.case, reason="Klart")),
    }
    if outcome["close"]:
        # Whoever may close may also reopen.
        assert attempt(lambda: services.case_reopen(actor=user, case=world.case, reason="Igen"))
    assert outcome == {k: expected[k] for k in ("open", "change", "register", "correct", "close")}


def test_a_body_owned_series_is_covered_by_roles_in_the_body_and_its_administrations(other_administration):
    board = BodyFactory(short_name="KS", name="Kommunstyrelsen", kind="board")
    series = series_for("KS", body=board)
    case = open_case(series=series, actor=user_with_role(Role.REGISTRAR, body=board))
    under_board = AdministrationFactory(short_name="STKF", name="Stadskontoret", body=board)
    assert policies.can_change_case(user_with_role(Role.CASE_OFFICER, administration=under_board), case)
    assert policies.can_view_case_secrets(user_with_role(Role.SECRETARY, body=board), case)
    assert not policies.can_change_case(user_with_role(Role.CASE_OFFICER, administration=other_administration), case)
    assert not policies.can_change_case(user_with_role(Role.CASE_OFFICER, body=other_administration.body), case)


def test_a_role_outside_its_period_gives_no_rights(series):
    today = timezone.localdate()
    ended = user_with_role(Role.REGISTRAR, administration=series.administration)
    RoleAssignment.objects.filter(person=ended.person).update(ends_on=today - dt.timedelta(days=1))
    future = user_with_role(Role.REGISTRAR, administration=series.administration)
    RoleAssignment.objects.filter(person=future.person).update(starts_on=today + dt.timedelta(days=1))
    for user in (ended, future):
        assert not policies.can_open_case(user, series)
        assert not policies.can_view_registry(user)
        assert not policies.can_export_registry(user)


def test_opening_any_case_agrees_with_the_series_one_may_open(series, other_administration):
    """The "new case" button is shown exactly to those who have a series to open it in."""
    for role in Role.values:
        for scope in ({"administration": series.administration}, {"administration": other_administration}, {}):
            user = user_with_role(role, **scope)
            may_open_somewhere = any(
                policies.can_open_case(user, s) for s in (series, series_for("MN", other_administration))
            )
            assert policies.can_open_any_case(user) == may_open_somewhere, (role, scope)


def test_secret_scope_agrees_with_the_case_policy(world):
    for who, scope in EXPECTED:
        user = make_actor(world, who, scope)
        everywhere, series_ids, person_id = policies.secret_scope(user)
        in_scope = everywhere or world.series.pk in series_ids or person_id == world.case.responsible_officer_id
        assert in_scope == policies.can_view_case_secrets(user, world.case), (who, scope)


def test_secret_scope_agrees_with_the_case_policy_for_a_responsible_officer_without_roles(world):
    RoleAssignment.objects.filter(person=world.responsible.person).delete()
    officer = type(world.responsible).objects.get(pk=world.responsible.pk)  # roles read afresh
    assert not policies.can_view_registry(officer)
    scope = policies.secret_scope(officer)
    assert policies.case_secrets_in_scope(scope, world.case) == policies.can_view_case_secrets(officer, world.case)
    assert policies.case_secrets_in_scope(scope, world.case)
