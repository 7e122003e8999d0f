"""Audit actions in a real browser: the responsible marks an action delayed with a new date, the
auditor sees the change and its history (read-only), and IT governance's dashboard flags it.
axe-core checks every page on the way."""

import pytest
from django.contrib.auth import get_user_model

from samverka.audits.tests.factories import make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world():
    world = make_world(actions=2, findings=2)
    users = get_user_model().objects
    for user, name in ((world.responsible, "ansvarig"), (world.auditor, "revisor"), (world.governance, "itstyrning")):
        users.filter(pk=user.pk).update(username=name)
    return world


def sign_in(page, username: str) -> None:
    page.goto("/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("secret-pass-123")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/mitt-arbete/")


def sign_out(page) -> None:
    page.get_by_role("button", name="Logga ut").click()


def test_responsible_delays_and_auditor_follows(page, world, check_accessibility):
    action = world.actions[0]

    # The responsible sees the overdue action on the dashboard (the deadline 2022-12-31 has passed).
    sign_in(page, "ansvarig")
    assert page.get_by_text("Mina åtgärder efter revision").is_visible()
    check_accessibility(page, "audits-01-mitt-arbete-ansvarig")
    page.get_by_role("link", name=f"{world.audit_case.number} åtgärd 1.1").click()
    page.wait_for_url(f"**/revision/atgarder/{action.pk}/")
    check_accessibility(page, "audits-02-atgard")

    # A refused date first: it must be after the old one.
    page.get_by_role("link", name="Markera som försenad").click()
    check_accessibility(page, "audits-03-forsenad-formular")
    page.get_by_label("Ny tidsgräns").fill("2022-06-30")
    page.get_by_label("Skäl till förseningen").fill("Upphandlingen av verktyget drog ut på tiden.")
    page.get_by_role("button", name="Spara").click()
    assert page.get_by_role("alert").get_by_text("Det nya datumet måste ligga efter det tidigare").count() == 1
    check_accessibility(page, "audits-04-forsenad-fel")
    page.get_by_label("Ny tidsgräns").fill("2027-06-30")
    page.get_by_role("button", name="Spara").click()
    page.wait_for_url(f"**/revision/atgarder/{action.pk}/")
    assert page.get_by_text("Åtgärden är markerad som försenad.").is_visible()
    page.get_by_role("textbox", name="Statusanteckning").fill("Ny leverantör är vald; införandet börjar i januari.")
    page.get_by_role("button", name="Spara anteckning").click()
    assert page.get_by_text("Anteckningen är sparad.").is_visible()
    sign_out(page)

    # The auditor sees the change, its reason and the history, and no buttons to change anything.
    sign_in(page, "revisor")
    check_accessibility(page, "audits-05-mitt-arbete-revisor")
    page.get_by_role("link", name=f"{world.audit_case.number} Granskning av digitalisering").click()
    check_accessibility(page, "audits-06-granskning-revisor")
    assert page.get_by_text("kan följa åtgärderna, men inte ändra dem").is_visible()
    actions = page.get_by_role("table", name="Åtgärder för iakttagelse 1")
    assert actions.get_by_role("cell", name="Försenad", exact=True).count() == 1
    page.get_by_role("link", name="Åtgärd nummer 1").click()
    content = page.content()
    assert "Upphandlingen av verktyget drog ut på tiden." in content
    assert "Ny tidsgräns 2027-06-30 (tidigare 2022-12-31)." in content
    assert "Ny leverantör är vald" in content
    history = page.get_by_role("table", name="Alla versioner av åtgärden")
    assert "Försenad till 2027-06-30" in history.inner_text()
    assert page.get_by_role("link", name="Markera som genomförd").count() == 0
    assert page.get_by_role("button", name="Spara anteckning").count() == 0
    check_accessibility(page, "audits-07-atgard-revisor")
    sign_out(page)

    # IT governance: the other action is still overdue; the delayed one is not any more.
    sign_in(page, "itstyrning")
    panel = page.get_by_role("region", name="Revision: försenat och snart dags")
    assert "åtgärd 2.1" in panel.inner_text()
    assert "åtgärd 1.1" not in panel.inner_text()
    check_accessibility(page, "audits-08-mitt-arbete-itstyrning")

    # The board's dashboard counts the delayed action among the open ones, with a chart and its table.
    page.goto("/uppfoljning/styrelsen/")
    counts = page.get_by_role("region", name="Åtgärder efter revision").first
    assert page.locator("#open-actions").inner_text() == "2"
    assert "Försenade\n1" in counts.inner_text() or "Försenade 1" in " ".join(counts.inner_text().split())
    chart = page.get_by_role("img", name="Stapeldiagram över åtgärder efter revision")
    assert "försenade 1" in chart.get_attribute("alt")
    check_accessibility(page, "audits-09-styrelsens-oversikt")
