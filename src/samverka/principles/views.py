from django.contrib import messages
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samverka.core.errors import DomainError

from . import policies, selectors, services
from .forms import PrincipleEditForm, PrincipleForm, ProgrammeCreateForm, ProgrammeForm
from .models import Principle, PrincipleProgramme


def _require(allowed: bool) -> None:
    if not allowed:
        raise HttpForbidden(_("Du har inte behörighet att göra detta."))


def programme_list(request: HttpRequest) -> HttpResponse:
    _require(policies.can_view_principles(request.user))
    return render(
        request,
        "principles/programme_list.html",
        {
            "programmes": list(selectors.programme_list()),
            "can_manage": policies.can_manage_principles(request.user),
            "nav": "principles",
        },
    )


def _form_page(request, form, *, title: str, back: str, status: int = 200) -> HttpResponse:
    return render(
        request,
        "principles/form.html",
        {"form": form, "title": title, "back": back, "nav": "principles"},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def programme_create(request: HttpRequest) -> HttpResponse:
    _require(policies.can_manage_principles(request.user))
    form = ProgrammeCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_create(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Programmet är skapat."))
            return redirect("principles:programme_list")
    return _form_page(
        request,
        form,
        title=_("Nytt principprogram"),
        back="principles:programme_list",
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def programme_update(request: HttpRequest, pk: int) -> HttpResponse:
    _require(policies.can_manage_principles(request.user))
    programme = get_object_or_404(PrincipleProgramme, pk=pk)
    initial = {f: getattr(programme, f) for f in services.PROGRAMME_FIELDS}
    form = ProgrammeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.programme_update(actor=request.user, programme=programme, **form.cleaned_data)
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Programmet är ändrat."))
            return redirect("principles:programme_list")
    return _form_page(
        request,
        form,
        title=_("Ändra %(name)s") % {"name": programme.name},
        back="principles:programme_list",
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def principle_create(request: HttpRequest, pk: int) -> HttpResponse:
    _require(policies.can_manage_principles(request.user))
    programme = get_object_or_404(PrincipleProgramme, pk=pk)
    form = PrincipleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.principle_create(actor=request.user, programme=programme, **form.cleaned_data)
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Principen är tillagd."))
            return redirect("principles:programme_list")
    return _form_page(
        request,
        form,
        title=_("Ny princip i %(name)s") % {"name": programme.name},
        back="principles:programme_list",
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def principle_update(request: HttpRequest, pk: int) -> HttpResponse:
    _require(policies.can_manage_principles(request.user))
    principle = get_object_or_404(Principle.objects.select_related("programme"), pk=pk)
    initial = {f: getattr(principle, f) for f in services.PRINCIPLE_FIELDS}
    form = PrincipleEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason", "")
        try:
            services.principle_update(actor=request.user, principle=principle, reason=reason, **data)
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Principen är ändrad."))
            return redirect("principles:programme_list")
    return _form_page(
        request,
        form,
        title=_("Ändra principen %(title)s") % {"title": principle.title},
        back="principles:programme_list",
        status=400 if request.method == "POST" else 200,
    )


def principle_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One principle: what other apps (the follow-up, plans) link to."""
    _require(policies.can_view_principles(request.user))
    principle = get_object_or_404(Principle.objects.select_related("programme"), pk=pk)
    return render(
        request,
        "principles/principle_detail.html",
        {"principle": principle, "can_manage": policies.can_manage_principles(request.user), "nav": "principles"},
    )


def principle_history(request: HttpRequest, pk: int) -> HttpResponse:
    _require(policies.can_view_principles(request.user))
    principle = get_object_or_404(Principle.objects.select_related("programme"), pk=pk)
    history = principle.history.select_related("history_user__person").order_by("-history_date")
    return render(
        request,
        "principles/principle_history.html",
        {"principle": principle, "history": history, "nav": "principles"},
    )
