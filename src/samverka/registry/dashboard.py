from django.utils.translation import gettext as _

from samverka.core.lists import lists_in_one_query

from . import policies, selectors


def panels(request) -> list[dict]:
    user = request.user
    if not policies.can_view_registry(user):
        return []
    can_export = policies.can_export_registry(user)
    documents = lists_in_one_query(
        recent=selectors.recent_documents(user),
        **({"late": selectors.late_registrations()[:5]} if can_export else {}),
    )
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
            "documents": documents["recent"],
        },
    ]
    if can_export:
        result.append(
            {
                "title": _("Sent registrerade handlingar"),
                "template": "registry/panels/late.html",
                "documents": documents["late"],
            }
        )
    return result
