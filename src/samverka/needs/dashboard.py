from django.utils.translation import gettext as _

from . import policies, selectors


def panels(request) -> list[dict]:
    user = request.user
    result = []
    if policies.can_create_need(user):
        result.append(
            {
                "title": _("Mina behov under arbete"),
                "template": "needs/panels/drafts.html",
                "needs": list(selectors.my_draft_needs(user)),
            }
        )
    if policies.is_governance(user):
        result.append(
            {
                "title": _("Inlämnade behov att bereda"),
                "template": "needs/panels/awaiting.html",
                "needs": list(selectors.needs_awaiting_governance()),
            }
        )
    return result
