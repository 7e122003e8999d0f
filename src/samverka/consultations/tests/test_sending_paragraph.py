"""The sending decision as a paragraph of minutes: chosen from the case's paragraphs, cited and linked."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from samverka.core.errors import DomainError
from samverka.meetings.models import AgendaItem, Meeting
from samverka.meetings.tests.factories import at
from samverka.organisation.tests.factories import BodyFactory, UserFactory
from samverka.registry.tests.factories import open_case

from .factories import draft

pytestmark = pytest.mark.django_db


def paragraph(case, *, number=567, short_name="KSAU", day=dt.date(2020, 10, 5)) -> AgendaItem:
    body = BodyFactory(short_name=short_name, name=f"Organet {short_name}", kind="working_committee")
    meeting = Meeting.objects.create(
        body=body, starts_at=at(day, 8, 45), ends_at=at(day, 9, 8), place="Stadshuset", created_by=UserFactory()
    )
    return AgendaItem.objects.create(
        meeting=meeting,
        position=1,
        title="Riktlinjer för IT och digitalisering",
        case=case,
        paragraph_body=body,
        paragraph_year=day.year,
        paragraph_number=number,
    )


def test_a_chosen_paragraph_is_cited_and_names_the_sender(world):
    item = paragraph(world.case)
    consultation = draft(world, sending_paragraph=item, sender_body=None)
    assert consultation.sending_paragraph == item
    assert consultation.sending_decision == "KSAU 2020-10-05 § 567"
    assert consultation.sender_body == item.meeting.body


def test_a_paragraph_of_another_case_is_refused(world):
    other = paragraph(open_case(title="Annat ärende"))
    with pytest.raises(DomainError, match="hör inte till ärende"):
        draft(world, sending_paragraph=other)


def test_the_service_refuses_both_a_paragraph_and_a_free_reference(world):
    from samverka.consultations import services

    item = paragraph(world.case)
    with pytest.raises(DomainError, match="inte båda") as refused:
        draft(world, sending_paragraph=item, sending_decision="KF 2019-03-28 § 12")
    assert refused.value.code == "paragraph_and_reference"
    consultation = draft(world, sending_decision="KF 2019-03-28 § 12")
    with pytest.raises(DomainError, match="inte båda"):
        services.consultation_update(
            actor=world.officer, consultation=consultation, sending_paragraph=item, sending_decision="KF § 13"
        )
    consultation.refresh_from_db()
    assert consultation.sending_paragraph is None and consultation.sending_decision == "KF 2019-03-28 § 12"


def test_without_a_paragraph_the_free_reference_stands_and_can_later_be_replaced(world):
    from samverka.consultations import services

    consultation = draft(world, sending_decision="KF 2019-03-28 § 12")
    assert consultation.sending_paragraph is None
    assert consultation.sending_decision == "KF 2019-03-28 § 12"
    item = paragraph(world.case)
    services.consultation_update(actor=world.officer, consultation=consultation, sending_paragraph=item)
    consultation.refresh_from_db()
    assert consultation.sending_decision == "KSAU 2020-10-05 § 567"
    assert consultation.history.first().sending_paragraph_id == item.pk


def test_the_form_offers_the_case_paragraphs_and_the_page_links_the_chosen_one(client, world):
    item = paragraph(world.case)
    paragraph(open_case(title="Annat ärende"), number=12, short_name="KS")
    client.force_login(world.officer)
    form = client.get(reverse("consultations:create", args=[world.case.number]))
    options = form.context["form"].fields["sending_paragraph"].queryset
    assert list(options) == [item]
    assert "KSAU 2020-10-05 § 567 Riktlinjer för IT och digitalisering" in form.content.decode()

    consultation = draft(world, sending_paragraph=item)
    page = client.get(reverse("consultations:detail", args=[consultation.pk])).content.decode()
    assert reverse("meetings:item_detail", args=[item.meeting_id, item.pk]) in page


def test_the_form_refuses_both_a_paragraph_and_a_free_reference(client, world):
    item = paragraph(world.case)
    client.force_login(world.officer)
    response = client.post(
        reverse("consultations:create", args=[world.case.number]),
        {
            "title": "Remiss",
            "questions": "En fråga?",
            "bodies": [world.mn.pk],
            "deadline": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
            "sending_paragraph": item.pk,
            "sending_decision": "KS 2020-01-01 § 1",
            "reminder_days": 7,
        },
    )
    assert response.status_code == 400
    assert "inte båda" in response.content.decode()


def test_the_api_takes_a_paragraph_and_refuses_one_of_another_case(world):
    item = paragraph(world.case)
    other = paragraph(open_case(title="Annat ärende"), number=12, short_name="KS")
    api = APIClient()
    api.force_authenticate(world.officer)
    payload = {
        "case": world.case.number,
        "title": "Riktlinjer",
        "questions": ["En fråga?"],
        "bodies": [world.mn.pk],
        "deadline": (timezone.localdate() + dt.timedelta(days=30)).isoformat(),
    }
    created = api.post("/api/v1/consultations/", {**payload, "sending_paragraph": item.pk}, format="json")
    assert created.status_code == 201, created.content
    assert created.json()["sending_paragraph"] == item.pk
    assert created.json()["sending_decision"] == "KSAU 2020-10-05 § 567"
    refused = api.post("/api/v1/consultations/", {**payload, "sending_paragraph": other.pk}, format="json")
    assert refused.status_code == 400
    assert "hör inte till ärende" in refused.content.decode()


def test_the_paragraph_page_shows_the_consultation_it_sent(client, world):
    from samverka.organisation.models import Role
    from samverka.organisation.tests.factories import user_with_role

    item = paragraph(world.case)
    consultation = draft(world, sending_paragraph=item, title="Riktlinjer för IT på remiss")
    client.force_login(user_with_role(Role.ADMINISTRATOR, username="paragraph-reader"))
    page = client.get(reverse("meetings:item_detail", args=[item.meeting_id, item.pk])).content.decode()
    assert f'href="{reverse("consultations:detail", args=[consultation.pk])}"' in page
    assert "Riktlinjer för IT på remiss" in page
