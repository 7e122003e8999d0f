"""Writes to audits. Every function checks its policy, validates, and records who, when and why."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from samverka.core.errors import DomainError, PermissionDenied
from samverka.core.history import stamp as _stamp
from samverka.organisation.models import Administration, Body, Person
from samverka.organisation.selectors import person_for_user
from samverka.registry import services as registry_services
from samverka.registry.models import Case, Document, DocumentType

from . import policies, workflow
from .models import Action, ActionEvent, ActionStatus, Audit, AuditReport, Finding, ReminderSent

STATEMENT_DOCUMENT_TYPE = ("yttrande", "Yttrande")
REPORT_DOCUMENT_TYPE = ("redovisning", "Redovisning")


def _not_future(day: dt.date, what: str) -> None:
    if day > timezone.localdate():
        raise DomainError(f"{what} kan inte ligga i framtiden.", code="future_date")


# --- The audit and its findings -------------------------------------------------------------


@transaction.atomic
def audit_register(
    *,
    actor,
    case: Case,
    title: str,
    report_date: dt.date,
    auditor_body: Body | None = None,
    summary: str = "",
) -> Audit:
    """Register an auditors' report; its case is the one in the auditors' series (SR-…)."""
    if not policies.can_register_audit(actor, case):
        raise PermissionDenied(f"Du får inte registrera granskningar i ärende {case.number}.")
    if Audit.objects.filter(case=case).exists():
        raise DomainError(f"Ärende {case.number} har redan en registrerad granskning.", code="duplicate")
    if Audit.objects.filter(response_case=case).exists():
        raise DomainError(f"Ärende {case.number} är svaret på en granskning.", code="duplicate")
    if not title.strip():
        raise DomainError("Ange granskningens rubrik.", code="required")
    _not_future(report_date, "Rapportens datum")
    auditor_body = auditor_body or case.responsible_body or (case.series.body if case.series.body_id else None)
    if auditor_body is None:
        raise DomainError("Ange vilka revisorer som har gjort granskningen.", code="required")
    audit = Audit(
        case=case,
        title=title.strip(),
        report_date=report_date,
        auditor_body=auditor_body,
        summary=summary.strip(),
        created_by=actor,
    )
    audit.full_clean()
    _stamp(audit, actor, "Granskningen registrerades")
    audit.save()
    return audit


@transaction.atomic
def finding_add(*, actor, audit: Audit, title: str, description: str = "", recommendation: str = "") -> Finding:
    audit = Audit.objects.select_for_update(of=("self",)).select_related("case", "response_case").get(pk=audit.pk)
    if not policies.can_manage_audit(actor, audit):
        raise PermissionDenied("Du får inte ändra denna granskning.")
    if not title.strip():
        raise DomainError("Ange iakttagelsen.", code="required")
    last = audit.findings.aggregate(last=Max("sequence"))["last"] or 0
    finding = Finding(
        audit=audit,
        sequence=last + 1,
        title=title.strip(),
        description=description.strip(),
        recommendation=recommendation.strip(),
    )
    finding.full_clean()
    _stamp(finding, actor, "Iakttagelsen registrerades")
    finding.save()
    return finding


@transaction.atomic
def audit_set_response(
    *,
    actor,
    audit: Audit,
    response_case: Case,
    response_date: dt.date,
    response_body: Body | None = None,
    address: str = "",
    recipients: str = "",
    summary: str = "",
    statement: str = "",
    final_report_due: dt.date | None = None,
) -> Audit:
    """The board's answer: its own case, the statement's header and text, and when the final report is due."""
    audit = Audit.objects.select_for_update(of=("self",)).select_related("case", "response_case").get(pk=audit.pk)
    if not policies.can_manage_audit(actor, audit):
        raise PermissionDenied("Du får inte ändra denna granskning.")
    if response_case.pk == audit.case_id:
        raise DomainError("Svaret ska registreras i ett eget ärende, inte i revisorernas.", code="same_case")
    other = Audit.objects.filter(response_case=response_case).exclude(pk=audit.pk).first()
    if other is not None or Audit.objects.filter(case=response_case).exists():
        raise DomainError(f"Ärende {response_case.number} hör redan till en annan granskning.", code="duplicate")
    if response_date < audit.report_date:
        raise DomainError("Yttrandet kan inte vara daterat före revisorernas rapport.", code="date_order")
    if final_report_due is not None and final_report_due < response_date:
        raise DomainError("Slutredovisningen kan inte ligga före yttrandets datum.", code="date_order")
    audit.response_case = response_case
    audit.response_date = response_date
    audit.response_body = response_body or response_case.responsible_body
    audit.response_address = address.strip()
    audit.response_recipients = "\n".join(line.strip() for line in recipients.splitlines() if line.strip())
    audit.response_summary = summary.strip()
    audit.response_statement = statement.strip()
    audit.final_report_due = final_report_due
    audit.full_clean()
    _stamp(audit, actor, "Styrelsens svar registrerades")
    audit.save()
    if final_report_due is not None:
        final = AuditReport.objects.filter(audit=audit, kind=AuditReport.Kind.FINAL).first()
        if final is None:
            final = AuditReport(audit=audit, kind=AuditReport.Kind.FINAL, due_date=final_report_due)
            _stamp(final, actor, "Slutredovisning planerades")
            final.save()
        elif final.status == AuditReport.Status.DUE and final.due_date != final_report_due:
            final.due_date = final_report_due
            _stamp(final, actor, "Datum för slutredovisning ändrades")
            final.save(update_fields=["due_date"])
    return audit


@transaction.atomic
def report_schedule(*, actor, audit: Audit, due_date: dt.date, kind: str = AuditReport.Kind.INTERIM) -> AuditReport:
    """A required interim report (delredovisning), or the final report, on a given date."""
    audit = Audit.objects.select_for_update(of=("self",)).select_related("case", "response_case").get(pk=audit.pk)
    if not policies.can_manage_audit(actor, audit):
        raise PermissionDenied("Du får inte ändra denna granskning.")
    if kind not in AuditReport.Kind.values:
        raise DomainError("Okänd typ av redovisning.")
    if due_date < audit.report_date:
        raise DomainError("En redovisning kan inte ligga före revisorernas rapport.", code="date_order")
    if kind == AuditReport.Kind.FINAL and audit.reports.filter(kind=kind).exists():
        raise DomainError("Granskningen har redan en slutredovisning.", code="duplicate")
    report = AuditReport(audit=audit, kind=kind, due_date=due_date)
    report.full_clean()
    _stamp(report, actor, f"{report.get_kind_display()} planerades")
    report.save()
    if kind == AuditReport.Kind.FINAL:
        audit.final_report_due = due_date
        _stamp(audit, actor, "Datum för slutredovisning")
        audit.save(update_fields=["final_report_due"])
    return report


# --- Actions ---------------------------------------------------------------------------------


@transaction.atomic
def action_add(
    *,
    actor,
    finding: Finding,
    description: str,
    expected_effect: str,
    responsible_person: Person,
    due_date: dt.date,
    responsible_body: Body | None = None,
    responsible_administration: Administration | None = None,
) -> Action:
    """One action in answer to a finding, with its expected effect, who is responsible and by when."""
    finding = (
        Finding.objects.select_for_update(of=("self",))
        .select_related("audit__case", "audit__response_case")
        .get(pk=finding.pk)
    )
    audit = finding.audit
    if not policies.can_manage_audit(actor, audit):
        raise PermissionDenied("Du får inte ändra denna granskning.")
    if not description.strip():
        raise DomainError("Beskriv åtgärden.", code="required")
    if not expected_effect.strip():
        raise DomainError("Beskriv den förväntade effekten.", code="required")
    if not (responsible_body or responsible_administration):
        responsible_administration = responsible_person.administration
    if not (responsible_body or responsible_administration):
        raise DomainError("Ange ansvarigt organ eller ansvarig förvaltning.", code="required")
    if due_date < audit.report_date:
        raise DomainError("Tidsgränsen kan inte ligga före revisorernas rapport.", code="date_order")
    last = finding.actions.aggregate(last=Max("sequence"))["last"] or 0
    action = Action(
        finding=finding,
        sequence=last + 1,
        description=description.strip(),
        expected_effect=expected_effect.strip(),
        responsible_person=responsible_person,
        responsible_body=responsible_body,
        responsible_administration=responsible_administration,
        original_due_date=due_date,
        due_date=due_date,
    )
    action.full_clean()
    _stamp(action, actor, "Åtgärden registrerades")
    action.save()
    return action


def _lock_action(action: Action) -> Action:
    return (
        Action.objects.select_for_update(of=("self",))
        .select_related("finding__audit__case", "finding__audit__response_case")
        .get(pk=action.pk)
    )


def _record(
    *,
    actor,
    action: Action,
    kind: str,
    text: str = "",
    from_status: str = "",
    to_status: str = "",
    old_due_date: dt.date | None = None,
    new_due_date: dt.date | None = None,
    noted_on: dt.date | None = None,
) -> ActionEvent:
    event = ActionEvent(
        action=action,
        kind=kind,
        noted_on=noted_on or timezone.localdate(),
        text=text.strip(),
        from_status=from_status,
        to_status=to_status,
        old_due_date=old_due_date,
        new_due_date=new_due_date,
        author=person_for_user(actor),
        created_by=actor,
    )
    event.full_clean()
    _stamp(event, actor, event.get_kind_display())
    event.save()
    return event


def _transition(*, actor, action: Action, target: str) -> tuple[Action, str]:
    """Lock the row, check the actor and the step; return the locked action and its former status."""
    action = _lock_action(action)
    if not policies.can_update_action(actor, action):
        raise PermissionDenied("Bara den ansvariga eller IT-styrningen får uppdatera åtgärden.")
    workflow.check_transition(action.status, target)
    return action, action.status


@transaction.atomic
def action_start(*, actor, action: Action, note: str = "", noted_on: dt.date | None = None) -> Action:
    """Planned (or delayed) → in progress."""
    action, before = _transition(actor=actor, action=action, target=ActionStatus.IN_PROGRESS)
    noted_on = noted_on or timezone.localdate()
    _not_future(noted_on, "Datumet")
    action.status = ActionStatus.IN_PROGRESS
    action.status_changed_at = timezone.now()
    _stamp(action, actor, note.strip() or "Åtgärden påbörjades")
    action.save(update_fields=["status", "status_changed_at"])
    _record(
        actor=actor,
        action=action,
        kind=ActionEvent.Kind.TRANSITION,
        text=note,
        from_status=before,
        to_status=action.status,
        noted_on=noted_on,
    )
    return action


@transaction.atomic
def action_complete(
    *,
    actor,
    action: Action,
    completed_on: dt.date | None = None,
    evidence_document: Document | None = None,
    evidence_decision: str = "",
    note: str = "",
) -> Action:
    """→ done; needs evidence: a registered document or a reference to a decision."""
    action, before = _transition(actor=actor, action=action, target=ActionStatus.DONE)
    evidence_decision = evidence_decision.strip()
    if evidence_document is None and not evidence_decision:
        raise DomainError(
            "En genomförd åtgärd behöver ett underlag: en registrerad handling eller ett beslut.",
            code="evidence_required",
        )
    completed_on = completed_on or timezone.localdate()
    _not_future(completed_on, "Datumet då åtgärden genomfördes")
    if completed_on < action.finding.audit.report_date:
        raise DomainError("Åtgärden kan inte vara genomförd före revisorernas rapport.", code="date_order")
    action.status = ActionStatus.DONE
    action.completed_on = completed_on
    action.evidence_document = evidence_document
    action.evidence_decision = evidence_decision
    action.status_changed_at = timezone.now()
    action.full_clean()
    _stamp(action, actor, note.strip() or "Åtgärden är genomförd")
    action.save(update_fields=["status", "completed_on", "evidence_document", "evidence_decision", "status_changed_at"])
    evidence = evidence_document.number if evidence_document is not None else evidence_decision
    text = f"Underlag: {evidence}" + (f"\n{note.strip()}" if note.strip() else "")
    _record(
        actor=actor,
        action=action,
        kind=ActionEvent.Kind.TRANSITION,
        text=text,
        from_status=before,
        to_status=action.status,
        noted_on=completed_on,
    )
    return action


@transaction.atomic
def action_delay(
    *, actor, action: Action, new_due_date: dt.date, reason: str, noted_on: dt.date | None = None
) -> Action:
    """→ delayed, with a new date after the old one and a reason; every change of date is kept."""
    action, before = _transition(actor=actor, action=action, target=ActionStatus.DELAYED)
    noted_on = noted_on or timezone.localdate()
    _not_future(noted_on, "Datumet")
    if not reason.strip():
        raise DomainError("Ange varför åtgärden är försenad.", code="reason_required")
    if new_due_date <= action.due_date:
        raise DomainError(
            f"Det nya datumet måste ligga efter det tidigare ({action.due_date:%Y-%m-%d}).", code="date_order"
        )
    old_due_date = action.due_date
    action.status = ActionStatus.DELAYED
    action.due_date = new_due_date
    action.status_changed_at = timezone.now()
    _stamp(action, actor, f"Försenad till {new_due_date:%Y-%m-%d}: {reason.strip()}")
    action.save(update_fields=["status", "due_date", "status_changed_at"])
    _record(
        actor=actor,
        action=action,
        kind=ActionEvent.Kind.TRANSITION,
        text=reason,
        from_status=before,
        to_status=action.status,
        old_due_date=old_due_date,
        new_due_date=new_due_date,
        noted_on=noted_on,
    )
    return action


TRANSITION_SERVICES = {
    "action_start": action_start,
    "action_complete": action_complete,
    "action_delay": action_delay,
}


@transaction.atomic
def action_note_add(*, actor, action: Action, text: str, noted_on: dt.date | None = None) -> ActionEvent:
    """A dated status note by the responsible (or IT governance)."""
    action = _lock_action(action)
    if not policies.can_update_action(actor, action):
        raise PermissionDenied("Bara den ansvariga eller IT-styrningen får skriva statusanteckningar.")
    if not text.strip():
        raise DomainError("Skriv en anteckning.", code="required")
    noted_on = noted_on or timezone.localdate()
    _not_future(noted_on, "Anteckningens datum")
    return _record(actor=actor, action=action, kind=ActionEvent.Kind.NOTE, text=text, noted_on=noted_on)


# --- Documents: the statement and the reports --------------------------------------------------


def _document_type(code: str, name: str) -> DocumentType:
    """The registry's document type by code; created (as configuration) the first time it is needed."""
    document_type, _created = DocumentType.objects.get_or_create(code=code, defaults={"name": name})
    return document_type


