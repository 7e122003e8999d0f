"""Panels on "Mitt arbete": the committees' questions to answer, and who has answered (IT governance)."""

from django.utils.translation import gettext as _

from . import policies, selectors


def panels(request) -> list[dict]:
    user = request.user
    if not policies.can_view_followup(user):
        return []
    result: list[dict] = []
    unanswered = list(selectors.unanswered_committees())
    to_answer = [c for c in unanswered if policies.can_answer_for(user, c)]
    if to_answer and not policies.can_open_round(user):
        result.append(
            {
                "title": _("Uppföljning att besvara"),
                "template": "followup/panels/to_answer.html",
                "committees": to_answer,
            }
        )
    round = selectors.current_round()
    if round is not None and policies.can_manage_round(user, round):
        result.append(
            {
                "title": _("Uppföljning %(year)s") % {"year": round.year},
                "template": "followup/panels/governance.html",
                "round": round,
                "unanswered": [c for c in unanswered if c.round_id == round.pk],
            }
        )
    return result
