from django.conf import settings

from samverka.organisation.policies import can_manage_organisation

from .extensions import nav_items


def site(request):
    return {
        "municipality_name": settings.SAMVERKA_MUNICIPALITY_NAME,
        "oidc_enabled": settings.OIDC_ENABLED,
        "accessibility_contact": settings.SAMVERKA_ACCESSIBILITY_CONTACT,
        "app_nav_items": nav_items(),
        "can_admin": can_manage_organisation(request.user) if hasattr(request, "user") else False,
    }
