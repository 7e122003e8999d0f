"""Pages of the yearly follow-up and the board's dashboard."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samverka.audits import selectors as audit_selectors
from samverka.core.errors import DomainError

from . import charts, policies, rendering, selectors, services
from .forms import AnswerForm, InitiativeAddForm, InitiativeReportForm, RoundOpenForm
from .models import FollowUpRound, InitiativeStatus, RoundCommittee

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _require(allowed: bool) -> None:
    if not allowed:
        raise HttpForbidden(_("Du har inte behörighet att göra detta."))


def _round_or_404(year: int) -> FollowUpRound:
    try:
        return selectors.round_get(year=year)
    except FollowUpRound.DoesNotExist as exc:
        raise Http404(_("Uppföljningen finns inte.")) from exc


def _form_page(request, context: dict) -> HttpResponse:
    return render(
        request, "followup/form.html", {"nav": "followup", **context}, status=400 if request.method == "POST" else 200
    )


def round_list(request: HttpRequest) -> HttpResponse:
    _require(policies.can_view_followup(request.user))
    return render(
        request,
        "followup/round_list.html",
        {"rounds": selectors.round_list(), "can_open": policies.can_open_round(request.user), "nav": "followup"},
    )


@require_http_methods(["GET", "POST"])
def round_open(request: HttpRequest) -> HttpResponse:
    _require(policies.can_open_round(request.user))
    year = timezone.localdate().year - 1
    form = RoundOpenForm(request.POST or None, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        try:
            round = services.round_open(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Uppföljningen är öppnad och nämnderna är tillfrågade."))
            return redirect("followup:round_detail", year=round.year)
    return _form_page(
        request,
        {
            "form": form,
            "heading": _("Öppna uppföljning"),
            "lead": _(
                "Frågorna gäller principerna i det principprogram som gäller året, och insatserna hämtas "
                "från årets utvecklingsplan som kommunstyrelsen (eller kommunfullmäktige) har fastställt."
            ),
        },
    )


def round_detail(request: HttpRequest, year: int) -> HttpResponse:
    _require(policies.can_view_followup(request.user))
    round = _round_or_404(year)
    figures = selectors.round_figures(round)
    committees = [(c, policies.can_answer_for(request.user, c)) for c in figures.committees]
    return render(
        request,
        "followup/round_detail.html",
        {
            "round": round,
            "figures": figures,
            "committees": committees,
            "can_manage": policies.can_manage_round(request.user, round),
            "can_report": policies.can_report_initiative(request.user, None),
            "can_register": policies.can_register_report(request.user, round),
            "missing": selectors.plan_initiatives_missing(round) if round.status == round.Status.OPEN else [],
            "nav": "followup",
        },
    )


@require_http_methods(["GET", "POST"])
def committee_answer(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    round = _round_or_404(year)
    committee = RoundCommittee.objects.select_related("body").filter(round=round, pk=pk).first()
    if committee is None:
        raise Http404(_("Nämnden är inte tillfrågad."))
    _require(policies.can_answer_for(request.user, committee))
    principles = selectors.round_principles(round)
    existing = {a.principle_id: a for a in committee.answers.all()}
    form = AnswerForm(request.POST or None, principles=principles, initial_answers=existing)
    if request.method == "POST" and form.is_valid():
        try:
            services.answers_submit(actor=request.user, committee=committee, answers=form.answers())
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Svaren från %(body)s är sparade.") % {"body": committee.body})
            return redirect("followup:round_detail", year=round.year)
    return _form_page(
        request,
        {
            "form": form,
            "round": round,
            "heading": _("Svar från %(body)s") % {"body": committee.body},
            "lead": _("Svara senast %(date)s. Mognadsnivå 1 = inte påbörjat, 5 = en del av det dagliga arbetet.")
            % {"date": round.deadline.strftime("%Y-%m-%d")},
        },
    )


@require_http_methods(["GET", "POST"])
def initiative_add(request: HttpRequest, year: int) -> HttpResponse:
    round = _round_or_404(year)
    _require(policies.can_manage_round(request.user, round))
    form = InitiativeAddForm(request.POST or None, initiatives=selectors.plan_initiatives_missing(round))
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_add(actor=request.user, round=round, **form.cleaned_data)
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Insatsen är tillagd."))
            return redirect("followup:round_detail", year=round.year)
    return _form_page(request, {"form": form, "round": round, "heading": _("Lägg till insats")})


@require_http_methods(["GET", "POST"])
def initiative_report(request: HttpRequest, year: int, pk: int) -> HttpResponse:
    round = _round_or_404(year)
    status = InitiativeStatus.objects.filter(round=round, pk=pk).first()
    if status is None:
        raise Http404(_("Insatsen finns inte."))
    _require(policies.can_report_initiative(request.user, status))
    initial = {
        "progress": status.progress,
        "rag": status.rag,
        "spent_amount": status.spent_amount,
        "comment": status.comment,
    }
    form = InitiativeReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_report(actor=request.user, status=status, **form.cleaned_data)
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Insatsens status är rapporterad."))
            return redirect("followup:round_detail", year=round.year)
    return _form_page(request, {"form": form, "round": round, "heading": status.title, "lead": status.category})


def report_preview(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    round = _round_or_404(year)
    _require(policies.can_view_followup(request.user))
    report = rendering.build_report(round)
    if fmt == "pdf":
        response = HttpResponse(rendering.report_pdf(report), content_type="application/pdf")
    else:
        response = HttpResponse(rendering.report_docx(report), content_type=DOCX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="uppfoljning-{round.year}.{fmt}"'
    return response


@require_POST
def report_register(request: HttpRequest, year: int) -> HttpResponse:
    round = _round_or_404(year)
    _require(policies.can_manage_round(request.user, round))
    try:
        document = services.report_register(actor=request.user, round=round)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Rapporten är registrerad som %(number)s.") % {"number": document.number})
    return redirect("followup:round_detail", year=round.year)


@require_POST
def round_close(request: HttpRequest, year: int) -> HttpResponse:
    round = _round_or_404(year)
    _require(policies.can_manage_round(request.user, round))
    try:
        services.round_close(actor=request.user, round=round)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Uppföljningen är avslutad."))
    return redirect("followup:round_detail", year=round.year)


def board_dashboard(request: HttpRequest) -> HttpResponse:
    """Where every initiative of the current plan and every open audit action stands.

    The initiatives come from the plan itself, so one without a follow-up status yet is shown as not
    reported rather than left out."""
    _require(policies.can_view_board_dashboard(request.user))
    plan = selectors.current_plan()
    board = selectors.board_plan(plan) if plan else None
    counts = audit_selectors.action_counts()
    chart_list = [charts.audit_actions_chart(counts)]
    if board is not None and board.rows:
        chart_list[:0] = [charts.rag_chart(board), charts.spend_chart(board)]
    return render(
        request,
        "followup/board.html",
        {
            "board": board,
            "round": selectors.current_round(),
            "counts": counts,
            "open_actions": list(audit_selectors.open_actions()),
            "charts": chart_list,
            "nav": "board",
        },
    )
