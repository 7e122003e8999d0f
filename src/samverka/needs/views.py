from django.contrib import messages
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from samverka.core.errors import DomainError
from samverka.core.extensions import collect_panels
from samverka.core.pagination import CappedPaginator
from samverka.organisation.selectors import roles_for_user

from . import policies, selectors, services
from .forms import (
    AttachmentForm,
    CriterionForm,
    LateAcceptForm,
    MergeForm,
    NeedEditForm,
    NeedFilterForm,
    NeedForm,
    ReasonForm,
    ScoreForm,
    WeightsForm,
)
from .models import Criterion, Need, NeedAttachment

PAGE_SIZE = 25
RANKING_PAGE_SIZE = 50
NAV = "needs"


def _require(allowed: bool) -> None:
    if not allowed:
        raise HttpForbidden(_("Du har inte behörighet att göra detta."))


def _need_or_404(request: HttpRequest, pk: int, *, visible=policies.can_view_need) -> Need:
    try:
        need = selectors.need_get(pk=pk)
    except Need.DoesNotExist as exc:
        raise Http404(_("Behovet finns inte.")) from exc
    if not visible(request.user, need):
        raise Http404(_("Behovet finns inte."))
    return need


def need_list(request: HttpRequest) -> HttpResponse:
    _require(policies.can_view_needs(request.user))
    form = NeedFilterForm(request.GET or None)
    sort = request.GET.get("sort", selectors.DEFAULT_NEED_SORT)
    needs = selectors.need_list(user=request.user, filters=form.to_filters(), sort=sort)
    # An exact count of every visible need costs more than the page itself; nobody pages that far.
    page = CappedPaginator(needs, PAGE_SIZE).get_page(request.GET.get("page"))
    windows = selectors.intake_windows()
    return render(
        request,
        "needs/need_list.html",
        {
            "form": form,
            "page_obj": page,
            "needs": page.object_list,
            "can_create": policies.can_create_need(request.user),
            "window": selectors.open_intake(windows=windows),
            "next_window": selectors.next_intake(windows=windows),
            "can_rank": policies.can_view_ranking(request.user),
            "nav": NAV,
        },
    )


def _similar_from_form(form, *, administration: int | None = None, exclude_pk: int | None = None) -> list:
    data = form.data
    if administration is None:
        administration = _int(data.get("administration"))
    return selectors.similar_needs(
        title=data.get("title", "")[:200],
        description=data.get("description", "")[:5000],
        problem=data.get("problem", "")[:5000],
        exclude_administration_id=administration,
        exclude_pk=exclude_pk,
    )


