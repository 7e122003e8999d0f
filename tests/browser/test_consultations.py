"""A consultation in a real browser: a case officer sends it, a digital lead answers with two
comments, the officer answers one of them, and the compilation shows one answered and one open.
axe-core checks every page on the way."""

import datetime as dt
import importlib

import pytest
from django.utils import timezone

from samverka.consultations.tests.factories import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


add_topics = importlib.import_module("samverka.consultations.migrations.0002_topics").add_topics


@pytest.fixture
def world():
    # Other transactional tests flush the topics the data migration seeded; put them back.
    from django.apps import apps

    add_topics(apps, None)
    return build_world()


def sign_in(page, username: str) -> None:
    page.goto("/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("secret-pass-123")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/mitt-arbete/")


def sign_out(page) -> None:
    page.get_by_role("button", name="Logga ut").click()
    page.wait_for_url("**/")


def test_send_answer_and_account_for_comments(page, world, check_accessibility):
    page.on("dialog", lambda dialog: dialog.accept())
    deadline = timezone.localdate() + dt.timedelta(days=30)

    # The case officer drafts the consultation from the case and sends it.
    sign_in(page, "handlaggare")
    page.goto(f"/arenden/{world.case.number}/")
    check_accessibility(page, "remiss-01-arende")
    page.get_by_role("link", name="Skapa remiss").click()
    check_accessibility(page, "remiss-02-ny-remiss")
    page.get_by_label("Rubrik").fill("Riktlinjer för IT och digitalisering")
    page.get_by_label("Frågor att särskilt beakta").fill(
        "Ger riktlinjerna en tydlighet för nämnden?\nHur ser nämnden på besluts- och behovsprocessen?"
    )
    page.get_by_role("group", name="Organ", exact=True).get_by_label("Miljönämnden").check()
    page.get_by_label("Svar senast").fill(deadline.isoformat())
    page.get_by_label("Beslut fattat utanför Samverka").fill("KSAU 2020-10-05 § 567")
    page.get_by_role("button", name="Spara utkast").click()
    page.wait_for_url("**/remisser/*/")
    check_accessibility(page, "remiss-03-utkast")
    page.get_by_role("button", name="Skicka remissen").click()
    page.wait_for_load_state()
    assert "Remissen är skickad" in page.content()
    check_accessibility(page, "remiss-04-skickad")
    consultation_url = page.url
    sign_out(page)

    # The digital lead at Miljöförvaltningen sees it on the dashboard and answers with two comments.
    sign_in(page, "digital")
    assert "Remisser att besvara" in page.content()
    check_accessibility(page, "remiss-05-mitt-arbete")
    page.get_by_role("link", name="Riktlinjer för IT och digitalisering").first.click()
    page.wait_for_url("**/instanser/*/")
    check_accessibility(page, "remiss-06-svara")
    page.get_by_label("Tillstyrker med synpunkter").check()
    page.get_by_label("Sammanfattning").fill("Miljönämnden ställer sig positiv till förslaget.")
    page.get_by_label("1. Ger riktlinjerna en tydlighet för nämnden?").fill("Ja, i stort.")
    first = page.get_by_role("group", name="Synpunkt 1", exact=True)
    first.get_by_label("Synpunkt", exact=True).fill("Licenskostnader bör kunna undantas från flytten.")
    first.get_by_label("Licenskostnader").check()
    second = page.get_by_role("group", name="Synpunkt 2", exact=True)
    second.get_by_label("Synpunkt", exact=True).fill("Följ upp riktlinjerna årligen vid årsbokslutet.")
    second.get_by_label("Uppföljning").check()
    page.get_by_role("button", name="Skicka svaret").click()
    page.wait_for_load_state()
    assert "Svaret är skickat och registrerat" in page.content()
    check_accessibility(page, "remiss-07-svar-skickat")
    sign_out(page)

    # The officer answers one comment; the compilation shows one answered and one open.
    sign_in(page, "handlaggare")
    page.goto(consultation_url)
    assert "1 av 1 har svarat" in page.content()
    page.get_by_role("link", name="Sammanställning").first.click()
    page.wait_for_url("**/sammanstallning/")
    check_accessibility(page, "remiss-08-sammanstallning")
    page.get_by_role("link", name="Besvara synpunkt 1 från Miljönämnden").click()
    check_accessibility(page, "remiss-09-besvara-synpunkt")
    page.get_by_label("Delvis tillgodosedd").check()
    page.get_by_label("Motivering").fill("Licenserna flyttas, men fördelningen ses över efter ett år.")
    page.get_by_role("button", name="Spara svaret").click()
    page.wait_for_url("**/sammanstallning/")
    content = page.content()
    assert "2 synpunkter, varav 1 besvarade" in content
    open_section = page.get_by_role("region", name="Synpunkter som ännu inte är besvarade")
    assert "Följ upp riktlinjerna årligen" in open_section.inner_text()
    assert "Licenskostnader bör kunna undantas" not in open_section.inner_text()
    check_accessibility(page, "remiss-10-sammanstallning-besvarad")
