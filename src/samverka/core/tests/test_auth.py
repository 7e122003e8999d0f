import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse

from samverka.organisation.models import Role, SignIn
from samverka.organisation.oidc import SamverkaOIDCBackend
from samverka.organisation.signals import OIDC_SESSION_KEY
from samverka.organisation.tests.factories import PersonFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_passwords_are_hashed_with_argon2_outside_tests():
    from django.contrib.auth.hashers import Argon2PasswordHasher

    from samverka.settings import base

    assert base.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.Argon2PasswordHasher"
    encoded = Argon2PasswordHasher().encode("lösenord", Argon2PasswordHasher().salt())
    assert encoded.startswith("argon2$") and Argon2PasswordHasher().verify("lösenord", encoded)


def test_sign_in_with_password_is_recorded(client):
    user = user_with_role(Role.REGISTRAR, username="rebecka")
    response = client.post(reverse("login"), {"username": "rebecka", "password": "secret-pass-123"})
    assert response.status_code == 302
    record = SignIn.objects.get(user=user)
    assert record.method == SignIn.Method.PASSWORD
    assert record.assurance_level == ""


def test_wrong_password_shows_swedish_error(client):
    user_with_role(Role.REGISTRAR, username="rebecka")
    response = client.post(reverse("login"), {"username": "rebecka", "password": "fel"})
    assert response.status_code == 200
    assert "Inloggningen misslyckades" in response.content.decode()
    assert not SignIn.objects.exists()


def test_failed_sign_ins_are_throttled(client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    user_with_role(Role.REGISTRAR, username="rebecka")
    for _ in range(3):
        client.post(reverse("login"), {"username": "rebecka", "password": "fel"})
    response = client.post(reverse("login"), {"username": "rebecka", "password": "secret-pass-123"})
    assert response.status_code == 429
    assert "spärrad" in response.content.decode()
    assert not SignIn.objects.exists()


@pytest.mark.parametrize("name", ["core:dashboard", "registry:case_list", "registry:case_open", "registry:search"])
def test_pages_require_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", ["core:home", "core:accessibility", "public:registry", "login", "core:health"])
def test_public_pages_answer_without_sign_in(client, name):
    assert client.get(reverse(name)).status_code == 200


def test_logout_requires_post(client):
    user = user_with_role(Role.READER)
    client.force_login(user)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("core:dashboard")).status_code == 302


def test_oidc_is_off_by_default_and_configured_for_rs256_with_pkce():
    assert settings.OIDC_ENABLED is False
    assert "samverka.organisation.oidc.SamverkaOIDCBackend" not in settings.AUTHENTICATION_BACKENDS
    assert settings.OIDC_RP_SIGN_ALGO == "RS256"
    assert settings.OIDC_USE_PKCE is True


def test_oidc_backend_matches_person_by_email_and_records_assurance_level(client):
    user = UserFactory(username="selma")
    PersonFactory(user=user, email="Selma.Akesson@kommun.example")
    backend = SamverkaOIDCBackend()
    claims = {
        "email": "selma.akesson@kommun.example",
        "acr": "http://id.elegnamnden.se/loa/1.0/loa3",
        "iss": "https://idp",
    }
    assert list(backend.filter_users_by_claims(claims)) == [user]

    request = RequestFactory().get("/")
    request.session = client.session
    backend.request = request
    backend.get_userinfo = lambda access_token, id_token, payload: claims
    assert backend.get_or_create_user("access", "id", claims) == user
    assert request.session[OIDC_SESSION_KEY]["acr"].endswith("loa3")

    from django.contrib.auth.signals import user_logged_in

    user_logged_in.send(sender=user.__class__, request=request, user=user)
    record = SignIn.objects.get(user=user)
    assert record.method == SignIn.Method.OIDC
    assert record.assurance_level == "http://id.elegnamnden.se/loa/1.0/loa3"
    assert record.identity_provider == "https://idp"


def test_oidc_backend_refuses_unknown_people_unless_creation_is_enabled():
    backend = SamverkaOIDCBackend()
    backend.request = None
    claims = {"email": "okand@kommun.example"}
    assert list(backend.filter_users_by_claims(claims)) == []
    assert backend.create_user(claims) is None
