"""Panels on "Mitt arbete" and on the case page (see core.extensions)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.organisation.models import Role
from samverka.organisation.selectors import roles_for_user

from . import policies, selectors


def panels(request) -> list[dict]:
    user = request.user
    if not policies.can_view_audits(user):
        return []
    roles = roles_for_user(user)
    today = timezone.localdate()
    result: list[dict] = []
    if roles.person_id:
        mine = list(selectors.open_actions(person_id=roles.person_id)[:20])
        if mine:
            result.append(
                {
                    "title": _("Mina åtgärder efter revision"),
                    "template": "audits/panels/my_actions.html",
                    "actions": mine,
                    "overdue": sum(1 for a in mine if a.due_date < today),
                    "today": today,
                }
            )
    if policies.sees_governance_panel(user):
        result.append(
            {
                "title": _("Revision: försenat och snart dags"),
                "template": "audits/panels/governance.html",
                "actions": list(selectors.overdue_actions(today=today)[:20]),
                "reports": list(selectors.reports_due(today=today)),
                "today": today,
            }
        )
    if roles.has(Role.AUDITOR):
        result.append(
            {
                "title": _("Mina granskningar"),
                "template": "audits/panels/auditor.html",
                "audits": list(selectors.audit_list(user=user, mine=True)[:10]),
            }
        )
    return result


def case_panels(request, case) -> list[dict]:
    if not policies.can_view_audits(request.user):
        return []
    audit = selectors.audit_for_case(case)
    if audit is None:
        return []
    actions = list(selectors.audit_actions(audit))
    return [
        {
            "title": _("Granskning och åtgärder"),
            "template": "audits/panels/case.html",
            "audit": audit,
            "actions": actions,
            "is_response": audit.response_case_id == case.pk,
            "today": timezone.localdate(),
        }
    ]
