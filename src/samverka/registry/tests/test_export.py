"""Export of the registry for a period, as CSV and as PDF/A, with secret parts masked."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from samverka.organisation.models import Role
from samverka.organisation.tests.factories import user_with_role
from samverka.registry.tests.factories import open_case, register_document

pytestmark = pytest.mark.django_db

PERIOD = {"start": "2024-04-01", "end": "2024-04-30"}


@pytest.fixture
def registry(series, registrar):
    case = open_case(
        series=series,
        actor=registrar,
        title="Hotbild mot skolan",
        is_secret=True,
        secrecy_reference="OSL 18 kap. 13 §",
        public_title="Säkerhetsärende",
        opened_on=dt.date(2024, 3, 20),
    )
    plain = open_case(series=series, actor=registrar, title="Bredband på landsbygden", opened_on=dt.date(2024, 3, 25))

    def register(target, day, received=None, **kwargs):
        return register_document(
            case=target, actor=registrar, document_date=received or day, registered_on=day, **kwargs
        )

    register(plain, dt.date(2024, 3, 31), subject="Före perioden")
    register(
        case,
        dt.date(2024, 4, 3),
        received=dt.date(2024, 4, 1),
        subject="Anmälan",
        protected_subject="Anmälan om hot mot rektor Karlsson",
        is_secret=True,
        secrecy_reference="OSL 18 kap. 13 §",
    )
    register(plain, dt.date(2024, 4, 2), subject="Yttrande från Vision", counterpart="Vision")
    register(
        plain, dt.date(2024, 4, 30), subject='=HYPERLINK("http://example.com/x","Klicka")', counterpart="+46 40 123"
    )
    register(plain, dt.date(2024, 5, 1), subject="Efter perioden")
    return {"secret_case": case, "plain": plain}


def export(client, user, **params):
    client.force_login(user)
    return client.get(reverse("registry:export"), {**PERIOD, **params})


def test_the_export_form_is_shown(client, registrar):
    client.force_login(registrar)
    response = client.get(reverse("registry:export"))
    assert response.status_code == 200 and "Exportera diariet för en period" in response.content.decode()


def test_csv_export(client, registrar, registry):
    response = export(client, registrar, format="csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="diarium-20240401-20240430.csv"'
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == [
        "Registreringsdatum",
        "Handling",
        "Datum",
        "Riktning",
        "Handlingstyp",
        "Avsändare/mottagare",
        "Beskrivning",
        "Ärendemening",
        "Sekretess",
        "Sekretessgrund",
        "Sent registrerad",
    ]
    body = rows[1:]
    secret, plain = registry["secret_case"], registry["plain"]
    assert [(r[0], r[1]) for r in body] == [
        ("2024-04-02", f"{plain.number}:2"),
        ("2024-04-03", f"{secret.number}:1"),
        ("2024-04-30", f"{plain.number}:3"),
    ]
    assert body[0][3:9] == [
        "Inkommande",
        "Yttrande",
        "Vision",
        "Yttrande från Vision",
        "Bredband på landsbygden",
        "nej",
    ]
    assert body[1][6:11] == ["Anmälan", "Säkerhetsärende", "ja", "OSL 18 kap. 13 §", "ja"]
    assert "Karlsson" not in text and "Hotbild" not in text


def test_csv_cells_cannot_run_as_formulas(client, registrar, registry):
    """A spreadsheet must not run what a sender wrote (CSV injection)."""
    text = export(client, registrar, format="csv").content.decode("utf-8").lstrip("\ufeff")
    row = list(csv.reader(io.StringIO(text), delimiter=";"))[3]
    assert row[6] == '\'=HYPERLINK("http://example.com/x","Klicka")'
    assert row[5] == "'+46 40 123"
    assert all(
        not cell.startswith(("=", "+", "-", "@")) for r in csv.reader(io.StringIO(text), delimiter=";") for cell in r
    )


def test_pdf_export_is_pdfa(client, registrar, registry):
    response = export(client, registrar, format="pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="diarium-20240401-20240430.pdf"'
    content = response.content
    assert content.startswith(b"%PDF")
    reader = PdfReader(io.BytesIO(content))
    catalog = reader.trailer["/Root"]
    assert catalog["/Type"] == "/Catalog"
    assert "/Metadata" in catalog
    xmp = catalog["/Metadata"].get_object().get_data().decode("utf-8", "replace")
    assert "pdfaid" in xmp
    assert 'pdfaid:part="3"' in xmp or "<pdfaid:part>3</pdfaid:part>" in xmp
    text = "".join(page.extract_text() for page in reader.pages)
    assert registry["secret_case"].number in text and "Yttrande från Vision" in text
    assert "Karlsson" not in text and "Före perioden" not in text and "Efter perioden" not in text


@pytest.mark.parametrize(
    ("role", "scope", "status"),
    [
        (Role.REGISTRAR, "own", 200),
        (Role.REGISTRAR, "other", 200),
        (Role.CASE_OFFICER, "own", 403),
        (Role.SECRETARY, "own", 403),
        (Role.READER, "own", 403),
        (Role.ADMINISTRATOR, "global", 200),
    ],
)
def test_who_may_export(client, series, other_administration, role, scope, status):
    administration = {"own": series.administration, "other": other_administration, "global": None}[scope]
    user = user_with_role(role, administration=administration)
    assert export(client, user, format="csv").status_code == status


def test_an_empty_period_gives_just_the_header(client, registrar, registry):
    response = export(client, registrar, format="csv", start="2020-01-01", end="2020-01-31")
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == 1
