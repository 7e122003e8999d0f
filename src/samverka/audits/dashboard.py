"""Panels on "Mitt arbete" and on the case page (see core.extensions)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from samverka.core.lists import lists_in_one_query
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
    governance = policies.sees_governance_panel(user)
    # IT governance gets every report due; when they answer for actions too, the same query says
    # which reports are theirs, so the responsible's panel costs no query of its own for them.
    due = list(selectors.reports_due(today=today, person_id=roles.person_id)) if governance else None
    actions = lists_in_one_query(
        **({"mine": selectors.open_actions(person_id=roles.person_id)[:20]} if roles.person_id else {}),
        **({"overdue": selectors.overdue_actions(today=today)[:20]} if governance else {}),
    )
    if roles.person_id:
        mine = actions["mine"]
        if due is not None:
            reports = [r for r in due if r.mine]
        else:
            reports = list(selectors.reports_due_for_person(person_id=roles.person_id, today=today))
        if mine or reports:
            result.append(
                {
                    "title": _("Mina åtgärder efter revision"),
                    "template": "audits/panels/my_actions.html",
                    "actions": mine,
                    "overdue": sum(1 for a in mine if a.due_date < today),
                    "reports": reports,
                    "today": today,
                }
            )
    if governance:
        result.append(
            {
                "title": _("Revision: försenat och snart dags"),
                "template": "audits/panels/governance.html",
                "actions": actions["overdue"],
                "reports": due,
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
