"""Reads of the registry: filtering, sorting, masking, timelines and lists."""

import datetime as dt

import pytest
from django.utils import timezone

from samverka.organisation.models import Role
from samverka.organisation.tests.factories import PersonFactory, user_with_role
from samverka.registry import selectors, services
from samverka.registry.models import Document
from samverka.registry.selectors import CaseFilters
from samverka.registry.tests.factories import (
    DocumentTypeFactory,
    open_case,
    pdf_upload,
    register_document,
    series_for,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _numbers(qs) -> list[str]:
    return [case.number for case in qs]


@pytest.fixture
def secret_case(series, registrar):
    return open_case(
        series=series,
        actor=registrar,
        title="Intrång i lönesystemet",
        description="Loggar visar intrång.",
        is_secret=True,
        secrecy_reference="OSL 18 kap. 8 §",
        public_title="Informationssäkerhetsincident",
    )


def test_case_list_finds_by_number_and_public_title_only(series, registrar, secret_case):
    plain = open_case(series=series, actor=registrar, title="Ny e-tjänst för bygglov")
    assert _numbers(selectors.case_list(user=registrar, filters=CaseFilters(q="bygglov"))) == [plain.number]
    assert _numbers(selectors.case_list(user=registrar, filters=CaseFilters(q=plain.number.lower()))) == [plain.number]
    assert _numbers(selectors.case_list(user=registrar, filters=CaseFilters(q="incident"))) == [secret_case.number]
    # A secret title is never matched by the list filter (not even for those who may read it).
    assert _numbers(selectors.case_list(user=registrar, filters=CaseFilters(q="lönesystemet"))) == []


def test_case_list_filters(series, registrar, other_administration):
    other = series_for("MN", other_administration)
    officer = registrar.person
    old = open_case(series=series, actor=registrar, opened_on=dt.date(2023, 2, 1), responsible_officer=officer)
    closed = open_case(series=series, actor=registrar, opened_on=dt.date(2024, 2, 1))
    services.case_close(actor=registrar, case=closed, reason="Klart")
    elsewhere = open_case(series=other, opened_on=dt.date(2024, 3, 1))

    def listed(**filters):
        return set(_numbers(selectors.case_list(user=registrar, filters=CaseFilters(**filters))))

    assert listed(series=other.pk) == {elsewhere.number}
    assert listed(status="closed") == {closed.number}
    assert listed(status="open") == {old.number, elsewhere.number}
    assert listed(status="bogus") == {old.number, closed.number, elsewhere.number}
    assert listed(opened_from=dt.date(2024, 1, 1)) == {closed.number, elsewhere.number}
    assert listed(opened_to=dt.date(2024, 2, 1)) == {old.number, closed.number}
    assert listed(opened_from=dt.date(2024, 2, 2), opened_to=dt.date(2024, 12, 31)) == {elsewhere.number}
    assert listed(mine=True) == {old.number}
    assert listed(responsible=officer.pk) == {old.number}
    assert selectors.case_list(user=user_with_role(Role.READER), filters=CaseFilters(mine=True)).count() == 0


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("number", ["STK-2023-1", "STK-2024-1", "STK-2024-2", "STK-2024-10"]),
        ("-number", ["STK-2024-10", "STK-2024-2", "STK-2024-1", "STK-2023-1"]),
        ("title", ["STK-2024-10", "STK-2024-2", "STK-2023-1", "STK-2024-1"]),
        ("-opened", ["STK-2024-10", "STK-2024-2", "STK-2024-1", "STK-2023-1"]),
        ("opened", ["STK-2023-1", "STK-2024-1", "STK-2024-2", "STK-2024-10"]),
        ("no-such-sort", ["STK-2024-10", "STK-2024-2", "STK-2024-1", "STK-2023-1"]),
    ],
)
def test_case_list_sorts(series, registrar, sort, expected):
    open_case(series=series, actor=registrar, title="C", opened_on=dt.date(2023, 5, 1))
    open_case(series=series, actor=registrar, title="D", opened_on=dt.date(2024, 1, 1))
    open_case(series=series, actor=registrar, title="B", opened_on=dt.date(2024, 2, 1), sequence=2)
    open_case(series=series, actor=registrar, title="A", opened_on=dt.date(2024, 3, 1), sequence=10)
    assert _numbers(selectors.case_list(user=registrar, sort=sort)) == expected


