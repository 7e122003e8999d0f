"""Record every successful sign-in (with the assurance level the identity provider gave)."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver

from .models import SignIn

OIDC_SESSION_KEY = "samverka_oidc_assurance"


@receiver(user_logged_in)
def record_sign_in(sender, request, user, **kwargs):
    oidc = request.session.pop(OIDC_SESSION_KEY, None) if request is not None else None
    SignIn.objects.create(
        user=user,
        method=SignIn.Method.OIDC if oidc else SignIn.Method.PASSWORD,
        assurance_level=(oidc or {}).get("acr", ""),
        identity_provider=(oidc or {}).get("iss", ""),
        ip_address=request.META.get("REMOTE_ADDR") if request is not None else None,
    )
