"""The registry's pages: sign-in, permissions, bad input answered in Swedish (never a 500), and
query counts that do not grow with the number of rows."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samverka.organisation.models import ExternalParty, Role
from samverka.organisation.tests.factories import UserFactory, user_with_role
from samverka.registry import services
from samverka.registry.models import Case, CaseRelation, Document, DocumentFile
from samverka.registry.tests.factories import (
    DocumentTypeFactory,
    open_case,
    pdf_upload,
    register_document,
    series_for,
    upload,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
REQUIRED = "Det här fältet är obligatoriskt."
BAD_DATE = "Fyll i ett giltigt datum."
BAD_CHOICE = "Välj ett giltigt alternativ."


@pytest.fixture
def case(series, registrar):
    case = open_case(series=series, actor=registrar, title="Ny e-tjänst för bygglov")
    register_document(case=case, actor=registrar, files=[pdf_upload("Bygglov")])
    return case


@pytest.fixture
def reader(series):
    return user_with_role(Role.READER, administration=series.administration)


def page_urls(case) -> dict[str, str]:
    file_id = DocumentFile.objects.filter(document__case=case).values_list("pk", flat=True).first()
    return {
        "case_list": reverse("registry:case_list"),
        "case_open": reverse("registry:case_open"),
        "case_detail": reverse("registry:case_detail", args=[case.number]),
        "case_close": reverse("registry:case_close", args=[case.number]),
        "case_reopen": reverse("registry:case_reopen", args=[case.number]),
        "document_register": reverse("registry:document_register", args=[case.number]),
        "document_detail": reverse("registry:document_detail", args=[case.number, 1]),
        "document_correct": reverse("registry:document_correct", args=[case.number, 1]),
        "file_download": reverse("registry:file_download", args=[file_id]),
        "search": reverse("registry:search"),
        "export": reverse("registry:export"),
    }


POST_ONLY = {
    "case_relate": lambda case: reverse("registry:case_relate", args=[case.number]),
    "document_add_version": lambda case: reverse("registry:document_add_version", args=[case.number, 1]),
}


# -- Sign-in and permissions --------------------------------------------------------------------


def test_every_staff_page_requires_sign_in(client, case):
    login = reverse("login")
    for name, url in page_urls(case).items():
        response = client.get(url)
        assert response.status_code == 302, name
        assert response["Location"].startswith(f"{login}?next="), name
    for name, url in POST_ONLY.items():
        response = client.post(url(case), {})
        assert response.status_code == 302 and response["Location"].startswith(login), name
    assert Case.objects.count() == 1 and CaseRelation.objects.count() == 0


def test_a_signed_in_user_without_a_role_sees_nothing(client, case):
    client.force_login(UserFactory())
    for name, url in page_urls(case).items():
        assert client.get(url).status_code == 403, name


WRITE_PAGES = ["case_open", "case_close", "case_reopen", "document_register", "document_correct", "export"]


@pytest.mark.parametrize("name", WRITE_PAGES)
def test_a_reader_gets_403_on_write_pages(client, case, reader, name):
    client.force_login(reader)
    url = page_urls(case)[name]
    assert client.get(url).status_code == 403
    if name != "export":
        assert client.post(url, {"reason": "x", "title": "x"}).status_code == 403


def test_a_reader_cannot_post_relations_or_versions(client, case, reader, series, registrar):
    other = open_case(series=series, actor=registrar)
    client.force_login(reader)
    assert client.post(POST_ONLY["case_relate"](case), {"other": other.number}).status_code == 403
    response = client.post(POST_ONLY["document_add_version"](case), {"file": pdf_upload()})
    assert response.status_code == 403
    assert CaseRelation.objects.count() == 0 and DocumentFile.objects.count() == 1


def test_a_reader_may_read(client, case, reader):
    client.force_login(reader)
    for name in ("case_list", "case_detail", "document_detail", "file_download", "search"):
        assert client.get(page_urls(case)[name]).status_code == 200, name
    content = client.get(page_urls(case)["case_detail"]).content.decode()
    assert "Avsluta ärendet" not in content and "Koppla ärende" not in content


def test_unknown_numbers_are_404(client, case, registrar):
    client.force_login(registrar)
    assert client.get(reverse("registry:case_detail", args=["STK-1999-77"])).status_code == 404
    assert client.get(reverse("registry:document_detail", args=[case.number, 99])).status_code == 404
    assert client.get(reverse("registry:file_download", args=[999999])).status_code == 404
    assert client.get(reverse("registry:case_close", args=["XX-2020-1"])).status_code == 404


# -- Forms with bad input -----------------------------------------------------------------------


def assert_form_error(response, *messages: str, status=(200, 400)) -> None:
    assert response.status_code in status
    content = response.content.decode()
    for message in messages:
        assert message in content, message


def test_opening_a_case_with_bad_input(client, series, registrar, other_administration):
    other = series_for("MN", other_administration)
    client.force_login(registrar)
    url = reverse("registry:case_open")
    assert_form_error(client.post(url, {}), REQUIRED, "Formuläret innehåller fel")
    assert_form_error(client.post(url, {"series": "999999", "title": "X"}), BAD_CHOICE)
    assert_form_error(client.post(url, {"series": "abc", "title": "X"}), BAD_CHOICE)
    # A series the user may not register in is not a choice either.
    assert_form_error(client.post(url, {"series": other.pk, "title": "X"}), BAD_CHOICE)
    assert_form_error(
        client.post(url, {"series": series.pk, "title": "X", "is_secret": "on"}),
        "Ange sekretessgrund",
        "Ett ärende med sekretess behöver en offentlig ärendemening.",
    )
    assert_form_error(client.post(url, {"series": series.pk, "title": "   "}), REQUIRED)
    assert_form_error(client.post(url, {"series": series.pk, "title": "x" * 501}), "som mest 500 tecken")
    assert not Case.objects.exists()


def test_opening_a_case(client, series, registrar):
    client.force_login(registrar)
    response = client.post(
        reverse("registry:case_open"),
        {"series": series.pk, "title": "Upphandling av växel", "child_rights_assessment": "Berör inte barn."},
    )
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("registry:case_detail", args=[case.number])
    assert case.number == f"STK-{TODAY().year}-1" and case.created_by == registrar


@pytest.fixture
def document_form(doctype):
    return {
        "direction": "incoming",
        "document_type": doctype.pk,
        "document_date": TODAY().isoformat(),
        "counterpart_text": "Miljönämnden",
        "subject": "Yttrande",
    }


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"document_date": "2024-13-45"}, BAD_DATE),
        ({"document_date": "igår"}, BAD_DATE),
        (
            {"document_date": (timezone.localdate() + dt.timedelta(days=400)).isoformat()},
            "Datumet kan inte ligga i framtiden.",
        ),
        ({"document_type": "999999"}, BAD_CHOICE),
        ({"direction": "sideways"}, BAD_CHOICE),
        ({"subject": ""}, REQUIRED),
        ({"counterpart_text": ""}, "Ange avsändare eller mottagare."),
        ({"counterpart": "body:999999", "counterpart_text": ""}, BAD_CHOICE),
        ({"counterpart": "robot:1", "counterpart_text": ""}, BAD_CHOICE),
        ({"is_secret": "on"}, "Ange sekretessgrund"),
    ],
)
def test_registering_a_document_with_bad_input(client, case, registrar, document_form, changes, message):
    client.force_login(registrar)
    response = client.post(reverse("registry:document_register", args=[case.number]), {**document_form, **changes})
    assert_form_error(response, message, status=(400,))
    assert Document.objects.filter(case=case).count() == 1


def test_registering_a_document_needs_the_basic_fields(client, case, registrar):
    client.force_login(registrar)
    response = client.post(reverse("registry:document_register", args=[case.number]), {})
    assert_form_error(response, REQUIRED, status=(400,))
    assert set(response.context["form"].errors) >= {"direction", "document_type", "document_date", "subject"}


def test_both_a_listed_and_a_free_counterpart_is_refused(client, case, registrar, document_form, other_administration):
    client.force_login(registrar)
    response = client.post(
        reverse("registry:document_register", args=[case.number]),
        {**document_form, "counterpart": f"administration:{other_administration.pk}"},
    )
    assert_form_error(response, "Välj i listan eller skriv fritt, inte båda.", status=(400,))


def test_registering_a_document(client, case, registrar, document_form, other_administration):
    client.force_login(registrar)
    response = client.post(
        reverse("registry:document_register", args=[case.number]),
        {
            **document_form,
            "counterpart": f"administration:{other_administration.pk}",
            "counterpart_text": "",
            "files": [pdf_upload("Ett"), upload("b.txt", "Två".encode())],
        },
    )
    assert response.status_code == 302
    document = Document.objects.get(case=case, sequence=2)
    assert document.counterpart_administration == other_administration
    assert document.files.count() == 2


def test_registering_in_a_closed_case_is_a_form_error(client, case, registrar, document_form):
    services.case_close(actor=registrar, case=case, reason="Klart")
    client.force_login(registrar)
    response = client.post(reverse("registry:document_register", args=[case.number]), document_form)
    assert_form_error(response, "är avslutat", status=(400,))


def test_closing_and_reopening_with_bad_input(client, case, registrar):
    client.force_login(registrar)
    close, reopen = page_urls(case)["case_close"], page_urls(case)["case_reopen"]
    assert_form_error(client.post(close, {"reason": ""}), REQUIRED, status=(400,))
    assert_form_error(client.post(close, {"reason": "x" * 2001}), "som mest 2000 tecken", status=(400,))
    assert_form_error(client.post(reopen, {"reason": "Igen"}), "Ärendet är inte avslutat.", status=(400,))
    assert client.post(close, {"reason": "Besvarat"}).status_code == 302
    assert_form_error(client.post(close, {"reason": "Igen"}), "Ärendet är redan avslutat.", status=(400,))
    assert client.post(reopen, {"reason": "Komplettering"}).status_code == 302
    case.refresh_from_db()
    assert case.status == Case.Status.OPEN


def test_correcting_with_bad_input(client, case, registrar):
    client.force_login(registrar)
    url = page_urls(case)["document_correct"]
    current = client.get(url).context["form"].initial
    data = {
        **{k: v for k, v in current.items() if v not in (None, False)},
        "document_date": TODAY().isoformat(),
        "document_type": current["document_type"],
    }
    assert_form_error(client.post(url, data), REQUIRED, status=(400,))  # no reason
    assert_form_error(client.post(url, {**data, "reason": "Fel"}), "Inga uppgifter ändrades.", status=(400,))
    assert_form_error(
        client.post(url, {**data, "reason": "Fel", "document_date": "2024-13-45"}), BAD_DATE, status=(400,)
    )
    response = client.post(url, {**data, "reason": "Fel avsändare", "counterpart_text": "Kulturnämnden"})
    assert response.status_code == 302
    document = Document.objects.get(case=case, sequence=1)
    assert document.counterpart == "Kulturnämnden"
    assert document.history.first().history_change_reason == "Rättelse: Fel avsändare"


def test_relating_with_bad_input(client, case, registrar, series):
    client.force_login(registrar)
    url = POST_ONLY["case_relate"](case)
    for data, message in [
        ({"other": "STK-1999-12345"}, "Det finns inget ärende med diarienummer STK-1999-12345."),
        ({"other": "inte ett nummer"}, "Det finns inget ärende med diarienummer INTE ETT NUMMER."),
        ({"other": ""}, REQUIRED),
        ({"other": case.number.lower()}, "Ett ärende kan inte kopplas till sig självt."),
    ]:
        response = client.post(url, data, follow=True)
        assert_form_error(response, message, status=(200,))
    other = open_case(series=series, actor=registrar)
    assert_form_error(client.post(url, {"other": other.number}, follow=True), "Ärendena är kopplade.")
    assert_form_error(client.post(url, {"other": other.number}, follow=True), "redan kopplade")
    assert CaseRelation.objects.count() == 1
    content = client.get(reverse("registry:case_detail", args=[other.number])).content.decode()
    assert reverse("registry:case_detail", args=[case.number]) in content


def test_adding_a_version_with_bad_input(client, case, registrar):
    client.force_login(registrar)
    url = POST_ONLY["document_add_version"](case)
    assert_form_error(client.post(url, {}, follow=True), "Välj en fil att ladda upp.")
    assert_form_error(client.post(url, {"file": upload("a.pdf", b"MZ" + b"\x00" * 100)}, follow=True), "tas inte emot")
    assert_form_error(client.post(url, {"file": pdf_upload("Två")}, follow=True), "Version 2 är sparad.")
    assert DocumentFile.objects.filter(document__case=case).count() == 2


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"start": "2024-05-01", "end": "2024-04-01", "format": "csv"}, "Slutdatumet måste vara samma som eller efter"),
        ({"start": "2024-13-45", "end": "2024-04-01", "format": "csv"}, BAD_DATE),
        ({"start": "2022-01-01", "end": "2024-01-01", "format": "csv"}, "Välj en period på högst ett år."),
        ({"start": "2024-01-01", "end": "2024-02-01", "format": "xls"}, BAD_CHOICE),
        ({"start": "", "end": "", "format": ""}, REQUIRED),
    ],
)
def test_export_with_bad_input(client, registrar, params, message):
    client.force_login(registrar)
    assert_form_error(client.get(reverse("registry:export"), params), message, status=(400,))


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": "999999"},
        {"page": "-3"},
        {"sort": "does-not-exist"},
        {"sort": "-title", "page": "0"},
        {"opened_from": "2024-13-45"},
        {"opened_from": "2024-05-01", "opened_to": "2024-04-01"},
        {"series": "abc"},
        {"status": "nonsense"},
    ],
)
def test_the_case_list_survives_odd_parameters(client, case, registrar, params):
    client.force_login(registrar)
    response = client.get(reverse("registry:case_list"), params)
    assert response.status_code == 200
    content = response.content.decode()
    if "opened_to" in params:
        assert "Slutdatumet måste vara samma som eller efter startdatumet." in content
    if params.get("opened_from") == "2024-13-45":
        assert BAD_DATE in content


def test_an_unknown_sort_keeps_the_filters(client, case, series, registrar):
    open_case(series=series, actor=registrar, title="Parkering vid stadshuset")
    client.force_login(registrar)
    response = client.get(reverse("registry:case_list"), {"q": "bygglov", "sort": "nonsense"})
    assert response.status_code == 200
    assert [c.number for c, _t in response.context["rows"]] == [case.number]


def test_the_case_list_pages_and_sorts(client, series, registrar):
    for n in range(30):
        open_case(series=series, actor=registrar, title=f"Ärende {n:02d}")
    client.force_login(registrar)
    response = client.get(reverse("registry:case_list"), {"sort": "number", "page": "2"})
    rows = [c.sequence for c, _t in response.context["rows"]]
    assert rows == list(range(26, 31))
    assert "Sida 2 av 2" in response.content.decode()
    assert client.get(reverse("registry:case_list"), {"page": "999"}).context["page_obj"].number == 2


@pytest.mark.parametrize(
    ("params", "status", "message"),
    [
        ({"q": "x", "date_from": "2024-05-01", "date_to": "2024-04-01"}, 400, "Slutdatumet måste vara samma"),
        ({"q": "x", "date_from": "2024-13-45"}, 400, BAD_DATE),
        ({"q": "x", "body": "999999"}, 400, BAD_CHOICE),
        ({"q": "x", "kind": "everything"}, 400, BAD_CHOICE),
        ({"q": "x" * 201}, 400, "som mest 200 tecken"),
        ({"q": "bygglov", "page": "abc"}, 200, ""),
        ({"q": "bygglov", "page": "99999"}, 200, ""),
    ],
)
def test_search_with_bad_input(client, case, registrar, params, status, message):
    client.force_login(registrar)
    assert_form_error(client.get(reverse("registry:search"), params), message, status=(status,))


def test_searching_an_exact_number_opens_the_case(client, case, registrar):
    client.force_login(registrar)
    response = client.get(reverse("registry:search"), {"q": case.number.lower()})
    assert response.status_code == 302 and response["Location"] == reverse("registry:case_detail", args=[case.number])


# -- Query counts -------------------------------------------------------------------------------


def count_queries(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code == 200
    return len(queries)


def make_cases(series, registrar, n: int, officer=None) -> None:
    for i in range(n):
        secret = i % 2 == 0
        open_case(
            series=series,
            actor=registrar,
            title=f"Ärende nummer {i}",
            responsible_officer=officer,
            is_secret=secret,
            secrecy_reference="OSL 18 kap. 8 §" if secret else "",
            public_title="Säkerhetsärende" if secret else "",
        )


@pytest.mark.parametrize("who", ["registrar", "reader", "registrar elsewhere"])
def test_the_case_list_query_count_does_not_grow(client, series, registrar, other_administration, who):
    users = {
        "registrar": registrar,
        "reader": user_with_role(Role.READER, administration=series.administration),
        "registrar elsewhere": user_with_role(Role.REGISTRAR, administration=other_administration),
    }
    officer = user_with_role(Role.CASE_OFFICER, administration=series.administration).person
    client.force_login(users[who])
    make_cases(series, registrar, 3, officer)
    few = count_queries(client, reverse("registry:case_list"))
    make_cases(series, registrar, 27, officer)
    many = count_queries(client, reverse("registry:case_list"))
    assert few == many


def make_documents(case, registrar, n: int, other_case) -> None:
    counterparts = [
        ExternalParty.objects.get_or_create(name="Vision")[0],
        other_case.series.administration,
        other_case.series.administration.body,
        "Fritext",
    ]
    for i in range(n):
        secret = i % 3 == 0
        register_document(
            case=case,
            actor=registrar,
            subject=f"Handling {i}",
            protected_subject="Skyddad" if secret else "",
            is_secret=secret,
            secrecy_reference="OSL 21 kap. 1 §" if secret else "",
            counterpart=counterparts[i % 4],
            document_type=DocumentTypeFactory(),
            files=[pdf_upload(f"Handling {i}")],
        )


@pytest.mark.parametrize("who", ["registrar", "reader"])
def test_the_case_page_query_count_does_not_grow(client, series, registrar, reader, who):
    case = open_case(series=series, actor=registrar)
    other = open_case(series=series, actor=registrar)
    services.case_relate(actor=registrar, case=case, other=other)
    client.force_login(registrar if who == "registrar" else reader)
    url = reverse("registry:case_detail", args=[case.number])
    make_documents(case, registrar, 3, other)
    few = count_queries(client, url)
    make_documents(case, registrar, 27, other)
    third = open_case(series=series, actor=registrar)
    services.case_relate(actor=registrar, case=third, other=case)
    many = count_queries(client, url)
    assert few == many


def test_the_document_page_query_count_does_not_grow(client, series, registrar):
    case = open_case(series=series, actor=registrar)
    document = register_document(case=case, actor=registrar, files=[pdf_upload("1")])
    url = reverse("registry:document_detail", args=[case.number, 1])
    client.force_login(registrar)
    for n in range(2):
        services.document_add_version(actor=registrar, document=document, upload=pdf_upload(f"v{n}"))
    few = count_queries(client, url)
    for n in range(27):
        services.document_add_version(actor=registrar, document=document, upload=pdf_upload(f"w{n}"))
    services.document_correct(actor=registrar, document=document, reason="Fel", subject="Nytt")
    assert count_queries(client, url) == few


def test_the_public_registry_query_count_does_not_grow(client, series, registrar):
    case = open_case(series=series, actor=registrar)
    other = open_case(series=series, actor=registrar)
    make_documents(case, registrar, 3, other)
    urls = [reverse("public:registry"), reverse("public:case_detail", args=[case.number])]
    few = [count_queries(client, url) for url in urls]
    make_documents(case, registrar, 27, other)
    assert [count_queries(client, url) for url in urls] == few


def test_the_search_pages_query_count_does_not_grow(client, series, registrar, django_capture_on_commit_callbacks):
    def make(n: int) -> None:
        with django_capture_on_commit_callbacks(execute=True):
            for i in range(n):
                case = open_case(series=series, actor=registrar, title=f"Gatubelysning {i}")
                register_document(case=case, actor=registrar, subject=f"Gatubelysning bilaga {i}")

    client.force_login(registrar)
    urls = [reverse("public:registry"), reverse("registry:search")]
    make(2)
    few = [count_queries(client, url, {"q": "gatubelysning"}) for url in urls]
    make(13)
    assert [count_queries(client, url, {"q": "gatubelysning"}) for url in urls] == few


def test_the_dashboard_shows_the_registry_panels(client, series, registrar):
    case = open_case(series=series, actor=registrar, responsible_officer=registrar.person, title="Mitt ärende")
    register_document(case=case, actor=registrar, document_date=TODAY() - dt.timedelta(days=2), subject="Sen handling")
    client.force_login(registrar)
    content = client.get(reverse("core:dashboard")).content.decode()
    for text in ("Mina öppna ärenden", "Mitt ärende", "Senast registrerade handlingar", "Sen handling"):
        assert text in content, text
    assert "Sent registrerade handlingar" in content and f"{case.number}:1" in content
    client.force_login(user_with_role(Role.READER, administration=series.administration))
    content = client.get(reverse("core:dashboard")).content.decode()
    assert "Mina öppna ärenden" in content and "Sent registrerade handlingar" not in content


HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_html_in_text_fields_is_shown_as_text_everywhere(client, series, registrar, doctype):
    case = services.case_open(actor=registrar, series=series, title=f"Ärende {HOSTILE}", description=HOSTILE)
    services.document_register(
        actor=registrar, case=case, direction=Document.Direction.INCOMING, document_type=doctype,
        document_date=timezone.localdate(), subject=f"Skrivelse {HOSTILE}", counterpart=HOSTILE,
    )  # fmt: skip
    client.force_login(registrar)
    pages = [
        client.get(reverse("registry:case_list")),
        client.get(reverse("registry:case_detail", args=[case.number])),
        client.get(reverse("registry:document_detail", args=[case.number, 1])),
        client.get(reverse("public:case_detail", args=[case.number])),
    ]
    for page in pages:
        body = page.content.decode()
        assert page.status_code == 200
        assert "<script>alert" not in body and "<img src=x" not in body
    assert "&lt;script&gt;alert" in pages[1].content.decode()
