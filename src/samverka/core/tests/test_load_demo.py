"""`manage.py load_demo`: the demo municipality, loaded twice, is the same demo municipality."""

from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from samverka.organisation.demo import DEMO_PASSWORD, DEMO_USERS
from samverka.organisation.models import Body, Person, PoliticalAssignment, Role, RoleAssignment
from samverka.registry import search
from samverka.registry.models import Case, CaseRelation, Document, DocumentFile

pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLE_CASES = ["STK-2019-284", "SR-2020-85", "STK-2020-1678", "MN-2020-9317", "KN-2020-4392", "STK-2023-1044"]
# Real people named in the example documents: the demo must never use their names.
REAL_PEOPLE = [
    ("Katrin", "Stjernfeldt Jammeh"),
    ("Roko", "Kursar"),
    ("Andreas", "Norbrant"),
    ("Tomas", "Barring"),
    ("Anna-Lena", "Alnerud"),
    ("Sofie", "Holmkvist"),
    ("Mia", "Ideström"),
    ("Rebecka", "Persson"),
    ("Martin", "Andersson"),
]


def _load() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def _counts() -> dict[str, int]:
    """Rows in every table of the project (sessions and sign-ins are not written by the demo)."""
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()}


def test_load_demo_twice_gives_the_same_municipality():
    assert "Demokommunen är inläst" in _load()
    first = _counts()
    _load()
    assert _counts() == first
    assert Case.objects.filter(number__in=EXAMPLE_CASES).count() == len(EXAMPLE_CASES)
    assert Body.objects.filter(short_name__in=["KF", "KS", "KSAU", "SN", "MN", "KN", "RK", "SAMV"]).count() == 8
    assert Body.objects.get(short_name="KSAU").parent.short_name == "KS"


def test_the_demo_is_written_through_the_services_with_history():
    _load()
    stk = Case.objects.get(number="STK-2019-284")
    assert stk.history.exists()
    assert stk.documents.count() >= 5
    assert Document.objects.filter(case=stk, document_date__year=2020).exists()
    assert stk.opened_on.year == 2019
    # Every body has a chair, and the chair is a member.
    for body in Body.objects.exclude(kind=Body.Kind.FORUM):
        chair = PoliticalAssignment.objects.get(body=body, position="chair")
        assert chair.kind == PoliticalAssignment.Kind.MEMBER
    assert PoliticalAssignment.objects.filter(kind="substitute").exists()
    assert Person.objects.get(user__username="admin").history.exists()


def test_the_cases_refer_to_each_other_and_one_is_closed_with_a_reason():
    _load()
    related = {
        (r.from_case.number, r.to_case.number) for r in CaseRelation.objects.select_related("from_case", "to_case")
    }
    assert ("STK-2020-1678", "SR-2020-85") in related
    assert ("MN-2020-9317", "STK-2019-284") in related
    closed = Case.objects.get(number="MN-2020-9317")
    assert closed.status == Case.Status.CLOSED
    assert closed.closing_reason


def test_full_text_search_finds_the_example_text_but_not_secrets():
    _load()
    assert DocumentFile.objects.filter(text_extracted=True).count() == DocumentFile.objects.count() > 0
    hits = search.search_public("cirkulär ekonomi")[0:10]
    assert any(hit.case.number == "MN-2020-9317" for hit in hits)
    assert search.search_public("delredovisning").count() >= 1
    # The secret document and the secret case are in the registry but masked for the public.
    secret_document = Document.objects.get(is_secret=True, case__number="STK-2023-1044")
    assert secret_document.secrecy_reference == "OSL 18 kap. 8 §"
    assert secret_document.protected_subject and secret_document.files.exists()
    secret_case = Case.objects.get(is_secret=True)
    assert secret_case.public_title and secret_case.public_title != secret_case.title
    assert search.search_public("fjärråtkomst").count() == 0
    assert search.search_public("funktionskonto").count() == 0


def test_no_real_person_from_the_examples_is_in_the_demo():
    _load()
    for first, last in REAL_PEOPLE:
        assert not Person.objects.filter(first_name=first, last_name=last).exists()


def test_every_demo_login_works_with_the_demo_password(client):
    _load()
    for username, *_rest in DEMO_USERS:
        # Through the sign-in page (django-axes needs the request that client.login() lacks).
        response = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
        assert int(client.session["_auth_user_id"]) == get_user_model().objects.get(username=username).pk
        client.logout()
    out = StringIO()
    call_command("demo_logins", stdout=out)
    for username, *_rest in DEMO_USERS:
        assert username in out.getvalue()


def test_the_demo_users_hold_their_roles_and_the_administrator_opens_the_admin(client):
    _load()
    for username, _first, _last, _title, role, scope in DEMO_USERS:
        assignment = RoleAssignment.objects.get(person__user__username=username, role=role)
        if assignment.body:
            scope_name = assignment.body.short_name
        elif assignment.administration:
            scope_name = assignment.administration.short_name
        else:
            scope_name = ""
        assert scope_name == scope
    response = client.post(reverse("login"), {"username": "admin", "password": DEMO_PASSWORD})
    assert response.status_code == 302
    assert client.get(reverse("admin:index")).status_code == 200
    client.logout()
    client.post(reverse("login"), {"username": "registrator", "password": DEMO_PASSWORD})
    assert client.get(reverse("admin:index")).status_code == 302
    assert get_user_model().objects.get(username="admin").person.roles.filter(role=Role.ADMINISTRATOR).exists()


def test_the_demo_consultation_rests_on_its_paragraph_of_minutes():
    from samverka.consultations.models import Consultation

    _load()
    consultation = Consultation.objects.get(case__number="STK-2019-284")
    paragraph = consultation.sending_paragraph
    assert (paragraph.meeting.body.short_name, paragraph.paragraph_number) == ("KSAU", 567)
    assert consultation.sending_decision == "KSAU 2020-10-05 § 567"
