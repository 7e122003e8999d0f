import datetime as dt

import pytest
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.urls import reverse

from samverka.core.admin_site import SamverkaAdminSite
from samverka.core.models import AccessibilityReport
from samverka.organisation import services
from samverka.organisation.models import (
    Administration,
    Body,
    ExternalParty,
    Person,
    PoliticalAssignment,
    Role,
    RoleAssignment,
    SignIn,
)
from samverka.organisation.tests.factories import PersonFactory, user_with_role
from samverka.registry.models import CaseSeries, DocumentType

pytestmark = pytest.mark.django_db

SAMVERKA_MODELS = [
    Body,
    Administration,
    ExternalParty,
    Person,
    PoliticalAssignment,
    RoleAssignment,
    SignIn,
    CaseSeries,
    DocumentType,
    AccessibilityReport,
    get_user_model(),
]


@pytest.fixture
def administrator():
    """An administrator by role: no is_staff, no is_superuser."""
    user = user_with_role(Role.ADMINISTRATOR, username="adam")
    assert not user.is_staff and not user.is_superuser
    return user


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


@pytest.fixture
def world():
    root = services.system_actor()
    ks = services.body_create(actor=root, name="Kommunstyrelsen", short_name="KS", kind="board")
    stk = services.administration_create(actor=root, name="Stadskontoret", short_name="STK", body=ks)
    person = services.person_create(actor=root, first_name="Eva", last_name="Hallberg", email="eva@k.example")
    services.political_assignment_create(
        actor=root, person=person, body=ks, kind="member", party="S", starts_on=dt.date(2023, 1, 1)
    )
    services.external_party_create(actor=root, name="Vision", kind="union")
    series = CaseSeries(prefix="STK", name="Stadskontoret", administration=stk)
    series.save()
    DocumentType.objects.create(code="yttrande", name="Yttrande")
    AccessibilityReport.objects.create(description="Sökknappen går inte att nå med tangentbordet.")
    return {"ks": ks, "stk": stk, "person": person}


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_the_default_site_is_samverkas():
    assert isinstance(admin.site, SamverkaAdminSite)
    assert str(admin.site.site_header) == "Samverka – administration"


def test_every_samverka_model_is_registered_with_history():
    for model in SAMVERKA_MODELS:
        assert admin.site.is_registered(model), model
    for model in (Body, Administration, ExternalParty, Person, PoliticalAssignment, RoleAssignment, CaseSeries):
        assert hasattr(admin.site._registry[model], "history_view"), model


def _request_by(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def test_an_administrator_without_staff_flag_opens_every_changelist_add_and_change_page(
    admin_client, administrator, world
):
    response = admin_client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert "Samverka – administration" in response.content.decode()
    for model in SAMVERKA_MODELS:
        model_admin = admin.site._registry[model]
        assert admin_client.get(_url(model, "changelist")).status_code == 200, model
        if model_admin.has_add_permission(_request_by(administrator)):
            assert admin_client.get(_url(model, "add")).status_code == 200, model
        obj = model.objects.first()
        if obj is not None:
            assert admin_client.get(_url(model, "change", obj.pk)).status_code == 200, model
            if hasattr(model_admin, "history_view"):
                assert admin_client.get(_url(model, "history", obj.pk)).status_code == 200, model


def test_the_add_pages_of_the_editable_models(admin_client):
    for model in (Body, Administration, ExternalParty, Person, PoliticalAssignment, RoleAssignment):
        assert admin_client.get(_url(model, "add")).status_code == 200, model
    for model in (CaseSeries, DocumentType, get_user_model()):
        assert admin_client.get(_url(model, "add")).status_code == 200, model


@pytest.mark.parametrize("role", [r for r in Role.values if r != Role.ADMINISTRATOR])
def test_other_roles_are_sent_to_the_login(client, world, role):
    user = user_with_role(role)
    client.force_login(user)
    for url in (reverse("admin:index"), _url(Body, "changelist"), _url(Body, "add"), _url(CaseSeries, "changelist")):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("admin:login"))


def test_a_staff_flag_alone_does_not_open_the_admin(client):
    user = PersonFactory(user__is_staff=True).user
    client.force_login(user)
    assert client.get(reverse("admin:index")).status_code == 302


