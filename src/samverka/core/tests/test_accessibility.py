import pytest
from django.core import mail
from django.urls import reverse

from samverka.core.models import AccessibilityReport

pytestmark = pytest.mark.django_db(transaction=True)


def test_statement_names_the_law_and_the_supervisory_authority(client):
    body = client.get(reverse("core:accessibility")).content.decode()
    assert "2018:1937" in body
    assert "Digg" in body


def test_anyone_can_report_a_fault_and_the_contact_point_is_told(client, settings):
    response = client.post(
        reverse("core:accessibility"),
        {"page_url": "/diarium/", "description": "Sökknappen går inte att nå med tangentbordet.", "contact": ""},
    )
    assert response.status_code == 302
    report = AccessibilityReport.objects.get()
    assert report.page_url == "/diarium/"
    assert report.history.count() == 1
    assert mail.outbox and mail.outbox[0].to == [settings.SAMVERKA_ACCESSIBILITY_CONTACT]


def test_a_too_short_report_gets_a_swedish_form_error(client):
    response = client.post(reverse("core:accessibility"), {"description": "kort"})
    assert response.status_code == 200
    assert "Formuläret innehåller fel" in response.content.decode()
    assert not AccessibilityReport.objects.exists()
