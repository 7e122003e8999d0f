"""The registry's REST API: reading, writing through the services, secrecy, bad input, query counts."""

import datetime as dt
import io
import json
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from samverka.organisation.models import Person, Role
from samverka.organisation.tests.factories import BodyFactory, ExternalPartyFactory, user_with_role
from samverka.registry.models import Case, CaseRelation, Document, DocumentFile
from samverka.registry.tests.factories import (
    open_case,
    pdf_bytes,
    pdf_upload,
    register_document,
    registrar_for,
    series_for,
    upload,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
SECRET_TITLE = "Orosanmälan gällande Kalle Kula"
SECRET_DESCRIPTION = "Uppgifter om familjens hälsa"
SECRET_CHILD_RIGHTS = "Barnets bästa kräver skydd av identiteten"
SECRET_SUBJECT = "Läkarintyg för Kalle Kula"
PUBLIC_TITLE = "Ärende enligt socialtjänstlagen"
SECRET_STRINGS = (SECRET_TITLE, SECRET_DESCRIPTION, SECRET_CHILD_RIGHTS, SECRET_SUBJECT, "intyg.pdf")


def url(name: str, *args) -> str:
    return reverse(name, args=args)


@pytest.fixture
def api() -> APIClient:
    return APIClient()


@pytest.fixture
def reader():
    return user_with_role(Role.READER)


@pytest.fixture
def as_registrar(api, registrar):
    api.force_login(registrar)
    return api


@pytest.fixture
def as_reader(api, reader):
    api.force_login(reader)
    return api


@pytest.fixture
def case(series, registrar):
    return open_case(series=series, actor=registrar, title="Riktlinjer för IT och digitalisering")


@pytest.fixture
def document(case, registrar, doctype):
    return register_document(case=case, actor=registrar, document_type=doctype, files=[pdf_upload("Remissvar")])


@pytest.fixture
def secret_case(series, registrar):
    return open_case(
        series=series,
        actor=registrar,
        title=SECRET_TITLE,
        description=SECRET_DESCRIPTION,
        child_rights_assessment=SECRET_CHILD_RIGHTS,
        is_secret=True,
        secrecy_reference="OSL 26 kap. 1 §",
        public_title=PUBLIC_TITLE,
    )


@pytest.fixture
def secret_document(secret_case, registrar, doctype):
    return register_document(
        case=secret_case,
        actor=registrar,
        document_type=doctype,
        subject="Inkommen handling",
        protected_subject=SECRET_SUBJECT,
        is_secret=True,
        secrecy_reference="OSL 25 kap. 1 §",
        files=[pdf_upload("Journalanteckning", name="intyg.pdf")],
    )


def text_of(response) -> str:
    return json.dumps(response.json(), ensure_ascii=False)


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("a.txt", "hej")
    return buffer.getvalue()


ENGLISH = (
    "This field",
    "not a valid",
    "Invalid",
    "Ensure",
    "Must be",
    "Not found",
    "No file",
    "was submitted",
    "Expected",
)
SWEDISH = ("å", "ä", "ö", "Ange", "Ingen", "Inga", "inte", "finns", "fil", "Ogiltig")


def assert_swedish_400(response) -> None:
    """A 400 that says what is wrong, in Swedish."""
    assert response.status_code == 400, response.content
    text = text_of(response)
    assert response.json(), "a 400 must say what is wrong"
    assert not any(word in text for word in ENGLISH), text
    assert any(word in text for word in SWEDISH), text


# -- Authentication -----------------------------------------------------------------------------


def staff_endpoints(case_number: str, file_id: int) -> list[tuple[str, str]]:
    return [
        ("get", url("api-registry-series")),
        ("get", url("api-registry-document-types")),
        ("get", url("api-registry-cases")),
        ("post", url("api-registry-cases")),
        ("get", url("api-registry-case", case_number)),
        ("patch", url("api-registry-case", case_number)),
        ("post", url("api-registry-case-close", case_number)),
        ("post", url("api-registry-case-reopen", case_number)),
        ("post", url("api-registry-case-relate", case_number)),
        ("get", url("api-registry-documents", case_number)),
        ("post", url("api-registry-documents", case_number)),
        ("get", url("api-registry-document", case_number, 1)),
        ("post", url("api-registry-document-correct", case_number, 1)),
        ("post", url("api-registry-document-files", case_number, 1)),
        ("get", url("api-registry-file-download", file_id)),
        ("get", url("api-registry-search") + "?q=riktlinjer"),
    ]


def test_staff_endpoints_refuse_anonymous_requests_without_redirecting(api, document):
    for method, path in staff_endpoints(document.case.number, document.files.get().pk):
        response = getattr(api, method)(path)
        # 401 with the scheme to use: the client is not authenticated, not refused.
        assert response.status_code == 401, (method, path, response.status_code)
        assert response["WWW-Authenticate"] == "Token"
        assert "Location" not in response
        assert response.json()["detail"]


def test_a_signed_in_user_without_a_role_is_refused(api, document):
    from samverka.organisation.tests.factories import UserFactory

    api.force_login(UserFactory())
    for method, path in staff_endpoints(document.case.number, document.files.get().pk):
        assert getattr(api, method)(path).status_code == 403, (method, path)


def test_token_authentication(api, reader, case):
    token = Token.objects.create(user=reader)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    response = api.get(url("api-registry-cases"))
    assert response.status_code == 200
    assert [row["number"] for row in response.json()["results"]] == [case.number]
    api.credentials(HTTP_AUTHORIZATION="Token fel")
    assert api.get(url("api-registry-cases")).status_code == 401


# -- A reader reads, and writes nothing ---------------------------------------------------------


def test_a_reader_can_read_everything_that_is_not_secret(as_reader, document):
    case = document.case
    stored = document.files.get()
    for path in [
        url("api-registry-series"),
        url("api-registry-document-types"),
        url("api-registry-cases"),
        url("api-registry-case", case.number),
        url("api-registry-case", case.number.lower()),
        url("api-registry-documents", case.number),
        url("api-registry-document", case.number, 1),
        url("api-registry-search") + "?q=riktlinjer",
    ]:
        assert as_reader.get(path).status_code == 200, path
    response = as_reader.get(url("api-registry-file-download", stored.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes("Remissvar")


def test_a_reader_gets_403_on_every_write(as_reader, document, series, doctype, other_administration):
    case = document.case
    other = open_case(series=series, title="Annat ärende")
    closed = open_case(series=series, title="Avslutat ärende")
    from samverka.registry import services
    from samverka.registry.tests.factories import registrar_for

    services.case_close(actor=registrar_for(series), case=closed, reason="Klart")
    writes = [
        ("post", url("api-registry-cases"), {"series": series.pk, "title": "Nytt ärende"}, "json"),
        ("patch", url("api-registry-case", case.number), {"title": "Ny ärendemening"}, "json"),
        ("post", url("api-registry-case-close", case.number), {"reason": "Klart"}, "json"),
        ("post", url("api-registry-case-reopen", closed.number), {"reason": "Nya uppgifter"}, "json"),
        ("post", url("api-registry-case-relate", case.number), {"other": other.number}, "json"),
        (
            "post",
            url("api-registry-documents", case.number),
            {
                "direction": "created",
                "document_type": doctype.pk,
                "document_date": TODAY().isoformat(),
                "subject": "Tjänsteskrivelse",
                "files": [pdf_upload()],
            },
            "multipart",
        ),
        (
            "post",
            url("api-registry-document-correct", case.number, 1),
            {"subject": "Rättad", "reason": "Stavfel"},
            "json",
        ),
        ("post", url("api-registry-document-files", case.number, 1), {"file": pdf_upload()}, "multipart"),
    ]
    for method, path, data, fmt in writes:
        response = getattr(as_reader, method)(path, data, format=fmt)
        assert response.status_code == 403, (path, response.content)
        assert response.json()["detail"]
    assert Case.objects.count() == 3
    assert Case.objects.get(pk=case.pk).title == "Riktlinjer för IT och digitalisering"
    assert Case.objects.get(pk=closed.pk).status == Case.Status.CLOSED
    assert not CaseRelation.objects.exists()
    assert Document.objects.count() == 1
    assert DocumentFile.objects.count() == 1


# -- Cases ------------------------------------------------------------------------------------


def test_cases_are_numbered_through_the_api(as_registrar, series, other_administration):
    year = TODAY().year
    numbers = []
    for title in ("Första ärendet", "Andra ärendet"):
        response = as_registrar.post(url("api-registry-cases"), {"series": series.pk, "title": title}, format="json")
        assert response.status_code == 201, response.content
        numbers.append(response.json()["number"])
        assert response["Location"] == url("api-registry-case", response.json()["number"])
    assert numbers == [f"STK-{year}-1", f"STK-{year}-2"]
    response = as_registrar.post(
        url("api-registry-cases"),
        {"series": series.pk, "title": "Äldre ärende", "opened_on": "2023-05-04"},
        format="json",
    )
    assert response.json()["number"] == "STK-2023-1"
    body = as_registrar.get(url("api-registry-case", f"STK-{year}-2")).json()
    assert body["title"] == "Andra ärendet"
    assert body["series"]["prefix"] == "STK"
    assert body["responsible_administration"]["name"] == "Stadskontoret"
    assert body["status"] == "open"
    assert body["secrets_visible"] is True


def test_a_case_cannot_be_opened_before_four_digit_years(as_registrar, series):
    # Case numbers carry a four-digit year, so the service refuses earlier dates with a 400.
    response = as_registrar.post(
        url("api-registry-cases"), {"series": series.pk, "title": "Gammalt", "opened_on": "0099-01-01"}, format="json"
    )
    assert response.status_code == 400, response.content
    assert "1900" in response.content.decode()
    assert as_registrar.get(url("api-registry-cases")).json()["count"] == 0


def test_opening_a_secret_case_and_reading_it_back(as_registrar, series):
    response = as_registrar.post(
        url("api-registry-cases"),
        {
            "series": series.pk,
            "title": SECRET_TITLE,
            "description": SECRET_DESCRIPTION,
            "is_secret": True,
            "secrecy_reference": "OSL 26 kap. 1 §",
            "public_title": PUBLIC_TITLE,
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["title"], body["description"], body["public_title"]) == (
        SECRET_TITLE,
        SECRET_DESCRIPTION,
        PUBLIC_TITLE,
    )


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"title": "Utan serie"},
        {"series": 999999, "title": "Okänd serie"},
        {"series": "abc", "title": "Serie som inte är ett tal"},
        {"series": 99999999999999999999999, "title": "Enormt id"},
        {"series": "SERIES", "title": ""},
        {"series": "SERIES", "title": "   "},
        {"series": "SERIES", "title": "x" * 501},
        {"series": "SERIES", "title": "Skräpdatum", "opened_on": "igår"},
        {"series": "SERIES", "title": "Omöjligt datum", "opened_on": "2023-02-30"},
        {"series": "SERIES", "title": "Framtiden", "opened_on": "2999-01-01"},
        {"series": "SERIES", "title": "Hemligt", "is_secret": True},
        {"series": "SERIES", "title": "Hemligt", "is_secret": "kanske"},
        {"series": "SERIES", "title": "Fel handläggare", "responsible_officer": 424242},
        {"series": "SERIES", "title": "Fel organ", "responsible_body": "x"},
    ],
)
def test_opening_a_case_with_bad_input_gives_400(as_registrar, series, data):
    data = {key: (series.pk if value == "SERIES" else value) for key, value in data.items()}
    response = as_registrar.post(url("api-registry-cases"), data, format="json")
    assert_swedish_400(response)
    assert not Case.objects.exists()


def test_an_inactive_series_gives_the_service_message(as_registrar, series):
    series.is_active = False
    series.save()
    response = as_registrar.post(url("api-registry-cases"), {"series": series.pk, "title": "Ärende"}, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == "Diarieserien STK är inte längre aktiv."


def test_a_case_officer_cannot_open_cases_in_another_series(api, series, other_administration):
    other = series_for("MN", other_administration)
    officer = user_with_role(Role.CASE_OFFICER, administration=other_administration)
    api.force_login(officer)
    response = api.post(url("api-registry-cases"), {"series": series.pk, "title": "Fel serie"}, format="json")
    assert response.status_code == 403
    assert "STK" in response.json()["detail"]
    assert api.post(url("api-registry-cases"), {"series": other.pk, "title": "Rätt"}, format="json").status_code == 201


def test_an_unknown_case_is_404_everywhere(as_registrar, doctype):
    for method, path in [
        ("get", url("api-registry-case", "STK-2019-284")),
        ("patch", url("api-registry-case", "STK-2019-284")),
        ("post", url("api-registry-case-close", "STK-2019-284")),
        ("post", url("api-registry-case-relate", "STK-2019-284")),
        ("get", url("api-registry-documents", "STK-2019-284")),
        ("post", url("api-registry-documents", "STK-2019-284")),
        ("get", url("api-registry-document", "STK-2019-284", 1)),
        ("get", url("api-registry-file-download", 424242)),
        ("get", "/api/v1/cases/STK-2019-999999999/"),
        ("get", "/api/v1/files/99999999999999999999999999/download/"),
        ("get", url("api-public-case", "STK-2019-284")),
        ("get", "/api/v1/public/files/99999999999999999999999999/download/"),
    ]:
        response = getattr(as_registrar, method)(path, {}, format="json")
        assert response.status_code == 404, (method, path)
    for path in ["/api/v1/cases/inte-ett-nummer/", "/api/v1/files/abc/download/"]:
        assert as_registrar.get(path).status_code == 404


def test_an_unknown_document_is_404(as_registrar, case):
    for sequence in (1, 99999999999999999999):
        assert as_registrar.get(f"/api/v1/cases/{case.number}/documents/{sequence}/").status_code == 404


def test_case_update_changes_only_what_is_sent_and_records_the_reason(as_registrar, case):
    response = as_registrar.patch(
        url("api-registry-case", case.number),
        {"title": "Nya riktlinjer", "reason": "Förtydligad ärendemening"},
        format="json",
    )
    assert response.status_code == 200, response.content
    case.refresh_from_db()
    assert case.title == "Nya riktlinjer"
    assert case.description == ""
    assert case.history.first().history_change_reason == "Förtydligad ärendemening"
    # A form-encoded change without `is_secret` leaves the secrecy alone.
    response = as_registrar.patch(url("api-registry-case", case.number), {"description": "Mer"}, format="multipart")
    assert response.status_code == 200
    assert response.json()["description"] == "Mer"


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"reason": "Bara ett skäl"},
        {"title": ""},
        {"is_secret": True},
        {"is_secret": "ibland"},
        {"responsible_officer": "abc"},
        {"title": "x" * 501},
    ],
)
def test_case_update_with_bad_input_gives_400(as_registrar, case, data):
    assert_swedish_400(as_registrar.patch(url("api-registry-case", case.number), data, format="json"))
    case.refresh_from_db()
    assert case.title == "Riktlinjer för IT och digitalisering"
    assert not case.is_secret


