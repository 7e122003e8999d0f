"""Panels for "Mitt arbete" and the case page."""

from django.utils.translation import gettext as _

from samverka.core.lists import lists_in_one_query

from . import policies, selectors


def panels(request) -> list[dict]:
    user = request.user
    if not policies.can_view_meetings(user):
        return []
    result = []
    meetings = lists_in_one_query(to_sign=selectors.meetings_to_sign(user), upcoming=selectors.upcoming_meetings())
    to_sign = meetings["to_sign"]
    if to_sign:
        result.append(
            {"title": _("Protokoll att justera"), "template": "meetings/panels/to_sign.html", "meetings": to_sign}
        )
    if policies.can_plan_any_meeting(user):
        from samverka.organisation.models import Role
        from samverka.organisation.selectors import roles_for_user

        roles = roles_for_user(user)
        body_ids = None if roles.is_administrator else roles.body_ids(Role.SECRETARY)
        result.append(
            {
                "title": _("Tidsfrister för protokoll"),
                "template": "meetings/panels/deadlines.html",
                "deadlines": selectors.deadlines(body_ids=body_ids),
            }
        )
    result.append(
        {
            "title": _("Kommande sammanträden"),
            "template": "meetings/panels/upcoming.html",
            "meetings": meetings["upcoming"],
        }
    )
    return result


def case_panels(request, case) -> list[dict]:
    if not policies.can_view_meetings(request.user):
        return []
    chain = selectors.case_decision_chain(case)
    return [{"title": _("Beslutsgång"), "template": "meetings/panels/decision_chain.html", "items": chain}]
