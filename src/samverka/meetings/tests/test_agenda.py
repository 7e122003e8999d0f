"""The agenda: the order of the items, and the cases that are ready to be put on it."""

import pytest
from django.urls import reverse

from samverka.core.errors import DomainError, PermissionDenied
from samverka.meetings import services
from samverka.meetings.models import AgendaItem
from samverka.meetings.tests import factories as f
from samverka.organisation.models import Role
from samverka.organisation.tests.factories import user_with_role

pytestmark = pytest.mark.django_db


def _order(meeting) -> list[int]:
    return list(AgendaItem.objects.filter(meeting=meeting).order_by("position").values_list("pk", flat=True))


# -- ordering -----------------------------------------------------------------------------------


def test_items_swap_places_with_their_neighbour():
    setup = f.planned(f.ksau(), items=3)
    first, second, third = setup.items
    services.agenda_item_move(actor=setup.secretary, item=third, direction="up")
    assert _order(setup.meeting) == [first.pk, third.pk, second.pk]
    services.agenda_item_move(actor=setup.secretary, item=first, direction="down")
    assert _order(setup.meeting) == [third.pk, first.pk, second.pk]
    assert sorted(AgendaItem.objects.filter(meeting=setup.meeting).values_list("position", flat=True)) == [1, 2, 3]
    third.refresh_from_db()
    assert third.history.first().history_change_reason == "Punkten flyttades på föredragningslistan"


def test_first_item_cannot_move_up_nor_last_down():
    setup = f.planned(f.ksau(), items=2)
    first, last = setup.items
    with pytest.raises(DomainError, match="redan först"):
        services.agenda_item_move(actor=setup.secretary, item=first, direction="up")
    with pytest.raises(DomainError, match="redan sist"):
        services.agenda_item_move(actor=setup.secretary, item=last, direction="down")
    with pytest.raises(DomainError, match="upp eller ned"):
        services.agenda_item_move(actor=setup.secretary, item=last, direction="sideways")
    assert _order(setup.meeting) == [first.pk, last.pk]


def test_numbered_items_do_not_move():
    setup = f.called_with_attendance(f.planned(f.ksau(), items=2))
    first, second = setup.items
    services.decision_record(actor=setup.secretary, item=first, decision="Förslaget godkänns.")
    services.item_verify_immediately(actor=setup.secretary, item=first)  # numbers every item
    late = services.agenda_item_add(
        actor=setup.secretary, meeting=setup.meeting, title="Information", kind=AgendaItem.Kind.INFORMATION
    )
    second.refresh_from_db()
    with pytest.raises(DomainError, match="paragrafnummer"):
        services.agenda_item_move(actor=setup.secretary, item=second, direction="up")
    with pytest.raises(DomainError, match=f"förbi {second.paragraph_label}"):
        services.agenda_item_move(actor=setup.secretary, item=late, direction="up")
    assert _order(setup.meeting) == [first.pk, second.pk, late.pk]


def test_the_order_is_fixed_once_the_agenda_is_closed():
    setup = f.held_and_drafted(f.decided(f.called_with_attendance(f.planned(f.ksau(), items=2))))
    with pytest.raises(DomainError, match="går inte när sammanträdet är"):
        services.agenda_item_move(actor=setup.secretary, item=setup.items[1], direction="up")
    f.verified(setup)
    with pytest.raises(DomainError, match="justerat"):
        services.agenda_item_move(actor=setup.secretary, item=setup.items[1], direction="up")


def test_only_those_who_manage_the_meeting_reorder():
    setup = f.planned(f.ksau(), items=2)
    for outsider in (user_with_role(Role.READER), setup.members[0].user):
        with pytest.raises(PermissionDenied):
            services.agenda_item_move(actor=outsider, item=setup.items[1], direction="up")
    assert _order(setup.meeting) == [item.pk for item in setup.items]


