"""Production-like responses: security headers, a strict Content-Security-Policy, secure cookies,
and main pages without inline scripts, event-handler attributes or style attributes (which
the policy would block in the browser, so they would be bugs as well as risks)."""

from __future__ import annotations

import importlib
import os
import sys
from html.parser import HTMLParser
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from samverka.scale.generate import generate
from tests.test_query_budget import PAGES, SMALL_SCALE, Dataset, _grow_case

# Pages outside the query-budget table that a person meets too (forms and public pages).
EXTRA_PAGES = [
    ("sign-in", lambda d: reverse("login"), ""),
    ("home", lambda d: reverse("core:home"), ""),
    ("accessibility", lambda d: reverse("core:accessibility"), ""),
    ("open case form", lambda d: reverse("registry:case_open"), "bench-admin"),
    ("register document form", lambda d: reverse("registry:document_register", args=[d.case_number]), "bench-admin"),
]


def production_security_settings() -> dict:
    """The security settings of samverka.settings.production, as a deployment has them."""
    saved = {name: sys.modules.pop(name) for name in list(sys.modules) if name.startswith("samverka.settings.")}
    try:
        with mock.patch.dict(os.environ, {"SECRET_KEY": "test-only-production-key"}):
            module = importlib.import_module("samverka.settings.production")
    finally:
        for name in [n for n in sys.modules if n.startswith("samverka.settings.")]:
            del sys.modules[name]
        sys.modules.update(saved)
    prefixes = ("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_", "X_FRAME_OPTIONS", "CONTENT_SECURITY_POLICY")
    return {name: getattr(module, name) for name in dir(module) if name.startswith(prefixes)}


@pytest.fixture
def production(settings):
    for name, value in production_security_settings().items():
        setattr(settings, name, value)
    return settings


class InlineFinder(HTMLParser):
    """Collects what a strict CSP blocks: inline <script>/<style>, on* handlers, style="",
    javascript: URLs."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self._in_inline_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = dict(attrs)
        if tag == "script" and not names.get("src"):
            self._in_inline_script = True
            if names.get("type") not in ("application/json", "application/ld+json"):
                self.problems.append(f"<script> without src at line {self.getpos()[0]}")
        if tag == "style":
            self.problems.append(f"<style> block at line {self.getpos()[0]}")
        for name, value in attrs:
            if name == "style":
                self.problems.append(f'style="{value}" on <{tag}> at line {self.getpos()[0]}')
            if name.startswith("on"):
                self.problems.append(f"{name} handler on <{tag}> at line {self.getpos()[0]}")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"javascript: URL on <{tag}> at line {self.getpos()[0]}")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_inline_script = False


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.mark.django_db
def test_headers_and_csp_are_strict(client, production):
    response = client.get(reverse("public:registry"), secure=True)
    assert response.status_code == 200
    assert "max-age=31536000" in response["Strict-Transport-Security"]
    assert "includeSubDomains" in response["Strict-Transport-Security"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    csp = csp_directives(response["Content-Security-Policy"])
    scripts = csp.get("script-src", csp.get("default-src"))
    assert scripts, "the policy must restrict scripts"
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    assert "'unsafe-inline'" not in csp.get("style-src", csp["default-src"])
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    # Plain HTTP is sent to HTTPS.
    assert client.get(reverse("public:registry")).status_code == 301


@pytest.mark.django_db
def test_sign_in_sets_secure_cookies(client, production):
    user = get_user_model().objects.create_user("kontroll", password="secret-pass-123")
    assert user.pk
    response = client.post(
        reverse("login"), {"username": "kontroll", "password": "secret-pass-123"}, secure=True, follow=False
    )
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"]
    assert session["samesite"].lower() in ("lax", "strict")
    csrf = client.cookies["csrftoken"]
    assert csrf["secure"]


@pytest.mark.django_db
def test_main_pages_have_no_inline_scripts_or_styles(client, production):
    generate(scale=SMALL_SCALE, seed=1, log=lambda _m: None)
    data = Dataset(case_number=_grow_case(None, 2))
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["bench-user", "bench-admin"])}
    targets = [(page.name, page.url, who) for page in PAGES for who in page.as_users[:1]] + EXTRA_PAGES
    problems = {}
    for name, url, who in targets:
        client.logout()
        if who:
            client.force_login(users[who])
        response = client.get(url(data), secure=True)
        assert response.status_code == 200, f"{name}: {response.status_code}"
        assert "Content-Security-Policy" in response, name
        finder = InlineFinder()
        finder.feed(response.content.decode())
        if finder.problems:
            problems[name] = finder.problems
    assert not problems, problems
