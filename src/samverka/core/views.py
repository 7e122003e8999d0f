from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .dashboard import dashboard_panels
from .errors import DomainError
from .forms import AccessibilityReportForm
from .services import accessibility_report_create


@login_not_required
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:dashboard")
    return render(request, "core/home.html")


def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "core/dashboard.html", {"panels": dashboard_panels(request), "nav": "dashboard"})


@login_not_required
def accessibility(request: HttpRequest) -> HttpResponse:
    form = AccessibilityReportForm(request.POST or None, initial={"page_url": request.GET.get("sida", "")})
    if request.method == "POST" and form.is_valid():
        try:
            accessibility_report_create(**form.cleaned_data)
        except DomainError as error:
            error.add_to(form)
        else:
            messages.success(
                request, _("Tack! Vi har tagit emot din rapport och återkommer om du lämnat kontaktuppgifter.")
            )
            return redirect("core:accessibility")
    return render(request, "core/accessibility.html", {"form": form})


@login_not_required
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
