import datetime as dt
import io

import pytest

from samverka.consultations import demo, selectors
from samverka.consultations.models import Consultation, Response
from samverka.organisation.models import Body, Role
from samverka.organisation.tests.factories import BodyFactory, ExternalPartyFactory, user_with_role
from samverka.registry import services as registry_services
from samverka.registry.models import Document
from samverka.registry.tests.factories import CaseSeriesFactory, register_document, series_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(db):
    """The part of the registry demo the consultation builds on, created through the registry's services."""
    stk = CaseSeriesFactory()
    ks = stk.administration.body
    BodyFactory(short_name="KSAU", name="Kommunstyrelsens arbetsutskott", kind=Body.Kind.WORKING_COMMITTEE, parent=ks)
    mn = BodyFactory(short_name="MN", name="Miljönämnden")
    kn = BodyFactory(short_name="KN", name="Kulturnämnden")
    BodyFactory(short_name="SN", name="Servicenämnden")
    for name in ("Vision", "Saco"):
        ExternalPartyFactory(name=name)
    officer = user_with_role(Role.CASE_OFFICER, administration=stk.administration, username="handlaggare")
    case = registry_services.case_open(
        actor=officer, series=stk, title="Riktlinjer", opened_on=dt.date(2019, 2, 25), sequence=284
    )
    register_document(
        case=case,
        actor=officer,
        direction=Document.Direction.OUTGOING,
        subject="Remiss till samtliga nämnder: Riktlinjer",
        document_date=dt.date(2020, 10, 13),
        counterpart="Samtliga nämnder",
    )
    register_document(
        case=case,
        actor=officer,
        subject="Miljönämndens yttrande (MN-2020-9317)",
        document_date=dt.date(2020, 12, 17),
        counterpart=mn,
    )
    admin = user_with_role(Role.ADMINISTRATOR, username="admin")
    for prefix, body, number in (("MN", mn, 9317), ("KN", kn, 4392)):
        series = series_for(prefix, body=body)
        registry_services.case_open(
            actor=admin, series=series, title="Remiss", opened_on=dt.date(2020, 10, 14), sequence=number
        )
    return case


def test_demo_consultation_is_loaded_once(registry):
    out = io.StringIO()
    demo.load(out)
    demo.load(out)
    assert "finns redan" in out.getvalue()
    consultation = Consultation.objects.get()
    assert consultation.case.number == "STK-2019-284"
    assert consultation.status == Consultation.Status.SENT
    assert consultation.sent_on == dt.date(2020, 10, 5)
    assert consultation.deadline == dt.date(2020, 12, 31)
    assert consultation.sender_body.short_name == "KSAU"
    assert consultation.sent_document.subject.startswith("Remiss till samtliga")
    assert [q.text for q in selectors.active_questions(consultation)] == demo.QUESTIONS
    names = {r.name for r in selectors.active_recipients(consultation)}
    assert {"Miljönämnden", "Kulturnämnden", "Servicenämnden", "Vision", "Saco"} <= names
    data = selectors.compilation(consultation)
    states = {row.recipient.name: row.state for row in data.rows}
    assert states["Miljönämnden"] == "answered" and states["Kulturnämnden"] == "answered"
    assert states["Servicenämnden"] == "none"
    assert data.comment_count == len(demo.MN_COMMENTS) + len(demo.KN_COMMENTS)
    assert 0 < data.handled_count < data.comment_count
    mn = Response.objects.get(recipient__body__short_name="MN")
    assert mn.recipient.recipient_case.number == "MN-2020-9317"
    assert mn.sender_document.subject == "Miljönämndens yttrande (MN-2020-9317)"
    assert not mn.is_late


def test_demo_without_the_case_does_nothing(db):
    out = io.StringIO()
    demo.load(out)
    assert "saknas" in out.getvalue()
    assert not Consultation.objects.exists()
