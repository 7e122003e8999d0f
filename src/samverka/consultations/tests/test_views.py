import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from samverka.consultations import services, views
from samverka.consultations.models import Comment, Consultation, Response
from samverka.organisation.models import Role
from samverka.organisation.tests.factories import BodyFactory, user_with_role

from .factories import answer, draft, recipient_for, sent, topic

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def test_pages_render(client, world):
    consultation = sent(world)
    response = answer(world, consultation)
    comment = response.comments.first()
    recipient = recipient_for(consultation, world.mn)
    client.force_login(world.officer)
    for url in [
        reverse("core:dashboard"),
        reverse("consultations:list"),
        reverse("consultations:list") + "?status=sent&sort=deadline&q=riktlinjer",
        reverse("consultations:inbox"),
        reverse("consultations:create", args=[world.case.number]),
        reverse("consultations:detail", args=[consultation.pk]),
        reverse("consultations:close", args=[consultation.pk]),
        reverse("consultations:compilation", args=[consultation.pk]),
        reverse("consultations:compilation", args=[consultation.pk]) + "?visa=obesvarade",
        reverse("consultations:comment_handle", args=[consultation.pk, comment.pk]),
        reverse("consultations:respond", args=[consultation.pk, recipient.pk]),
        reverse("registry:case_detail", args=[world.case.number]),
    ]:
        assert client.get(url).status_code == 200, url
    client.force_login(world.digital_lead)
    page = client.get(reverse("core:dashboard"))
    assert page.status_code == 200
    assert "Remisser att besvara" not in page.content.decode()  # already answered
    kn = recipient_for(consultation, world.kn)
    client.force_login(world.kn_lead)
    page = client.get(reverse("core:dashboard")).content.decode()
    assert "Remisser att besvara" in page
    assert reverse("consultations:respond", args=[consultation.pk, kn.pk]) in page


def test_create_form_with_all_committees(client, world):
    BodyFactory(short_name="SN", name="Servicenämnden")
    client.force_login(world.officer)
    url = reverse("consultations:create", args=[world.case.number])
    deadline = (TODAY + dt.timedelta(days=30)).isoformat()
    data = {
        "title": "Riktlinjer för IT och digitalisering",
        "questions": "Fråga ett?\nFråga två?",
        "all_committees": "on",
        "externals": [world.vision.pk],
        "deadline": deadline,
        "reminder_days": "7",
        "sender_body": world.ks.pk,
    }
    page = client.post(url, data)
    assert page.status_code == 302
    consultation = Consultation.objects.get()
    names = {r.name for r in consultation.recipients.all()}
    assert {"Miljönämnden", "Kulturnämnden", "Servicenämnden", "Vision"} <= names
    assert consultation.questions.count() == 2


@pytest.mark.parametrize(
    "changes, error",
    [
        ({"questions": "  \n "}, "Ange minst en fråga."),
        ({"deadline": "2020-01-01"}, "Sista svarsdag måste ligga i framtiden."),
        ({"deadline": "inte ett datum"}, "Fyll i ett giltigt datum."),
        ({"bodies": ["999999"]}, "Välj ett giltigt alternativ"),
        ({"reminder_days": "-3"}, "0"),
    ],
)
def test_create_form_bad_input_gives_swedish_errors(client, world, changes, error):
    client.force_login(world.officer)
    data = {
        "title": "X",
        "questions": "Fråga?",
        "deadline": (TODAY + dt.timedelta(days=30)).isoformat(),
        "reminder_days": "7",
        **changes,
    }
    page = client.post(reverse("consultations:create", args=[world.case.number]), data)
    assert page.status_code == 400
    assert error in page.content.decode()
    assert not Consultation.objects.exists()


def test_send_without_recipients_shows_message(client, world):
    consultation = draft(world, recipients=[])
    client.force_login(world.officer)
    page = client.post(reverse("consultations:send", args=[consultation.pk]), follow=True)
    assert "Lägg till minst en remissinstans" in page.content.decode()