def test_secret_titles_are_masked_for_those_without_the_right(series, registrar, secret_case, other_administration):
    officer_person = PersonFactory()
    services.case_update(actor=registrar, case=secret_case, responsible_officer=officer_person)
    secret_case.refresh_from_db()
    readers = {
        "reader here": user_with_role(Role.READER, administration=series.administration),
        "registrar elsewhere": user_with_role(Role.REGISTRAR, administration=other_administration),
        "auditor": user_with_role(Role.AUDITOR),
    }
    for label, user in readers.items():
        assert selectors.case_title_for(user, secret_case) == "Informationssäkerhetsincident", label
    assert selectors.case_title_for(registrar, secret_case) == "Intrång i lönesystemet"
    assert selectors.case_title_for(officer_person.user, secret_case) == "Intrång i lönesystemet"


def test_case_get_is_case_insensitive(series, registrar):
    case = open_case(series=series, actor=registrar)
    assert selectors.case_get(number=case.number.lower()) == case


def test_case_documents_are_in_order_with_their_files(series, registrar):
    case = open_case(series=series, actor=registrar)
    for n in range(3):
        register_document(case=case, actor=registrar, subject=f"Handling {n + 1}", files=[pdf_upload()])
    documents = list(selectors.case_documents(case))
    assert [d.subject for d in documents] == ["Handling 1", "Handling 2", "Handling 3"]
    assert selectors.document_get(case=case, sequence=2).subject == "Handling 2"


def test_the_timeline_shows_who_did_what_and_when(series, registrar):
    registrar.person.first_name, registrar.person.last_name = "Rebecka", "Registrator"
    registrar.person.save()
    case = open_case(series=series, actor=registrar)
    other = open_case(series=series, actor=registrar)
    document = register_document(case=case, actor=registrar, subject="Yttrande från MN", files=[pdf_upload()])
    services.document_correct(actor=registrar, document=document, reason="Stavfel", subject="Yttrande från MN.")
    services.case_relate(actor=registrar, case=other, other=case)
    services.case_close(actor=registrar, case=case, reason="Besvarat")
    events = selectors.case_timeline(case, show_secrets=False)
    assert [e.at for e in events] == sorted((e.at for e in events), reverse=True)
    assert {e.who for e in events} == {"Rebecka Registrator"}
    described = {(e.what, e.subject, e.reason) for e in events}
    assert ("Skapad", case.number, "Ärendet registrerades") in described
    assert ("Ändrad", case.number, "Ärendet avslutades: Besvarat") in described
    assert ("Skapad", f"{case.number}:1 Yttrande från MN", "Handlingen registrerades") in described
    assert ("Ändrad", f"{case.number}:1 Yttrande från MN.", "Rättelse: Stavfel") in described
    assert ("Skapad", f"{case.number}:1 handling.pdf", "Fil version 1 lades till") in described
    assert ("Kopplad", f"till {other.number}", "Ärendena kopplades") in described
    assert events[0].reason == "Ärendet avslutades: Besvarat"


def test_the_timeline_masks_secret_documents(series, registrar):
    case = open_case(series=series, actor=registrar)
    register_document(
        case=case,
        actor=registrar,
        subject="Anmälan om personuppgiftsincident",
        is_secret=True,
        secrecy_reference="OSL 21:7",
        files=[pdf_upload(name="incident-karlsson.pdf")],
    )
    masked = {e.subject for e in selectors.case_timeline(case, show_secrets=False)}
    shown = {e.subject for e in selectors.case_timeline(case, show_secrets=True)}
    assert masked >= {f"{case.number}:1 Handling med sekretess", f"{case.number}:1 Fil med sekretess"}
    assert not any("personuppgiftsincident" in s or "karlsson" in s for s in masked)
    assert shown >= {f"{case.number}:1 Anmälan om personuppgiftsincident", f"{case.number}:1 incident-karlsson.pdf"}


