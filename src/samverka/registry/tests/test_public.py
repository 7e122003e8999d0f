"""The public registry (/diarium/) and secrecy: secret parts are masked for everyone without the
right (the public, a reader, a registrar of another administration), secret files are never
served publicly (404) and refused to staff without the right (403)."""

import datetime as dt

import pytest
from django.urls import reverse

from samverka.organisation.models import Body, Role
from samverka.organisation.tests.factories import user_with_role
from samverka.registry import services
from samverka.registry.models import DocumentType
from samverka.registry.tests.factories import (
    DocumentTypeFactory,
    open_case,
    pdf_bytes,
    register_document,
    registrar_for,
    series_for,
    upload,
)

pytestmark = pytest.mark.django_db

SECRETS = [
    "Hot mot rektor på Sjöbergsskolan",  # the secret case title
    "Polisanmälan gjord av rektorn",  # the case description
    "Eleverna berörs direkt av hotet",  # the child-rights assessment
    "Anmälan från vårdnadshavare Karlsson",  # a protected subject
    "hotbild.pdf",  # the name of a secret file
    "elevlista.pdf",  # the name of a file in the secret case
]


@pytest.fixture
def world(series, registrar, other_administration):
    secret_case = open_case(
        series=series,
        actor=registrar,
        title=SECRETS[0],
        description=SECRETS[1],
        child_rights_assessment=SECRETS[2],
        is_secret=True,
        secrecy_reference="OSL 18 kap. 13 §",
        public_title="Säkerhetsärende skola",
        opened_on=dt.date(2024, 3, 1),
    )
    secret_document = register_document(
        case=secret_case,
        actor=registrar,
        subject="Anmälan",
        protected_subject=SECRETS[3],
        is_secret=True,
        secrecy_reference="OSL 18 kap. 13 §",
        document_date=dt.date(2024, 3, 2),
        registered_on=dt.date(2024, 3, 2),
        files=[upload("hotbild.pdf", pdf_bytes("Hotbild"))],
    )
    plain_in_secret = register_document(
        case=secret_case,
        actor=registrar,
        subject="Lista",
        document_date=dt.date(2024, 3, 3),
        registered_on=dt.date(2024, 3, 3),
        files=[upload("elevlista.pdf", pdf_bytes("Elevlista"))],
    )
    public_case = open_case(
        series=series, actor=registrar, title="Ny e-tjänst för bygglov", opened_on=dt.date(2024, 4, 1)
    )
    public_document = register_document(
        case=public_case,
        actor=registrar,
        subject="Kravspecifikation bygglov",
        document_type=DocumentTypeFactory(code="kravspec", name="Kravspecifikation"),
        document_date=dt.date(2024, 4, 2),
        registered_on=dt.date(2024, 4, 2),
        files=[upload("krav.pdf", pdf_bytes("Krav"))],
    )
    other_series = series_for("MN", other_administration)
    other_registrar = registrar_for(other_series)
    elsewhere = open_case(
        series=other_series, actor=other_registrar, title="Miljötillsyn av hamnen", opened_on=dt.date(2024, 5, 1)
    )
    register_document(
        case=elsewhere,
        actor=other_registrar,
        subject="Tillsynsrapport hamnen",
        document_date=dt.date(2024, 5, 6),
        registered_on=dt.date(2024, 5, 6),
    )
    return {
        "secret_case": secret_case,
        "secret_document": secret_document,
        "plain_in_secret": plain_in_secret,
        "public_case": public_case,
        "public_document": public_document,
        "elsewhere": elsewhere,
    }


def file_of(document):
    return document.files.get()


def assert_masked(content: str) -> None:
    for secret in SECRETS:
        assert secret not in content, secret


# -- The public registry ------------------------------------------------------------------------


def test_the_public_registry_needs_no_sign_in_and_lists_newest_first(client, world):
    response = client.get(reverse("public:registry"))
    assert response.status_code == 200
    listed = [d.subject for d in response.context["page_obj"].object_list]
    assert listed == ["Tillsynsrapport hamnen", "Kravspecifikation bygglov", "Lista", "Anmälan"]
    content = response.content.decode()
    assert "Säkerhetsärende skola" in content
    assert_masked(content)


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"body": "body:MN"}, ["Tillsynsrapport hamnen"]),
        ({"body": "body:KS"}, ["Kravspecifikation bygglov", "Lista", "Anmälan"]),
        ({"document_type": "kravspec"}, ["Kravspecifikation bygglov"]),
        ({"date_from": "2024-04-01"}, ["Tillsynsrapport hamnen", "Kravspecifikation bygglov"]),
        ({"date_from": "2024-03-03", "date_to": "2024-04-30"}, ["Kravspecifikation bygglov", "Lista"]),
        ({"date_to": "2024-03-02"}, ["Anmälan"]),
    ],
)
def test_browsing_by_body_type_and_date(client, world, params, expected):
    resolved = dict(params)
    if "body" in resolved:
        resolved["body"] = Body.objects.get(short_name=resolved["body"].split(":")[1]).pk
    if "document_type" in resolved:
        resolved["document_type"] = DocumentType.objects.get(code=resolved["document_type"]).pk
    response = client.get(reverse("public:registry"), resolved)
    assert response.status_code == 200
    assert [d.subject for d in response.context["page_obj"].object_list] == expected


def test_a_case_number_opens_the_public_case(client, world):
    number = world["secret_case"].number
    response = client.get(reverse("public:registry"), {"q": f"  {number.lower()} "})
    assert response.status_code == 302
    assert response["Location"] == reverse("public:case_detail", args=[number])


