"""The registrar's day in a real browser: sign in, open a case, register an incoming document
with a PDF, find it by full-text search, and see it in the public registry without its secret
parts. axe-core checks every page on the way."""

import pytest

from samverka.organisation.models import Role
from samverka.organisation.tests.factories import user_with_role
from samverka.registry.tests.factories import CaseSeriesFactory, DocumentTypeFactory, pdf_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def registrar():
    series = CaseSeriesFactory()
    DocumentTypeFactory()
    DocumentTypeFactory(code="rapport", name="Rapport")
    return user_with_role(Role.REGISTRAR, administration=series.administration, username="registrator")


def sign_in(page, username: str) -> None:
    page.goto("/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("secret-pass-123")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/mitt-arbete/")


def test_registrar_registers_and_finds_a_document(page, registrar, tmp_path, check_accessibility):
    page.goto("/")
    check_accessibility(page, "01-start")
    page.goto("/logga-in/")
    check_accessibility(page, "02-logga-in")
    sign_in(page, "registrator")
    check_accessibility(page, "03-mitt-arbete")

    # Open a case.
    page.get_by_role("link", name="Registrera nytt ärende").first.click()
    check_accessibility(page, "04-nytt-arende")
    page.get_by_label("Diarieserie").select_option(label="STK – Stadskontoret")
    page.get_by_role("textbox", name="Ärendemening", exact=True).fill("Granskning av kommunens digitalisering")
    page.get_by_label("Barnrättsbedömning").fill("Granskningen berör inte barn direkt.")
    page.get_by_role("button", name="Registrera ärende").click()
    page.wait_for_url("**/arenden/STK-*/")
    number = page.url.rstrip("/").rsplit("/", 1)[-1]
    assert number.startswith("STK-") and number.endswith("-1")
    check_accessibility(page, "05-arende")

    # Register an incoming document with a PDF.
    pdf = tmp_path / "revisionsrapport.pdf"
    pdf.write_bytes(pdf_bytes("Revisionsrapport om informationssakerhet och molntjanster"))
    page.get_by_role("link", name="Registrera handling").click()
    check_accessibility(page, "06-registrera-handling")
    page.get_by_label("Riktning").select_option(label="Inkommande")
    page.get_by_label("Handlingstyp").select_option(label="Rapport")
    page.get_by_label("Annan avsändare eller mottagare").fill("Revisorskollegiet")
    page.get_by_role("textbox", name="Beskrivning", exact=True).fill("Revisionsrapport: granskning av digitalisering")
    page.get_by_label("Filer").set_input_files(str(pdf))
    page.get_by_role("button", name="Registrera", exact=True).click()
    page.wait_for_url(f"**/arenden/{number}/")
    assert page.get_by_role("cell", name="Revisionsrapport: granskning av digitalisering").is_visible()

    # A second, secret document in the same case.
    secret = tmp_path / "personuppgifter.pdf"
    secret.write_bytes(pdf_bytes("Hemlig bilaga om skyddade personuppgifter"))
    page.get_by_role("link", name="Registrera handling").click()
    page.get_by_label("Riktning").select_option(label="Inkommande")
    page.get_by_label("Handlingstyp").select_option(label="Yttrande")
    page.get_by_label("Annan avsändare eller mottagare").fill("Enskild")
    page.get_by_role("textbox", name="Beskrivning", exact=True).fill("Skrivelse från enskild")
    page.get_by_label("Handlingen omfattas av sekretess").check()
    page.get_by_label("Sekretessgrund").fill("OSL 21 kap. 1 §")
    page.get_by_label("Skyddad beskrivning").fill("Skrivelse om Kalle Hemligsson")
    page.get_by_label("Filer").set_input_files(str(secret))
    page.get_by_role("button", name="Registrera", exact=True).click()
    page.wait_for_url(f"**/arenden/{number}/")
    check_accessibility(page, "07-arende-med-handlingar")
    page.goto(f"/arenden/{number}/historik/")
    assert "Ärendet registrerades" in page.content()
    check_accessibility(page, "07b-arendets-historik")
    page.goto("/arenden/finns-inte/")
    assert "Sidan finns inte" in page.content()
    check_accessibility(page, "07c-sidan-finns-inte")

    # Full-text search finds the text inside the PDF.
    page.get_by_role("link", name="Sök", exact=True).click()
    page.get_by_label("Sökord eller diarienummer").fill("informationssakerhet")
    page.get_by_role("button", name="Sök").click()
    results = page.locator(".sv-results")
    assert "Revisionsrapport: granskning av digitalisering" in results.inner_text()
    assert results.locator("mark").count() >= 1
    check_accessibility(page, "08-sok")

    # The public registry, signed out: the document is there, the secret parts are not.
    page.get_by_role("button", name="Logga ut").click()
    page.goto("/diarium/")
    check_accessibility(page, "09-offentligt-diarium")
    page.get_by_label("Sökord eller diarienummer").fill("informationssakerhet")
    page.get_by_role("button", name="Sök").click()
    assert number in page.locator(".sv-results").inner_text()
    page.goto("/diarium/?q=Hemligsson")
    assert "0 träffar" in page.content()
    page.goto(f"/diarium/arenden/{number}/")
    check_accessibility(page, "10-offentligt-arende")
    content = page.content()
    assert "Skrivelse från enskild" in content
    assert "Kalle Hemligsson" not in content
    assert "Lämnas inte ut här" in content
    assert page.get_by_role("link", name="revisionsrapport.pdf").count() == 1
    assert page.get_by_role("link", name="personuppgifter.pdf").count() == 0
