import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from samverka.core.errors import DomainError, InvalidTransition, PermissionDenied
from samverka.needs import selectors, services
from samverka.needs.models import Need
from samverka.registry.tests.factories import pdf_bytes

from .factories import TEAMS_A, TEAMS_B, closed_window, make_need, open_window, submitted_need

pytestmark = pytest.mark.django_db


def test_create_allocates_reference_and_keeps_fields(mf, kuf, lead_mf):
    need = make_need(
        actor=lead_mf,
        admin=mf,
        title="Säker inloggning",
        estimated_cost=Decimal(250000),
        horizon_years=2,
        administrations_concerned=[kuf],
        legal_requirement=True,
        legal_reference="NIS2",
        attachments=[SimpleUploadedFile("bilaga.pdf", pdf_bytes("Bilaga"), content_type="application/pdf")],
    )
    assert need.reference.startswith("BEH-") and need.status == Need.Status.DRAFT
    assert list(need.administrations_concerned.all()) == [kuf]
    assert need.attachments.count() == 1
    assert need.search_tokens
    assert need.history.first().history_user == lead_mf


def test_only_own_digital_lead_creates_and_edits(mf, kuf, lead_mf, lead_kuf, gov):
    with pytest.raises(PermissionDenied):
        make_need(actor=lead_kuf, admin=mf)
    with pytest.raises(PermissionDenied):
        make_need(actor=gov, admin=mf)
    need = make_need(actor=lead_mf, admin=mf)
    with pytest.raises(PermissionDenied):
        services.need_update(actor=lead_kuf, need=need, title="X")
    services.need_update(actor=lead_mf, need=need, title="Ny rubrik")
    need.refresh_from_db()
    assert need.title == "Ny rubrik"


@pytest.mark.parametrize("bad", [Decimal(-1), Decimal("-0.5")])
def test_negative_cost_refused(mf, lead_mf, bad):
    with pytest.raises(DomainError, match="negativ"):
        make_need(actor=lead_mf, admin=mf, estimated_cost=bad)


def test_bad_horizon_and_missing_legal_reference(mf, lead_mf):
    with pytest.raises(DomainError):
        make_need(actor=lead_mf, admin=mf, horizon_years=5)
    with pytest.raises(DomainError, match="lag"):
        make_need(actor=lead_mf, admin=mf, legal_requirement=True)


def test_submit_only_while_intake_open(monkeypatch, mf, lead_mf):
    need = make_need(actor=lead_mf, admin=mf)
    closed_window(monkeypatch)
    with pytest.raises(DomainError, match="stängd"):
        services.need_submit(actor=lead_mf, need=need)
    window = open_window(monkeypatch)
    services.need_submit(actor=lead_mf, need=need)
    need.refresh_from_db()
    assert need.status == Need.Status.SUBMITTED
    assert need.plan_year == window.plan_year
    with pytest.raises(DomainError, match="kan inte längre ändras"):
        services.need_update(actor=lead_mf, need=need, title="X")
    with pytest.raises(InvalidTransition):
        services.need_submit(actor=lead_mf, need=need)


def test_no_window_at_all_is_closed(monkeypatch, mf, lead_mf):
    monkeypatch.setattr(selectors, "intake_windows", lambda: [])
    need = make_need(actor=lead_mf, admin=mf)
    with pytest.raises(DomainError, match="stängd"):
        services.need_submit(actor=lead_mf, need=need)


def test_late_acceptance_by_governance_is_recorded(monkeypatch, mf, lead_mf, gov):
    window = closed_window(monkeypatch)
    need = make_need(actor=lead_mf, admin=mf)
    with pytest.raises(PermissionDenied):
        services.need_accept_late(actor=lead_mf, need=need, reason="Glömt")
    with pytest.raises(DomainError, match="varför"):
        services.need_accept_late(actor=gov, need=need, reason=" ")
    services.need_accept_late(actor=gov, need=need, reason="Nytt lagkrav under våren")
    need.refresh_from_db()
    assert need.status == Need.Status.SUBMITTED and need.submitted_late
    assert need.late_accepted_by == gov and need.plan_year == window.plan_year
    assert "Sent behov" in need.history.first().history_change_reason


def test_governance_workflow_and_reject_reason_mailed(monkeypatch, mf, lead_mf, gov):
    open_window(monkeypatch)
    lead_mf.person.email = "dl@kommun.example"
    lead_mf.person.save()
    need = submitted_need(actor=lead_mf, admin=mf)
    with pytest.raises(PermissionDenied):
        services.need_prepare(actor=lead_mf, need=need)
    services.need_prepare(actor=gov, need=need)
    with pytest.raises(DomainError, match="skälet"):
        services.need_reject(actor=gov, need=need, reason="")
    with pytest.raises(PermissionDenied):
        services.need_reject(actor=lead_mf, need=need, reason="Nej")
    with django_capture_on_commit() as callbacks:
        services.need_reject(actor=gov, need=need, reason="Täcks av basleveransen Office 365")
    for callback in callbacks:
        callback()
    need.refresh_from_db()
    assert need.status == Need.Status.REJECTED and need.rejection_reason.startswith("Täcks")
    assert mail.outbox and "avslagits" in mail.outbox[0].subject
    with pytest.raises(InvalidTransition):
        services.need_prepare(actor=gov, need=need)


def django_capture_on_commit():
    from django.test import TestCase

    return TestCase.captureOnCommitCallbacks(execute=False)


def test_merge_keeps_every_submitter(monkeypatch, mf, kuf, lead_mf, lead_kuf, gov):
    open_window(monkeypatch)
    a = submitted_need(actor=lead_mf, admin=mf, **TEAMS_A)
    b = submitted_need(actor=lead_kuf, admin=kuf, **TEAMS_B)
    with pytest.raises(PermissionDenied):
        services.need_merge(actor=lead_mf, need=b, into=a)
    services.need_merge(actor=gov, need=b, into=a, note="Samma behov")
    b.refresh_from_db()
    assert b.status == Need.Status.MERGED and b.merged_into == a
    assert kuf in a.administrations_concerned.all()
    contributions = selectors.need_contributions(a)
    assert [c.need for c in contributions] == [a, b]
    assert contributions[1].need.description == TEAMS_B["description"]
    assert selectors.final_destination(b) == a
    with pytest.raises(DomainError):
        services.need_merge(actor=gov, need=a, into=b)  # b is merged: not a target
    with pytest.raises(DomainError):
        services.need_merge(actor=gov, need=a, into=a)


def test_accept_release_deliver(monkeypatch, mf, lead_mf, gov):
    open_window(monkeypatch)
    need = submitted_need(actor=lead_mf, admin=mf)
    services.need_accept(actor=gov, need=need)
    services.need_release(actor=gov, need=need)
    services.need_accept(actor=gov, need=need)
    services.need_deliver(actor=gov, need=need)
    need.refresh_from_db()
    assert need.status == Need.Status.DELIVERED and need.delivered_at


def test_window_helpers(monkeypatch):
    today = dt.date(2025, 3, 1)
    window = selectors.IntakeWindow(2026, dt.date(2025, 2, 1), dt.date(2025, 3, 31))
    monkeypatch.setattr(selectors, "intake_windows", lambda: [window])
    assert selectors.open_intake(today) == window
    assert selectors.open_intake(dt.date(2025, 4, 1)) is None
    assert selectors.latest_intake(dt.date(2025, 5, 1)) == window
    assert selectors.next_intake(dt.date(2025, 1, 1)) == window