@require_http_methods(["GET", "POST"])
def need_create(request: HttpRequest) -> HttpResponse:
    _require(policies.can_create_need(request.user))
    form = NeedForm(request.POST or None, request.FILES or None, user=request.user)
    similar = None
    if request.method == "POST":
        similar = _similar_from_form(form)
        if "check_similar" not in request.POST and form.is_valid():
            try:
                need = services.need_create(
                    actor=request.user, attachments=form.cleaned_data["attachments"], **form.service_kwargs()
                )
            except DomainError as error:
                form.add_error(
                    "attachments"
                    if error.code in {"too_large", "archive", "malformed", "unknown_type", "unsupported_type", "empty"}
                    else None,
                    error.message,
                )
            else:
                messages.success(request, _("Behov %(ref)s är sparat som utkast.") % {"ref": need.reference})
                return redirect("needs:need_detail", pk=need.pk)
    status = 400 if request.method == "POST" and form.errors and "check_similar" not in request.POST else 200
    return render(
        request,
        "needs/need_form.html",
        {
            "form": form,
            "similar": similar,
            "similar_checked": similar is not None,
            "creating": True,
            "window": selectors.open_intake(),
            "nav": NAV,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def need_update(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need_or_404(request, pk)
    _require(policies.can_edit_need(request.user, need))
    initial = {name: getattr(need, name) for name in services.NEED_FIELDS}
    initial["administrations_concerned"] = list(need.administrations_concerned.all())
    initial["principles"] = list(need.principles.all())
    form = NeedEditForm(request.POST or None, user=request.user, initial=initial)
    similar = None
    if request.method == "POST":
        similar = _similar_from_form(form, administration=need.administration_id, exclude_pk=need.pk)
        if "check_similar" not in request.POST and form.is_valid():
            try:
                services.need_update(actor=request.user, need=need, **form.service_kwargs())
            except DomainError as error:
                error.add_to(form)
            else:
                messages.success(request, _("Behovet är ändrat."))
                return redirect("needs:need_detail", pk=need.pk)
    status = 400 if request.method == "POST" and form.errors and "check_similar" not in request.POST else 200
    return render(
        request,
        "needs/need_form.html",
        {
            "form": form,
            "need": need,
            "similar": similar,
            "similar_checked": similar is not None,
            "creating": False,
            "nav": NAV,
        },
        status=status,
    )


@require_GET
def similar(request: HttpRequest) -> HttpResponse:
    """The most similar needs of other administrations, for the text being written (HTMX partial)."""
    _require(policies.can_view_needs(request.user))
    exclude_pk = request.GET.get("need")
    found = selectors.similar_needs(
        title=request.GET.get("title", "")[:200],
        description=request.GET.get("description", "")[:5000],
        problem=request.GET.get("problem", "")[:5000],
        exclude_administration_id=_int(request.GET.get("administration")),
        exclude_pk=_int(exclude_pk),
    )
    return render(request, "needs/includes/similar.html", {"similar": found, "checked": True})


def _int(value) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def need_detail(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need_or_404(request, pk)
    user = request.user
    governance = policies.is_governance(user)
    show_similar = need.status in (Need.Status.DRAFT, Need.Status.SUBMITTED, Need.Status.IN_PREPARATION) and (
        governance or policies.can_create_need(user, need.administration)
    )
    history = need.history.select_related("history_user__person").order_by("-history_date")[:50]
    return render(
        request,
        "needs/need_detail.html",
        {
            "need": need,
            "contributions": selectors.need_contributions(need),
            "similar": selectors.similar_to_need(need) if show_similar else None,
            "panels": collect_panels("need_panels", request, need),
            "history": history,
            "can_edit": policies.can_edit_need(user, need),
            "can_submit": policies.can_submit_need(user, need),
            "can_accept_late": policies.can_accept_late_need(user, need),
            "governance": governance,
            "can_score": policies.can_score_need(user, need) and need.plan_year is not None,
            "attachment_form": AttachmentForm() if policies.can_edit_need(user, need) else None,
            "window": selectors.open_intake(),
            "nav": NAV,
        },
    )


@require_http_methods(["GET", "POST"])
def need_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirm and submit: the near-duplicates of other administrations are shown before submitting."""
    need = _need_or_404(request, pk)
    _require(policies.can_submit_need(request.user, need))
    error = None
    if request.method == "POST":
        try:
            services.need_submit(actor=request.user, need=need)
        except DomainError as exc:
            error = exc.message
        else:
            messages.success(request, _("Behov %(ref)s är inlämnat.") % {"ref": need.reference})
            return redirect("needs:need_detail", pk=need.pk)
    windows = selectors.intake_windows()
    return render(
        request,
        "needs/need_submit.html",
        {
            "need": need,
            "similar": selectors.similar_to_need(need),
            "window": selectors.open_intake(windows=windows),
            "next_window": selectors.next_intake(windows=windows),
            "error": error,
            "nav": NAV,
        },
        status=400 if error else 200,
    )


def _simple_transition(request: HttpRequest, pk: int, service, allowed, success: str) -> HttpResponse:
    need = _need_or_404(request, pk)
    _require(allowed(request.user, need))
    try:
        service(actor=request.user, need=need)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success % {"ref": need.reference})
    return redirect("needs:need_detail", pk=need.pk)


@require_POST
def need_prepare(request: HttpRequest, pk: int) -> HttpResponse:
    return _simple_transition(
        request, pk, services.need_prepare, policies.can_prepare_need, _("Behov %(ref)s är under beredning.")
    )


@require_POST
def need_deliver(request: HttpRequest, pk: int) -> HttpResponse:
    return _simple_transition(
        request, pk, services.need_deliver, policies.can_deliver_need, _("Behov %(ref)s är markerat som levererat.")
    )


def _reason_page(request, need, form, *, title: str, intro: str, button: str) -> HttpResponse:
    return render(
        request,
        "needs/need_reason.html",
        {
            "need": need,
            "form": form,
            "title": title,
            "intro": intro,
            "button": button,
            "nav": NAV,
            # A draft taken in late is not yet the taker's to open: the way back is the list.
            "back_to_need": policies.can_view_need(request.user, need),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def need_reject(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need_or_404(request, pk)
    _require(policies.can_reject_need(request.user, need))
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.need_reject(actor=request.user, need=need, reason=form.cleaned_data["reason"])
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Behov %(ref)s är avslaget.") % {"ref": need.reference})
            return redirect("needs:need_detail", pk=need.pk)
    return _reason_page(
        request,
        need,
        form,
        title=_("Avslå behov %(ref)s") % {"ref": need.reference},
        intro=_("Skälet visas för förvaltningen som lämnade in behovet."),
        button=_("Avslå behovet"),
    )


@require_http_methods(["GET", "POST"])
def need_accept_late(request: HttpRequest, pk: int) -> HttpResponse:
    # IT governance does not see other administrations' drafts, but reaches the one it may take in here.
    need = _need_or_404(request, pk, visible=policies.can_view_need_for_late_acceptance)
    _require(policies.can_accept_late_need(request.user, need))
    form = LateAcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.need_accept_late(
                actor=request.user,
                need=need,
                reason=form.cleaned_data["reason"],
                plan_year=form.cleaned_data.get("plan_year"),
            )
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Behov %(ref)s är mottaget efter sista dag.") % {"ref": need.reference})
            return redirect("needs:need_detail", pk=need.pk)
    return _reason_page(
        request,
        need,
        form,
        title=_("Ta emot behov %(ref)s efter sista dag") % {"ref": need.reference},
        intro=_("Undantaget och skälet sparas i behovets historik."),
        button=_("Ta emot behovet"),
    )


@require_http_methods(["GET", "POST"])
def need_merge(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need_or_404(request, pk)
    _require(policies.can_merge_need(request.user, need))
    form = MergeForm(request.POST or None, need=need)
    if request.method == "POST" and form.is_valid():
        try:
            services.need_merge(
                actor=request.user, need=need, into=form.cleaned_data["into"], note=form.cleaned_data["note"]
            )
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Behov %(ref)s är sammanslaget.") % {"ref": need.reference})
            return redirect("needs:need_detail", pk=form.cleaned_data["into"].pk)
    return render(
        request,
        "needs/need_merge.html",
        {"need": need, "form": form, "similar": selectors.similar_to_need(need), "nav": NAV},
        status=400 if request.method == "POST" else 200,
    )


@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need_or_404(request, pk)
    _require(policies.can_edit_need(request.user, need))
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.need_add_attachment(actor=request.user, need=need, upload=form.cleaned_data["file"])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Bilagan är tillagd."))
    else:
        messages.error(request, _("Välj en fil att lägga till."))
    return redirect("needs:need_detail", pk=need.pk)


def attachment_download(request: HttpRequest, pk: int, attachment_pk: int) -> FileResponse:
    need = _need_or_404(request, pk)
    attachment = get_object_or_404(NeedAttachment, pk=attachment_pk, need=need)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.filename)


@require_http_methods(["GET", "POST"])
def need_score(request: HttpRequest, pk: int) -> HttpResponse:
    need = _need_or_404(request, pk)
    _require(policies.can_score_need(request.user, need) and need.plan_year is not None)
    criteria = list(selectors.criteria_for_year(need.plan_year))
    mine = selectors.scores_by(roles_for_user(request.user).person_id, need)
    form = ScoreForm(request.POST or None, criteria=criteria, initial_scores={cid: s.value for cid, s in mine.items()})
    if request.method == "POST" and form.is_valid():
        try:
            for criterion, value in form.values():
                services.score_set(actor=request.user, need=need, criterion=criterion, value=value)
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Dina poäng för %(ref)s är sparade.") % {"ref": need.reference})
            return redirect("needs:ranking", year=need.plan_year)
    return render(
        request,
        "needs/need_score.html",
        {"need": need, "form": form, "criteria": criteria, "nav": NAV},
        status=400 if request.method == "POST" else 200,
    )


def ranking_current(request: HttpRequest) -> HttpResponse:
    window = selectors.latest_intake()
    year = window.plan_year if window else timezone.localdate().year + 1
    return redirect("needs:ranking", year=year)


def ranking(request: HttpRequest, year: int) -> HttpResponse:
    """The ranked needs of a plan year; a what-if form shows how ranks move with other weights."""
    _require(policies.can_view_ranking(request.user))
    criteria = list(selectors.criteria_for_year(year))
    # Only the weight fields bind the form: a page number alone is not a what-if.
    trying_weights = any(key.startswith("w") for key in request.GET)
    weights_form = WeightsForm(request.GET if trying_weights else None, criteria=criteria)
    tried = weights_form.weights()
    criteria, rows = selectors.ranking(year, weights=tried)
    # The ranks stay those among every administration's needs when one administration is shown.
    administrations = sorted({(row.administration_id, row.administration_name) for row in rows}, key=lambda a: a[1])
    administration = _int(request.GET.get("administration"))
    ranked_count = len(rows)
    if administration:
        rows = [row for row in rows if row.administration_id == administration]
    # Every need is ranked (a rank depends on all the others), but a page shows RANKING_PAGE_SIZE
    # of them, in rank order: a thousand rows rendered at once took most of the time.
    page = Paginator(rows, RANKING_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "needs/ranking.html",
        {
            "year": year,
            "criteria": criteria,
            "rows": page.object_list,
            "page_obj": page,
            "ranked_count": ranked_count,
            "administrations": administrations,
            "administration": administration,
            "weights_form": weights_form,
            "trying": tried is not None and any(tried.get(c.pk) != c.weight for c in criteria),
            "years": selectors.scoring_years(),
            "can_score": policies.can_score_need(request.user),
            "can_manage": policies.can_manage_criteria(request.user),
            "nav": NAV,
        },
    )


@require_http_methods(["GET", "POST"])
def criteria(request: HttpRequest, year: int) -> HttpResponse:
    _require(policies.can_manage_criteria(request.user))
    form = CriterionForm(request.POST or None)
    if request.method == "POST" and "weight_for" in request.POST:
        criterion = get_object_or_404(Criterion, pk=_int(request.POST.get("weight_for")) or 0, plan_year=year)
        weight = _int(request.POST.get("new_weight"))
        try:
            if weight is None:
                raise DomainError("Ange vikten som ett heltal från 0 till 100.")
            services.criterion_set_weight(actor=request.user, criterion=criterion, weight=weight)
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Vikten är ändrad."))
        return redirect("needs:criteria", year=year)
    if request.method == "POST" and form.is_valid():
        try:
            services.criterion_create(actor=request.user, plan_year=year, **form.cleaned_data)
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Kriteriet är tillagt."))
            return redirect("needs:criteria", year=year)
    return render(
        request,
        "needs/criteria.html",
        {"year": year, "form": form, "criteria": list(selectors.criteria_for_year(year)), "nav": NAV},
        status=400 if request.method == "POST" else 200,
    )
