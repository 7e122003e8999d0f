"""The secretary records a decision with a dissent, two verifiers sign, and the minutes appear on
the public notice board with the right dates. axe-core checks every page on the way."""

import pytest
from django.utils import timezone

from samverka.meetings import dates, services
from samverka.meetings.models import Meeting
from samverka.meetings.tests import factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, username: str) -> None:
    page.context.clear_cookies()
    page.goto("/logga-in/")
    page.get_by_label("Användarnamn").fill(username)
    page.get_by_label("Lösenord").fill("secret-pass-123")
    page.get_by_role("button", name="Logga in").click()
    page.wait_for_url("**/mitt-arbete/")


def test_minutes_from_decision_to_notice_board(page, check_accessibility, settings, tmp_path):
    settings.SAMVERKA_SEAL_DEV_DIR = str(tmp_path / "seal")
    setup = f.called_with_attendance(f.planned(f.ksau(seats=5), items=1))
    meeting, item = setup.meeting, setup.items[0]
    chair, first, second = setup.members[0], setup.members[1], setup.members[2]
    dissenter = setup.attendances[3]

    sign_in(page, setup.secretary.username)
    check_accessibility(page, "meetings-01-mitt-arbete")
    page.goto(f"/sammantraden/{meeting.pk}/narvaro/")
    check_accessibility(page, "meetings-02a-narvaro")
    page.goto(f"/sammantraden/{meeting.pk}/punkter/ny/")
    check_accessibility(page, "meetings-02b-ny-punkt")
    page.goto(f"/sammantraden/{meeting.pk}/")
    check_accessibility(page, "meetings-02-sammantrade")
    page.get_by_role("link", name=item.title).click()
    check_accessibility(page, "meetings-03-punkt")
    page.get_by_role("textbox", name="Beslut", exact=True).fill(
        "Förslaget skickas på remiss.\nSvar senast den 31 december."
    )
    page.get_by_role("button", name="Protokollför beslutet").click()
    page.get_by_label("Ledamot som reserverar sig").select_option(label=dissenter.label)
    page.get_by_role("button", name="Anmäl reservation").click()
    assert page.get_by_role("listitem").filter(has_text=dissenter.label).filter(has_text="anmäld kl.").count() == 1
    assert page.get_by_role("listitem").filter(has_text=dissenter.person.full_name).first.is_visible()
    check_accessibility(page, "meetings-04-beslut-och-reservation")

    page.goto(f"/sammantraden/{meeting.pk}/")
    page.get_by_role("button", name="Avsluta sammanträdet").click()
    page.get_by_role("link", name="Utse justerare").click()
    check_accessibility(page, "meetings-05-justerare")
    page.get_by_label("Ordförande").select_option(str(chair.pk))
    page.get_by_label("Justerare").select_option([str(first.pk), str(second.pk)])
    page.get_by_role("button", name="Spara").click()
    page.get_by_role("button", name="Upprätta protokollet").click()
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.DRAFTED

    # The chair and the secretary sign; then the two verifiers in the browser.
    services.minutes_sign(actor=chair.user, meeting=meeting)
    services.minutes_sign(actor=setup.secretary, meeting=meeting)
    for verifier in (first, second):
        sign_in(page, verifier.user.username)
        page.goto(f"/sammantraden/{meeting.pk}/")
        check_accessibility(page, f"meetings-06-justera-{verifier.pk}")
        page.get_by_role("button", name="Signera protokollet").click()
        assert page.get_by_text("Du har undertecknat protokollet.").is_visible()
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.VERIFIED and meeting.sealed_at

    sign_in(page, setup.secretary.username)
    page.goto(f"/sammantraden/{meeting.pk}/")
    page.get_by_role("button", name="Anslå protokollet").click()
    check_accessibility(page, "meetings-07-anslaget")

    page.context.clear_cookies()
    page.goto("/anslagstavla/")
    check_accessibility(page, "meetings-08-anslagstavla")
    today = timezone.localdate()
    row = page.get_by_role("row").filter(has_text=meeting.body.name)
    assert row.get_by_role("cell", name=today.isoformat(), exact=True).first.is_visible()
    assert row.get_by_role("cell", name=dates.appeal_period_end(today).isoformat(), exact=True).is_visible()
    page.goto("/anslagstavla/kontrollera-sigill/")
    check_accessibility(page, "meetings-09-kontrollera-sigill")