def test_the_admin_login_lets_an_administrator_in_but_not_a_registrar(client):
    user_with_role(Role.ADMINISTRATOR, username="adam")
    user_with_role(Role.REGISTRAR, username="rebecka")
    refused = client.post(reverse("admin:login"), {"username": "rebecka", "password": "secret-pass-123"})
    assert refused.status_code == 200
    assert "har inte behörighet till administrationen" in refused.content.decode()
    accepted = client.post(
        reverse("admin:login"), {"username": "adam", "password": "secret-pass-123", "next": reverse("admin:index")}
    )
    assert accepted.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200


def test_nothing_can_be_deleted(admin_client, world):
    for model in SAMVERKA_MODELS:
        obj = model.objects.first()
        if obj is None:
            continue
        assert admin_client.get(_url(model, "delete", obj.pk)).status_code == 403, model
        changelist = admin_client.get(_url(model, "changelist"))
        assert "delete_selected" not in changelist.content.decode(), model
    assert Body.objects.filter(pk=world["ks"].pk).exists()


def test_saving_in_the_admin_goes_through_the_services(admin_client, administrator, world):
    response = admin_client.post(
        _url(Body, "add"),
        {"name": "Miljönämnden", "short_name": "MN", "kind": "committee", "email": "", "is_active": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    body = Body.objects.get(short_name="MN")
    record = body.history.get()
    assert record.history_user == administrator
    assert record.history_change_reason == "Organet lades upp"

    response = admin_client.post(
        _url(Body, "change", body.pk),
        {"name": "Miljö- och byggnämnden", "short_name": "MN", "kind": "committee", "email": "", "is_active": "on"},
    )
    assert response.status_code == 302
    body.refresh_from_db()
    assert body.name == "Miljö- och byggnämnden"
    assert body.history.count() == 2


def test_a_broken_rule_is_shown_on_the_form_and_nothing_is_saved(admin_client, world):
    ks = world["ks"]
    response = admin_client.post(
        _url(Body, "change", ks.pk),
        {"name": "Kommunstyrelsen", "short_name": "KS", "kind": "board", "email": ""},  # is_active unticked
    )
    assert response.status_code == 200
    assert "aktiva förvaltningar (STK)" in response.content.decode()
    ks.refresh_from_db()
    assert ks.is_active


def test_a_role_is_given_and_ended_in_the_admin(admin_client, administrator, world):
    person = world["person"]
    response = admin_client.post(
        _url(RoleAssignment, "add"),
        {"person": person.pk, "role": Role.REGISTRAR, "administration": world["stk"].pk, "body": ""},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    role = RoleAssignment.objects.get(person=person)
    assert role.history.get().history_user == administrator
    response = admin_client.post(_url(RoleAssignment, "change", role.pk), {"ends_on": "2030-12-31"})
    assert response.status_code == 302
    role.refresh_from_db()
    assert role.ends_on == dt.date(2030, 12, 31)


def test_a_person_gets_an_account_from_the_admin(admin_client, world):
    person = world["person"]
    response = admin_client.post(
        _url(Person, "change", person.pk),
        {
            "first_name": "Eva",
            "last_name": "Hallberg",
            "email": "eva@k.example",
            "title": "",
            "administration": "",
            "user": "",
            "is_active": "on",
            "new_username": "eva",
            "roles-TOTAL_FORMS": "0",
            "roles-INITIAL_FORMS": "0",
            "assignments-TOTAL_FORMS": "1",
            "assignments-INITIAL_FORMS": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    person.refresh_from_db()
    assert person.user.username == "eva"


def test_reverting_to_an_old_version_is_refused(admin_client, world):
    ks = world["ks"]
    version = ks.history.first()
    url = reverse("admin:organisation_body_simple_history", args=(ks.pk, version.history_id))
    assert admin_client.get(url).status_code == 200
    assert admin_client.post(url, {"name": "X", "short_name": "X", "kind": "board"}).status_code == 403


def test_case_series_prefix_is_fixed_once_cases_exist(admin_client, world):
    from samverka.registry.tests.factories import open_case

    series = CaseSeries.objects.get(prefix="STK")
    assert admin.site._registry[CaseSeries].get_readonly_fields(None, series) == ()
    open_case(series=series)
    assert admin.site._registry[CaseSeries].get_readonly_fields(None, series) == ("prefix",)


def test_the_administrator_cannot_edit_a_superuser_account(administrator):
    superuser = get_user_model().objects.create_superuser("root", "root@k.example", "x-very-secret-1")
    model_admin = admin.site._registry[get_user_model()]
    request = _request_by(administrator)
    assert model_admin.has_view_permission(request, superuser)
    assert not model_admin.has_change_permission(request, superuser)
