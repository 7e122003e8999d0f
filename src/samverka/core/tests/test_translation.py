"""English as the second language: the language chooser and the catalogue."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

CATALOGUE = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES" / "django.po"


def _choose(client, language):
    response = client.post(reverse("set_language"), {"language": language, "next": reverse("public:registry")})
    assert response.status_code == 302
    assert response["Location"] == reverse("public:registry")
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == language


def _page(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response.content.decode()


def _assert_english(login, registry):
    assert 'lang="en"' in login
    for english, swedish in [
        ("Log in", "Logga in"),
        ("Username", "Användarnamn"),
        ("Password", "Lösenord"),
        ("Skip to main content", "Hoppa till huvudinnehållet"),
        ("Accessibility statement", "Tillgänglighetsredogörelse"),
        ("Change language", "Byt språk"),
    ]:
        assert english in login
        assert swedish not in login
    for english, swedish in [
        ("Public registry", "Offentligt diarium"),
        ("Information subject to secrecy is not shown.", "Uppgifter som omfattas av sekretess visas inte."),
        ("Search", "Sök"),
    ]:
        assert english in registry
        assert swedish not in registry


def _assert_swedish(login, registry):
    assert 'lang="sv"' in login
    assert "Användarnamn" in login
    assert "Username" not in login
    assert "Offentligt diarium" in registry
    assert "Public registry" not in registry


def test_swedish_is_the_default(client):
    _assert_swedish(_page(client, "login"), _page(client, "public:registry"))


def test_the_chosen_language_holds_for_the_login_page_and_the_public_registry(client, django_user_model):
    # Signed in, because /i18n/setlang/ is not yet open to visitors (see the next test).
    client.force_login(django_user_model.objects.create_user("tolk", password="x"))  # noqa: S106
    _choose(client, "en")
    registry = _page(client, "public:registry")
    client.post(reverse("logout"))  # the language is a cookie and outlives the session
    _assert_english(_page(client, "login"), registry)

    client.force_login(django_user_model.objects.get(username="tolk"))
    _choose(client, "sv")
    registry = _page(client, "public:registry")
    client.post(reverse("logout"))
    _assert_swedish(_page(client, "login"), registry)


def test_a_visitor_who_is_not_signed_in_can_choose_english(client):
    _choose(client, "en")
    _assert_english(_page(client, "login"), _page(client, "public:registry"))
    _choose(client, "sv")
    _assert_swedish(_page(client, "login"), _page(client, "public:registry"))


def test_a_visitor_with_the_language_cookie_gets_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    _assert_english(_page(client, "login"), _page(client, "public:registry"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "sv"
    _assert_swedish(_page(client, "login"), _page(client, "public:registry"))


def _entries(path):
    """The catalogue's entries as dicts: references, flags, msgid, msgid_plural and msgstr (a list)."""
    entries, entry, field = [], None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry and "msgid" in entry:
                entries.append(entry)
            entry, field = None, None
            continue
        if line.startswith("#~"):
            continue
        entry = entry or {"refs": [], "flags": [], "msgstr": []}
        if line.startswith("#:"):
            entry["refs"] += line[2:].split()
        elif line.startswith("#,"):
            entry["flags"] += [flag.strip() for flag in line[2:].split(",")]
        elif line.startswith("#"):
            continue
        elif match := re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (\".*\")$", line):
            field, value = match.group(1), ast.literal_eval(match.group(2))
            if field.startswith("msgstr"):
                entry["msgstr"].append(value)
            else:
                entry[field] = value
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            if field.startswith("msgstr"):
                entry["msgstr"][-1] += value
            else:
                entry[field] += value
    return entries


def _base_html_entries():
    entries = [
        e
        for e in _entries(CATALOGUE)
        if e["msgid"] and any(ref.startswith("templates/base.html:") for ref in e["refs"])
    ]
    assert entries, "no strings from templates/base.html in the catalogue: run makemessages"
    return entries


def test_every_string_of_the_base_template_is_translated():
    untranslated = [
        e["msgid"] for e in _base_html_entries() if "fuzzy" in e["flags"] or not all(e["msgstr"]) or not e["msgstr"]
    ]
    assert untranslated == []


def test_the_compiled_catalogue_has_the_base_template_strings():
    with translation.override("en"):
        for entry in _base_html_entries():
            if "msgid_plural" not in entry:
                assert translation.gettext(entry["msgid"]) == entry["msgstr"][0]