@pytest.mark.django_db(transaction=True)
def test_searching_by_text_and_document_number(client, world):
    response = client.get(reverse("public:registry"), {"q": "kravspecifikation"})
    assert response.status_code == 200
    hits = response.context["page_obj"].object_list
    assert [(h.case, h.document) for h in hits] == [(world["public_case"], world["public_document"])]
    number = world["public_document"].number
    response = client.get(reverse("public:registry"), {"q": number})
    assert world["public_document"] in [h.document for h in response.context["page_obj"].object_list]
    for secret in ("Sjöbergsskolan", "Karlsson", "vårdnadshavare", "Hotbild", "Elevlista"):
        response = client.get(reverse("public:registry"), {"q": secret})
        assert response.context["page_obj"].paginator.count == 0, secret
        assert_masked(response.content.decode())


def test_bad_public_filters_are_form_errors(client, world):
    for params, message in [
        ({"date_from": "2024-13-45"}, "Fyll i ett giltigt datum."),
        ({"date_from": "2024-05-01", "date_to": "2024-04-01"}, "Slutdatumet måste vara samma som eller efter"),
        ({"body": "999999"}, "Välj ett giltigt alternativ."),
        ({"document_type": "x"}, "Välj ett giltigt alternativ."),
    ]:
        response = client.get(reverse("public:registry"), params)
        assert response.status_code == 400
        assert message in response.content.decode()
    for page in ("abc", "0", "99999"):
        assert client.get(reverse("public:registry"), {"page": page}).status_code == 200


def test_the_public_case_page_masks_secret_parts(client, world):
    response = client.get(reverse("public:case_detail", args=[world["secret_case"].number.lower()]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Säkerhetsärende skola" in content and "OSL 18 kap. 13 §" in content
    assert "Anmälan" in content and "Lista" in content
    assert_masked(content)
    for document in ("secret_document", "plain_in_secret"):
        assert reverse("public:file_download", args=[file_of(world[document]).pk]) not in content
    assert content.count("Lämnas inte ut här") == 2


def test_the_public_case_page_links_public_files(client, world):
    content = client.get(reverse("public:case_detail", args=[world["public_case"].number])).content.decode()
    assert reverse("public:file_download", args=[file_of(world["public_document"]).pk]) in content
    assert "krav.pdf" in content


def test_an_unknown_public_case_is_404(client, world):
    assert client.get(reverse("public:case_detail", args=["STK-1999-1"])).status_code == 404


def test_public_downloads(client, world):
    stored = file_of(world["public_document"])
    response = client.get(reverse("public:file_download", args=[stored.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes("Krav")
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="krav.pdf"' in response["Content-Disposition"]
    for document in ("secret_document", "plain_in_secret"):
        assert client.get(reverse("public:file_download", args=[file_of(world[document]).pk])).status_code == 404
    assert client.get(reverse("public:file_download", args=[999999])).status_code == 404


# -- Staff without the right --------------------------------------------------------------------


@pytest.fixture
def outsiders(series, other_administration):
    return {
        "reader here": user_with_role(Role.READER, administration=series.administration),
        "registrar elsewhere": user_with_role(Role.REGISTRAR, administration=other_administration),
        "case officer elsewhere": user_with_role(Role.CASE_OFFICER, administration=other_administration),
    }


def staff_pages(world) -> list[str]:
    case = world["secret_case"]
    return [
        reverse("registry:case_list"),
        reverse("registry:case_detail", args=[case.number]),
        reverse("registry:document_detail", args=[case.number, 1]),
        reverse("registry:document_detail", args=[case.number, 2]),
    ]


def test_staff_without_the_right_see_secrets_masked(client, world, outsiders):
    for label, user in outsiders.items():
        client.force_login(user)
        for url in staff_pages(world):
            response = client.get(url)
            assert response.status_code == 200, (label, url)
            content = response.content.decode()
            assert_masked(content)
            for document in ("secret_document", "plain_in_secret"):
                assert reverse("registry:file_download", args=[file_of(world[document]).pk]) not in content
        detail = client.get(staff_pages(world)[1]).content.decode()
        assert "Säkerhetsärende skola" in detail and "Uppgifterna omfattas av sekretess." in detail


def test_staff_without_the_right_get_403_for_secret_files(client, world, outsiders):
    for label, user in outsiders.items():
        client.force_login(user)
        for document in ("secret_document", "plain_in_secret"):
            response = client.get(reverse("registry:file_download", args=[file_of(world[document]).pk]))
            assert response.status_code == 403, (label, document)
        public = client.get(reverse("registry:file_download", args=[file_of(world["public_document"]).pk]))
        assert public.status_code == 200


def test_those_with_the_right_see_everything(client, world, registrar, series):
    officer = user_with_role(Role.CASE_OFFICER, administration=series.administration)
    for user in (registrar, officer):
        client.force_login(user)
        detail = client.get(staff_pages(world)[1]).content.decode()
        for secret in SECRETS[:4]:
            assert secret in detail, secret
        document = client.get(staff_pages(world)[2]).content.decode()
        assert SECRETS[3] in document and "hotbild.pdf" in document
        response = client.get(reverse("registry:file_download", args=[file_of(world["secret_document"]).pk]))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == pdf_bytes("Hotbild")


def test_the_responsible_officer_sees_the_secrets_of_their_case(client, world, registrar, other_administration):
    officer = user_with_role(Role.READER, administration=other_administration)
    services.case_update(actor=registrar, case=world["secret_case"], responsible_officer=officer.person)
    client.force_login(officer)
    detail = client.get(staff_pages(world)[1]).content.decode()
    assert SECRETS[0] in detail and SECRETS[3] in detail
    response = client.get(reverse("registry:file_download", args=[file_of(world["secret_document"]).pk]))
    assert response.status_code == 200


def test_anonymous_users_never_reach_staff_downloads(client, world):
    response = client.get(reverse("registry:file_download", args=[file_of(world["public_document"]).pk]))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