def test_draft_hidden_from_others(client, world):
    consultation = draft(world)
    client.force_login(world.digital_lead)
    assert client.get(reverse("consultations:detail", args=[consultation.pk])).status_code == 404
    assert consultation.title not in client.get(reverse("consultations:list")).content.decode()


def test_digital_lead_writes_and_sends_response(client, world):
    consultation = sent(world)
    recipient = recipient_for(consultation, world.mn)
    questions = list(consultation.questions.order_by("position"))
    client.force_login(world.digital_lead)
    url = reverse("consultations:respond", args=[consultation.pk, recipient.pk])
    data = {
        "standpoint": Response.Standpoint.SUPPORTS_WITH_COMMENTS,
        "summary": "Positiv",
        f"answer_{questions[0].pk}": "Ja",
        "comments-TOTAL_FORMS": "2",
        "comments-INITIAL_FORMS": "0",
        "comments-0-text": "Licenskostnader bör undantas.",
        "comments-0-topics": [topic("licenskostnader").pk],
        "comments-1-text": "",
        "action": "save",
    }
    page = client.post(url, data)
    assert page.status_code == 302
    assert Response.objects.get().status == Response.Status.DRAFT
    data["action"] = "send"
    assert client.post(url, data).status_code == 302
    response = Response.objects.get()
    assert response.status == Response.Status.SENT
    assert list(response.comments.values_list("text", flat=True)) == ["Licenskostnader bör undantas."]
    # Another recipient's staff may not write it.
    client.force_login(world.kn_lead)
    page = client.get(url)
    assert page.status_code == 200
    assert "Skicka svaret" not in page.content.decode()


def test_response_form_bad_input(client, world):
    consultation = sent(world)
    recipient = recipient_for(consultation, world.mn)
    client.force_login(world.digital_lead)
    url = reverse("consultations:respond", args=[consultation.pk, recipient.pk])
    page = client.post(
        url,
        {
            "standpoint": "maybe",
            "comments-TOTAL_FORMS": "1",
            "comments-INITIAL_FORMS": "0",
            "comments-0-text": "",
            "comments-0-topics": ["999999"],
            "action": "save",
        },
    )
    assert page.status_code == 400
    body = page.content.decode()
    assert "Välj ett giltigt alternativ" in body
    page = client.post(url, {"standpoint": "supports", "action": "save"})  # no management form
    assert page.status_code == 400


def test_registrar_registers_receipt_through_the_page(client, world):
    consultation = sent(world)
    recipient = recipient_for(consultation, world.mn)
    client.force_login(world.mn_registrar)
    url = reverse("consultations:respond", args=[consultation.pk, recipient.pk])
    page = client.post(url, {"existing": "MN-1999-1", "received_on": TODAY.isoformat()})
    assert page.status_code == 400
    assert "Det finns inget ärende med diarienummer MN-1999-1" in page.content.decode()
    page = client.post(url, {"series": world.mn_series.pk, "received_on": TODAY.isoformat()})
    assert page.status_code == 302
    recipient.refresh_from_db()
    assert recipient.recipient_case.number.startswith("MN-")


def _response_data(**extra) -> dict:
    return {
        "standpoint": Response.Standpoint.SUPPORTS,
        "summary": "Positiv",
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "action": "send",
        **extra,
    }


def test_the_recipient_page_refuses_a_post_to_whoever_may_neither_respond_nor_register(client, world):
    """A reader reads the recipient's page, but a POST of any kind is refused and saves nothing."""
    consultation = sent(world)
    recipient = recipient_for(consultation, world.mn)
    client.force_login(user_with_role(Role.READER))
    url = reverse("consultations:respond", args=[consultation.pk, recipient.pk])
    assert client.get(url).status_code == 200
    for data in ({}, _response_data(), {"series": world.mn_series.pk, "received_on": TODAY.isoformat()}):
        page = client.post(url, data)
        assert page.status_code == 403, data
    assert not Response.objects.exists()
    recipient.refresh_from_db()
    assert recipient.recipient_case_id is None and recipient.incoming_document_id is None


