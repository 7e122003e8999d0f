from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samverka.core.errors import DomainError
from samverka.core.extensions import collect_panels

from . import documents, policies, selectors, services
from .forms import CycleForm, DecisionForm, InitiativeForm, PlanEditForm, PlanForm, ReasonForm, StepForm
from .models import AnnualCycle, CycleStep, DevelopmentPlan, Initiative
from .workflow import STEP_BODIES, TRANSITIONS

NAV = "plans"


def _require(allowed: bool) -> None:
    if not allowed:
        raise HttpForbidden(_("Du har inte behörighet att göra detta."))


def _plan_or_404(pk: int, load: Callable[..., DevelopmentPlan] = selectors.plan_get) -> DevelopmentPlan:
    """The plan as `load` reads it (plan_get, plan_page or plan_bare), or a 404."""
    try:
        return load(pk=pk)
    except DevelopmentPlan.DoesNotExist as exc:
        raise Http404(_("Planen finns inte.")) from exc


def plan_list(request: HttpRequest) -> HttpResponse:
    _require(policies.can_view_plans(request.user))
    return render(
        request,
        "plans/plan_list.html",
        {"plans": list(selectors.plan_list()), "can_create": policies.can_create_plan(request.user), "nav": NAV},
    )


@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest) -> HttpResponse:
    _require(policies.can_create_plan(request.user))
    form = PlanForm(request.POST or None, initial={"year": timezone.localdate().year + 1})
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.plan_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Planen är skapad."))
            return redirect("plans:plan_detail", pk=plan.pk)
    return _form(request, form, title=_("Ny utvecklingsplan"), back=None)


def _form(request, form, *, title: str, back: str | None, plan=None, intro: str = "", button: str = "") -> HttpResponse:
    return render(
        request,
        "plans/form.html",
        {
            "form": form,
            "title": title,
            "back": back,
            "plan": plan,
            "intro": intro,
            "button": button or _("Spara"),
            "nav": NAV,
        },
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def plan_update(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_or_404(pk)
    _require(policies.can_compose_plan(request.user, plan))
    initial = {
        "title": plan.title,
        "introduction": plan.introduction,
        "case": plan.case.number if plan.case else "",
        "principle_programme": plan.principle_programme,
    }
    form = PlanEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(actor=request.user, plan=plan, **form.cleaned_data)
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Planen är ändrad."))
            return redirect("plans:plan_detail", pk=plan.pk)
    return _form(request, form, title=_("Ändra planen"), back=None, plan=plan)


def _next_steps(plan: DevelopmentPlan) -> list[tuple[str, str]]:
    return [
        (step, DevelopmentPlan.Status(step).label)
        for step in TRANSITIONS.get(plan.status, set())
        if step in STEP_BODIES
    ]


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(policies.can_view_plans(request.user))
    plan = _plan_or_404(pk, selectors.plan_page)
    user = request.user
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "initiatives": plan.active_initiatives,
            "totals": selectors.plan_totals(plan),
            "needs_shown": selectors.NEEDS_SHOWN,
            "approvals": list(plan.approvals.all()),
            "versions": list(selectors.plan_versions(plan)),
            "next_steps": sorted(_next_steps(plan), key=lambda s: list(STEP_BODIES).index(s[0])),
            "can_compose": policies.can_compose_plan(user, plan),
            "can_decide": policies.can_record_plan_decision(user, plan),
            "can_revise": policies.can_revise_plan(user, plan),
            "can_register": policies.can_register_plan_documents(user, plan),
            "nav": NAV,
        },
    )


