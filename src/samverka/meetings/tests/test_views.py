"""Pages: thin views over the services; bad input gives a Swedish error, never a 500."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samverka.meetings import services
from samverka.meetings.models import Meeting
from samverka.meetings.tests import factories as f
from samverka.organisation.models import Role
from samverka.organisation.tests.factories import user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def called():
    return f.called_with_attendance(f.planned(f.ksau(), items=2))


def test_plan_meeting_and_refuse_bad_times(client):
    setup = f.ksau()
    client.force_login(setup.secretary)
    url = reverse("meetings:meeting_plan")
    assert client.get(url).status_code == 200
    data = {"body": setup.body.pk, "day": "2030-01-10", "starts": "10:00", "ends": "09:00", "place": "Stadshuset"}
    response = client.post(url, data)
    assert response.status_code == 400 and "sluta innan" in response.content.decode()
    data["ends"] = "12:00"
    response = client.post(url, data)
    meeting = Meeting.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("meetings:meeting_detail", args=[meeting.pk])
    assert client.post(url, {"body": "x", "day": "nonsense"}).status_code == 400


def test_meeting_list_query_count_does_not_grow(client):
    setup = f.ksau()
    reader = user_with_role(Role.READER)
    client.force_login(reader)
    day = timezone.localdate() + dt.timedelta(days=5)

    def plan(n):
        for i in range(n):
            services.meeting_plan(
                actor=setup.secretary,
                body=setup.body,
                starts_at=f.at(day + dt.timedelta(days=i), 9),
                ends_at=f.at(day + dt.timedelta(days=i), 10),
                place="Rådhuset",
            )

    plan(2)
    with CaptureQueriesContext(connection) as small:
        assert client.get(reverse("meetings:meeting_list")).status_code == 200
    plan(15)
    with CaptureQueriesContext(connection) as large:
        assert client.get(reverse("meetings:meeting_list")).status_code == 200
    assert len(large) == len(small)


def test_meeting_detail_query_count_does_not_grow(client):
    setup = f.called_with_attendance(f.planned(f.ksau(), items=2))
    client.force_login(setup.secretary)
    url = reverse("meetings:meeting_detail", args=[setup.meeting.pk])
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for n in range(6):
        services.agenda_item_add(actor=setup.secretary, meeting=setup.meeting, title=f"Info {n}", kind="information")
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small)


def test_decision_without_quorum_warns_then_records(client):
    setup = f.planned(f.ksau(seats=5))
    services.meeting_call(actor=setup.secretary, meeting=setup.meeting)
    services.attendance_record(actor=setup.secretary, meeting=setup.meeting, person=setup.members[0], role="member")
    client.force_login(setup.secretary)
    item = setup.items[0]
    url = reverse("meetings:item_action", args=[setup.meeting.pk, item.pk, "beslut"])
    response = client.post(url, {"decision": "Bifall."})
    assert response.status_code == 400 and "inte beslutför" in response.content.decode()
    response = client.post(url, {"decision": "Bifall.", "accept_no_quorum": "on"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.decision == "Bifall."


def test_secretary_records_a_dissent_and_bad_choice_is_a_form_error(client, called):
    client.force_login(called.secretary)
    item = called.items[0]
    url = reverse("meetings:item_action", args=[called.meeting.pk, item.pk, "reservation"])
    assert client.post(url, {"attendance": "999999"}).status_code == 400
    response = client.post(url, {"attendance": str(called.attendances[2].pk), "reasons": ""})
    assert response.status_code == 302
    assert item.dissents.count() == 1
    page = client.get(reverse("meetings:item_detail", args=[called.meeting.pk, item.pk]))
    assert page.status_code == 200 and called.attendances[2].person.full_name in page.content.decode()


def test_unknown_action_and_step_are_404(client, called):
    client.force_login(called.secretary)
    assert (
        client.post(reverse("meetings:item_action", args=[called.meeting.pk, called.items[0].pk, "x"])).status_code
        == 404
    )
    assert client.post(reverse("meetings:meeting_step", args=[called.meeting.pk, "x"])).status_code == 404


def test_members_cannot_manage_and_anonymous_is_sent_to_sign_in(client, called):
    member = called.members[1].user
    client.force_login(member)
    response = client.post(reverse("meetings:meeting_step", args=[called.meeting.pk, "avsluta"]))
    assert response.status_code == 403
    client.logout()
    response = client.get(reverse("meetings:meeting_detail", args=[called.meeting.pk]))
    assert response.status_code == 302 and "logga-in" in response["Location"]


def test_steps_through_the_pages(client, django_capture_on_commit_callbacks, called):
    f.decided(called)
    client.force_login(called.secretary)
    meeting = called.meeting
    step = lambda name: client.post(reverse("meetings:meeting_step", args=[meeting.pk, name]))  # noqa: E731
    assert step("avsluta").status_code == 302
    response = client.post(
        reverse("meetings:signatories", args=[meeting.pk]),
        {"chair": called.members[0].pk, "verifiers": [called.members[1].pk], "secretary": called.secretary_person.pk},
    )
    assert response.status_code == 302
    step("uppratta")
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.DRAFTED
    for person in (called.members[0], called.members[1], called.secretary_person):
        client.force_login(person.user)
        with django_capture_on_commit_callbacks(execute=True):
            assert step("justera").status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.VERIFIED and meeting.sealed_at
    client.force_login(called.secretary)
    assert client.get(reverse("meetings:minutes_pdf", args=[meeting.pk])).status_code == 200
    client.post(
        reverse("meetings:meeting_step", args=[meeting.pk, "ansla"]), {"posted_on": timezone.localdate().isoformat()}
    )
    meeting.refresh_from_db()
    assert meeting.status == Meeting.Status.POSTED
    # Nothing changes any more through the pages either.
    item = called.items[0]
    response = client.post(
        reverse("meetings:item_action", args=[meeting.pk, item.pk, "beslut"]), {"decision": "Annat beslut"}
    )
    assert response.status_code == 400 and "justerat" in response.content.decode()
    client.logout()
    board = client.get(reverse("meetings:notice_board"))
    assert board.status_code == 200
    notice = meeting.notices.get()
    assert notice.appeal_ends_on.isoformat() in board.content.decode()
    pdf = client.get(reverse("meetings:public_minutes", args=[notice.pk]))
    data = b"".join(pdf.streaming_content)
    checked = client.post(
        reverse("meetings:seal_check"), {"file": SimpleUploadedFile("p.pdf", data, content_type="application/pdf")}
    )
    assert "Sigillet är giltigt" in checked.content.decode()
    broken = bytearray(data)
    broken[len(broken) // 3] ^= 1
    checked = client.post(
        reverse("meetings:seal_check"),
        {"file": SimpleUploadedFile("p.pdf", bytes(broken), content_type="application/pdf")},
    )
    assert "Ogiltigt sigill" in checked.content.decode()


def test_seal_check_bad_input(client):
    assert client.get(reverse("meetings:seal_check")).status_code == 200
    assert client.post(reverse("meetings:seal_check"), {}).status_code == 400
    response = client.post(
        reverse("meetings:seal_check"), {"file": SimpleUploadedFile("x.pdf", b"hello", content_type="application/pdf")}
    )
    assert response.status_code == 200 and "inte en PDF" in response.content.decode()


def test_icalendar_is_public(client, called):
    response = client.get(reverse("meetings:meeting_ics", args=[called.meeting.pk]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    feed = client.get(reverse("meetings:body_feed", args=["ksau"]))
    assert feed.status_code == 200 and b"BEGIN:VEVENT" in feed.content
    assert client.get(reverse("meetings:body_feed", args=["nope"])).status_code == 404


def test_case_page_shows_the_decision_chain(client, called):
    f.decided(called)
    item = called.items[0]
    client.force_login(called.secretary)
    response = client.get(reverse("registry:case_detail", args=[item.case.number]))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Beslutsgång" in content and "Förslaget skickas på remiss." in content


def test_dashboard_panels(client, called):
    client.force_login(called.secretary)
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 200 and "Kommande sammanträden" in response.content.decode()


def _change(client, meeting, attendance, arrives="", leaves=""):
    prefix = f"narvaro-{attendance.pk}"
    return client.post(
        reverse("meetings:attendance_change", args=[meeting.pk, attendance.pk]),
        {f"{prefix}-arrives_at_item": arrives, f"{prefix}-leaves_after_item": leaves},
    )


def test_secretary_records_arrival_and_departure_per_item(client, called):
    first, second = called.items
    member = called.attendances[1]
    client.force_login(called.secretary)
    page = client.get(reverse("meetings:attendance", args=[called.meeting.pk]))
    assert page.status_code == 200 and f"Ändra för {member.person.full_name}" in page.content.decode()

    response = _change(client, called.meeting, member, arrives=first.pk, leaves=first.pk)
    assert response.status_code == 302
    assert response["Location"] == reverse("meetings:attendance", args=[called.meeting.pk])
    member.refresh_from_db()
    assert (member.arrives_at_item, member.leaves_after_item) == (first, first)
    assert not member.present_at(second)
    assert member.history.first().history_change_reason == "Ankomst eller avgång ändrades"

    # The member came back for the whole meeting: both emptied.
    assert _change(client, called.meeting, member).status_code == 302
    member.refresh_from_db()
    assert member.arrives_at_item is None and member.leaves_after_item is None


def test_departure_before_arrival_and_bad_items_are_form_errors(client, called):
    first, second = called.items
    member = called.attendances[1]
    client.force_login(called.secretary)
    response = _change(client, called.meeting, member, arrives=second.pk, leaves=first.pk)
    assert response.status_code == 400
    assert "Ledamoten kan inte lämna före den punkt där hen kom." in response.content.decode()
    other = f.planned(f.ksau()).items[0]
    response = _change(client, called.meeting, member, arrives=other.pk)
    assert response.status_code == 400 and "giltigt" in response.content.decode()
    member.refresh_from_db()
    assert member.arrives_at_item is None and member.leaves_after_item is None
    url = reverse("meetings:attendance_change", args=[called.meeting.pk, 999999])
    assert client.post(url, {}).status_code == 404
    assert client.get(reverse("meetings:attendance_change", args=[called.meeting.pk, member.pk])).status_code == 405
    client.force_login(called.members[1].user)
    assert _change(client, called.meeting, member, arrives=first.pk).status_code == 403


def test_locked_minutes_refuse_arrival_and_departure(client):
    setup = f.full(items=2)
    member = setup.attendances[1]
    client.force_login(setup.secretary)
    page = client.get(reverse("meetings:attendance", args=[setup.meeting.pk]))
    assert page.status_code == 200 and "Ändra för" not in page.content.decode()
    response = _change(client, setup.meeting, member, leaves=setup.items[0].pk)
    assert response.status_code == 400
    assert "Protokollet är justerat. Ingenting i det kan ändras längre." in response.content.decode()
    member.refresh_from_db()
    assert member.leaves_after_item is None


def _documents(setup, case, *subjects):
    from samverka.registry.tests.factories import register_document

    return [register_document(case=case, actor=setup.secretary, subject=subject) for subject in subjects]


def test_item_add_offers_the_case_documents_as_supporting_documents(client):
    from samverka.registry.tests.factories import open_case

    setup = f.planned(f.ksau(), items=0)
    case, other = open_case(title="Riktlinjer för IT"), open_case(title="Annat ärende")
    memo, annex = _documents(setup, case, "Tjänsteskrivelse", "Bilaga 1")
    (foreign,) = _documents(setup, other, "Främmande handling")
    client.force_login(setup.secretary)
    url = reverse("meetings:item_add", args=[setup.meeting.pk])
    assert "Tjänsteskrivelse" not in client.get(url).content.decode()
    page = client.get(url, {"arende": case.number.lower()})
    content = page.content.decode()
    assert page.status_code == 200 and "Tjänsteskrivelse" in content and "Bilaga 1" in content
    assert f'value="{case.number}"' in content and "Främmande handling" not in content

    data = {"kind": "decision", "case": case.number, "title": "", "summary": "", "proposal": ""}
    response = client.post(url, {**data, "supporting_documents": [foreign.pk]})
    assert response.status_code == 400 and "giltigt" in response.content.decode()
    response = client.post(url, {**data, "supporting_documents": [memo.pk]})
    assert response.status_code == 302
    item = setup.meeting.items.get()
    assert list(item.supporting_documents.all()) == [memo]
    assert "Tjänsteskrivelse" in client.get(response["Location"]).content.decode()


def test_supporting_documents_are_chosen_on_the_item_page_after_creation(client):
    from samverka.registry.tests.factories import open_case

    setup = f.planned(f.ksau(), items=0)
    case, other = open_case(title="Riktlinjer för IT"), open_case(title="Annat ärende")
    memo, annex = _documents(setup, case, "Tjänsteskrivelse", "Bilaga 1")
    (foreign,) = _documents(setup, other, "Främmande handling")
    client.force_login(setup.secretary)
    # The case is typed on the same form: the item is added at once, and its page offers the documents.
    response = client.post(
        reverse("meetings:item_add", args=[setup.meeting.pk]),
        {"kind": "decision", "case": case.number, "title": "", "summary": "", "proposal": ""},
        follow=True,
    )
    item = setup.meeting.items.get()
    content = response.content.decode()
    assert response.status_code == 200 and not item.supporting_documents.exists()
    assert "Välj beslutsunderlaget bland ärendets handlingar" in content
    assert f'name="supporting_documents" value="{memo.pk}"' in content and "Främmande handling" not in content

    edit = reverse("meetings:item_action", args=[setup.meeting.pk, item.pk, "andra"])
    data = {"title": item.title, "summary": "", "proposal": "", "decision_intro": item.decision_intro}
    assert client.post(edit, {**data, "supporting_documents": [memo.pk, annex.pk]}).status_code == 302
    assert set(item.supporting_documents.all()) == {memo, annex}
    response = client.post(edit, {**data, "supporting_documents": [foreign.pk]})
    assert response.status_code == 400 and "giltigt" in response.content.decode()
    assert set(item.supporting_documents.all()) == {memo, annex}
    assert client.post(edit, {**data, "supporting_documents": [annex.pk]}).status_code == 302
    assert list(item.supporting_documents.all()) == [annex]

    # An item without a case has no documents to offer.
    info = services.agenda_item_add(actor=setup.secretary, meeting=setup.meeting, title="Info", kind="information")
    page = client.get(reverse("meetings:item_detail", args=[setup.meeting.pk, info.pk])).content.decode()
    assert 'name="supporting_documents"' not in page
