import csv

from django.contrib import messages
from django.core.exceptions import PermissionDenied as HttpForbidden
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samverka.core.errors import DomainError
from samverka.core.extensions import collect_panels
from samverka.core.files import stored_file_response
from samverka.core.pagination import CappedPaginator
from samverka.documents.rendering import render_pdf

from . import policies, selectors, services
from .forms import (
    CaseFilterForm,
    CaseOpenForm,
    CaseRelateForm,
    DocumentCorrectForm,
    DocumentRegisterForm,
    ExportForm,
    FileVersionForm,
    ReasonForm,
    SearchForm,
)
from .models import Case, Document, DocumentFile
from .search import search_internal

PAGE_SIZE = 25
TIMELINE_ON_CASE_PAGE = 30
HISTORY_PAGE_SIZE = 50


def _require(allowed: bool) -> None:
    if not allowed:
        raise HttpForbidden(_("Du har inte behörighet att göra detta."))


def _posted(request: HttpRequest):
    """The submitted data on POST (bound even when empty, so that missing fields are errors)."""
    return request.POST if request.method == "POST" else None


def _case_or_404(number: str) -> Case:
    try:
        return selectors.case_get(number=number)
    except Case.DoesNotExist as exc:
        raise Http404(_("Ärendet finns inte.")) from exc


def _document_or_404(case: Case, sequence: int) -> Document:
    try:
        return selectors.document_get(case=case, sequence=sequence)
    except Document.DoesNotExist as exc:
        raise Http404(_("Handlingen finns inte.")) from exc


