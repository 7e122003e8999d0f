from django.conf import settings

from samverka.organisation.policies import can_manage_organisation


def site(request):
    return {
        "municipality_name": settings.SAMVERKA_MUNICIPALITY_NAME,
        "oidc_enabled": settings.OIDC_ENABLED,
        "accessibility_contact": settings.SAMVERKA_ACCESSIBILITY_CONTACT,
        "can_admin": can_manage_organisation(request.user) if hasattr(request, "user") else False,
    }
