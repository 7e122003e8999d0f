"""The generated consultations for `make bench`: counts follow the scale, the rows keep the
workflow's rules, a second run appends, and the pages the benchmark measures answer."""


import pytest
from django.db.models import Count, Q
from django.utils import timezone

from samverka.consultations import scale
from samverka.consultations.models import Comment, Compilation, Consultation, Recipient, Response
from samverka.registry.models import Case, Document
from samverka.scale.testing import assert_endpoints_answer, generate_app

pytestmark = pytest.mark.django_db
Status = Consultation.Status


def _generate_consultations(scale_value: float, seed: int) -> None:
    """A small registry, then consultations at `scale_value` (so the test needs no large registry)."""
    generate_app(scale.generate, scale=scale_value, seed=seed, registry_scale=0.0001)


def test_counts_follow_the_scale():
    _generate_consultations(0.01, seed=1)
    assert Consultation.objects.count() == 20
    assert Response.objects.count() == 200
    _generate_consultations(0.02, seed=2)
    assert Consultation.objects.count() == 60
    assert Response.objects.count() == 600
    assert set(Consultation.objects.values_list("status", flat=True)) == set(Status.values)


def test_rows_keep_the_workflow_rules():
    _generate_consultations(0.01, seed=3)
    today = timezone.localdate()
    for consultation in Consultation.objects.select_related("case", "sent_document").annotate(
        responses=Count("recipients__response")
    ):
        assert consultation.questions.exists()
        assert consultation.recipients.exists()
        assert consultation.documents.filter(case=consultation.case).exists()
        assert consultation.history.exists()
        if consultation.status == Status.DRAFT:
            assert consultation.responses == 0
            assert consultation.sent_on is None and consultation.sent_document is None
            assert consultation.deadline > today
            assert consultation.case.status == Case.Status.OPEN
            continue
        document = consultation.sent_document
        assert document.case_id == consultation.case_id
        assert document.direction == Document.Direction.OUTGOING and document.document_type.code == "remiss"
        assert consultation.sent_on <= today and consultation.sent_on < consultation.deadline
        assert consultation.sent_by_id and consultation.created_by_id
        if consultation.status in (Status.CLOSED, Status.COMPILED):
            assert consultation.closed_at.date() >= consultation.deadline
            late = Response.objects.filter(
                recipient__consultation=consultation, sent_on__gt=consultation.closed_at.date()
            )
            assert not late.exists()
        compilations = Compilation.objects.filter(consultation=consultation)
        if consultation.status == Status.COMPILED:
            assert consultation.compiled_at >= consultation.closed_at
            compilation = compilations.get()
            assert compilation.document.case_id == consultation.case_id
            assert compilation.document.document_type.code == "sammanstallning"
        else:
            assert not compilations.exists()
            assert not Comment.objects.filter(response__recipient__consultation=consultation).exclude(handling="")
    for response in Response.objects.select_related("recipient__consultation", "sender_document"):
        consultation = response.recipient.consultation
        if response.status == Response.Status.SENT:
            assert response.version == 1 and response.sent_on and response.sent_by_id
            assert consultation.sent_on <= response.sent_on <= today
            assert response.is_late == (response.sent_on > consultation.deadline)
            assert response.sender_document.case_id == consultation.case_id
            assert response.history.count() == 2
        else:
            assert response.version == 0 and response.sent_on is None and not response.is_late
            assert response.sender_document is None and response.recipient_document is None
        comments = response.comments.count()
        if response.standpoint == Response.Standpoint.SUPPORTS_WITH_COMMENTS:
            assert comments >= 1
        if response.standpoint == Response.Standpoint.DECLINES:
            assert comments == 0 and not response.answers.exists()
    # A recipient that registered the remiss holds it in a case of its own, with its response going out from there.
    registered = Recipient.objects.filter(recipient_case__isnull=False).select_related("incoming_document")
    assert registered.exists()
    for recipient in registered:
        assert recipient.incoming_document.case_id == recipient.recipient_case_id
        assert recipient.recipient_case_id != recipient.consultation.case_id
        response = getattr(recipient, "response", None)
        if response is not None and response.status == Response.Status.SENT:
            assert response.recipient_document.case_id == recipient.recipient_case_id
    assert not Comment.objects.filter(~Q(handling=""), handling_motivation="").exists()
    assert Comment.objects.exclude(handling="").exists()


def test_a_second_run_appends_and_the_bench_pages_answer(client):
    _generate_consultations(0.0001, seed=1)
    first = Consultation.objects.count()
    _generate_consultations(0.0001, seed=2)
    assert Consultation.objects.count() == 2 * first
    assert Case.objects.filter(consultations__isnull=False).distinct().count() == 2 * first
    endpoints = scale.bench_endpoints()
    assert {e.name for e in endpoints} >= {"Remisser", "Remiss", "Remissammanställning", "API remiss"}
    assert_endpoints_answer(client, endpoints)
