"""The consultations' panels on "Mitt arbete" and on the case page (see core.extensions)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from . import policies, selectors


def panels(request) -> list[dict]:
    user = request.user
    if not policies.can_view_consultations(user):
        return []
    result = []
    incoming = selectors.with_inbox_details(selectors.incoming_for_user(user)[:10])
    if incoming:
        result.append(
            {
                "title": _("Remisser att besvara"),
                "template": "consultations/panels/incoming.html",
                "recipients": incoming,
                "today": timezone.localdate(),
            }
        )
    mine = list(selectors.my_consultations(user))
    if mine:
        result.append(
            {
                "title": _("Mina remisser"),
                "template": "consultations/panels/mine.html",
                "consultations": mine,
            }
        )
    return result


def case_panels(request, case) -> list[dict]:
    user = request.user
    if not policies.can_view_consultations(user):
        return []
    visible = [c for c in selectors.consultations_for_case(case) if policies.can_view_consultation(user, c)]
    receipts = list(selectors.receipts_for_case(case))
    return [
        {
            "title": _("Remisser"),
            "template": "consultations/panels/case.html",
            "case": case,
            "consultations": [c for c in visible if c.case_id == case.pk],
            "behind_proposal": [c for c in visible if c.final_proposal_id == case.pk],
            "receipts": receipts,
            "can_create": policies.can_create_consultation(user, case) and case.status == case.Status.OPEN,
        }
    ]


def paragraph_panels(request, item) -> list[dict]:
    """The consultations a paragraph of minutes decided to send."""
    sent = [c for c in item.consultations_sent.all() if policies.can_view_consultation(request.user, c)]
    if not sent:
        return []
    return [{"title": _("Remisser"), "template": "consultations/panels/paragraph_consultations.html", "sent": sent}]
