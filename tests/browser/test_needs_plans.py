"""A digital lead submits a need and is shown its near-duplicate; IT governance takes it into the draft
plan; the plan is approved through the chain (Servicenämnden's paragraph chosen from the case's minutes,
the later steps cited as decisions outside Samverka). axe-core checks every page on the way."""

import datetime as dt

import pytest
from django.utils import timezone

from samverka.needs import services as need_services
from samverka.needs.tests.factories import TEAMS_B, culture, digital_lead, environment, governance
from samverka.plans import services as plan_services
from samverka.plans.tests.factories import cycle_with_open_intake, paragraph
from samverka.registry.tests.factories import open_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world():
    mf, kuf = environment(), culture()
    digital_lead(mf, username="digitalisering")
    gov = governance(username="itstyrning")
    cycle = cycle_with_open_intake(gov)
    lead_kuf = digital_lead(kuf)
    other = need_services.need_create(actor=lead_kuf, administration=kuf, category="competence", **TEAMS_B)
    need_services.need_submit(actor=lead_kuf, need=other)
    case = open_case(title="Utvecklingsplan för kommungemensam IT")
    sn = paragraph(case, "SN", timezone.localdate() - dt.timedelta(days=3), 56, title="Utvecklingsplan för IT")
    plan = plan_services.plan_create(actor=gov, year=cycle.plan_year, case=case)
    return {"plan": plan, "other": other, "cycle": cycle, "sn": sn}


def sign_in(page, username: str) -> None:
    page.goto("/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("secret-pass-123")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/mitt-arbete/")


def test_need_to_approved_plan(page, world, check_accessibility):
    sign_in(page, "digitalisering")
    check_accessibility(page, "needs-01-mitt-arbete")
    page.goto("/behov/")
    check_accessibility(page, "needs-02-behov")
    page.get_by_role("link", name="Skriv nytt behov").first.click()
    page.get_by_role("textbox", name="Rubrik").fill("Manualer och utbildning i Teams")
    page.get_by_role("textbox", name="Beskrivning").fill(
        "Medarbetarna behöver manualer för Teams och utbildning i Teams-möten och kanaler."
    )
    page.get_by_label("Kategori").select_option(label="Kompetens")
    page.get_by_role("button", name="Sök liknande behov").click()
    similar = page.get_by_role("link", name=f"{world['other'].reference} {world['other'].title}")
    similar.wait_for()
    check_accessibility(page, "needs-03-nytt-behov-liknande")
    page.get_by_role("button", name="Spara utkast").click()
    page.wait_for_url("**/behov/*/")
    check_accessibility(page, "needs-04-behov-utkast")
    page.get_by_role("link", name="Lämna in").click()
    assert page.get_by_role("link", name=f"{world['other'].reference} {world['other'].title}").is_visible()
    check_accessibility(page, "needs-05-lamna-in")
    page.get_by_role("button", name="Lämna in behovet").click()
    page.wait_for_url("**/behov/*/")
    assert page.get_by_text("Inlämnat", exact=True).first.is_visible()
    reference = page.locator(".sv-page-header__meta").first.inner_text().split("·")[1].strip()
    page.get_by_role("button", name="Logga ut").click()

    sign_in(page, "itstyrning")
    plan = world["plan"]
    page.goto(f"/utvecklingsplaner/{plan.pk}/")
    check_accessibility(page, "plans-01-plan-utkast")
    page.get_by_role("link", name="Lägg till insats").click()
    page.get_by_role("textbox", name="Rubrik").fill("Digital arbetsplats: manualer och utbildning i Teams")
    page.get_by_label("Kategori").select_option(label="Kompetens")
    page.get_by_label("Finansiering").select_option(label="Inom IT-avdelningens ram")
    page.get_by_label(reference, exact=False).check()
    page.get_by_label(f"Kostnad {plan.year} (kronor)").fill("600000")
    check_accessibility(page, "plans-02-ny-insats")
    page.get_by_role("button", name="Spara insatsen").click()
    page.wait_for_url(f"**/utvecklingsplaner/{plan.pk}/")
    assert page.get_by_role("link", name=reference).is_visible()

    today = timezone.localdate()
    sn_reference = f"SN {today - dt.timedelta(days=3):%Y-%m-%d} § 56"
    page.get_by_role("link", name="Registrera: Godkänd av Servicenämnden").click()
    page.get_by_label("Paragraf i protokollet").select_option(label=f"{sn_reference} Utvecklingsplan för IT")
    check_accessibility(page, "plans-03-beslut")
    page.get_by_role("button", name="Registrera beslutet").click()
    page.wait_for_url(f"**/utvecklingsplaner/{plan.pk}/")
    for label, days_ago, ref in [
        ("Beredd av KSAU", 2, "KSAU § 301"),
        ("Fastställd av kommunstyrelsen", 1, "KS § 312"),
    ]:
        page.get_by_role("link", name=f"Registrera: {label}").click()
        page.get_by_label("Sammanträdesdag").fill((today - dt.timedelta(days=days_ago)).isoformat())
        page.get_by_label("Beslut fattat utanför Samverka").fill(ref)
        page.get_by_role("button", name="Registrera beslutet").click()
        page.wait_for_url(f"**/utvecklingsplaner/{plan.pk}/")
    assert page.get_by_text("Fastställd av kommunstyrelsen").first.is_visible()
    assert page.get_by_text("KS § 312").is_visible()
    sn_link = page.get_by_role("link", name=sn_reference)
    assert sn_link.get_attribute("href") == f"/sammantraden/{world['sn'].meeting_id}/punkter/{world['sn'].pk}/"
    assert page.get_by_role("link", name="Lägg till insats").count() == 0
    check_accessibility(page, "plans-04-plan-faststalld")

    # The need shows where it went.
    page.get_by_role("link", name=reference).click()
    assert page.get_by_role("link", name="Digital arbetsplats: manualer och utbildning i Teams").is_visible()
    check_accessibility(page, "needs-06-behov-i-plan")

    page.goto(f"/utvecklingsplaner/{plan.pk}/fardplan/")
    check_accessibility(page, "plans-05-fardplan")
    page.goto(f"/arshjul/{world['cycle'].year}/")
    check_accessibility(page, "plans-06-arshjul")
    page.goto(f"/behov/prioritering/{plan.year}/")
    check_accessibility(page, "needs-07-prioritering")
    page.goto("/principer/")
    check_accessibility(page, "principles-01-lista")
