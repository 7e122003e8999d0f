"""Pages for audits: thin views that check a policy, read a form, call a service and show its errors."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samverka.core.errors import DomainError

from . import policies, rendering, selectors, services, workflow
from .forms import (
    ActionCompleteForm,
    ActionDelayForm,
    ActionForm,
    ActionStartForm,
    AuditRegisterForm,
    FindingForm,
    NoteForm,
    ReportScheduleForm,
    ReportSubmitForm,
    ResponseForm,
)
from .models import Action, ActionStatus, Audit, AuditReport, Finding

PAGE_SIZE = 25
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _require(allowed: bool) -> None:
    if not allowed:
        raise HttpForbidden(_("Du har inte behörighet att göra detta."))


def _audit_or_404(pk: int) -> Audit:
    try:
        return selectors.audit_get(pk=pk)
    except Audit.DoesNotExist as exc:
        raise Http404(_("Granskningen finns inte.")) from exc


def _action_or_404(pk: int) -> Action:
    try:
        return selectors.action_get(pk=pk)
    except Action.DoesNotExist as exc:
        raise Http404(_("Åtgärden finns inte.")) from exc


def _form_page(request, template: str, context: dict) -> HttpResponse:
    return render(request, template, {"nav": "audits", **context}, status=400 if request.method == "POST" else 200)


def audit_list(request: HttpRequest) -> HttpResponse:
    _require(policies.can_view_audits(request.user))
    sort = request.GET.get("sort", selectors.DEFAULT_AUDIT_SORT)
    mine = request.GET.get("mine") == "1"
    audits = selectors.audit_list(user=request.user, sort=sort, mine=mine)
    page = Paginator(audits, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "audits/audit_list.html",
        {
            "page_obj": page,
            "mine": mine,
            "nav": "audits",
            "can_register": policies.can_register_audit(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def audit_register(request: HttpRequest) -> HttpResponse:
    _require(policies.can_register_audit(request.user))
    form = AuditRegisterForm(request.POST or None, initial={"case": request.GET.get("arende", "")})
    if request.method == "POST" and form.is_valid():
        try:
            audit = services.audit_register(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Granskningen är registrerad."))
            return redirect("audits:audit_detail", pk=audit.pk)
    return _form_page(request, "audits/form.html", {"form": form, "heading": _("Registrera granskning")})


def audit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    audit = _audit_or_404(pk)
    _require(policies.can_view_audit(request.user, audit))
    findings = selectors.audit_findings(audit)
    actions = [a for f in findings for a in f.actions.all()]
    return render(
        request,
        "audits/audit_detail.html",
        {
            "audit": audit,
            "findings": findings,
            "reports": list(selectors.audit_reports(audit)),
            "counts": rendering.report_counts(actions),
            "action_total": len(actions),
            "today": timezone.localdate(),
            "can_manage": policies.can_manage_audit(request.user, audit),
            "can_register_statement": policies.can_register_statement(request.user, audit) and bool(actions),
            "is_auditor": policies.is_auditor_of(request.user, audit),
            "nav": "audits",
        },
    )


@require_http_methods(["GET", "POST"])
def finding_add(request: HttpRequest, pk: int) -> HttpResponse:
    audit = _audit_or_404(pk)
    _require(policies.can_manage_audit(request.user, audit))
    form = FindingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.finding_add(actor=request.user, audit=audit, **form.cleaned_data)
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Iakttagelsen är registrerad."))
            return redirect("audits:audit_detail", pk=audit.pk)
    return _form_page(request, "audits/form.html", {"form": form, "audit": audit, "heading": _("Ny iakttagelse")})


@require_http_methods(["GET", "POST"])
def response_edit(request: HttpRequest, pk: int) -> HttpResponse:
    audit = _audit_or_404(pk)
    _require(policies.can_manage_audit(request.user, audit))
    initial = {
        "response_case": audit.response_case.number if audit.response_case else "",
        "response_date": audit.response_date,
        "address": audit.response_address,
        "recipients": audit.response_recipients,
        "summary": audit.response_summary,
        "statement": audit.response_statement,
        "final_report_due": audit.final_report_due,
    }
    form = ResponseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.audit_set_response(actor=request.user, audit=audit, **form.cleaned_data)
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Styrelsens svar är sparat."))
            return redirect("audits:audit_detail", pk=audit.pk)
    return _form_page(request, "audits/form.html", {"form": form, "audit": audit, "heading": _("Styrelsens svar")})


@require_http_methods(["GET", "POST"])
def action_add(request: HttpRequest, pk: int, finding_pk: int) -> HttpResponse:
    audit = _audit_or_404(pk)
    _require(policies.can_manage_audit(request.user, audit))
    finding = Finding.objects.filter(audit=audit, pk=finding_pk).first()
    if finding is None:
        raise Http404(_("Iakttagelsen finns inte."))
    form = ActionForm(request.POST or None, initial={"due_date": audit.final_report_due})
    if request.method == "POST" and form.is_valid():
        try:
            services.action_add(actor=request.user, finding=finding, **form.cleaned_data)
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Åtgärden är registrerad."))
            return redirect("audits:audit_detail", pk=audit.pk)
    return _form_page(
        request,
        "audits/form.html",
        {"form": form, "audit": audit, "heading": _("Ny åtgärd"), "lead": finding.title},
    )


@require_http_methods(["GET", "POST"])
def report_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    audit = _audit_or_404(pk)
    _require(policies.can_manage_audit(request.user, audit))
    form = ReportScheduleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.report_schedule(actor=request.user, audit=audit, **form.cleaned_data)
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Redovisningen är planerad."))
            return redirect("audits:audit_detail", pk=audit.pk)
    return _form_page(request, "audits/form.html", {"form": form, "audit": audit, "heading": _("Planera redovisning")})


def statement_preview(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The statement as it would be rendered now (not registered)."""
    audit = _audit_or_404(pk)
    _require(policies.can_view_audit(request.user, audit))
    if audit.response_case is None:
        raise Http404(_("Styrelsens svar är inte registrerat."))
    name = f"yttrande-{audit.response_case.number}"
    if fmt == "pdf":
        response = HttpResponse(rendering.statement_pdf(audit), content_type="application/pdf")
    else:
        response = HttpResponse(rendering.statement_docx(audit), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@require_POST
def statement_register(request: HttpRequest, pk: int) -> HttpResponse:
    audit = _audit_or_404(pk)
    _require(policies.can_manage_audit(request.user, audit))
    try:
        document = services.statement_register(actor=request.user, audit=audit)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Yttrandet är registrerat som %(number)s.") % {"number": document.number})
    return redirect("audits:audit_detail", pk=audit.pk)


@require_http_methods(["GET", "POST"])
def report_submit(request: HttpRequest, pk: int, report_pk: int) -> HttpResponse:
    audit = _audit_or_404(pk)
    report = AuditReport.objects.filter(audit=audit, pk=report_pk).first()
    if report is None:
        raise Http404(_("Redovisningen finns inte."))
    _require(policies.can_submit_report(request.user, report))
    form = ReportSubmitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report = services.report_submit(actor=request.user, report=report, **form.cleaned_data)
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(
                request,
                _("%(kind)s är registrerad som %(number)s.")
                % {"kind": report.get_kind_display(), "number": report.document.number},
            )
            return redirect("audits:audit_detail", pk=audit.pk)
    return _form_page(
        request,
        "audits/form.html",
        {
            "form": form,
            "audit": audit,
            "heading": _("Lämna %(kind)s") % {"kind": report.get_kind_display().lower()},
            "lead": _("Redovisningen skapas av åtgärdernas status i dag och registreras i ärende %(number)s.")
            % {"number": audit.response_case.number if audit.response_case else "–"},
            "submit_label": _("Skapa och registrera"),
        },
    )


def action_detail(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_or_404(pk)
    audit = action.finding.audit
    _require(policies.can_view_audit(request.user, audit))
    can_update = policies.can_update_action(request.user, action)
    targets = workflow.allowed_targets(action.status) if can_update else []
    today = timezone.localdate()
    return render(
        request,
        "audits/action_detail.html",
        {
            "action": action,
            "audit": audit,
            "events": list(selectors.action_events(action)),
            "history": selectors.action_history(action),
            "can_update": can_update,
            "can_start": ActionStatus.IN_PROGRESS in targets,
            "can_complete": ActionStatus.DONE in targets,
            "can_delay": ActionStatus.DELAYED in targets,
            "note_form": NoteForm(initial={"noted_on": today}),
            "overdue": action.is_overdue(today),
            "nav": "audits",
        },
    )


TRANSITIONS = {
    "start": (ActionStartForm, services.action_start, _("Påbörja åtgärd"), _("Åtgärden är påbörjad.")),
    "complete": (ActionCompleteForm, services.action_complete, _("Markera som genomförd"), _("Åtgärden är genomförd.")),
    "delay": (
        ActionDelayForm,
        services.action_delay,
        _("Markera som försenad"),
        _("Åtgärden är markerad som försenad."),
    ),
}


@require_http_methods(["GET", "POST"])
def action_transition(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    if step not in TRANSITIONS:
        raise Http404(_("Steget finns inte."))
    form_class, service, heading, success = TRANSITIONS[step]
    action = _action_or_404(pk)
    _require(policies.can_update_action(request.user, action))
    initial = {"completed_on": timezone.localdate()} if step == "complete" else {}
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, action=action, **form.cleaned_data)
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, success)
            return redirect("audits:action_detail", pk=action.pk)
    return _form_page(
        request,
        "audits/form.html",
        {
            "form": form,
            "audit": action.finding.audit,
            "action": action,
            "heading": heading,
            "lead": action.description,
        },
    )


@require_POST
def action_note(request: HttpRequest, pk: int) -> HttpResponse:
    action = _action_or_404(pk)
    _require(policies.can_update_action(request.user, action))
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.action_note_add(actor=request.user, action=action, **form.cleaned_data)
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Anteckningen är sparad."))
            return redirect("audits:action_detail", pk=action.pk)
    return _form_page(
        request,
        "audits/form.html",
        {"form": form, "audit": action.finding.audit, "action": action, "heading": _("Statusanteckning")},
    )