def case_list(request: HttpRequest) -> HttpResponse:
    _require(policies.can_view_registry(request.user))
    form = CaseFilterForm(request.GET or None)
    sort = request.GET.get("sort", selectors.DEFAULT_CASE_SORT)
    cases = selectors.case_list(
        user=request.user, filters=form.to_filters() if form.is_bound else selectors.CaseFilters(), sort=sort
    )
    page = CappedPaginator(cases, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(case, selectors.case_title_for(request.user, case)) for case in page.object_list]
    return render(
        request,
        "registry/case_list.html",
        {
            "form": form,
            "page_obj": page,
            "rows": rows,
            "nav": "cases",
            "can_open": policies.can_open_any_case(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def case_open(request: HttpRequest) -> HttpResponse:
    _require(policies.can_open_any_case(request.user))
    choices = selectors.series_for_opening(request.user)
    form = CaseOpenForm(_posted(request), series_choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_open(actor=request.user, **form.cleaned_data)
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Ärende %(number)s är registrerat.") % {"number": case.number})
            return redirect("registry:case_detail", number=case.number)
    return render(request, "registry/case_open.html", {"form": form, "nav": "cases"})


def case_detail(request: HttpRequest, number: str) -> HttpResponse:
    _require(policies.can_view_registry(request.user))
    case = _case_or_404(number)
    show_secrets = policies.can_view_case_secrets(request.user, case)
    documents = list(selectors.case_documents(case))
    timeline = selectors.case_timeline(case, show_secrets=show_secrets, limit=TIMELINE_ON_CASE_PAGE + 1)
    return render(
        request,
        "registry/case_detail.html",
        {
            "case": case,
            "title": selectors.case_title_for(request.user, case),
            "show_secrets": show_secrets,
            "documents": documents,
            "relations": selectors.case_relations(case),
            "timeline": timeline[:TIMELINE_ON_CASE_PAGE],
            "more_history": len(timeline) > TIMELINE_ON_CASE_PAGE,
            "panels": collect_panels("case_panels", request, case),
            "can_change": policies.can_change_case(request.user, case),
            "relate_form": CaseRelateForm(),
            "reason_form": ReasonForm(),
            "nav": "cases",
        },
    )


def case_history(request: HttpRequest, number: str) -> HttpResponse:
    """Every event of the case, a page at a time (the case page shows the newest)."""
    _require(policies.can_view_registry(request.user))
    case = _case_or_404(number)
    show_secrets = policies.can_view_case_secrets(request.user, case)
    page = Paginator(selectors.case_history_rows(case), HISTORY_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/case_history.html",
        {
            "case": case,
            "title": selectors.case_title_for(request.user, case),
            "page_obj": page,
            "events": selectors.timeline_events(case, page.object_list, show_secrets=show_secrets),
            "nav": "cases",
        },
    )


def _case_transition(request: HttpRequest, number: str, service, success: str) -> HttpResponse:
    case = _case_or_404(number)
    _require(policies.can_close_case(request.user, case))
    form = ReasonForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            service(actor=request.user, case=case, reason=form.cleaned_data["reason"])
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, success % {"number": case.number})
            return redirect("registry:case_detail", number=case.number)
    return render(
        request,
        "registry/case_transition.html",
        {
            "case": case,
            "form": form,
            "closing": service is services.case_close,
            "nav": "cases",
        },
        status=400 if request.method == "POST" else 200,
    )


@require_http_methods(["GET", "POST"])
def case_close(request: HttpRequest, number: str) -> HttpResponse:
    return _case_transition(request, number, services.case_close, _("Ärende %(number)s är avslutat."))


@require_http_methods(["GET", "POST"])
def case_reopen(request: HttpRequest, number: str) -> HttpResponse:
    return _case_transition(request, number, services.case_reopen, _("Ärende %(number)s är återupptaget."))


@require_http_methods(["POST"])
def case_relate(request: HttpRequest, number: str) -> HttpResponse:
    case = _case_or_404(number)
    _require(policies.can_change_case(request.user, case))
    form = CaseRelateForm(request.POST)
    if form.is_valid():
        try:
            services.case_relate(
                actor=request.user, case=case, other=form.cleaned_data["other"], note=form.cleaned_data["note"]
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Ärendena är kopplade."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("registry:case_detail", number=case.number)


@require_http_methods(["GET", "POST"])
def document_register(request: HttpRequest, number: str) -> HttpResponse:
    case = _case_or_404(number)
    _require(policies.can_register_document(request.user, case))
    form = DocumentRegisterForm(_posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.document_register(
                actor=request.user, case=case, files=form.cleaned_data["files"], **form.service_kwargs()
            )
        except DomainError as error:
            form.add_error(
                "files"
                if error.code in {"too_large", "archive", "malformed", "unknown_type", "unsupported_type", "empty"}
                else None,
                error.message,
            )
        else:
            messages.success(request, _("Handling %(number)s är registrerad.") % {"number": document.number})
            return redirect("registry:case_detail", number=case.number)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "registry/document_register.html", {"case": case, "form": form, "nav": "cases"}, status=status
    )


def document_detail(request: HttpRequest, number: str, sequence: int) -> HttpResponse:
    _require(policies.can_view_registry(request.user))
    case = _case_or_404(number)
    document = _document_or_404(case, sequence)
    show_secrets = policies.can_view_document_secrets(request.user, document)
    history = document.history.select_related("history_user__person").order_by("-history_date")
    return render(
        request,
        "registry/document_detail.html",
        {
            "case": case,
            "document": document,
            "show_secrets": show_secrets,
            "files": document.files.all(),
            "history": history,
            "can_correct": policies.can_correct_document(request.user, document),
            "can_add_version": policies.can_register_document(request.user, case) and case.status == Case.Status.OPEN,
            "version_form": FileVersionForm(),
            "nav": "cases",
        },
    )


@require_http_methods(["GET", "POST"])
def document_correct(request: HttpRequest, number: str, sequence: int) -> HttpResponse:
    case = _case_or_404(number)
    document = _document_or_404(case, sequence)
    _require(policies.can_correct_document(request.user, document))
    form = DocumentCorrectForm(_posted(request), initial=DocumentCorrectForm.initial_for(document))
    if request.method == "POST" and form.is_valid():
        try:
            services.document_correct(
                actor=request.user, document=document, reason=form.cleaned_data["reason"], **form.correction_changes()
            )
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(request, _("Uppgifterna är rättade."))
            return redirect("registry:document_detail", number=case.number, sequence=document.sequence)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "registry/document_correct.html",
        {"case": case, "document": document, "form": form, "nav": "cases"},
        status=status,
    )


@require_http_methods(["POST"])
def document_add_version(request: HttpRequest, number: str, sequence: int) -> HttpResponse:
    case = _case_or_404(number)
    document = _document_or_404(case, sequence)
    _require(policies.can_register_document(request.user, case))
    form = FileVersionForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            stored = services.document_add_version(
                actor=request.user, document=document, upload=form.cleaned_data["file"]
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Version %(version)s är sparad.") % {"version": stored.version})
    else:
        messages.error(request, _("Välj en fil att ladda upp."))
    return redirect("registry:document_detail", number=case.number, sequence=document.sequence)


def file_download(request: HttpRequest, file_id: int) -> FileResponse:
    stored = DocumentFile.objects.select_related("document__case__series").filter(pk=file_id).first()
    if stored is None:
        raise Http404(_("Filen finns inte."))
    document = stored.document
    _require(policies.can_view_registry(request.user))
    if (document.is_secret or document.case.is_secret) and not policies.can_view_document_secrets(
        request.user, document
    ):
        raise HttpForbidden(_("Filen omfattas av sekretess."))
    return stored_file_response(stored.file, filename=stored.filename, content_type=stored.content_type)


def search(request: HttpRequest) -> HttpResponse:
    _require(policies.can_view_registry(request.user))
    form = SearchForm(request.GET or None)
    page = None
    if form.is_bound and form.is_valid():
        filters = form.cleaned_filters()
        query = filters.pop("q")
        if query:
            exact = Case.objects.filter(number=query.upper()).only("number").first()
            if exact is not None:
                return redirect("registry:case_detail", number=exact.number)
            page = CappedPaginator(search_internal(request.user, query, filters), 20).get_page(request.GET.get("page"))
    return render(
        request,
        "registry/search.html",
        {"form": form, "page_obj": page, "nav": "search"},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


EXPORT_COLUMNS = [
    ("registered_on", "Registreringsdatum"),
    ("number", "Handling"),
    ("document_date", "Datum"),
    ("direction", "Riktning"),
    ("document_type", "Handlingstyp"),
    ("counterpart", "Avsändare/mottagare"),
    ("subject", "Beskrivning"),
    ("case_title", "Ärendemening"),
    ("secret", "Sekretess"),
    ("secrecy_reference", "Sekretessgrund"),
    ("late", "Sent registrerad"),
]


# A cell starting with one of these is run as a formula by spreadsheet programs (CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(value) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nej"
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_PREFIXES) else text


@require_http_methods(["GET"])
def registry_export(request: HttpRequest) -> HttpResponse:
    _require(policies.can_export_registry(request.user))
    form = ExportForm(request.GET or None)
    if not (form.is_bound and form.is_valid()):
        return render(
            request, "registry/export.html", {"form": form, "nav": "cases"}, status=400 if form.is_bound else 200
        )
    start, end = form.cleaned_data["start"], form.cleaned_data["end"]
    rows = selectors.registry_export_rows(start=start, end=end)
    filename = f"diarium-{start:%Y%m%d}-{end:%Y%m%d}"
    if form.cleaned_data["format"] == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        response.write("\ufeff")  # so that Excel reads the file as UTF-8
        writer = csv.writer(response, delimiter=";")
        writer.writerow([label for _key, label in EXPORT_COLUMNS])
        for row in rows:
            writer.writerow([_csv_cell(row[key]) for key, _l in EXPORT_COLUMNS])
        return response
    pdf = render_pdf(
        "documents/registry_export.html", {"rows": rows, "start": start, "end": end, "generated": timezone.localtime()}
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}.pdf"'
    return response