def test_late_registrations(series, registrar):
    case = open_case(series=series, actor=registrar)
    today = TODAY()
    on_time = register_document(case=case, actor=registrar, document_date=today)
    late_in = register_document(case=case, actor=registrar, document_date=today - dt.timedelta(days=2))
    late_created = register_document(
        case=case, actor=registrar, direction=Document.Direction.CREATED, document_date=today - dt.timedelta(days=5)
    )
    old = register_document(
        case=case,
        actor=registrar,
        document_date=today - dt.timedelta(days=40),
        registered_on=today - dt.timedelta(days=30),
    )
    flagged = [d for d in Document.objects.all() if d.registered_late]
    # The list and the flag on each document follow the same rule.
    assert set(selectors.late_registrations()) == set(flagged) == {late_in, late_created, old}
    assert on_time not in selectors.late_registrations()
    assert set(selectors.late_registrations(since=today - dt.timedelta(days=7))) == {late_in, late_created}


def test_registry_period_and_export_rows_mask_secrets(series, registrar):
    case = open_case(
        series=series,
        actor=registrar,
        title="Hotbild mot skolan",
        is_secret=True,
        secrecy_reference="OSL 18 kap. 13 §",
        public_title="Säkerhetsärende",
    )
    doc_type = DocumentTypeFactory()
    register_document(
        case=case,
        actor=registrar,
        document_type=doc_type,
        subject="Anmälan",
        protected_subject="Anmälan om hot mot rektor",
        is_secret=True,
        secrecy_reference="OSL 18 kap. 13 §",
        document_date=dt.date(2024, 4, 1),
        registered_on=dt.date(2024, 4, 3),
    )
    register_document(case=case, actor=registrar, document_date=dt.date(2024, 5, 1), registered_on=dt.date(2024, 5, 1))
    rows = selectors.registry_export_rows(start=dt.date(2024, 4, 1), end=dt.date(2024, 4, 30))
    assert len(rows) == 1
    row = rows[0]
    assert row["number"] == f"{case.number}:1"
    assert (row["subject"], row["case_title"], row["secret"], row["late"]) == ("Anmälan", "Säkerhetsärende", True, True)
    assert row["secrecy_reference"] == "OSL 18 kap. 13 §"
    assert "rektor" not in repr(rows) and "Hotbild" not in repr(rows)


def test_registry_period_is_in_number_order(series, registrar):
    day = dt.date(2024, 4, 2)
    cases = [open_case(series=series, actor=registrar, opened_on=day) for _ in range(11)]
    for case in reversed(cases):
        register_document(case=case, actor=registrar, document_date=day, registered_on=day)
    numbers = [d.case.number for d in selectors.registry_period(start=day, end=day)]
    assert numbers == [f"STK-2024-{n}" for n in range(1, 12)]


def test_my_open_cases_and_recent_documents(series, registrar):
    officer = user_with_role(Role.CASE_OFFICER, administration=series.administration)
    mine = open_case(series=series, actor=registrar, responsible_officer=officer.person)
    closed = open_case(series=series, actor=registrar, responsible_officer=officer.person)
    services.case_close(actor=registrar, case=closed, reason="Klart")
    open_case(series=series, actor=registrar)
    register_document(case=mine, actor=registrar)
    register_document(case=mine, actor=registrar)
    listed = list(selectors.my_open_cases(officer))
    assert [(c.number, c.document_count) for c in listed] == [(mine.number, 2)]
    assert list(selectors.my_open_cases(user_with_role(Role.READER))) == []
    assert len(selectors.recent_documents(officer)) == 2
    assert len(selectors.recent_documents(user_with_role(Role.READER))) == 0


def test_series_for_opening(series, registrar, other_administration):
    other = series_for("MN", other_administration)
    assert selectors.series_for_opening(registrar) == [series]
    assert set(selectors.series_for_opening(user_with_role(Role.REGISTRAR))) == {series, other}
    assert selectors.series_for_opening(user_with_role(Role.READER)) == []
