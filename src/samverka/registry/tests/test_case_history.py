"""The case page shows the newest events; the history page shows every one, a page at a time."""

import pytest
from django.urls import reverse

from samverka.organisation.models import Role
from samverka.organisation.tests.factories import user_with_role
from samverka.registry import services
from samverka.registry.tests.factories import open_case, pdf_upload, register_document
from samverka.registry.views import HISTORY_PAGE_SIZE, TIMELINE_ON_CASE_PAGE

pytestmark = pytest.mark.django_db


@pytest.fixture
def busy_case(series, registrar):
    """A case with more events than the case page shows: one secret document among them."""
    case = open_case(series=series, actor=registrar)
    register_document(
        case=case,
        actor=registrar,
        subject="Anmälan om personuppgiftsincident",
        is_secret=True,
        secrecy_reference="OSL 21:7",
        files=[pdf_upload(name="incident-karlsson.pdf")],
    )
    for n in range(TIMELINE_ON_CASE_PAGE):
        document = register_document(case=case, actor=registrar, subject=f"Yttrande {n}")
        services.document_correct(actor=registrar, document=document, reason="Stavfel", subject=f"Yttrande nr {n}")
    return case


def test_the_case_page_shows_the_newest_events_and_links_to_the_rest(client, registrar, busy_case):
    client.force_login(registrar)
    page = client.get(reverse("registry:case_detail", args=[busy_case.number])).content.decode()
    assert page.count('<li><time datetime="') == TIMELINE_ON_CASE_PAGE
    assert f"Yttrande nr {TIMELINE_ON_CASE_PAGE - 1}" in page  # the newest correction
    assert "Ärendet registrerades" not in page  # the oldest event is on the history page
    assert reverse("registry:case_history", args=[busy_case.number]) in page


def test_the_history_page_pages_through_every_event_and_masks_secrets(client, series, busy_case):
    # 1 case + 2 (secret document and its file) + 2 per ordinary document (registered, corrected)
    total = 1 + 2 + 2 * TIMELINE_ON_CASE_PAGE
    reader = user_with_role(Role.READER, administration=series.administration)
    client.force_login(reader)
    url = reverse("registry:case_history", args=[busy_case.number])
    first = client.get(url).content.decode()
    assert f"{total} händelser" in first and first.count('<li><time datetime="') == HISTORY_PAGE_SIZE
    last = client.get(url, {"page": 2}).content.decode()
    assert last.count('<li><time datetime="') == total - HISTORY_PAGE_SIZE
    assert "Ärendet registrerades" in last
    assert "Handling med sekretess" in last and "Fil med sekretess" in last
    assert "personuppgiftsincident" not in first + last and "karlsson" not in first + last


def test_the_history_page_of_an_unknown_case_is_not_found(client, registrar):
    client.force_login(registrar)
    assert client.get(reverse("registry:case_history", args=["STK-1999-999"])).status_code == 404