def test_the_recipient_page_refuses_each_action_its_own_policy_denies(client, world):
    consultation = sent(world)
    recipient = recipient_for(consultation, world.mn)
    url = reverse("consultations:respond", args=[consultation.pk, recipient.pk])
    receipt = {"series": world.mn_series.pk, "received_on": TODAY.isoformat()}
    # Another administration's digital lead may neither answer for Miljönämnden nor register its receipt.
    client.force_login(world.kn_lead)
    assert client.post(url, _response_data()).status_code == 403
    # Miljönämnden's digital lead answers for it, but registering the receipt is the registrar's.
    client.force_login(world.digital_lead)
    assert client.post(url, receipt).status_code == 403
    request = RequestFactory().post(url, receipt)
    request.user = world.digital_lead
    with pytest.raises(PermissionDenied, match="Du får inte registrera remissen för den här remissinstansen."):
        views.respond(request, pk=consultation.pk, recipient_id=recipient.pk)
    recipient.refresh_from_db()
    assert recipient.recipient_case_id is None
    assert not Response.objects.exists()
    assert client.post(url, _response_data()).status_code == 302
    assert Response.objects.get().status == Response.Status.SENT


def test_comment_handling_through_the_page(client, world):
    consultation = sent(world)
    response = answer(world, consultation)
    comment = response.comments.first()
    client.force_login(world.officer)
    url = reverse("consultations:comment_handle", args=[consultation.pk, comment.pk])
    page = client.post(url, {"handling": "accepted", "motivation": ""})
    assert page.status_code == 400
    page = client.post(url, {"handling": "accepted", "motivation": "Infört i avsnitt 3."})
    assert page.status_code == 302
    comment.refresh_from_db()
    assert comment.handling == Comment.Handling.ACCEPTED
    client.force_login(world.digital_lead)
    assert client.get(url).status_code == 403


def test_close_without_reason_before_deadline_is_a_form_error(client, world):
    consultation = sent(world)
    client.force_login(world.officer)
    page = client.post(reverse("consultations:close", args=[consultation.pk]), {"reason": ""})
    assert page.status_code == 400
    assert "Ange varför remissen stängs före sista svarsdag." in page.content.decode()


def test_downloads(client, world):
    consultation = sent(world)
    answer(world, consultation)
    client.force_login(world.officer)
    docx = client.get(reverse("consultations:compilation_download", args=[consultation.pk, "docx"]))
    assert docx.status_code == 200
    assert docx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(reverse("consultations:compilation_download", args=[consultation.pk, "xls"])).status_code == 404


def _add_responses(consultation, numbers) -> None:
    """More committees that answered with comments (written through the services, sent directly)."""
    from samverka.organisation.models import Role
    from samverka.organisation.tests.factories import user_with_role

    for n in numbers:
        body = BodyFactory(short_name=f"X{n}", name=f"Extranämnd {n}")
        recipient = consultation.recipients.create(body=body)
        lead = user_with_role(Role.DIGITAL_LEAD, body=body)
        services.response_save(
            actor=lead,
            recipient=recipient,
            standpoint=Response.Standpoint.SUPPORTS_WITH_COMMENTS,
            answers={consultation.questions.first().pk: f"Svar {n}"},
            comments=[
                services.CommentInput(f"Synpunkt A {n}", (topic("dialog"),)),
                services.CommentInput(f"Synpunkt B {n}", (topic("samordning"), topic("finansiering"))),
            ],
        )
        Response.objects.filter(recipient=recipient).update(status=Response.Status.SENT, sent_on=TODAY)


@pytest.mark.parametrize("path", ["detail", "compilation", "list", "inbox"])
def test_query_count_does_not_grow_with_responses(client, world, path):
    consultation = sent(world)
    client.force_login(world.officer)
    url = reverse(f"consultations:{path}", args=[] if path in ("list", "inbox") else [consultation.pk])
    _add_responses(consultation, range(2))
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    _add_responses(consultation, range(2, 8))
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large) == len(small), [q["sql"] for q in large.captured_queries]


