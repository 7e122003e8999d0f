"""The follow-up in a real browser: from the round to the plan's initiative and to the principle, and the
board's dashboard listing every initiative of the plan. axe-core checks every page on the way."""

import pytest
from django.contrib.auth import get_user_model

from samverka.followup import services
from samverka.followup.tests.factories import make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world():
    world = make_world(with_plan=True)
    get_user_model().objects.filter(pk=world.governance.pk).update(username="itstyrning")
    status = world.round.initiatives.get(initiative=world.initiatives[0])
    services.initiative_report(
        actor=world.governance, status=status, progress=40, rag="red", spent_amount=900_000, comment="Försenad leverans"
    )
    return world


def sign_in(page, username: str) -> None:
    page.goto("/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("secret-pass-123")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/mitt-arbete/")


def test_round_links_to_the_plan_and_the_principles(page, world, check_accessibility):
    sign_in(page, "itstyrning")
    page.goto("/uppfoljning/2024/")
    check_accessibility(page, "followup-01-uppfoljning-2024")

    page.get_by_role("link", name="Starkare skydd för datorer", exact=True).click()
    page.wait_for_url(f"**/insatser/{world.initiatives[0].pk}/")
    assert page.get_by_role("heading", name="Starkare skydd för datorer").first.is_visible()

    page.goto("/uppfoljning/2024/")
    page.locator("#round-principles").get_by_role("link", name="Digitalisering med omtanke").click()
    page.wait_for_url(f"**/principer/{world.principles[2].pk}/")
    assert page.get_by_role("heading", name="3. Digitalisering med omtanke").is_visible()
    check_accessibility(page, "followup-02-princip")

    page.goto("/uppfoljning/styrelsen/")
    table = page.locator("#plan-initiatives-table")
    assert table.get_by_role("row").count() == 1 + len(world.initiatives)
    assert page.locator("#plan-initiatives").inner_text() == "3"
    chart = page.get_by_role("img", name="Stapeldiagram över 3 insatser efter status")
    assert "röd 1" in chart.get_attribute("alt") and "ej rapporterad 2" in chart.get_attribute("alt")
    check_accessibility(page, "followup-03-styrelsens-oversikt")
