"""The public registry (/diarium/): no sign-in, secret parts masked, secret files never served."""

from django.contrib.auth.decorators import login_not_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from samverka.core.files import stored_file_response
from samverka.core.pagination import CappedPaginator

from . import public_selectors
from .forms import PublicSearchForm


@login_not_required
def registry(request: HttpRequest) -> HttpResponse:
    form = PublicSearchForm(request.GET or None)
    if form.is_bound and form.is_valid():
        case = public_selectors.public_case(form.cleaned_data["q"]) if form.cleaned_data["q"] else None
        if case is not None:
            return redirect("public:case_detail", number=case.number)
    filters = form.cleaned_filters() if form.is_valid() else ({} if not form.is_bound else None)
    results = public_selectors.public_search(dict(filters)) if filters is not None else None
    page = CappedPaginator(results, 20).get_page(request.GET.get("page")) if results is not None else None
    return render(
        request,
        "registry/public/registry.html",
        {
            "form": form,
            "page_obj": page,
            "nav": "public",
            "searching": bool(filters and filters.get("q")),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@login_not_required
def case_detail(request: HttpRequest, number: str) -> HttpResponse:
    case = public_selectors.public_case(number)
    if case is None:
        raise Http404(_("Ärendet finns inte."))
    return render(
        request,
        "registry/public/case_detail.html",
        {
            "case": case,
            "documents": public_selectors.public_case_documents(case),
            "nav": "public",
        },
    )


@login_not_required
def file_download(request: HttpRequest, file_id: int) -> FileResponse:
    stored = public_selectors.public_file(file_id)
    if stored is None:
        raise Http404(_("Filen finns inte eller omfattas av sekretess."))
    return stored_file_response(stored.file, filename=stored.filename, content_type=stored.content_type)