def test_correction_through_the_page_needs_a_reason(client, world):
    consultation = sent(world)
    answer(world, consultation)
    recipient = recipient_for(consultation, world.mn)
    client.force_login(world.digital_lead)
    url = reverse("consultations:respond", args=[consultation.pk, recipient.pk])
    page = client.get(url).content.decode()
    assert "Rätta det skickade svaret" in page
    data = {
        "standpoint": "supports",
        "summary": "Rättad",
        "comments-TOTAL_FORMS": "1",
        "comments-INITIAL_FORMS": "0",
        "comments-0-text": "",
        "action": "correct",
    }
    page = client.post(url, data)
    assert page.status_code == 400
    assert "Ange varför svaret rättas." in page.content.decode()
    data["reason"] = "Fel ställningstagande"
    assert client.post(url, data).status_code == 302
    response = Response.objects.get(recipient=recipient)
    assert response.version == 2 and response.standpoint == "supports"


def test_topics_are_managed_in_the_admin(client, world):
    from samverka.consultations.models import Topic
    from samverka.organisation.models import Role
    from samverka.organisation.tests.factories import user_with_role

    admin_user = user_with_role(Role.ADMINISTRATOR)
    client.force_login(admin_user)
    page = client.post(
        reverse("admin:consultations_topic_add"),
        {"name": "Tillgänglighet", "code": "tillganglighet", "is_active": "on"},
    )
    assert page.status_code == 302
    topic_row = Topic.objects.get(code="tillganglighet")
    assert topic_row.history.first().history_user == admin_user
    client.force_login(world.officer)
    assert client.get(reverse("admin:consultations_topic_changelist")).status_code in (302, 403)


def test_compile_through_the_page(client, world, django_capture_on_commit_callbacks):
    consultation = sent(world)
    answer(world, consultation)
    services.consultation_close(actor=world.officer, consultation=consultation, reason="Klart")
    client.force_login(world.officer)
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(reverse("consultations:compile", args=[consultation.pk]))
    assert page.status_code == 302
    assert consultation.compilations.count() == 1
    detail = client.get(reverse("consultations:detail", args=[consultation.pk])).content.decode()
    assert "Registrerade sammanställningar" in detail
    client.force_login(world.digital_lead)
    assert client.post(reverse("consultations:compile", args=[consultation.pk])).status_code == 403


def test_a_reader_follows_a_comment_from_the_consultation_to_the_final_proposal_and_back(client, world):
    import io

    import docx

    from samverka.consultations import export, selectors
    from samverka.registry.tests.factories import open_case

    from .factories import sent

    consultation = sent(world, title="Riktlinjer för IT")
    proposal = open_case(series=world.stk_series, actor=world.officer, title="Slutligt förslag till riktlinjer")
    services.consultation_link_final_proposal(actor=world.officer, consultation=consultation, proposal=proposal)
    client.force_login(world.officer)

    case_page = client.get(reverse("registry:case_detail", args=[proposal.number])).content.decode()
    assert "Remisser bakom förslaget i ärendet" in case_page
    assert f'href="{reverse("consultations:detail", args=[consultation.pk])}"' in case_page
    assert f'href="{reverse("consultations:compilation", args=[consultation.pk])}"' in case_page
    own_case_page = client.get(reverse("registry:case_detail", args=[world.case.number])).content.decode()
    assert "Remisser bakom förslaget i ärendet" not in own_case_page

    compilation_page = client.get(reverse("consultations:compilation", args=[consultation.pk])).content.decode()
    assert f'href="{reverse("registry:case_detail", args=[proposal.number])}"' in compilation_page
    consultation.refresh_from_db()
    document = docx.Document(io.BytesIO(export.compilation_docx(selectors.compilation(consultation))))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "Slutligt förslag" in cells and proposal.number in cells
