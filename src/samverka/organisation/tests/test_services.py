import datetime as dt

import pytest
from django.utils import timezone

from samverka.core.errors import DomainError, PermissionDenied
from samverka.organisation import services
from samverka.organisation.models import Body, Person, PoliticalAssignment, Role, RoleAssignment
from samverka.organisation.selectors import roles_for_user
from samverka.organisation.tests.factories import (
    AdministrationFactory,
    BodyFactory,
    PersonFactory,
    user_with_role,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user():
    return user_with_role(Role.ADMINISTRATOR, username="adam")


@pytest.fixture
def board(admin_user):
    return services.body_create(actor=admin_user, name="Kommunstyrelsen", short_name="KS", kind=Body.Kind.BOARD)


# -- bodies ------------------------------------------------------------------------------------


def test_body_create_records_who_and_why(admin_user, board):
    record = board.history.get()
    assert record.history_user == admin_user
    assert record.history_change_reason == "Organet lades upp"
    assert record.history_type == "+"


def test_body_create_validates_and_refuses_a_working_committee_without_parent(admin_user):
    with pytest.raises(DomainError) as error:
        services.body_create(
            actor=admin_user, name="Arbetsutskottet", short_name="AU", kind=Body.Kind.WORKING_COMMITTEE
        )
    assert "arbetsutskott måste tillhöra" in error.value.message
    assert not Body.objects.filter(short_name="AU").exists()


def test_body_create_refuses_a_taken_short_name(admin_user, board):
    with pytest.raises(DomainError) as error:
        services.body_create(actor=admin_user, name="Annan styrelse", short_name="KS", kind=Body.Kind.BOARD)
    assert "Förkortning" in error.value.message


def test_body_update_changes_only_what_differs_and_keeps_history(admin_user, board):
    services.body_update(actor=admin_user, body=board, name="Kommunstyrelsen ", email="ks@kommun.example")
    board.refresh_from_db()
    assert board.name == "Kommunstyrelsen"
    assert board.email == "ks@kommun.example"
    assert board.history.count() == 2
    # Nothing changed: no new history row.
    services.body_update(actor=admin_user, body=board, email="ks@kommun.example")
    assert board.history.count() == 2


def test_body_update_refuses_unknown_fields(admin_user, board):
    with pytest.raises(DomainError):
        services.body_update(actor=admin_user, body=board, is_active=False)


def test_a_body_cannot_belong_to_its_own_child(admin_user, board):
    au = services.body_create(
        actor=admin_user, name="Arbetsutskottet", short_name="KSAU", kind=Body.Kind.WORKING_COMMITTEE, parent=board
    )
    with pytest.raises(DomainError) as error:
        services.body_update(actor=admin_user, body=board, parent=au)
    assert "sig självt eller ett av sina underorgan" in error.value.message


def test_body_deactivate_refuses_while_children_or_administrations_are_active(admin_user, board):
    administration = services.administration_create(
        actor=admin_user, name="Stadskontoret", short_name="STK", body=board
    )
    with pytest.raises(DomainError) as error:
        services.body_deactivate(actor=admin_user, body=board)
    assert "aktiva förvaltningar (STK)" in error.value.message
    services.administration_deactivate(actor=admin_user, administration=administration)
    services.body_deactivate(actor=admin_user, body=board, reason="Omorganisation")
    board.refresh_from_db()
    assert board.is_active is False
    assert board.history.first().history_change_reason == "Omorganisation"
    with pytest.raises(DomainError):
        services.body_deactivate(actor=admin_user, body=board)


def test_body_reactivate(admin_user):
    body = services.body_create(actor=admin_user, name="Kulturnämnden", short_name="KN", kind=Body.Kind.COMMITTEE)
    services.body_deactivate(actor=admin_user, body=body)
    services.body_reactivate(actor=admin_user, body=body)
    body.refresh_from_db()
    assert body.is_active


def test_no_body_under_an_inactive_parent(admin_user, board):
    services.body_deactivate(actor=admin_user, body=board)
    with pytest.raises(DomainError) as error:
        services.body_create(
            actor=admin_user, name="AU", short_name="AU", kind=Body.Kind.WORKING_COMMITTEE, parent=board
        )
    assert "inte aktivt" in error.value.message


# -- administrations and external parties ------------------------------------------------------


def test_administration_create_update_and_deactivate(admin_user, board):
    administration = services.administration_create(
        actor=admin_user, name="Stadskontoret", short_name="STK", body=board
    )
    other = services.body_create(actor=admin_user, name="Servicenämnden", short_name="SN", kind=Body.Kind.COMMITTEE)
    services.administration_update(actor=admin_user, administration=administration, body=other)
    administration.refresh_from_db()
    assert administration.body == other
    services.administration_deactivate(actor=admin_user, administration=administration)
    administration.refresh_from_db()
    assert not administration.is_active
    assert administration.history.count() == 3
    services.administration_reactivate(actor=admin_user, administration=administration)
    administration.refresh_from_db()
    assert administration.is_active


def test_administration_needs_an_active_body(admin_user, board):
    services.body_deactivate(actor=admin_user, body=board)
    with pytest.raises(DomainError):
        services.administration_create(actor=admin_user, name="Stadskontoret", short_name="STK", body=board)


def test_external_party_lifecycle(admin_user):
    party = services.external_party_create(actor=admin_user, name="Vision", kind="union")
    services.external_party_update(actor=admin_user, party=party, email="vision@example.org")
    services.external_party_deactivate(actor=admin_user, party=party)
    party.refresh_from_db()
    assert party.email == "vision@example.org"
    assert not party.is_active
    with pytest.raises(DomainError):
        services.external_party_deactivate(actor=admin_user, party=party)
    services.external_party_reactivate(actor=admin_user, party=party)
    party.refresh_from_db()
    assert party.is_active


def test_external_party_kind_is_validated(admin_user):
    with pytest.raises(DomainError):
        services.external_party_create(actor=admin_user, name="Okänd", kind="alien")


# -- persons -----------------------------------------------------------------------------------


def test_person_email_is_unique_regardless_of_case(admin_user):
    services.person_create(actor=admin_user, first_name="Eva", last_name="Hallberg", email="eva@kommun.example")
    with pytest.raises(DomainError) as error:
        services.person_create(actor=admin_user, first_name="Eva", last_name="H", email="EVA@kommun.example")
    assert "används redan" in error.value.message


def test_person_account_create_without_password_uses_single_sign_on(admin_user):
    person = services.person_create(actor=admin_user, first_name="Ida", last_name="Nyström", email="ida@k.example")
    user = services.person_account_create(actor=admin_user, person=person, username="ida")
    person.refresh_from_db()
    assert person.user == user
    assert not user.has_usable_password()
    assert user.email == "ida@k.example"
    with pytest.raises(DomainError):
        services.person_account_create(actor=admin_user, person=person, username="ida2")


def test_person_account_create_checks_the_password_and_the_username(admin_user):
    person = services.person_create(actor=admin_user, first_name="Ida", last_name="Nyström")
    with pytest.raises(DomainError) as error:
        services.person_account_create(actor=admin_user, person=person, username="ida", password="123")
    assert error.value.code == "weak_password"
    with pytest.raises(DomainError):
        services.person_account_create(actor=admin_user, person=person, username="ADAM")  # taken
    user = services.person_account_create(actor=admin_user, person=person, username="ida", password="ett-bra-losen-7")
    assert user.check_password("ett-bra-losen-7")


def test_a_user_account_belongs_to_one_person(admin_user):
    holder = PersonFactory()
    person = services.person_create(actor=admin_user, first_name="Ny", last_name="Person")
    with pytest.raises(DomainError) as error:
        services.person_update(actor=admin_user, person=person, user=holder.user)
    assert "hör redan till" in error.value.message


def test_person_deactivate_also_closes_the_account_and_the_roles_stop_counting(admin_user):
    user = user_with_role(Role.REGISTRAR)
    person = user.person
    services.person_deactivate(actor=admin_user, person=person)
    user.refresh_from_db()
    assert not user.is_active
    assert not roles_for_user(user).has(Role.REGISTRAR)
    services.person_reactivate(actor=admin_user, person=person)
    user.refresh_from_db()
    assert user.is_active


def test_an_administrator_cannot_deactivate_themselves(admin_user):
    user_with_role(Role.ADMINISTRATOR, username="eve")
    with pytest.raises(DomainError) as error:
        services.person_deactivate(actor=admin_user, person=admin_user.person)
    assert "dig själv" in error.value.message


def test_the_last_administrator_cannot_be_removed(admin_user):
    superuser = PersonFactory(user__is_superuser=True).user
    with pytest.raises(DomainError) as error:
        services.person_deactivate(actor=superuser, person=admin_user.person)
    assert error.value.code == "last_administrator"
    role = RoleAssignment.objects.get(person=admin_user.person)
    with pytest.raises(DomainError):
        services.role_end(actor=superuser, assignment=role)
    # With a second administrator it is allowed.
    user_with_role(Role.ADMINISTRATOR, username="eve")
    services.role_end(actor=superuser, assignment=role)
    role.refresh_from_db()
    assert role.ends_on == timezone.localdate()


# -- political assignments ---------------------------------------------------------------------


@pytest.fixture
def politician(admin_user):
    return services.person_create(actor=admin_user, first_name="Eva", last_name="Hallberg", email="eva@p.example")


def test_political_assignment_create_update_and_end(admin_user, board, politician):
    assignment = services.political_assignment_create(
        actor=admin_user,
        person=politician,
        body=board,
        kind=PoliticalAssignment.Kind.MEMBER,
        party="S",
        position=PoliticalAssignment.Position.CHAIR,
        starts_on=dt.date(2023, 1, 1),
    )
    services.political_assignment_update(actor=admin_user, assignment=assignment, party="L", position="")
    services.political_assignment_end(actor=admin_user, assignment=assignment, ends_on=dt.date(2024, 6, 30))
    assignment.refresh_from_db()
    assert (assignment.party, assignment.position, assignment.ends_on) == ("L", "", dt.date(2024, 6, 30))
    assert assignment.history.count() == 3
    with pytest.raises(DomainError):
        services.political_assignment_end(actor=admin_user, assignment=assignment, ends_on=dt.date(2024, 7, 1))


def test_political_assignment_cannot_end_before_it_starts(admin_user, board, politician):
    assignment = services.political_assignment_create(
        actor=admin_user, person=politician, body=board, kind="member", party="S", starts_on=dt.date(2023, 1, 1)
    )
    with pytest.raises(DomainError):
        services.political_assignment_end(actor=admin_user, assignment=assignment, ends_on=dt.date(2022, 1, 1))
    with pytest.raises(DomainError):
        services.political_assignment_create(
            actor=admin_user,
            person=PersonFactory(user=None),
            body=board,
            kind="member",
            party="S",
            starts_on=dt.date(2023, 1, 1),
            ends_on=dt.date(2022, 1, 1),
        )


def test_only_a_member_can_chair(admin_user, board, politician):
    with pytest.raises(DomainError) as error:
        services.political_assignment_create(
            actor=admin_user,
            person=politician,
            body=board,
            kind="substitute",
            party="S",
            position="chair",
            starts_on=dt.date(2023, 1, 1),
        )
    assert "Bara en ledamot" in error.value.message


def test_no_two_overlapping_assignments_for_one_person_in_one_body(admin_user, board, politician):
    services.political_assignment_create(
        actor=admin_user,
        person=politician,
        body=board,
        kind="member",
        party="S",
        starts_on=dt.date(2023, 1, 1),
        ends_on=dt.date(2023, 12, 31),
    )
    with pytest.raises(DomainError) as error:
        services.political_assignment_create(
            actor=admin_user, person=politician, body=board, kind="substitute", party="S", starts_on=dt.date(2023, 6, 1)
        )
    assert "har redan ett uppdrag" in error.value.message
    # After the first period it is fine.
    services.political_assignment_create(
        actor=admin_user, person=politician, body=board, kind="substitute", party="S", starts_on=dt.date(2024, 1, 1)
    )


def test_one_chair_at_a_time(admin_user, board, politician):
    services.political_assignment_create(
        actor=admin_user,
        person=politician,
        body=board,
        kind="member",
        party="S",
        position="chair",
        starts_on=dt.date(2023, 1, 1),
    )
    other = PersonFactory(user=None)
    with pytest.raises(DomainError) as error:
        services.political_assignment_create(
            actor=admin_user,
            person=other,
            body=board,
            kind="member",
            party="M",
            position="chair",
            starts_on=dt.date(2024, 1, 1),
        )
    assert "har redan en ordförande" in error.value.message


def test_no_assignment_in_an_inactive_body_or_for_an_inactive_person(admin_user, politician):
    body = BodyFactory()
    services.body_deactivate(actor=admin_user, body=body)
    with pytest.raises(DomainError):
        services.political_assignment_create(
            actor=admin_user, person=politician, body=body, kind="member", party="S", starts_on=dt.date(2023, 1, 1)
        )
    active = BodyFactory()
    services.person_deactivate(actor=admin_user, person=politician)
    with pytest.raises(DomainError):
        services.political_assignment_create(
            actor=admin_user, person=politician, body=active, kind="member", party="S", starts_on=dt.date(2023, 1, 1)
        )


# -- roles -------------------------------------------------------------------------------------


def test_role_assign_gives_the_role_and_role_end_takes_it_away(admin_user):
    administration = AdministrationFactory(short_name="MF")
    user = PersonFactory().user
    person = Person.objects.get(user=user)
    assignment = services.role_assign(
        actor=admin_user, person=person, role=Role.DIGITAL_LEAD, administration=administration
    )
    assert roles_for_user(user).has_for(Role.DIGITAL_LEAD, administration_id=administration.pk)
    assert assignment.history.get().history_user == admin_user
    services.role_end(actor=admin_user, assignment=assignment, ends_on=timezone.localdate() - dt.timedelta(days=1))
    user = type(user).objects.get(pk=user.pk)  # a fresh object: roles are cached per user object
    assert not roles_for_user(user).has(Role.DIGITAL_LEAD)
    with pytest.raises(DomainError):
        services.role_end(actor=admin_user, assignment=assignment)


def test_role_assign_rules(admin_user):
    person = PersonFactory(user=None)
    body = BodyFactory()
    administration = AdministrationFactory()
    with pytest.raises(DomainError):
        services.role_assign(actor=admin_user, person=person, role="pope")
    with pytest.raises(DomainError):
        services.role_assign(
            actor=admin_user, person=person, role=Role.REGISTRAR, body=body, administration=administration
        )
    with pytest.raises(DomainError) as error:
        services.role_assign(actor=admin_user, person=person, role=Role.ADMINISTRATOR, body=body)
    assert "hela kommunen" in error.value.message
    with pytest.raises(DomainError):
        services.role_assign(
            actor=admin_user,
            person=person,
            role=Role.REGISTRAR,
            starts_on=dt.date(2024, 1, 1),
            ends_on=dt.date(2023, 1, 1),
        )
    services.role_assign(actor=admin_user, person=person, role=Role.REGISTRAR, body=body)
    with pytest.raises(DomainError) as error:
        services.role_assign(actor=admin_user, person=person, role=Role.REGISTRAR, body=body)
    assert "har redan rollen" in error.value.message
    # The same role elsewhere is another role.
    services.role_assign(actor=admin_user, person=person, role=Role.REGISTRAR, administration=administration)


def test_system_actor_cannot_sign_in_but_may_manage(client):
    actor = services.system_actor()
    assert actor == services.system_actor()
    assert not actor.is_active
    assert not actor.has_usable_password()
    services.body_create(actor=actor, name="Kommunfullmäktige", short_name="KF", kind=Body.Kind.COUNCIL)
    assert Body.objects.get(short_name="KF").history.get().history_user == actor


def test_every_service_refuses_without_the_policy():
    registrar = user_with_role(Role.REGISTRAR)
    with pytest.raises(PermissionDenied):
        services.body_create(actor=registrar, name="X", short_name="X", kind=Body.Kind.COMMITTEE)
    assert not Body.objects.filter(short_name="X").exists()
