"""Error pages in the product's own look and language, with the reason when there is one."""

import pytest
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from samverka.organisation.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_unknown_address_has_a_swedish_404_page(client):
    response = client.get("/finns-inte/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Sidan finns inte" in page and "Till startsidan" in page and "Resolver404" not in page


def test_a_404_says_why_when_the_view_knows(client):
    user = UserFactory(is_superuser=True)
    client.force_login(user)
    response = client.get(reverse("registry:case_detail", args=["STK-1999-1"]))
    assert response.status_code == 404
    assert "Sidan finns inte" in response.content.decode()


def test_a_refusal_has_a_swedish_403_page_with_the_reason(client):
    client.force_login(UserFactory())  # signed in, without any role
    response = client.get(reverse("registry:case_list"))
    page = response.content.decode()
    assert response.status_code == 403
    assert "Felkod 403" in page and "Till startsidan" in page


def test_the_500_page_renders_without_a_request_context():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Ett fel uppstod" in response.content.decode()
