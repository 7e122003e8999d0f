from django.utils.translation import gettext as _

from . import policies, selectors


def panels(request) -> list[dict]:
    user = request.user
    if not policies.can_view_registry(user):
        return []
    result = [
        {
            "title": _("Mina öppna ärenden"),
            "template": "registry/panels/my_cases.html",
            "cases": list(selectors.my_open_cases(user)),
            "can_open": policies.can_open_any_case(user),
        },
        {
            "title": _("Senast registrerade handlingar"),
            "template": "registry/panels/recent_documents.html",
            "documents": list(selectors.recent_documents(user)),
        },
    ]
    if policies.can_export_registry(user):
        result.append(
            {
                "title": _("Sent registrerade handlingar"),
                "template": "registry/panels/late.html",
                "documents": list(selectors.late_registrations()[:5]),
            }
        )
    return result
