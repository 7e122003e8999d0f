"""Thin views: a policy check, a form, a service call; domain errors become form errors."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samverka.core.errors import DomainError
from samverka.core.pagination import CappedPaginator
from samverka.registry import selectors as registry_selectors
from samverka.registry.models import Case

from . import export, policies, selectors, services, workflow
from .forms import (
    CloseForm,
    CommentFormSet,
    CommentHandlingForm,
    ConsultationFilterForm,
    ConsultationForm,
    FinalProposalForm,
    ReceiptForm,
    ReopenForm,
    ResponseForm,
    comment_initial,
    comment_inputs,
)
from .models import Comment, Consultation, Recipient

PAGE_SIZE = 25


def _require(allowed: bool, message: str | None = None) -> None:
    if not allowed:
        raise HttpForbidden(message or _("Du har inte behörighet att göra detta."))


def _consultation_or_404(pk: int) -> Consultation:
    try:
        return selectors.consultation_get(pk=pk)
    except Consultation.DoesNotExist as exc:
        raise Http404(_("Remissen finns inte.")) from exc


def _visible(request: HttpRequest, pk: int) -> Consultation:
    consultation = _consultation_or_404(pk)
    if not policies.can_view_consultation(request.user, consultation):
        raise Http404(_("Remissen finns inte."))
    return consultation


def _recipient_or_404(consultation: Consultation, pk: int) -> Recipient:
    try:
        return selectors.recipient_get(consultation=consultation, pk=pk)
    except Recipient.DoesNotExist as exc:
        raise Http404(_("Remissinstansen finns inte.")) from exc


def consultation_list(request: HttpRequest) -> HttpResponse:
    _require(policies.can_view_consultations(request.user))
    form = ConsultationFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    sort = request.GET.get("sort", selectors.DEFAULT_SORT)
    consultations = selectors.consultation_list(
        user=request.user, status=data.get("status") or "", q=(data.get("q") or "").strip(), sort=sort
    )
    page = CappedPaginator(consultations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "consultations/consultation_list.html",
        {"form": form, "page_obj": page, "nav": "consultations", "today": timezone.localdate()},
    )


def inbox(request: HttpRequest) -> HttpResponse:
    _require(policies.can_view_consultations(request.user))
    recipients = selectors.incoming_for_user(request.user, include_answered=True)
    page = CappedPaginator(recipients, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = selectors.with_inbox_details(page.object_list)
    return render(
        request,
        "consultations/inbox.html",
        {"page_obj": page, "nav": "consultations", "today": timezone.localdate()},
    )


@require_http_methods(["GET", "POST"])
def consultation_create(request: HttpRequest, number: str) -> HttpResponse:
    try:
        case = registry_selectors.case_get(number=number)
    except Case.DoesNotExist as exc:
        raise Http404(_("Ärendet finns inte.")) from exc
    _require(policies.can_create_consultation(request.user, case))
    initial = {"title": case.title, "responsible_officer": case.responsible_officer_id, "reminder_days": 7}
    form = ConsultationForm(request.POST or None, case=case, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.consultation_create(actor=request.user, case=case, **form.service_kwargs())
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Remissen är sparad som utkast. Granska den och skicka den."))
            return redirect("consultations:detail", pk=consultation.pk)
    return render(
        request,
        "consultations/consultation_form.html",
        {"form": form, "case": case, "nav": "consultations", "editing": False},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def consultation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _visible(request, pk)
    _require(policies.can_manage_consultation(request.user, consultation))
    if consultation.status != Consultation.Status.DRAFT:
        messages.error(request, _("Bara ett utkast kan ändras."))
        return redirect("consultations:detail", pk=consultation.pk)
    form = ConsultationForm(
        request.POST or None, case=consultation.case, initial=ConsultationForm.initial_for(consultation)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_update(actor=request.user, consultation=consultation, **form.service_kwargs())
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Utkastet är sparat."))
            return redirect("consultations:detail", pk=consultation.pk)
    return render(
        request,
        "consultations/consultation_form.html",
        {
            "form": form,
            "case": consultation.case,
            "consultation": consultation,
            "nav": "consultations",
            "editing": True,
        },
        status=400 if request.method == "POST" else 200,
    )


def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _visible(request, pk)
    can_manage = policies.can_manage_consultation(request.user, consultation)
    rows = selectors.consultation_overview(consultation)
    for row in rows:
        row.can_respond = policies.can_respond(request.user, row.recipient)
    return render(
        request,
        "consultations/consultation_detail.html",
        {
            "consultation": consultation,
            "questions": selectors.active_questions(consultation),
            "documents": consultation.documents.select_related("case", "document_type").order_by("sequence"),
            "rows": rows,
            "answered": sum(1 for row in rows if row.has_responded),
            "can_manage": can_manage,
            "next_states": workflow.next_states(consultation.status),
            "close_form": CloseForm(),
            "reopen_form": ReopenForm(),
            "proposal_form": FinalProposalForm(),
            "compilations": consultation.compilations.select_related("document__case").order_by("-version"),
            "history": consultation.history.select_related("history_user__person").order_by("-history_date")[:20],
            "nav": "consultations",
        },
    )


def _transition_error(request: HttpRequest, consultation: Consultation, error: DomainError) -> HttpResponse:
    messages.error(request, error.message)
    return redirect("consultations:detail", pk=consultation.pk)


@require_POST
def consultation_send(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _visible(request, pk)
    _require(policies.can_manage_consultation(request.user, consultation))
    try:
        services.consultation_send(actor=request.user, consultation=consultation)
    except DomainError as error:
        return _transition_error(request, consultation, error)
    messages.success(request, _("Remissen är skickad och registrerad i ärendet."))
    return redirect("consultations:detail", pk=consultation.pk)


@require_http_methods(["GET", "POST"])
def consultation_close(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _visible(request, pk)
    _require(policies.can_manage_consultation(request.user, consultation))
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_close(
                actor=request.user, consultation=consultation, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            form.add_error("reason" if error.code == "reason_required" else None, error.message)
        else:
            messages.success(request, _("Remissen är stängd."))
            return redirect("consultations:detail", pk=consultation.pk)
    return render(
        request,
        "consultations/transition.html",
        {"consultation": consultation, "form": form, "action": "close", "nav": "consultations"},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def consultation_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _visible(request, pk)
    _require(policies.can_manage_consultation(request.user, consultation))
    form = ReopenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_reopen(
                actor=request.user,
                consultation=consultation,
                reason=form.cleaned_data["reason"],
                deadline=form.cleaned_data.get("deadline"),
            )
        except DomainError as error:
            form.add_error("deadline" if error.code == "deadline_past" else None, error.message)
        else:
            messages.success(request, _("Remissen är öppen för svar igen."))
            return redirect("consultations:detail", pk=consultation.pk)
    return render(
        request,
        "consultations/transition.html",
        {"consultation": consultation, "form": form, "action": "reopen", "nav": "consultations"},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def consultation_compile(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _visible(request, pk)
    _require(policies.can_manage_consultation(request.user, consultation))
    try:
        services.consultation_compile(actor=request.user, consultation=consultation)
    except DomainError as error:
        return _transition_error(request, consultation, error)
    messages.success(
        request,
        _("Sammanställningen registreras i ärendet som PDF och Word; den syns under Registrerade sammanställningar."),
    )
    return redirect("consultations:detail", pk=consultation.pk)


@require_POST
def consultation_final_proposal(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _visible(request, pk)
    _require(policies.can_manage_consultation(request.user, consultation))
    form = FinalProposalForm(request.POST)
    if form.is_valid():
        try:
            services.consultation_link_final_proposal(
                actor=request.user, consultation=consultation, proposal=form.cleaned_data["number"]
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Det slutliga förslaget är kopplat."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("consultations:detail", pk=consultation.pk)


def compilation(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = _visible(request, pk)
    _require(consultation.status != Consultation.Status.DRAFT)
    data = selectors.compilation(consultation)
    only_open = request.GET.get("visa") == "obesvarade"
    return render(
        request,
        "consultations/compilation.html",
        {
            "consultation": consultation,
            "data": data,
            "only_open": only_open,
            "can_manage": policies.can_manage_consultation(request.user, consultation),
            # Reversed once, not once per comment (a compilation may hold thousands).
            "handle_base": reverse("consultations:comment_handle", args=[consultation.pk, 0])[:-2],
            "answer_label": _("Besvara"),
            "change_label": _("Ändra svaret"),
            "entry_label": _("synpunkt"),
            "from_label": _("från"),
            "nav": "consultations",
        },
    )


def compilation_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    consultation = _visible(request, pk)
    _require(consultation.status != Consultation.Status.DRAFT)
    data = selectors.compilation(consultation)
    filename = f"sammanstallning-{consultation.case.number}"
    if fmt == "docx":
        response = HttpResponse(
            export.compilation_docx(data),
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.docx"'
        return response
    if fmt == "pdf":
        response = HttpResponse(export.compilation_pdf(data), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
        return response
    raise Http404(_("Formatet finns inte."))


@require_http_methods(["GET", "POST"])
def comment_handle(request: HttpRequest, pk: int, comment_id: int) -> HttpResponse:
    consultation = _visible(request, pk)
    comment = (
        Comment.objects.select_related("response__recipient__consultation", "response__recipient__body")
        .select_related("response__recipient__administration", "response__recipient__external")
        .prefetch_related("topics")
        .filter(pk=comment_id, response__recipient__consultation=consultation, is_removed=False)
        .first()
    )
    if comment is None:
        raise Http404(_("Synpunkten finns inte."))
    _require(policies.can_handle_comment(request.user, comment))
    initial = {"handling": comment.handling, "motivation": comment.handling_motivation}
    form = CommentHandlingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.comment_handle(
                actor=request.user,
                comment=comment,
                handling=form.cleaned_data["handling"],
                motivation=form.cleaned_data["motivation"],
            )
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Synpunkten är besvarad."))
            return redirect("consultations:compilation", pk=consultation.pk)
    return render(
        request,
        "consultations/comment_handle.html",
        {"consultation": consultation, "comment": comment, "form": form, "nav": "consultations"},
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def respond(request: HttpRequest, pk: int, recipient_id: int) -> HttpResponse:
    """The recipient's page: register the consultation in an own case, write, send or correct the response."""
    consultation = _visible(request, pk)
    recipient = _recipient_or_404(consultation, recipient_id)
    can_respond = policies.can_respond(request.user, recipient)
    can_receive = policies.can_register_receipt(request.user, recipient)
    if not (can_respond or can_receive or policies.can_view_consultations(request.user)):
        raise HttpForbidden(_("Du har inte behörighet att göra detta."))
    if request.method == "POST":
        # The page handles two actions, each under its own policy; whoever may do neither only reads.
        _require(can_respond or can_receive)
        if "standpoint" in request.POST:
            _require(can_respond, _("Du får inte svara på remissen för den här remissinstansen."))
        if "received_on" in request.POST:
            _require(can_receive, _("Du får inte registrera remissen för den här remissinstansen."))
    response = selectors.response_for(recipient)
    questions = list(selectors.active_questions(consultation))
    correcting = response is not None and response.status == response.Status.SENT
    editing = can_respond and consultation.status == Consultation.Status.SENT
    form = formset = None
    status = 200
    if editing:
        data = request.POST if request.method == "POST" and "standpoint" in request.POST else None
        form = ResponseForm(
            data,
            request.FILES or None,
            questions=questions,
            correcting=correcting,
            initial=ResponseForm.initial_for(response),
        )
        # Bound, every filled-in comment counts (initial data would make unchanged ones look empty).
        formset = CommentFormSet(
            data, initial=None if data is not None else comment_initial(response), prefix="comments"
        )
        if data is not None:
            action = request.POST.get("action", "save")
            if form.is_valid() and formset.is_valid():
                result = _save_response(request, recipient, form, formset, action, correcting)
                if result is not None:
                    return result
            status = 400
    elif request.method == "POST" and "standpoint" in request.POST:
        messages.error(request, _("Remissen tar inte emot svar."))
        return redirect("consultations:respond", pk=consultation.pk, recipient_id=recipient.pk)
    receipt_form = None
    if can_receive and not recipient.incoming_document_id:
        choices = registry_selectors.series_for_opening(request.user)
        receipt_data = request.POST if request.method == "POST" and "received_on" in request.POST else None
        receipt_form = ReceiptForm(receipt_data, series_choices=choices)
        if receipt_data is not None:
            if receipt_form.is_valid():
                try:
                    recipient = services.recipient_register_receipt(
                        actor=request.user,
                        recipient=recipient,
                        case=receipt_form.cleaned_data.get("existing"),
                        series=receipt_form.cleaned_data.get("series"),
                        title=receipt_form.cleaned_data.get("title") or "",
                        received_on=receipt_form.cleaned_data["received_on"],
                    )
                except DomainError as error:
                    receipt_form.add_error(None, error.message)
                else:
                    messages.success(
                        request,
                        _("Remissen är registrerad i ärende %(number)s.") % {"number": recipient.recipient_case.number},
                    )
                    return redirect("consultations:respond", pk=consultation.pk, recipient_id=recipient.pk)
            status = 400
    return render(
        request,
        "consultations/respond.html",
        {
            "consultation": consultation,
            "recipient": recipient,
            "response": response,
            "questions": questions,
            "answers": {a.question_id: a.text for a in response.answers.all()} if response else {},
            "form": form,
            "formset": formset,
            "receipt_form": receipt_form,
            "can_respond": can_respond,
            "correcting": correcting,
            "documents": consultation.documents.select_related("case").order_by("sequence"),
            "history": response.history.select_related("history_user__person").order_by("-history_date")
            if response
            else [],
            "nav": "consultations",
        },
        status=status,
    )


