"""What the plans app adds to other pages: the case page, the need page and "Mitt arbete"."""

from django.utils.translation import gettext as _

from samverka.needs import policies as need_policies
from samverka.needs import selectors as need_selectors

from . import policies, selectors


def case_panels(request, case) -> list[dict]:
    plans = list(selectors.plans_for_case(case.pk))
    if not plans or not policies.can_view_plans(request.user):
        return []
    return [{"title": _("Utvecklingsplan"), "template": "plans/panels/case_plans.html", "plans": plans}]


def need_panels(request, need) -> list[dict]:
    """Which initiatives of which plans carry the need (or the need it was merged into)."""
    carrier = need_selectors.final_destination(need)
    initiatives = list(selectors.initiatives_for_needs([carrier.pk]))
    return [
        {
            "title": _("I utvecklingsplanen"),
            "template": "plans/panels/need_initiatives.html",
            "initiatives": initiatives,
            "carrier": carrier if carrier.pk != need.pk else None,
        }
    ]


def dashboard_panels(request) -> list[dict]:
    user = request.user
    if not policies.can_view_cycle(user):
        return []
    result = []
    windows = need_selectors.intake_windows()
    window = need_selectors.open_intake(windows=windows)
    if need_policies.can_create_need(user) or need_policies.is_governance(user):
        result.append(
            {
                "title": _("Inlämning av behov"),
                "template": "plans/panels/intake.html",
                "window": window,
                "next": None if window else need_selectors.next_intake(windows=windows),
                "can_create": need_policies.can_create_need(user),
            }
        )
    return result


def paragraph_panels(request, item) -> list[dict]:
    """The plan steps decided in a paragraph of minutes."""
    approvals = list(selectors.approvals_for_paragraph(item))
    if not approvals or not policies.can_view_plans(request.user):
        return []
    template = "plans/panels/paragraph_approvals.html"
    return [{"title": _("Utvecklingsplan"), "template": template, "approvals": approvals}]