def _files(base: str, pdf: bytes, docx: bytes) -> list[SimpleUploadedFile]:
    return [
        SimpleUploadedFile(f"{base}.pdf", pdf, content_type="application/pdf"),
        SimpleUploadedFile(
            f"{base}.docx",
            docx,
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ]


@transaction.atomic
def statement_register(*, actor, audit: Audit, registered_on: dt.date | None = None) -> Document:
    """Render the board's statement (PDF and DOCX) and register it, outgoing, in the answer case.

    `registered_on` is only for importing statements registered earlier (the demo)."""
    from . import rendering

    audit = (
        Audit.objects.select_for_update(of=("self",))
        .select_related("case", "response_case", "auditor_body")
        .get(pk=audit.pk)
    )
    if audit.response_case is None or audit.response_date is None:
        raise DomainError("Registrera styrelsens svar (ärende och datum) innan yttrandet skapas.", code="no_response")
    if not policies.can_register_statement(actor, audit):
        raise PermissionDenied(f"Du får inte registrera handlingar i ärende {audit.response_case.number}.")
    if not Action.objects.filter(finding__audit=audit).exists():
        raise DomainError("Yttrandet behöver minst en åtgärd.", code="no_actions")
    pdf, docx = rendering.statement_pdf(audit), rendering.statement_docx(audit)
    document = registry_services.document_register(
        actor=actor,
        case=audit.response_case,
        direction=Document.Direction.OUTGOING,
        document_type=_document_type(*STATEMENT_DOCUMENT_TYPE),
        document_date=min(audit.response_date, timezone.localdate()),
        subject=f"Yttrande över {audit.title} {audit.case.number}"[:500],
        counterpart=audit.auditor_body,
        files=_files(f"yttrande-{audit.response_case.number}", pdf, docx),
        registered_on=registered_on,
    )
    audit.statement_document = document
    _stamp(audit, actor, f"Yttrandet registrerades som {document.number}")
    audit.save(update_fields=["statement_document"])
    return document


@transaction.atomic
def report_submit(
    *,
    actor,
    report: AuditReport,
    summary: str = "",
    submitted_on: dt.date | None = None,
    registered_on: dt.date | None = None,
) -> AuditReport:
    """Render an interim or final report from the actions' statuses, register it in the answer case
    and mark it submitted."""
    from . import rendering

    report = (
        AuditReport.objects.select_for_update(of=("self",))
        .select_related("audit__case", "audit__response_case", "audit__auditor_body")
        .get(pk=report.pk)
    )
    audit = report.audit
    if audit.response_case is None:
        raise DomainError("Registrera styrelsens svar innan en redovisning lämnas.", code="no_response")
    if not policies.can_submit_report(actor, report):
        raise PermissionDenied(f"Du får inte registrera handlingar i ärende {audit.response_case.number}.")
    if report.status == AuditReport.Status.SUBMITTED:
        raise DomainError("Redovisningen är redan lämnad.", code="invalid_transition")
    submitted_on = submitted_on or timezone.localdate()
    _not_future(submitted_on, "Datumet för redovisningen")
    report.summary = summary.strip()
    report.submitted_on = submitted_on
    pdf, docx = rendering.report_pdf(report), rendering.report_docx(report)
    document = registry_services.document_register(
        actor=actor,
        case=audit.response_case,
        direction=Document.Direction.OUTGOING,
        document_type=_document_type(*REPORT_DOCUMENT_TYPE),
        document_date=submitted_on,
        subject=f"{report.get_kind_display()} av åtgärder med anledning av {audit.case.number}"[:500],
        counterpart=audit.auditor_body,
        files=_files(f"{report.kind}-{audit.response_case.number}-{submitted_on:%Y%m%d}", pdf, docx),
        registered_on=registered_on,
    )
    report.status = AuditReport.Status.SUBMITTED
    report.document = document
    report.full_clean()
    _stamp(report, actor, f"{report.get_kind_display()} lämnades som {document.number}")
    report.save(update_fields=["status", "submitted_on", "summary", "document"])
    return report


# --- Reminders ---------------------------------------------------------------------------------


def _remind(*, kind: str, object_id: int, due_date: dt.date, recipient: str, subject: str, body: str) -> bool:
    """Record and send one reminder unless it has been sent before; True when it is sent now."""
    from .tasks import send_reminder_email

    with transaction.atomic():
        _reminder, created = ReminderSent.objects.get_or_create(
            kind=kind, object_id=object_id, due_date=due_date, recipient=recipient.lower()
        )
        if created:
            transaction.on_commit(lambda: send_reminder_email.enqueue(recipient=recipient, subject=subject, body=body))
    return created


def reminders_send(*, today: dt.date | None = None) -> int:
    """E-mail the responsible and IT governance about overdue actions and reports due within 14 days.

    Safe to run any number of times: each reminder (what, which date, to whom) is sent once. An
    action that gets a new date is reminded of again when the new date has passed."""
    from . import selectors

    today = today or timezone.localdate()
    site = getattr(settings, "SAMVERKA_BASE_URL", "")
    governance = sorted({p.email for p in selectors.governance_people() if p.email})
    sent = 0
    for action in selectors.overdue_actions(today=today):
        audit = action.finding.audit
        subject = f"Försenad åtgärd efter granskning {audit.case.number}"
        body = (
            f"Åtgärd {action.number} med anledning av granskningen ”{audit.title}” ({audit.case.number}) "
            f"skulle vara klar {action.due_date:%Y-%m-%d} och är {action.get_status_display().lower()}.\n\n"
            f"{action.description[:500]}\n\n"
            f"Ansvarig: {action.responsible_person.full_name}.\n"
            f"Uppdatera åtgärdens status i Samverka: {site}/revision/atgarder/{action.pk}/\n"
        )
        recipients = {action.responsible_person.email, *governance} - {""}
        for recipient in sorted(recipients):
            sent += _remind(
                kind=ReminderSent.Kind.ACTION_OVERDUE,
                object_id=action.pk,
                due_date=action.due_date,
                recipient=recipient,
                subject=subject,
                body=body,
            )
    for report in selectors.reports_due(today=today):
        audit = report.audit
        late = report.due_date < today
        subject = (
            f"{report.get_kind_display()} för granskning {audit.case.number} ska lämnas {report.due_date:%Y-%m-%d}"
        )
        body = (
            f"{report.get_kind_display()} till revisorerna av åtgärderna med anledning av ”{audit.title}” "
            f"({audit.case.number}) ska lämnas senast {report.due_date:%Y-%m-%d}"
            f"{' och är försenad' if late else ''}.\n\n"
            f"Skapa och registrera redovisningen i Samverka: {site}/revision/{audit.pk}/\n"
        )
        officer = audit.response_case.responsible_officer if audit.response_case else None
        recipients = {officer.email if officer else "", *governance} - {""}
        for recipient in sorted(recipients):
            sent += _remind(
                kind=ReminderSent.Kind.REPORT_DUE,
                object_id=report.pk,
                due_date=report.due_date,
                recipient=recipient,
                subject=subject,
                body=body,
            )
    return sent