def _save_response(request, recipient, form, formset, action: str, correcting: bool) -> HttpResponse | None:
    data = form.cleaned_data
    content = {
        "standpoint": data["standpoint"],
        "summary": data.get("summary") or "",
        "answers": form.answers(),
        "comments": comment_inputs(formset),
        "decision_reference": data.get("decision_reference") or "",
    }
    files = [data["file"]] if data.get("file") else []
    consultation = recipient.consultation
    try:
        if correcting:
            services.response_correct(
                actor=request.user, recipient=recipient, reason=data["reason"], files=files, **content
            )
            messages.success(request, _("Rättelsen är skickad som en ny version."))
        elif action == "send":
            with transaction.atomic():
                services.response_save(actor=request.user, recipient=recipient, **content)
                response = services.response_send(actor=request.user, recipient=recipient, files=files)
            if response.is_late:
                messages.warning(request, _("Svaret är skickat och registrerat. Det kom in efter sista svarsdag."))
            else:
                messages.success(request, _("Svaret är skickat och registrerat."))
        else:
            services.response_save(actor=request.user, recipient=recipient, **content)
            messages.success(request, _("Utkastet är sparat."))
    except DomainError as error:
        form.add_error(
            "file" if error.code in {"too_large", "archive", "malformed", "unknown_type"} else None, error.message
        )
        return None
    return redirect("consultations:respond", pk=consultation.pk, recipient_id=recipient.pk)
