"""What the follow-up adds to other components' pages."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from . import policies, selectors


def initiative_panels(request, initiative) -> list[dict]:
    """How the initiative was reported in each follow-up round."""
    if not policies.can_view_followup(request.user):
        return []
    return [
        {
            "title": _("Uppföljning"),
            "template": "followup/panels/initiative_statuses.html",
            "statuses": list(selectors.statuses_for_initiative(initiative)),
        }
    ]