def test_move_buttons_on_the_meeting_page(client):
    setup = f.planned(f.ksau(), items=2)
    first, second = setup.items
    client.force_login(setup.secretary)
    page = client.get(reverse("meetings:meeting_detail", args=[setup.meeting.pk])).content.decode()
    up = reverse("meetings:item_action", args=[setup.meeting.pk, second.pk, "flytta-upp"])
    assert up in page and f'<span class="ds-sr-only">: {second.title}</span>' in page
    assert reverse("meetings:item_action", args=[setup.meeting.pk, first.pk, "flytta-upp"]) not in page
    assert reverse("meetings:item_action", args=[setup.meeting.pk, second.pk, "flytta-ned"]) not in page

    response = client.post(up)
    assert response.status_code == 302 and response["Location"].endswith("#h-agenda")
    assert _order(setup.meeting) == [second.pk, first.pk]
    # At the edge the service refuses in Swedish; the page shows it, nothing moves.
    response = client.post(up, follow=True)
    assert "redan först" in response.content.decode()
    assert _order(setup.meeting) == [second.pk, first.pk]


def test_move_is_refused_to_others_and_buttons_hidden(client):
    setup = f.planned(f.ksau(), items=2)
    second = setup.items[1]
    up = reverse("meetings:item_action", args=[setup.meeting.pk, second.pk, "flytta-upp"])
    client.force_login(user_with_role(Role.READER))
    assert up not in client.get(reverse("meetings:meeting_detail", args=[setup.meeting.pk])).content.decode()
    assert client.post(up).status_code == 403
    assert _order(setup.meeting) == [item.pk for item in setup.items]


def test_no_move_buttons_once_the_agenda_is_closed(client):
    setup = f.full(items=2)
    client.force_login(setup.secretary)
    page = client.get(reverse("meetings:meeting_detail", args=[setup.meeting.pk])).content.decode()
    assert "flytta-upp" not in page and "flytta-ned" not in page


# -- cases ready for decision -------------------------------------------------------------------


def _memo_type():
    from samverka.registry.tests.factories import DocumentTypeFactory

    return DocumentTypeFactory(code="tjansteskrivelse", name="Tjänsteskrivelse")


def _ready_case(setup, title: str):
    from samverka.registry.tests.factories import open_case, register_document

    case = open_case(title=title)
    register_document(
        case=case, actor=setup.secretary, document_type=_memo_type(), subject=f"Förslag: {title}", direction="created"
    )
    return case


def test_cases_ready_for_decision():
    from samverka.meetings import selectors
    from samverka.registry import services as registry_services
    from samverka.registry.tests.factories import open_case, register_document, registrar_for

    setup = f.planned(f.ksau(), items=0)
    ready = _ready_case(setup, "Riktlinjer för IT")
    by_subject = open_case(title="Budget 2026")
    register_document(case=by_subject, actor=setup.secretary, subject="Tjänsteskrivelse om budget 2026")
    without_memo = open_case(title="Bara ett yttrande")
    register_document(case=without_memo, actor=setup.secretary, subject="Yttrande över riktlinjer")
    planned = _ready_case(setup, "Redan planerat")
    services.agenda_item_add(actor=setup.secretary, meeting=setup.meeting, title="Redan planerat", case=planned)
    closed = _ready_case(setup, "Avslutat")
    registry_services.case_close(actor=registrar_for(closed.series), case=closed, reason="Återkallat")

    listed = list(selectors.cases_ready_for_decision(setup.body))
    assert listed == [by_subject, ready]  # newest first
    assert without_memo not in listed and planned not in listed and closed not in listed

    # On the agenda of a meeting that was cancelled, the case is ready again.
    services.meeting_cancel(actor=setup.secretary, meeting=setup.meeting, reason="Flyttat")
    assert planned in selectors.cases_ready_for_decision(setup.body)


def test_add_item_page_lists_the_ready_cases(client):
    setup = f.planned(f.ksau(), items=0)
    ready = _ready_case(setup, "Riktlinjer för IT")
    client.force_login(setup.secretary)
    url = reverse("meetings:item_add", args=[setup.meeting.pk])
    page = client.get(url).content.decode()
    assert "Ärenden redo för beslut" in page and "Riktlinjer för IT" in page
    assert f'href="?arende={ready.number}"' in page and "Lägg på dagordningen" in page
    # Following the link preselects the case and offers its memo as a supporting document.
    page = client.get(url, {"arende": ready.number}).content.decode()
    assert f'value="{ready.number}"' in page and "Förslag: Riktlinjer för IT" in page

    client.post(url, {"kind": "decision", "case": ready.number, "title": "", "summary": "", "proposal": ""})
    assert setup.meeting.items.filter(case=ready).exists()
    assert "Lägg på dagordningen" not in client.get(url).content.decode()
