"""Single sign-on with OpenID Connect (RS256, PKCE), matching users by e-mail to a Person."""

from django.conf import settings
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .models import Person
from .signals import OIDC_SESSION_KEY


class SamverkaOIDCBackend(OIDCAuthenticationBackend):
    def verify_claims(self, claims):
        return bool(claims.get("email")) and super().verify_claims(claims)

    def filter_users_by_claims(self, claims):
        email = claims.get("email", "")
        return self.UserModel.objects.filter(person__email__iexact=email, is_active=True)

    def create_user(self, claims):
        if not settings.OIDC_CREATE_USER:
            return None
        user = super().create_user(claims)
        Person.objects.filter(email__iexact=user.email, user__isnull=True).update(user=user)
        return user

    def get_or_create_user(self, access_token, id_token, payload):
        user = super().get_or_create_user(access_token, id_token, payload)
        if user is not None and self.request is not None:
            # The assurance level (acr) of this sign-in is recorded by the sign-in signal.
            self.request.session[OIDC_SESSION_KEY] = {
                "acr": str(payload.get(settings.OIDC_ASSURANCE_CLAIM, "")),
                "iss": str(payload.get("iss", "")),
            }
        return user