def test_closing_and_reopening_a_case(as_registrar, case):
    close = url("api-registry-case-close", case.number)
    reopen = url("api-registry-case-reopen", case.number)
    assert_swedish_400(as_registrar.post(close, {}, format="json"))
    assert_swedish_400(as_registrar.post(close, {"reason": "Klart", "closed_on": "snart"}, format="json"))
    response = as_registrar.post(close, {"reason": "Klart", "closed_on": "2000-01-01"}, format="json")
    assert response.json()["detail"] == "Ett ärende kan inte avslutas före det datum det öppnades."
    response = as_registrar.post(close, {"reason": "Beslut fattat"}, format="json")
    assert response.status_code == 200, response.content
    assert (response.json()["status"], response.json()["closing_reason"]) == ("closed", "Beslut fattat")
    response = as_registrar.post(close, {"reason": "Igen"}, format="json")
    assert (response.status_code, response.json()["code"]) == (400, "invalid_transition")
    assert_swedish_400(as_registrar.post(reopen, {"reason": ""}, format="json"))
    response = as_registrar.post(reopen, {"reason": "Nya uppgifter"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "open"
    assert as_registrar.post(reopen, {"reason": "Igen"}, format="json").json()["code"] == "invalid_transition"


def test_relating_cases(as_registrar, case, series):
    other = open_case(series=series, title="Utvecklingsplan")
    relate = url("api-registry-case-relate", case.number)
    response = as_registrar.post(relate, {"other": other.number.lower(), "note": "Samma fråga"}, format="json")
    assert response.status_code == 201, response.content
    assert response.json()["number"] == other.number
    assert response.json()["note"] == "Samma fråga"
    relations = as_registrar.get(url("api-registry-case", other.number)).json()["relations"]
    assert [(r["number"], r["direction"], r["note"]) for r in relations] == [(case.number, "in", "Samma fråga")]
    assert as_registrar.post(relate, {"other": other.number}, format="json").json()["code"] == "duplicate"
    assert_swedish_400(as_registrar.post(relate, {"other": case.number}, format="json"))
    response = as_registrar.post(relate, {"other": "MN-2020-9317"}, format="json")
    assert response.status_code == 400
    assert "Det finns inget ärende med diarienummer MN-2020-9317." in response.json()["other"]
    assert_swedish_400(as_registrar.post(relate, {}, format="json"))
    assert_swedish_400(as_registrar.post(relate, {"other": "x" * 100}, format="json"))


def test_case_list_filters_and_ordering(api, series, registrar, other_administration):
    officer = user_with_role(Role.CASE_OFFICER, administration=series.administration)
    person = Person.objects.get(user=officer)
    other = series_for("MN", other_administration)
    a = open_case(series=series, actor=registrar, title="Bredband i skolor", opened_on=dt.date(2023, 3, 1))
    b = open_case(
        series=series, actor=registrar, title="Licenser", opened_on=dt.date(2024, 5, 1), responsible_officer=person
    )
    c = open_case(series=other, title="Bredband på landsbygden", opened_on=dt.date(2024, 6, 1))
    from samverka.registry import services

    services.case_close(actor=user_with_role(Role.ADMINISTRATOR), case=c, reason="Klart")
    api.force_login(officer)

    def numbers(query: str = "") -> list[str]:
        response = api.get(url("api-registry-cases") + query)
        assert response.status_code == 200, response.content
        return [row["number"] for row in response.json()["results"]]

    assert numbers() == [c.number, b.number, a.number]
    assert numbers("?q=bredband") == [c.number, a.number]
    assert numbers(f"?q={b.number.lower()}") == [b.number]
    assert numbers(f"?series={other.pk}") == [c.number]
    assert numbers("?status=closed") == [c.number]
    assert numbers("?opened_from=2024-01-01&opened_to=2024-05-31") == [b.number]
    assert numbers("?mine=true") == [b.number]
    assert numbers(f"?responsible={person.pk}") == [b.number]
    assert numbers("?ordering=opened") == [a.number, b.number, c.number]
    assert numbers("?ordering=title") == [a.number, c.number, b.number]
    assert numbers("?page_size=1&page=2") == [b.number]


@pytest.mark.parametrize(
    "query",
    [
        "opened_from=igår",
        "opened_to=2024-13-01",
        "opened_from=2024-02-01&opened_to=2024-01-01",
        "series=999999",
        "series=abc",
        "series=99999999999999999999999",
        "status=pågår",
        "ordering=hemligt",
        "mine=kanske",
        "responsible=x",
        "page=abc",
        "page=0",
        "page=-1",
        "page=99999999999999999999999",
        "page=2",
        f"q={'x' * 201}",
    ],
)
def test_bad_case_list_filters_give_400(as_reader, case, query):
    assert_swedish_400(as_reader.get(url("api-registry-cases") + "?" + query))


def count_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, response.content
    return len(queries)


def test_case_list_queries_do_not_grow_with_rows(api, series, registrar, other_administration):
    reader = user_with_role(Role.READER)
    api.force_login(reader)
    officer = Person.objects.get(user=registrar)
    administrator = user_with_role(Role.ADMINISTRATOR)

    def make(n: int) -> None:
        for i in range(n):
            secret = i % 2 == 0
            open_case(
                series=series if i % 3 else series_for("MN", other_administration),
                actor=administrator,
                title=f"Ärende {i}",
                responsible_officer=officer,
                is_secret=secret,
                secrecy_reference="OSL 26 kap. 1 §" if secret else "",
                public_title=f"Offentligt {i}" if secret else "",
            )

    make(3)
    few = count_queries(api, url("api-registry-cases"))
    make(27)
    many = count_queries(api, url("api-registry-cases"))
    assert api.get(url("api-registry-cases")).json()["count"] == 30
    assert many == few


# -- Documents --------------------------------------------------------------------------------


def test_registering_a_document_with_a_pdf_and_downloading_it(as_registrar, case, doctype):
    response = as_registrar.post(
        url("api-registry-documents", case.number),
        {
            "direction": "incoming",
            "document_type": doctype.pk,
            "document_date": TODAY().isoformat(),
            "subject": "Remissvar från Miljönämnden",
            "counterpart_text": "Miljönämnden",
            "files": [pdf_upload("Remissvar", name="remissvar.pdf"), upload("bilaga.txt", b"En bilaga")],
        },
        format="multipart",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["number"] == f"{case.number}:1"
    assert response["Location"] == url("api-registry-document", case.number, 1)
    assert body["counterpart"] == "Miljönämnden"
    assert body["is_secret"] is False
    files = sorted(body["files"], key=lambda f: f["version"])
    assert [(f["filename"], f["content_type"]) for f in files] == [
        ("remissvar.pdf", "application/pdf"),
        ("bilaga.txt", "text/plain"),
    ]
    download = as_registrar.get(files[0]["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == pdf_bytes("Remissvar")
    assert 'filename="remissvar.pdf"' in download["Content-Disposition"]
    # A second document gets the next number; JSON without files works too.
    response = as_registrar.post(
        url("api-registry-documents", case.number),
        {
            "direction": "created",
            "document_type": doctype.pk,
            "document_date": TODAY().isoformat(),
            "subject": "Tjänsteskrivelse",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["number"] == f"{case.number}:2"
    assert response.json()["files"] == []
    listing = as_registrar.get(url("api-registry-documents", case.number)).json()
    assert [d["number"] for d in listing["results"]] == [f"{case.number}:1", f"{case.number}:2"]


def test_the_counterpart_may_be_a_body_or_an_external_party(as_registrar, case, doctype):
    body = BodyFactory(short_name="SN", name="Servicenämnden")
    external = ExternalPartyFactory(name="Vision")
    for field, value, label in [
        ("counterpart_body", body.pk, "Servicenämnden"),
        ("counterpart_external", external.pk, "Vision"),
    ]:
        response = as_registrar.post(
            url("api-registry-documents", case.number),
            {
                "direction": "outgoing",
                "document_type": doctype.pk,
                "document_date": TODAY().isoformat(),
                "subject": "Remiss",
                field: value,
            },
            format="multipart",
        )
        assert response.status_code == 201, response.content
        assert response.json()["counterpart"] == label
        assert response.json()[field] == value


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"direction": "sideways"}, None),
        ({"direction": ""}, None),
        ({"document_type": 999999}, None),
        ({"document_type": "yttrande"}, None),
        ({"document_date": "31/12/2024"}, None),
        ({"document_date": "2999-01-01"}, "future_date"),
        ({"subject": ""}, None),
        ({"counterpart_text": ""}, None),
        ({"counterpart_body": "BODY"}, None),
        ({"counterpart_external": 999999}, None),
        ({"is_secret": "true"}, None),
        ({"files": [upload("tom.pdf", b"")]}, None),
        ({"files": [upload("arkiv.zip", zip_bytes())]}, "archive"),
        ({"files": [upload("program.exe", b"MZ\x90\x00\x03" + b"\x00" * 60 + b"PE\x00\x00")]}, None),
        ({"files": [upload("trasig.pdf", b"%PDF-1.4 trasig")]}, "malformed"),
        ({"files": [upload("bild.png", b"\x89PNG\r\n\x1a\n"), "inte en fil"]}, None),
    ],
)
def test_registering_a_document_with_bad_input_gives_400(as_registrar, case, doctype, change, code):
    data = {
        "direction": "incoming",
        "document_type": doctype.pk,
        "document_date": TODAY().isoformat(),
        "subject": "Remissvar",
        "counterpart_text": "Miljönämnden",
        **change,
    }
    if data.get("counterpart_body") == "BODY":
        data["counterpart_body"] = BodyFactory(short_name="SN", name="Servicenämnden").pk
    response = as_registrar.post(url("api-registry-documents", case.number), data, format="multipart")
    assert_swedish_400(response)
    if code:
        assert response.json()["code"] == code
    assert not Document.objects.exists()
    assert not DocumentFile.objects.exists()


def test_a_file_that_is_too_big_gives_400(as_registrar, case, doctype, settings):
    settings.SAMVERKA_MAX_UPLOAD_BYTES = 1024
    response = as_registrar.post(
        url("api-registry-documents", case.number),
        {
            "direction": "created",
            "document_type": doctype.pk,
            "document_date": TODAY().isoformat(),
            "subject": "Stor fil",
            "files": [upload("stor.txt", b"a" * 2048)],
        },
        format="multipart",
    )
    assert response.status_code == 400
    assert response.json()["code"] == "too_large"
    assert "för stor" in response.json()["detail"]


def test_a_closed_case_takes_no_documents_or_versions(as_registrar, document, registrar):
    from samverka.registry import services

    case = document.case
    services.case_close(actor=registrar, case=case, reason="Klart")
    response = as_registrar.post(
        url("api-registry-documents", case.number),
        {
            "direction": "created",
            "document_type": document.document_type_id,
            "document_date": TODAY().isoformat(),
            "subject": "Sent",
        },
        format="json",
    )
    assert (response.status_code, response.json()["code"]) == (400, "case_closed")
    response = as_registrar.post(
        url("api-registry-document-files", case.number, 1), {"file": pdf_upload()}, format="multipart"
    )
    assert (response.status_code, response.json()["code"]) == (400, "case_closed")


def test_adding_a_file_version(as_registrar, document):
    case = document.case
    path = url("api-registry-document-files", case.number, 1)
    response = as_registrar.post(path, {"file": pdf_upload("Version två", name="v2.pdf")}, format="multipart")
    assert response.status_code == 201, response.content
    assert (response.json()["version"], response.json()["filename"]) == (2, "v2.pdf")
    versions = as_registrar.get(url("api-registry-document", case.number, 1)).json()["files"]
    assert [f["version"] for f in versions] == [2, 1]
    assert_swedish_400(as_registrar.post(path, {}, format="multipart"))
    assert_swedish_400(as_registrar.post(path, {"file": "inte en fil"}, format="multipart"))
    response = as_registrar.post(path, {"file": upload("a.zip", zip_bytes())}, format="multipart")
    assert (response.status_code, response.json()["code"]) == (400, "archive")
    assert document.files.count() == 2


def test_correcting_a_document(as_registrar, document):
    case = document.case
    path = url("api-registry-document-correct", case.number, 1)
    body = BodyFactory(short_name="SN", name="Servicenämnden")
    response = as_registrar.post(
        path, {"subject": "Remissvar (rättat)", "counterpart_body": body.pk, "reason": "Fel avsändare"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["subject"] == "Remissvar (rättat)"
    assert response.json()["counterpart"] == "Servicenämnden"
    document.refresh_from_db()
    assert (document.counterpart_body_id, document.counterpart_text) == (body.pk, "")
    assert document.history.first().history_change_reason == "Rättelse: Fel avsändare"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ({"subject": "Utan skäl"}, None),
        ({"subject": "Tomt skäl", "reason": "  "}, None),
        ({"reason": "Inget ändrat"}, "no_change"),
        ({"subject": "Yttrande över riktlinjer", "reason": "Samma som förut"}, "no_change"),
        ({"document_date": "2999-01-01", "reason": "Framtid"}, "future_date"),
        ({"document_date": "i morgon", "reason": "Skräp"}, None),
        ({"direction": "upp", "reason": "Skräp"}, None),
        ({"document_type": "x", "reason": "Skräp"}, None),
        ({"counterpart_text": "", "reason": "Ingen avsändare"}, None),
        ({"counterpart_text": "A", "counterpart_external": "EXTERNAL", "reason": "Två"}, None),
        ({"is_secret": True, "reason": "Sekretess utan grund"}, None),
    ],
)
def test_correcting_a_document_with_bad_input_gives_400(as_registrar, document, data, code):
    if data.get("counterpart_external") == "EXTERNAL":
        data = {**data, "counterpart_external": ExternalPartyFactory().pk}
    response = as_registrar.post(url("api-registry-document-correct", document.case.number, 1), data, format="json")
    assert_swedish_400(response)
    if code:
        assert response.json()["code"] == code
    document.refresh_from_db()
    assert (document.subject, document.counterpart_text) == ("Yttrande över riktlinjer", "Miljönämnden")


def test_only_a_registrar_may_correct(api, document, series):
    officer = user_with_role(Role.CASE_OFFICER, administration=series.administration)
    api.force_login(officer)
    path = url("api-registry-document-correct", document.case.number, 1)
    response = api.post(path, {"subject": "Ändrat", "reason": "Försök"}, format="json")
    assert response.status_code == 403
    assert response.json()["detail"] == "Bara registrator får rätta registrerade uppgifter."


def test_document_list_queries_do_not_grow_with_rows(api, case, registrar, doctype):
    reader = user_with_role(Role.READER)
    api.force_login(reader)
    external = ExternalPartyFactory()

    def make(n: int) -> None:
        for i in range(n):
            register_document(
                case=case,
                actor=registrar,
                document_type=doctype,
                counterpart=external if i % 2 else "Miljönämnden",
                is_secret=i % 3 == 0,
                secrecy_reference="OSL 25 kap. 1 §" if i % 3 == 0 else "",
                files=[upload(f"bilaga{i}.txt", f"Bilaga {i}".encode())],
            )

    make(3)
    few = count_queries(api, url("api-registry-documents", case.number))
    make(27)
    many = count_queries(api, url("api-registry-documents", case.number))
    assert api.get(url("api-registry-documents", case.number)).json()["count"] == 30
    assert many == few


# -- Secrecy in the staff API -----------------------------------------------------------------


def test_a_user_without_the_right_never_receives_secret_text(api, secret_document, other_administration):
    case = secret_document.case
    stored = secret_document.files.get()
    outsider = user_with_role(Role.CASE_OFFICER, administration=other_administration)
    for user in (user_with_role(Role.READER), outsider):
        api.force_login(user)
        for path in [
            url("api-registry-cases"),
            url("api-registry-cases") + f"?q={case.number}",
            url("api-registry-case", case.number),
            url("api-registry-documents", case.number),
            url("api-registry-document", case.number, 1),
        ]:
            response = api.get(path)
            assert response.status_code == 200, path
            text = text_of(response)
            for secret in SECRET_STRINGS:
                assert secret not in text, (path, secret)
            assert PUBLIC_TITLE in text or "Inkommen handling" in text
        detail = api.get(url("api-registry-case", case.number)).json()
        assert (detail["title"], detail["description"], detail["child_rights_assessment"]) == (
            PUBLIC_TITLE,
            None,
            None,
        )
        assert detail["secrets_visible"] is False
        document = api.get(url("api-registry-document", case.number, 1)).json()
        assert document["protected_subject"] is None
        assert document["files"][0]["download_url"] is None
        assert document["files"][0]["filename"] is None
        response = api.get(url("api-registry-file-download", stored.pk))
        assert response.status_code == 403
        assert response.json()["detail"] == "Filen omfattas av sekretess."


def test_relations_show_the_public_title_of_a_secret_case(api, case, secret_case, registrar):
    from samverka.registry import services

    services.case_relate(actor=registrar, case=case, other=secret_case, note="Hör ihop")
    api.force_login(user_with_role(Role.READER))
    relations = api.get(url("api-registry-case", case.number)).json()["relations"]
    assert [r["title"] for r in relations] == [PUBLIC_TITLE]


def test_those_with_the_right_see_the_secret_parts(as_registrar, secret_document):
    case = secret_document.case
    detail = as_registrar.get(url("api-registry-case", case.number)).json()
    assert (detail["title"], detail["description"], detail["child_rights_assessment"]) == (
        SECRET_TITLE,
        SECRET_DESCRIPTION,
        SECRET_CHILD_RIGHTS,
    )
    document = as_registrar.get(url("api-registry-document", case.number, 1)).json()
    assert document["protected_subject"] == SECRET_SUBJECT
    assert document["files"][0]["filename"] == "intyg.pdf"
    assert as_registrar.get(document["files"][0]["download_url"]).status_code == 200


PROTECTED_SUBJECT = "Skrivelse från Pettersson om hot"


@pytest.fixture
def unmarked_document(case, registrar, doctype):
    """A public document in a public case whose protected description is protected all the same."""
    return register_document(
        case=case, actor=registrar, document_type=doctype, subject="Skrivelse", protected_subject=PROTECTED_SUBJECT
    )


def _protected_subjects(client, document) -> tuple:
    rows = client.get(url("api-registry-documents", document.case.number)).json()["results"]
    detail = client.get(url("api-registry-document", document.case.number, document.sequence)).json()
    return rows[0]["protected_subject"], detail["protected_subject"]


@pytest.mark.parametrize("role", [Role.READER, Role.DIGITAL_LEAD, Role.AUDITOR])
def test_the_protected_description_is_hidden_from_staff_without_the_right_even_unmarked(api, unmarked_document, role):
    """Not marked secret, the protected description still shows only to those who may read the
    case's secrets, as on the pages and in the search."""
    api.force_login(user_with_role(role))
    assert _protected_subjects(api, unmarked_document) == (None, None)
    assert PROTECTED_SUBJECT not in text_of(api.get(url("api-registry-documents", unmarked_document.case.number)))


def test_a_registrar_of_another_series_does_not_see_the_protected_description(
    api, unmarked_document, other_administration
):
    api.force_login(registrar_for(series_for("MN", other_administration)))
    assert _protected_subjects(api, unmarked_document) == (None, None)


def test_those_who_may_read_the_secrets_see_the_protected_description(api, registrar, series, doctype):
    officer = user_with_role(Role.READER)
    case = open_case(
        series=series, actor=registrar, title="Hot mot tjänsteman", responsible_officer=Person.objects.get(user=officer)
    )
    document = register_document(
        case=case, actor=registrar, document_type=doctype, subject="Skrivelse", protected_subject=PROTECTED_SUBJECT
    )
    for user in (
        registrar,
        user_with_role(Role.CASE_OFFICER, administration=series.administration),
        user_with_role(Role.SECRETARY),
        user_with_role(Role.ADMINISTRATOR),
        officer,
    ):
        api.force_login(user)
        assert _protected_subjects(api, document) == (PROTECTED_SUBJECT, PROTECTED_SUBJECT), user


def test_document_list_queries_do_not_grow_with_protected_rows(api, case, registrar, doctype, series):
    """The user's secret scope is worked out once per response, not once per document."""
    api.force_login(user_with_role(Role.CASE_OFFICER, administration=series.administration))

    def make(n: int) -> None:
        for i in range(n):
            register_document(
                case=case,
                actor=registrar,
                document_type=doctype,
                subject=f"Handling {i}",
                protected_subject=f"Skyddat {i}",
                is_secret=i % 2 == 0,
                secrecy_reference="OSL 18 kap. 8 §" if i % 2 == 0 else "",
            )

    make(2)
    few = count_queries(api, url("api-registry-documents", case.number))
    make(18)
    many = count_queries(api, url("api-registry-documents", case.number))
    rows = api.get(url("api-registry-documents", case.number)).json()["results"]
    assert len(rows) == 20
    assert all(row["protected_subject"].startswith("Skyddat") for row in rows)
    assert many == few


# -- Search -----------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_search_returns_hits_with_snippets_and_numbers(series, doctype):
    from samverka.registry.tests.factories import registrar_for

    registrar = registrar_for(series)
    case = open_case(series=series, actor=registrar, title="Informationssäkerhet i skolan")
    register_document(
        case=case,
        actor=registrar,
        document_type=doctype,
        files=[pdf_upload("Revisionsrapport om informationssakerhet")],
    )
    api = APIClient()
    api.force_login(user_with_role(Role.READER))
    response = api.get(url("api-registry-search") + "?q=informationssakerhet")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] >= 1
    hit = next(h for h in body["results"] if h["type"] == "document")
    assert hit["case_number"] == case.number
    assert hit["document_number"] == f"{case.number}:1"
    assert "<mark>" in hit["snippet"]
    assert hit["url"].endswith(url("api-registry-document", case.number, 1))
    only_cases = api.get(url("api-registry-search") + "?q=informationssäkerhet&kind=case").json()["results"]
    assert {h["type"] for h in only_cases} == {"case"}
    assert only_cases[0]["title"] == "Informationssäkerhet i skolan"


@pytest.mark.django_db(transaction=True)
def test_search_never_shows_secret_text_to_those_without_the_right(series, doctype):
    from samverka.registry.tests.factories import registrar_for

    registrar = registrar_for(series)
    case = open_case(
        series=series,
        actor=registrar,
        title=SECRET_TITLE,
        description=SECRET_DESCRIPTION,
        is_secret=True,
        secrecy_reference="OSL 26 kap. 1 §",
        public_title=PUBLIC_TITLE,
    )
    register_document(
        case=case,
        actor=registrar,
        document_type=doctype,
        subject="Inkommen handling",
        protected_subject=SECRET_SUBJECT,
        is_secret=True,
        secrecy_reference="OSL 25 kap. 1 §",
    )
    api = APIClient()
    api.force_login(user_with_role(Role.READER))
    for query in ("Kula", "socialtjänstlagen", "handling", case.number):
        response = api.get(url("api-registry-search"), {"q": query})
        assert response.status_code == 200
        text = text_of(response)
        for secret in SECRET_STRINGS:
            assert secret not in text, (query, secret)
    assert api.get(url("api-registry-search"), {"q": "Kula"}).json()["count"] == 0
    api.force_login(registrar)
    hits = api.get(url("api-registry-search"), {"q": "Kula"}).json()["results"]
    assert {h["case_number"] for h in hits} == {case.number}
    assert any(h["title"] == SECRET_TITLE for h in hits)


@pytest.mark.parametrize(
    "query",
    [
        "",
        "q=",
        f"q={'x' * 201}",
        "q=a&date_from=igår",
        "q=a&date_from=2024-02-01&date_to=2024-01-01",
        "q=a&body=999999",
        "q=a&body=abc",
        "q=a&document_type=x",
        "q=a&kind=allt",
        "q=a&page=abc",
        "q=a&page=99999999999999999999",
        "q=a%00b",
    ],
)
def test_bad_search_input_gives_400(as_reader, query):
    assert_swedish_400(as_reader.get(url("api-registry-search") + "?" + query))


def test_search_filters_are_accepted(as_reader, doctype):
    body = BodyFactory(short_name="SN", name="Servicenämnden")
    response = as_reader.get(
        url("api-registry-search"),
        {"q": "plan", "body": body.pk, "document_type": doctype.pk, "date_from": "2024-01-01", "kind": "document"},
    )
    assert response.status_code == 200
    assert response.json()["results"] == []


# -- The public registry ----------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_public_search_needs_no_sign_in_and_never_shows_secrets(series, doctype):
    from samverka.registry.tests.factories import registrar_for

    registrar = registrar_for(series)
    public_case = open_case(series=series, actor=registrar, title="Digitaliseringsplan för skolan")
    register_document(
        case=public_case,
        actor=registrar,
        document_type=doctype,
        subject="Plan för digitalisering",
        files=[pdf_upload("Digitaliseringsplan med bilagor")],
    )
    secret_case = open_case(
        series=series,
        actor=registrar,
        title=SECRET_TITLE,
        description=SECRET_DESCRIPTION,
        is_secret=True,
        secrecy_reference="OSL 26 kap. 1 §",
        public_title=PUBLIC_TITLE,
    )
    register_document(
        case=secret_case,
        actor=registrar,
        document_type=doctype,
        subject="Inkommen handling om digitalisering",
        protected_subject=SECRET_SUBJECT,
        is_secret=True,
        secrecy_reference="OSL 25 kap. 1 §",
        files=[pdf_upload("Kula digitalisering", name="intyg.pdf")],
    )
    api = APIClient()
    response = api.get(url("api-public-search"), {"q": "digitalisering"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] >= 2
    numbers = {hit["case_number"] for hit in body["results"]}
    assert numbers == {public_case.number, secret_case.number}
    assert any("<mark>" in hit["snippet"] for hit in body["results"])
    assert any(hit["case_title"] == PUBLIC_TITLE for hit in body["results"])
    for query in ({"q": "digitalisering"}, {"q": "Kula"}, {"q": "socialtjänstlagen"}, {}):
        text = text_of(api.get(url("api-public-search"), query))
        for secret in SECRET_STRINGS:
            assert secret not in text, (query, secret)
        assert "protected_subject" not in text
    assert api.get(url("api-public-search"), {"q": "Kula"}).json()["count"] == 0
    browsing = api.get(url("api-public-search")).json()
    assert browsing["count"] == 2
    assert {hit["type"] for hit in browsing["results"]} == {"document"}


def test_public_case_detail_masks_secrets_and_serves_only_public_files(api, document, secret_document):
    response = api.get(url("api-public-case", secret_document.case.number))
    assert response.status_code == 200
    text = text_of(response)
    for secret in SECRET_STRINGS:
        assert secret not in text
    assert "protected_subject" not in text
    assert "description" not in response.json()
    body = response.json()
    assert body["title"] == PUBLIC_TITLE
    assert body["documents"][0]["files"] == []
    assert body["documents"][0]["file_count"] == 1
    secret_file = secret_document.files.get()
    assert api.get(url("api-public-file-download", secret_file.pk)).status_code == 404

    body = api.get(url("api-public-case", document.case.number.lower())).json()
    assert body["title"] == "Riktlinjer för IT och digitalisering"
    public_file = body["documents"][0]["files"][0]
    download = api.get(public_file["download_url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == pdf_bytes("Remissvar")


def test_a_document_in_a_secret_case_is_not_served_to_the_public(api, secret_case, registrar, doctype):
    document = register_document(case=secret_case, actor=registrar, document_type=doctype, files=[pdf_upload()])
    body = api.get(url("api-public-case", secret_case.number)).json()
    assert body["documents"][0]["files"] == []
    assert api.get(url("api-public-file-download", document.files.get().pk)).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "date_from=igår",
        "date_from=2024-02-01&date_to=2024-01-01",
        "body=999999",
        "document_type=abc",
        "page=abc",
        "page=99999999999999999999",
        f"q={'x' * 201}",
    ],
)
def test_bad_public_search_input_gives_400(api, query):
    assert_swedish_400(api.get(url("api-public-search") + "?" + query))


def test_public_endpoints_need_no_sign_in_and_take_no_writes(api, document):
    assert api.get(url("api-public-search")).status_code == 200
    assert api.get(url("api-public-case", document.case.number)).status_code == 200
    assert api.post(url("api-public-search"), {}).status_code == 405
    assert api.post(url("api-public-case", document.case.number), {}).status_code == 405


def test_public_case_detail_queries_do_not_grow_with_documents(api, case, registrar, doctype):
    def make(n: int) -> None:
        for i in range(n):
            register_document(case=case, actor=registrar, document_type=doctype, files=[upload(f"b{i}.txt", b"Bilaga")])

    make(3)
    few = count_queries(api, url("api-public-case", case.number))
    make(27)
    assert count_queries(api, url("api-public-case", case.number)) == few
