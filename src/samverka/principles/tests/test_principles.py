import io

import pytest
from django.urls import reverse

from samverka.core.errors import DomainError, PermissionDenied
from samverka.organisation.models import Role
from samverka.organisation.tests.factories import AdministrationFactory, user_with_role
from samverka.principles import demo, policies, selectors, services
from samverka.principles.models import Principle, PrincipleProgramme

from .factories import governance_user, programme_with_principles

pytestmark = pytest.mark.django_db


def test_replacing_programme_ends_the_old_one_and_year_lookup_follows():
    actor = governance_user()
    old = services.programme_create(actor=actor, name="Det digitala Malmö 2017–2022", valid_from=2017)
    new = services.programme_create(actor=actor, name="Principer för digitalisering", valid_from=2023, replaces=old)
    old.refresh_from_db()
    assert old.valid_to == 2022
    assert selectors.programme_for_year(2020) == old
    assert selectors.programme_for_year(2024) == new
    assert selectors.programme_for_year(2010) is None


def test_principle_numbers_and_duplicates():
    programme = programme_with_principles()
    assert list(programme.principles.values_list("number", flat=True)) == [1, 2, 3]
    with pytest.raises(DomainError, match="redan en princip med den rubriken"):
        services.principle_create(actor=governance_user(), programme=programme, title="invånaren i centrum")
    with pytest.raises(DomainError, match="nummer 2"):
        services.principle_create(actor=governance_user(), programme=programme, title="Ny", number=2)


def test_principle_update_keeps_history():
    programme = programme_with_principles()
    principle = programme.principles.get(number=3)
    actor = governance_user()
    services.principle_update(actor=actor, principle=principle, title="Digitalisering med omtanke och hållbarhet")
    assert principle.history.count() == 2
    assert principle.history.first().history_user == actor
    assert principle.history.last().title == "Digitalisering med omtanke"


@pytest.mark.parametrize(
    ("role", "scoped", "allowed"),
    [
        (Role.IT_GOVERNANCE, False, True),
        (Role.ADMINISTRATOR, False, True),
        (Role.DIGITAL_LEAD, True, False),
        (Role.REGISTRAR, True, False),
        (Role.READER, False, False),
        (Role.AUDITOR, False, False),
    ],
)
def test_policy_matrix(role, scoped, allowed):
    user = user_with_role(role, administration=AdministrationFactory() if scoped else None)
    assert policies.can_manage_principles(user) is allowed
    assert policies.can_view_principles(user) is True
    if not allowed:
        with pytest.raises(PermissionDenied):
            services.programme_create(actor=user, name="X", valid_from=2024)


def test_bad_years_refused():
    with pytest.raises(DomainError):
        services.programme_create(actor=governance_user(), name="X", valid_from=2024, valid_to=2020)


def test_demo_is_idempotent():
    demo.load(io.StringIO())
    demo.load(io.StringIO())
    assert PrincipleProgramme.objects.count() == 2
    new = PrincipleProgramme.objects.get(name=demo.NEW)
    assert new.principles.count() == 4
    assert new.principles.filter(title="Digitalisering med omtanke").exists()
    assert Principle.objects.filter(programme__name=demo.OLD).count() == 3


def test_pages(client):
    programme = programme_with_principles()
    client.force_login(governance_user())
    response = client.get(reverse("principles:programme_list"))
    assert response.status_code == 200
    assert "Digitalisering med omtanke" in response.content.decode()
    response = client.post(reverse("principles:principle_create", args=[programme.pk]), {"title": ""})
    assert response.status_code == 400
    response = client.post(
        reverse("principles:principle_create", args=[programme.pk]), {"title": "Öppna data", "description": "x"}
    )
    assert response.status_code == 302
    principle = programme.principles.get(title="Öppna data")
    response = client.post(
        reverse("principles:principle_update", args=[principle.pk]),
        {"title": "Öppna data som standard", "number": principle.number, "is_active": "on", "reason": "Förtydligat"},
    )
    assert response.status_code == 302
    response = client.get(reverse("principles:principle_history", args=[principle.pk]))
    assert "Förtydligat" in response.content.decode()
    response = client.post(reverse("principles:programme_create"), {"name": "Y", "valid_from": "abc"})
    assert response.status_code == 400


def test_digital_lead_cannot_manage(client):
    client.force_login(user_with_role(Role.DIGITAL_LEAD, administration=AdministrationFactory()))
    assert client.get(reverse("principles:programme_list")).status_code == 200
    assert client.get(reverse("principles:programme_create")).status_code == 403


def test_principle_page_for_staff_only(client):
    from samverka.organisation.tests.factories import UserFactory

    principle = programme_with_principles().principles.get(number=3)
    url = reverse("principles:principle_detail", args=[principle.pk])
    client.force_login(user_with_role(Role.DIGITAL_LEAD, administration=AdministrationFactory()))
    body = client.get(url).content.decode()
    assert "3. Digitalisering med omtanke" in body
    assert reverse("principles:principle_history", args=[principle.pk]) in body
    assert reverse("principles:principle_update", args=[principle.pk]) not in body
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
