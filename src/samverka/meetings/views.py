"""Thin views: check the policy, validate the form, call the service, show a domain error as a form error."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from samverka.core.errors import DomainError
from samverka.core.extensions import collect_panels
from samverka.core.files import stored_file_response
from samverka.organisation.models import Body
from samverka.organisation.selectors import body_list
from samverka.registry import selectors as registry_selectors
from samverka.registry.models import Case

from . import dates, ical, policies, sealing, selectors, services, workflow
from .forms import (
    AgendaItemEditForm,
    AgendaItemForm,
    AttendanceChangeForm,
    AttendanceForm,
    CancelForm,
    DecisionForm,
    DisqualificationForm,
    DissentForm,
    MeetingFilterForm,
    MeetingForm,
    PostForm,
    ReasonsForm,
    RecipientForm,
    SealCheckForm,
    SignatoriesForm,
    StatementForm,
)
from .models import AgendaItem, Attendance, Dissent, Extract, Meeting, Notice

PAGE_SIZE = 25


def _require(allowed: bool) -> None:
    if not allowed:
        raise HttpForbidden(_("Du har inte behörighet att göra detta."))


def _meeting_or_404(pk: int, *, signatories: bool = True) -> Meeting:
    try:
        return selectors.meeting_get(pk, signatories=signatories)
    except Meeting.DoesNotExist as exc:
        raise Http404(_("Sammanträdet finns inte.")) from exc


def _item_or_404(meeting: Meeting, item_id: int) -> AgendaItem:
    try:
        item = selectors.item_get(meeting, item_id)
    except AgendaItem.DoesNotExist as exc:
        raise Http404(_("Punkten finns inte.")) from exc
    item.meeting = meeting
    return item


def meeting_list(request: HttpRequest) -> HttpResponse:
    _require(policies.can_view_meetings(request.user))
    form = MeetingFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    meetings = selectors.meeting_list(
        body_id=data["body"].pk if data.get("body") else None,
        status=data.get("status") or "",
        sort=request.GET.get("sort", selectors.DEFAULT_MEETING_SORT),
    )
    page = Paginator(meetings, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "form": form,
            "page_obj": page,
            "nav": "meetings",
            "can_plan": policies.can_plan_any_meeting(request.user),
            "bodies": body_list(),
        },
    )


def _plannable_bodies(user) -> list[Body]:
    return [b for b in body_list() if policies.can_plan_meeting(user, b)]


@require_http_methods(["GET", "POST"])
def meeting_plan(request: HttpRequest) -> HttpResponse:
    _require(policies.can_plan_any_meeting(request.user))
    form = MeetingForm(request.POST or None, bodies=_plannable_bodies(request.user))
    if request.method == "POST" and form.is_valid():
        starts_at, ends_at = form.times()
        try:
            meeting = services.meeting_plan(
                actor=request.user,
                body=form.cleaned_data["body"],
                starts_at=starts_at,
                ends_at=ends_at,
                place=form.cleaned_data["place"],
                secretary=form.cleaned_data["secretary"],
            )
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Sammanträdet är planerat."))
            return redirect("meetings:meeting_detail", pk=meeting.pk)
    return _form_page(request, form, title=_("Planera sammanträde"), submit=_("Planera"))


def _form_page(
    request,
    form,
    *,
    title: str,
    submit: str,
    meeting: Meeting | None = None,
    intro: str = "",
    multipart=False,
    extra: dict | None = None,
):
    return render(
        request,
        "meetings/form.html",
        {
            "form": form,
            "title": title,
            "submit": submit,
            "meeting": meeting,
            "intro": intro,
            "multipart": multipart,
            "nav": "meetings",
            **(extra or {}),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def meeting_edit(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(pk)
    _require(policies.can_manage_meeting(request.user, meeting))
    form = MeetingForm(request.POST or None, bodies=[meeting.body], initial=MeetingForm.initial_for(meeting))
    if request.method == "POST" and form.is_valid():
        starts_at, ends_at = form.times()
        try:
            services.meeting_update(
                actor=request.user,
                meeting=meeting,
                starts_at=starts_at,
                ends_at=ends_at,
                place=form.cleaned_data["place"],
                secretary=form.cleaned_data["secretary"],
            )
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Sammanträdet är ändrat."))
            return redirect("meetings:meeting_detail", pk=meeting.pk)
    return _form_page(request, form, title=_("Ändra tid och plats"), submit=_("Spara"), meeting=meeting)


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _require(policies.can_view_meetings(request.user))
    meeting = _meeting_or_404(pk)
    items = list(selectors.meeting_agenda(meeting))
    attendances = list(selectors.meeting_attendances(meeting))
    # The quorum is shown while the meeting is under way; otherwise the body's seats are not counted.
    seats = selectors.body_seat_count(meeting) if meeting.status == Meeting.Status.CALLED else 0
    rows = []
    for item in items:
        item.meeting = meeting
        rows.append((item, selectors.quorum_for(item, attendances=attendances, seats=seats)))
    day = timezone.localtime(meeting.starts_at).date()
    can_manage = policies.can_manage_meeting(request.user, meeting)
    _mark_movable(items, can_manage and meeting.status in workflow.AGENDA_OPEN)
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "meeting": meeting,
            "rows": rows,
            "attendances": attendances,
            "signatories": list(meeting.signatories.all()),
            "notices": list(meeting.notices.all()),
            "can_manage": can_manage,
            "can_sign": _unsigned_for(request.user, meeting),
            # Taking a posting down is the periodic job's step (after the appeal period), not a button.
            "steps": [STEP_SLUGS[n] for n in workflow.allowed_steps(meeting.status) if n in STEP_SLUGS]
            if can_manage
            else [],
            "verification_due": dates.verification_deadline(day),
            "posting_due": dates.posting_deadline(meeting.verified_on) if meeting.verified_on else None,
            "post_form": PostForm(initial={"posted_on": timezone.localdate()}),
            "cancel_form": CancelForm(),
            "nav": "meetings",
        },
    )


def _mark_movable(items: list[AgendaItem], allowed: bool) -> None:
    """Which items may move up or down: unnumbered items, past unnumbered neighbours."""
    for index, item in enumerate(items):
        movable = allowed and not item.paragraph_number and not item.immediately_verified_at
        above = items[index - 1] if index > 0 else None
        below = items[index + 1] if index + 1 < len(items) else None
        item.can_move_up = bool(movable and above is not None and not above.paragraph_number)
        item.can_move_down = bool(movable and below is not None and not below.paragraph_number)


def _unsigned_for(user, meeting: Meeting) -> bool:
    from samverka.organisation.selectors import roles_for_user

    person_id = roles_for_user(user).person_id
    return meeting.status == Meeting.Status.DRAFTED and any(
        s.person_id == person_id and s.signed_at is None for s in meeting.signatories.all()
    )


STEP_SERVICES = {
    "kalla": ("meeting_call", _("Kallelsen skickas till ledamöter och ersättare.")),
    "avsluta": ("meeting_hold", _("Sammanträdet är avslutat och paragraferna numrerade.")),
    "uppratta": ("minutes_draft", _("Protokollet är upprättat och kan justeras.")),
    "justera": ("minutes_sign", _("Du har undertecknat protokollet.")),
    "ansla": ("minutes_post", _("Protokollet är anslaget på anslagstavlan.")),
    "stall-in": ("meeting_cancel", _("Sammanträdet är inställt.")),
}


STEP_SLUGS = {name: slug for slug, (name, _message) in STEP_SERVICES.items()}


@require_POST
def meeting_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    meeting = _meeting_or_404(pk)
    _require(policies.can_view_meetings(request.user))
    if step not in STEP_SERVICES:
        raise Http404(_("Steget finns inte."))
    name, success = STEP_SERVICES[step]
    if name != "minutes_sign":
        _require(policies.can_manage_meeting(request.user, meeting))
    kwargs: dict = {}
    if name == "minutes_post":
        form = PostForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Ange ett giltigt datum för anslaget."))
            return redirect("meetings:meeting_detail", pk=meeting.pk)
        kwargs["posted_on"] = form.cleaned_data["posted_on"]
    elif name == "meeting_cancel":
        form = CancelForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Ange varför sammanträdet ställs in."))
            return redirect("meetings:meeting_detail", pk=meeting.pk)
        kwargs["reason"] = form.cleaned_data["reason"]
    elif name == "minutes_sign":
        kwargs["method"] = _sign_in_method(request)
    try:
        getattr(services, name)(actor=request.user, meeting=meeting, **kwargs)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("meetings:meeting_detail", pk=meeting.pk)


def _sign_in_method(request: HttpRequest) -> str:
    sign_in = request.user.sign_ins.order_by("-at").first() if hasattr(request.user, "sign_ins") else None
    if sign_in is None:
        return "Inloggad"
    return f"{sign_in.get_method_display()} {sign_in.assurance_level}".strip()


@require_http_methods(["GET", "POST"])
def item_add(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(pk)
    _require(policies.can_manage_meeting(request.user, meeting))
    # The case's documents are offered when the case is known: given in the address (?arende=…)
    # or already on the posted form; otherwise they are chosen on the item's page afterwards.
    number = (request.POST.get("case") if request.method == "POST" else request.GET.get("arende")) or ""
    known = Case.objects.filter(number=number.strip().upper()).first() if number.strip() else None
    form = AgendaItemForm(request.POST or None, case=known, initial={"case": known.number} if known else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        case = data["case"]
        try:
            item = services.agenda_item_add(
                actor=request.user,
                meeting=meeting,
                kind=data["kind"],
                case=case,
                title=data["title"] or (case.title if case else ""),
                summary=data["summary"] or (case.description if case else ""),
                proposal=data["proposal"],
                supporting_documents=data.get("supporting_documents") or [],
            )
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Punkten är tillagd."))
            if case is not None and not data.get("supporting_documents") and case.documents.exists():
                messages.info(
                    request,
                    _(
                        "Välj beslutsunderlaget bland ärendets handlingar under "
                        "”Ändra rubrik, sammanfattning, förslag och beslutsunderlag”."
                    ),
                )
            return redirect("meetings:item_detail", pk=meeting.pk, item_id=item.pk)
    return _form_page(
        request,
        form,
        title=_("Lägg till punkt"),
        submit=_("Lägg till"),
        meeting=meeting,
        extra={"ready_cases": _ready_cases(request.user, meeting)},
    )


def _ready_cases(user, meeting: Meeting) -> list[Case]:
    """Cases ready for decision, each with the title the user may read."""
    cases = list(selectors.cases_ready_for_decision(meeting.body))
    for case in cases:
        case.shown_title = registry_selectors.case_title_for(user, case) or _("Ärendemeningen omfattas av sekretess")
    return cases


def _item_forms(item: AgendaItem, attendances: list) -> dict:
    deciding = selectors.deciding_on(item, attendances)
    members = [a for a in attendances if a.role != "other"]
    return {
        "edit_form": AgendaItemEditForm(
            case=item.case,
            initial={
                "title": item.title,
                "summary": item.summary,
                "proposal": item.proposal,
                "decision_intro": item.decision_intro,
                "supporting_documents": [d.pk for d in item.supporting_documents.all()],
            },
        ),
        "decision_form": DecisionForm(initial={"decision": item.decision or item.proposal}),
        "dissent_form": DissentForm(attendances=deciding),
        "disqualification_form": DisqualificationForm(attendances=[a for a in attendances if a.is_deciding]),
        "statement_form": StatementForm(attendances=members),
        "recipient_form": RecipientForm(),
        "reasons_form": ReasonsForm(),
    }


def item_detail(
    request: HttpRequest, pk: int, item_id: int, *, bound: dict | None = None, status: int = 200
) -> HttpResponse:
    _require(policies.can_view_meetings(request.user))
    meeting = _meeting_or_404(pk, signatories=False)
    item = _item_or_404(meeting, item_id)
    can_manage = policies.can_manage_meeting(request.user, meeting)
    open_for = {
        "agenda": meeting.status in workflow.ITEMS_OPEN and not item.immediately_verified_at,
        "decision": meeting.status in workflow.DECISIONS_OPEN and not item.immediately_verified_at,
        "announce": meeting.status in workflow.ANNOUNCEMENTS_OPEN and not item.immediately_verified_at,
        "reasons": meeting.status in workflow.MINUTES_OPEN and not item.immediately_verified_at,
    }
    open_for = open_for if can_manage else {}
    # Attendance and the quorum serve only the forms; verified minutes and readers need neither.
    attendances = list(selectors.meeting_attendances(meeting)) if any(open_for.values()) else []
    forms = _item_forms(item, attendances)
    forms.update(bound or {})
    return render(
        request,
        "meetings/item_detail.html",
        {
            "meeting": meeting,
            "item": item,
            "quorum": selectors.quorum_for(item, attendances=attendances) if open_for.get("decision") else None,
            "deciding": selectors.deciding_on(item, attendances),
            "previous": selectors.previous_decision(item),
            "panels": collect_panels("paragraph_panels", request, item) if item.paragraph_number else [],
            "can_manage": can_manage,
            "open": open_for,
            "can_extract": can_manage and (meeting.is_locked or bool(item.immediately_verified_at)) and item.case_id,
            "nav": "meetings",
            "bound_errors": [e for form in (bound or {}).values() for e in form.non_field_errors()],
            **forms,
        },
        status=status,
    )


ITEM_ACTIONS = {
    "andra": (AgendaItemEditForm, "edit_form"),
    "beslut": (DecisionForm, "decision_form"),
    "reservation": (DissentForm, "dissent_form"),
    "jav": (DisqualificationForm, "disqualification_form"),
    "sarskilt-yttrande": (StatementForm, "statement_form"),
    "mottagare": (RecipientForm, "recipient_form"),
}


MOVE_ACTIONS = {"flytta-upp": "up", "flytta-ned": "down"}


@require_POST
def item_action(request: HttpRequest, pk: int, item_id: int, action: str) -> HttpResponse:
    meeting = _meeting_or_404(pk)
    item = _item_or_404(meeting, item_id)
    _require(policies.can_manage_meeting(request.user, meeting))
    if action == "omedelbar-justering":
        return _simple(
            request,
            item,
            lambda: services.item_verify_immediately(actor=request.user, item=item),
            _("Punkten är omedelbart justerad."),
        )
    if action == "utdrag":
        return _simple(
            request,
            item,
            lambda: services.extract_create(actor=request.user, item=item),
            _("Protokollsutdraget skapas och registreras i ärendet."),
        )
    if action in MOVE_ACTIONS:
        try:
            services.agenda_item_move(actor=request.user, item=item, direction=MOVE_ACTIONS[action])
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Punkten är flyttad."))
        return redirect(reverse("meetings:meeting_detail", args=[meeting.pk]) + "#h-agenda")
    if action not in ITEM_ACTIONS:
        raise Http404(_("Åtgärden finns inte."))
    form_class, key = ITEM_ACTIONS[action]
    kwargs: dict = {}
    attendances = list(selectors.meeting_attendances(meeting))
    if form_class is AgendaItemEditForm:
        kwargs["case"] = item.case
    elif form_class is DissentForm:
        kwargs["attendances"] = selectors.deciding_on(item, attendances)
    elif form_class is DisqualificationForm:
        kwargs["attendances"] = [a for a in attendances if a.is_deciding]
    elif form_class is StatementForm:
        kwargs["attendances"] = [a for a in attendances if a.role != "other"]
    form = form_class(request.POST, request.FILES, **kwargs)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if action == "andra":
                services.agenda_item_update(actor=request.user, item=item, **data)
            elif action == "beslut":
                services.decision_record(
                    actor=request.user, item=item, decision=data["decision"], accept_no_quorum=data["accept_no_quorum"]
                )
            elif action == "reservation":
                services.dissent_announce(
                    actor=request.user, item=item, attendance=data["attendance"], reasons=data["reasons"]
                )
            elif action == "jav":
                services.disqualification_record(
                    actor=request.user, item=item, attendance=data["attendance"], reason=data["reason"]
                )
            elif action == "sarskilt-yttrande":
                services.special_statement_add(
                    actor=request.user,
                    item=item,
                    members=data["members"],
                    text=data["text"],
                    attachment_label=data["attachment_label"],
                    attachment=data["attachment"],
                )
            elif action == "mottagare":
                services.dispatch_recipient_add(
                    actor=request.user, item=item, recipient=data["name"], email=data["email"]
                )
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Sparat."))
            return redirect("meetings:item_detail", pk=meeting.pk, item_id=item.pk)
    return item_detail(request, meeting.pk, item.pk, bound={key: form}, status=400)


def _simple(request, item: AgendaItem, call, success: str) -> HttpResponse:
    try:
        call()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("meetings:item_detail", pk=item.meeting_id, item_id=item.pk)


@require_POST
def dissent_reasons(request: HttpRequest, pk: int, dissent_id: int) -> HttpResponse:
    meeting = _meeting_or_404(pk)
    dissent = Dissent.objects.filter(pk=dissent_id, item__meeting=meeting).select_related("item").first()
    if dissent is None:
        raise Http404(_("Reservationen finns inte."))
    _require(policies.can_manage_meeting(request.user, meeting))
    form = ReasonsForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.dissent_submit_reasons(
                actor=request.user,
                dissent=dissent,
                reasons=form.cleaned_data["reasons"],
                attachment=form.cleaned_data["attachment"],
            )
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Motiveringen är sparad."))
            return redirect("meetings:item_detail", pk=meeting.pk, item_id=dissent.item_id)
    return item_detail(request, meeting.pk, dissent.item_id, bound={"reasons_form": form}, status=400)


@require_POST
def extract_dispatch(request: HttpRequest, extract_id: int) -> HttpResponse:
    extract = Extract.objects.select_related("item__meeting__body").filter(pk=extract_id).first()
    if extract is None:
        raise Http404(_("Utdraget finns inte."))
    _require(policies.can_dispatch(request.user, extract.item.meeting))
    try:
        services.extract_dispatch(actor=request.user, extract=extract)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Beslutet är expedierat och registrerat som utgående handling."))
    return redirect("meetings:item_detail", pk=extract.item.meeting_id, item_id=extract.item_id)


def extract_file(request: HttpRequest, extract_id: int, kind: str) -> FileResponse:
    extract = Extract.objects.select_related("item__meeting__body").filter(pk=extract_id).first()
    if extract is None or kind not in ("pdf", "docx"):
        raise Http404(_("Utdraget finns inte."))
    _require(policies.can_view_meetings(request.user))
    stored = extract.pdf if kind == "pdf" else extract.docx
    if not stored:
        raise Http404(_("Utdraget är inte färdigt ännu."))
    content_type = (
        "application/pdf"
        if kind == "pdf"
        else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    from .documents import extract_filename

    return stored_file_response(stored, filename=extract_filename(extract.item, kind), content_type=content_type)


@require_http_methods(["GET", "POST"])
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(pk)
    _require(policies.can_view_meetings(request.user))
    can_manage = policies.can_manage_meeting(request.user, meeting)
    form = AttendanceForm(request.POST or None, meeting=meeting)
    status = 200
    if request.method == "POST":
        _require(can_manage)
        if form.is_valid():
            try:
                services.attendance_record(actor=request.user, meeting=meeting, **form.cleaned_data)
            except DomainError as error:
                error.add_to(form)
            else:
                messages.success(request, _("Närvaron är registrerad."))
                return redirect("meetings:attendance", pk=meeting.pk)
        status = 400
    return _attendance_page(request, meeting, form=form, can_manage=can_manage, status=status)


@require_POST
def attendance_change(request: HttpRequest, pk: int, attendance_id: int) -> HttpResponse:
    """Record or change the item at which a present person arrived and the item after which they left."""
    meeting = _meeting_or_404(pk)
    _require(policies.can_manage_meeting(request.user, meeting))
    present = Attendance.objects.filter(meeting=meeting, pk=attendance_id).select_related("person").first()
    if present is None:
        raise Http404(_("Närvaron finns inte."))
    items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position"))
    form = AttendanceChangeForm(request.POST, attendance=present, items=items)
    if form.is_valid():
        try:
            services.attendance_update(actor=request.user, attendance=present, **form.cleaned_data)
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Ankomst och avgång är sparade för %(name)s.") % {"name": present.label})
            return redirect("meetings:attendance", pk=meeting.pk)
    return _attendance_page(
        request,
        meeting,
        form=AttendanceForm(meeting=meeting),
        can_manage=True,
        bound_change=form,
        status=400,
    )


def _attendance_page(
    request: HttpRequest,
    meeting: Meeting,
    *,
    form: AttendanceForm,
    can_manage: bool,
    bound_change: AttendanceChangeForm | None = None,
    status: int = 200,
) -> HttpResponse:
    attendances = list(selectors.meeting_attendances(meeting))
    open_for_changes = can_manage and meeting.status in workflow.ATTENDANCE_OPEN
    rows = []
    if open_for_changes:
        items = list(AgendaItem.objects.filter(meeting=meeting).order_by("position"))
        for present in attendances:
            if bound_change is not None and bound_change.attendance.pk == present.pk:
                rows.append((present, bound_change))
            else:
                rows.append((present, AttendanceChangeForm(attendance=present, items=items)))
    else:
        rows = [(present, None) for present in attendances]
    return render(
        request,
        "meetings/attendance.html",
        {
            "meeting": meeting,
            "attendances": attendances,
            "rows": rows,
            "form": form,
            "can_manage": open_for_changes,
            # Shown above the list when the row's own form is not there to show them (e.g. locked minutes).
            "bound_errors": (
                [e for errors in bound_change.errors.values() for e in errors]
                if bound_change is not None and not open_for_changes
                else []
            ),
            "nav": "meetings",
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def signatories(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(pk)
    _require(policies.can_manage_meeting(request.user, meeting))
    current = list(meeting.signatories.all())
    initial = {
        "chair": next((s.person_id for s in current if s.role == "chair"), None),
        "verifiers": [s.person_id for s in current if s.role == "verifier"],
        "secretary": meeting.secretary_id,
    }
    form = SignatoriesForm(request.POST or None, meeting=meeting, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.signatories_set(actor=request.user, meeting=meeting, **form.cleaned_data)
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Justerarna är utsedda."))
            return redirect("meetings:meeting_detail", pk=meeting.pk)
    return _form_page(
        request,
        form,
        title=_("Utse justerare"),
        submit=_("Spara"),
        meeting=meeting,
        intro=_("Ordföranden, justerarna och sekreteraren undertecknar protokollet var för sig."),
    )


def _file_response(stored, filename: str, content_type: str = "application/pdf") -> FileResponse:
    if not stored:
        raise Http404(_("Filen är inte färdig ännu."))
    return stored_file_response(stored, filename=filename, content_type=content_type)


def notice_pdf(request: HttpRequest, pk: int) -> FileResponse:
    _require(policies.can_view_meetings(request.user))
    meeting = _meeting_or_404(pk)
    return _file_response(meeting.notice_pdf, f"kallelse-{meeting.body.short_name.lower()}-{meeting.pk}.pdf")


def minutes_pdf(request: HttpRequest, pk: int) -> FileResponse:
    _require(policies.can_view_meetings(request.user))
    meeting = _meeting_or_404(pk)
    return _file_response(meeting.minutes_pdf, f"protokoll-{meeting.body.short_name.lower()}-{meeting.pk}.pdf")


@login_not_required
def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting_or_404(pk)
    response = HttpResponse(ical.meeting_calendar(meeting), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="sammantrade-{meeting.pk}.ics"'
    return response


@login_not_required
def body_feed(request: HttpRequest, short_name: str) -> HttpResponse:
    body = Body.objects.filter(short_name__iexact=short_name).first()
    if body is None:
        raise Http404(_("Organet finns inte."))
    data = ical.calendar(selectors.body_feed(body.pk), name=body.name)
    return HttpResponse(data, content_type="text/calendar; charset=utf-8")


# -- public pages --------------------------------------------------------------------------------


@login_not_required
def notice_board(request: HttpRequest) -> HttpResponse:
    archive = request.GET.get("visa") == "arkiv"
    notices = selectors.notice_archive() if archive else selectors.notice_board()
    page = Paginator(notices, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "meetings/public/notice_board.html",
        {"page_obj": page, "archive": archive, "today": timezone.localdate(), "nav": "noticeboard"},
    )


@login_not_required
def public_minutes(request: HttpRequest, notice_id: int) -> FileResponse:
    notice = Notice.objects.select_related("meeting__body").filter(pk=notice_id, kind=Notice.Kind.MINUTES).first()
    if notice is None or not notice.meeting.minutes_pdf:
        raise Http404(_("Protokollet finns inte."))
    meeting = notice.meeting
    _require(policies.can_read_posted_minutes(request.user, meeting))
    start = timezone.localtime(meeting.starts_at)
    return _file_response(meeting.minutes_pdf, f"protokoll-{meeting.body.short_name.lower()}-{start:%Y%m%d}.pdf")


@login_not_required
@require_http_methods(["GET", "POST"])
def seal_check(request: HttpRequest) -> HttpResponse:
    form = SealCheckForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        result = sealing.verify_pdf(form.cleaned_data["file"].read())
    return render(
        request,
        "meetings/public/seal_check.html",
        {"form": form, "result": result, "nav": "noticeboard"},
        status=400 if request.method == "POST" and not form.is_valid() else 200,
    )
