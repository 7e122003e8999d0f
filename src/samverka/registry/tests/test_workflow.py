"""A case's life: open → close → reopen, with reasons, through the pages; and the case page's
"Händelser" timeline showing who did what and when."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from samverka.core.errors import DomainError
from samverka.organisation.models import Role
from samverka.organisation.tests.factories import user_with_role
from samverka.registry import services
from samverka.registry.models import Case, Document, DocumentFile
from samverka.registry.selectors import case_timeline
from samverka.registry.tests.factories import DocumentTypeFactory, open_case, pdf_upload

pytestmark = pytest.mark.django_db


def named(user, first: str, last: str):
    user.person.first_name, user.person.last_name = first, last
    user.person.save()
    return user


@pytest.mark.parametrize(
    ("steps", "failing", "code"),
    [
        (["close"], "close", "invalid_transition"),
        ([], "reopen", "invalid_transition"),
        (["close", "reopen"], "reopen", "invalid_transition"),
        (["close", "reopen", "close"], "close", "invalid_transition"),
    ],
)
def test_illegal_transitions_are_refused(series, registrar, steps, failing, code):
    case = open_case(series=series, actor=registrar)
    services_by_step = {"close": services.case_close, "reopen": services.case_reopen}
    for step in steps:
        services_by_step[step](actor=registrar, case=case, reason=f"Steg {step}")
    status_before = Case.objects.get(pk=case.pk).status
    with pytest.raises(DomainError) as error:
        services_by_step[failing](actor=registrar, case=case, reason="En gång till")
    assert error.value.code == code
    assert Case.objects.get(pk=case.pk).status == status_before
    assert case.history.count() == 1 + len(steps)


def test_a_case_through_its_pages(client, series, registrar):
    named(registrar, "Rebecka", "Registrator")
    doc_type = DocumentTypeFactory()
    other = open_case(series=series, actor=registrar, title="Tidigare ärende")
    client.force_login(registrar)

    response = client.post(
        reverse("registry:case_open"),
        {
            "series": series.pk,
            "title": "Införande av e-arkiv",
            "child_rights_assessment": "Barn berörs indirekt genom skolans arkiv.",
        },
    )
    case = Case.objects.get(title="Införande av e-arkiv")
    detail = reverse("registry:case_detail", args=[case.number])
    assert response["Location"] == detail

    response = client.post(
        reverse("registry:document_register", args=[case.number]),
        {
            "direction": "incoming",
            "document_type": doc_type.pk,
            "document_date": timezone.localdate().isoformat(),
            "counterpart_text": "Riksarkivet",
            "subject": "Föreskrifter om e-arkiv",
            "files": [pdf_upload("Version ett", name="foreskrifter.pdf")],
        },
    )
    assert response["Location"] == detail
    client.post(
        reverse("registry:document_add_version", args=[case.number, 1]),
        {"file": pdf_upload("Version tva", name="foreskrifter.pdf")},
    )
    assert list(DocumentFile.objects.order_by("version").values_list("version", flat=True)) == [1, 2]
    correct = reverse("registry:document_correct", args=[case.number, 1])
    form = client.get(correct).context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, False, "")}
    data["document_date"] = data["document_date"].isoformat()
    response = client.post(correct, {**data, "subject": "Föreskrifter om e-arkiv (RA-FS)", "reason": "Förtydligande"})
    assert response.status_code == 302
    client.post(reverse("registry:case_relate", args=[case.number]), {"other": other.number, "note": "Förarbete"})
    response = client.post(reverse("registry:case_close", args=[case.number]), {"reason": "Beslut fattat"})
    assert response["Location"] == detail

    closed_page = client.get(detail).content.decode()
    assert "Återuppta ärendet" in closed_page
    assert "Registrera handling" not in closed_page and "Avsluta ärendet" not in closed_page
    assert client.get(reverse("registry:document_detail", args=[case.number, 1])).context["can_add_version"] is False

    client.post(reverse("registry:case_reopen", args=[case.number]), {"reason": "Ny föreskrift"})
    case.refresh_from_db()
    assert case.status == Case.Status.OPEN and case.closed_on is None

    page = client.get(detail)
    content = page.content.decode()
    timeline = content[content.index("Händelser") :]
    events = re.findall(
        r"<li><time datetime=\"([^\"]+)\">(\d{4}-\d{2}-\d{2} \d{2}:\d{2})</time>(.*?)</li>", timeline, re.S
    )
    texts = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).strip() for _iso, _shown, body in events]
    assert all("Rebecka Registrator" in text for text in texts)
    expected_in_order = [  # newest first
        "Ändrad " + case.number + " – Rebecka Registrator Ärendet återupptogs: Ny föreskrift",
        "Ändrad " + case.number + " – Rebecka Registrator Ärendet avslutades: Beslut fattat",
        "Kopplad till " + other.number + " – Rebecka Registrator Ärendena kopplades",
        f"Ändrad {case.number}:1 Föreskrifter om e-arkiv (RA-FS) – Rebecka Registrator Rättelse: Förtydligande",
        f"Skapad {case.number}:1 foreskrifter.pdf – Rebecka Registrator Fil version 2 lades till",
    ]
    assert texts[: len(expected_in_order)] == expected_in_order
    assert f"Skapad {case.number} – Rebecka Registrator Ärendet registrerades" in texts
    stamps = [iso for iso, _shown, _body in events]
    assert stamps == sorted(stamps, reverse=True)
    assert "Barn berörs indirekt genom skolans arkiv." in content
    assert reverse("registry:case_detail", args=[other.number]) in content

    document_page = client.get(reverse("registry:document_detail", args=[case.number, 1])).content.decode()
    assert "Rättelse: Förtydligande" in document_page and "Rebecka Registrator" in document_page
    assert Document.objects.get().history.count() == 2


def test_the_responsible_officer_closes_their_own_case(series, registrar, other_administration):
    officer = named(user_with_role(Role.READER, administration=other_administration), "Hugo", "Handläggare")
    case = open_case(series=series, actor=registrar, responsible_officer=officer.person)
    services.case_close(actor=officer, case=case, reason="Klart")
    events = case_timeline(case, show_secrets=True)
    assert events[0].who == "Hugo Handläggare" and events[0].reason == "Ärendet avslutades: Klart"


def test_a_change_without_a_user_is_shown_as_the_system(series, registrar):
    case = open_case(series=series, actor=registrar)
    fresh = Case.objects.get(pk=case.pk)  # a change made outside any request or service
    fresh.title = "Ändrad i databasen"
    fresh._change_reason = "Import"
    fresh.save()
    events = case_timeline(case, show_secrets=True)
    assert events[0].who == "System" and events[0].reason == "Import"