@require_http_methods(["GET", "POST"])
def plan_decide(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    plan = _plan_or_404(pk)
    _require(policies.can_record_plan_decision(request.user, plan))
    if step not in services.STEP_SERVICES:
        raise Http404(_("Steget finns inte."))
    form = DecisionForm(request.POST or None, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.STEP_SERVICES[step](actor=request.user, plan=plan, **form.cleaned_data)
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(
                request, _("Beslutet är registrerat: %(step)s.") % {"step": DevelopmentPlan.Status(step).label}
            )
            return redirect("plans:plan_detail", pk=plan.pk)
    return _form(
        request,
        form,
        title=DevelopmentPlan.Status(step).label,
        back=None,
        plan=plan,
        intro=_(
            "Välj paragrafen i protokollet där beslutet finns, eller ange sammanträdesdag och hänvisning för ett "
            "beslut som fattats utanför Samverka. Efter beslutet är planen låst."
        ),
        button=_("Registrera beslutet"),
    )


@require_http_methods(["GET", "POST"])
def plan_revise(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_or_404(pk)
    _require(policies.can_revise_plan(request.user, plan))
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            revision = services.plan_revise(actor=request.user, plan=plan, reason=form.cleaned_data["reason"])
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Version %(v)s är skapad som utkast.") % {"v": revision.version})
            return redirect("plans:plan_detail", pk=revision.pk)
    return _form(
        request,
        form,
        title=_("Revidera planen"),
        back=None,
        plan=plan,
        intro=_("En revidering blir en ny version av planen. Den beslutade versionen ändras inte."),
        button=_("Skapa ny version"),
    )


def plan_diff(request: HttpRequest, pk: int) -> HttpResponse:
    _require(policies.can_view_plans(request.user))
    plan = _plan_or_404(pk, selectors.plan_bare)
    other_pk = request.GET.get("mot")
    if other_pk:
        try:
            other = DevelopmentPlan.objects.get(pk=int(other_pk), year=plan.year)
        except (ValueError, DevelopmentPlan.DoesNotExist) as exc:
            raise Http404(_("Versionen finns inte.")) from exc
    else:
        other = plan.previous
    if other is None:
        messages.info(request, _("Planen har ingen tidigare version att jämföra med."))
        return redirect("plans:plan_detail", pk=plan.pk)
    old, new = sorted([other, plan], key=lambda p: p.version)
    return render(
        request,
        "plans/plan_diff.html",
        {"plan": plan, "old": old, "new": new, "changes": selectors.plan_diff(old, new), "nav": NAV},
    )


def plan_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    _require(policies.can_view_plans(request.user))
    plan = _plan_or_404(pk)
    response = HttpResponse(documents.plan_pdf(plan), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{documents.filename(plan, "pdf")}"'
    return response


def plan_docx(request: HttpRequest, pk: int) -> HttpResponse:
    _require(policies.can_view_plans(request.user))
    plan = _plan_or_404(pk)
    response = HttpResponse(
        documents.plan_docx(plan),
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    response["Content-Disposition"] = f'attachment; filename="{documents.filename(plan, "docx")}"'
    return response


@require_POST
def plan_register(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_or_404(pk)
    _require(policies.can_register_plan_documents(request.user, plan))
    try:
        document = services.plan_register_documents(actor=request.user, plan=plan)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Plandokumentet är registrerat som %(n)s.") % {"n": document.number})
    return redirect("plans:plan_detail", pk=plan.pk)


def roadmap(request: HttpRequest, pk: int) -> HttpResponse:
    _require(policies.can_view_plans(request.user))
    plan = _plan_or_404(pk, selectors.plan_bare)
    years, rows = selectors.roadmap(plan)
    return render(request, "plans/roadmap.html", {"plan": plan, "years": years, "rows": rows, "nav": NAV})


@require_http_methods(["GET", "POST"])
def initiative_create(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan_or_404(pk)
    _require(policies.can_compose_plan(request.user, plan))
    initial = {}
    if request.GET.get("behov"):
        initial["needs"] = [n for n in request.GET.getlist("behov") if n.isdigit()]
    form = InitiativeForm(request.POST or None, plan=plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            initiative = services.initiative_create(actor=request.user, plan=plan, **form.service_kwargs())
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Insatsen ”%(t)s” är tillagd.") % {"t": initiative.title})
            return redirect("plans:plan_detail", pk=plan.pk)
    return render(
        request,
        "plans/initiative_form.html",
        {"form": form, "plan": plan, "title": _("Ny insats"), "nav": NAV},
        status=400 if request.method == "POST" else 200,
    )


def _initiative_or_404(pk: int) -> Initiative:
    try:
        return selectors.initiatives_queryset().select_related("plan").get(pk=pk)
    except Initiative.DoesNotExist as exc:
        raise Http404(_("Insatsen finns inte.")) from exc


@require_http_methods(["GET", "POST"])
def initiative_update(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _initiative_or_404(pk)
    plan = initiative.plan
    _require(policies.can_compose_plan(request.user, plan))
    initial = {name: getattr(initiative, name) for name in services.INITIATIVE_FIELDS}
    initial["needs"] = list(initiative.needs.all())
    initial["principles"] = list(initiative.principles.all())
    for cost in initiative.costs.all():
        initial[f"cost_{cost.year}"] = cost.amount
    form = InitiativeForm(request.POST or None, plan=plan, initiative=initiative, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.initiative_update(actor=request.user, initiative=initiative, **form.service_kwargs())
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Insatsen är ändrad."))
            return redirect("plans:initiative_detail", pk=initiative.pk)
    return render(
        request,
        "plans/initiative_form.html",
        {"form": form, "plan": plan, "initiative": initiative, "title": _("Ändra insats"), "nav": NAV},
        status=400 if request.method == "POST" else 200,
    )


def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(policies.can_view_plans(request.user))
    initiative = _initiative_or_404(pk)
    return render(
        request,
        "plans/initiative_detail.html",
        {
            "initiative": initiative,
            "plan": initiative.plan,
            "can_compose": policies.can_compose_plan(request.user, initiative.plan),
            "reason_form": ReasonForm(),
            "panels": collect_panels("initiative_panels", request, initiative),
            "nav": NAV,
        },
    )


@require_POST
def initiative_remove(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = _initiative_or_404(pk)
    _require(policies.can_compose_plan(request.user, initiative.plan))
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Ange varför insatsen tas bort ur planen."))
        return redirect("plans:initiative_detail", pk=initiative.pk)
    try:
        services.initiative_remove(actor=request.user, initiative=initiative, reason=form.cleaned_data["reason"])
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("plans:initiative_detail", pk=initiative.pk)
    messages.success(request, _("Insatsen är borttagen ur planen."))
    return redirect("plans:plan_detail", pk=initiative.plan_id)


# ---------------------------------------------------------------- the annual wheel


def cycle_current(request: HttpRequest) -> HttpResponse:
    year = timezone.localdate().year
    if not AnnualCycle.objects.filter(year=year).exists():
        latest = AnnualCycle.objects.order_by("-year").first()
        if latest is not None:
            year = latest.year
    return redirect("plans:cycle_detail", year=year)


def cycle_detail(request: HttpRequest, year: int) -> HttpResponse:
    _require(policies.can_view_cycle(request.user))
    can_manage = policies.can_manage_cycle(request.user)
    try:
        cycle = selectors.cycle_get(year=year)
    except AnnualCycle.DoesNotExist:
        cycle = None
    return render(
        request,
        "plans/cycle_detail.html",
        {
            "year": year,
            "cycle": cycle,
            "wheel": selectors.wheel(cycle) if cycle else None,
            "cycles": list(AnnualCycle.objects.order_by("-year").values_list("year", flat=True)),
            "can_manage": can_manage,
            "cycle_form": CycleForm(initial={"year": year}) if can_manage and cycle is None else None,
            "step_form": StepForm() if can_manage and cycle else None,
            "today": timezone.localdate(),
            "nav": "cycle",
        },
    )


@require_POST
def cycle_create(request: HttpRequest) -> HttpResponse:
    _require(policies.can_manage_cycle(request.user))
    form = CycleForm(request.POST)
    if form.is_valid():
        try:
            cycle = services.cycle_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Årshjulet är skapat."))
            return redirect("plans:cycle_detail", year=cycle.year)
    else:
        messages.error(request, _("Ange ett år mellan 2000 och 2100."))
    return redirect("plans:cycle_current")


@require_POST
def step_add(request: HttpRequest, year: int) -> HttpResponse:
    _require(policies.can_manage_cycle(request.user))
    cycle = get_object_or_404(AnnualCycle, year=year)
    form = StepForm(request.POST)
    if form.is_valid():
        try:
            services.cycle_step_add(actor=request.user, cycle=cycle, **form.cleaned_data)
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Steget är tillagt."))
            return redirect("plans:cycle_detail", year=year)
    return _form(request, form, title=_("Nytt steg i årshjulet %(y)s") % {"y": year}, back=None)


@require_http_methods(["GET", "POST"])
def step_update(request: HttpRequest, pk: int) -> HttpResponse:
    _require(policies.can_manage_cycle(request.user))
    step = get_object_or_404(CycleStep.objects.select_related("cycle"), pk=pk)
    initial = {name: getattr(step, name) for name in ("kind", "title", "starts_on", "ends_on", "description")}
    form = StepForm(request.POST or None, initial=initial)
    form.fields["kind"].disabled = True
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k in services.STEP_FIELDS}
        data["ends_on"] = data.get("ends_on") or data["starts_on"]
        try:
            services.cycle_step_update(actor=request.user, step=step, **data)
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Steget är ändrat."))
            return redirect("plans:cycle_detail", year=step.cycle.year)
    return _form(request, form, title=_("Ändra steget %(t)s") % {"t": step.title}, back=None)


@login_not_required
def cycle_ics(request: HttpRequest, year: int | None = None) -> HttpResponse:
    """The wheel as an iCalendar feed, for calendar programs (no sign-in: dates and titles only)."""
    cycles = list(selectors.cycle_list())
    if year is not None:
        cycles = [c for c in cycles if c.year == year]
        if not cycles:
            raise Http404(_("Årshjulet finns inte."))
    name = f"Årshjul {year}" if year else "Årshjul för IT och digitalisering"
    body = selectors.cycle_ics(
        cycles, calendar_name=f"{name} – {settings.SAMVERKA_MUNICIPALITY_NAME}", host=request.get_host() or "samverka"
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="arshjul{"-" + str(year) if year else ""}.ics"'
    return response
