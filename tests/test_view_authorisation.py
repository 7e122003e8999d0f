"""Authorisation of every view and endpoint, and secrecy on the public pages.

1. Every URL pattern of the project (HTML pages and the REST API, found by walking the URL
   resolver) must have a row in `authorisation_matrix.RULES` saying who may reach it; a new view
   without a row fails `test_every_url_pattern_has_an_authorisation_rule`.
2. Each row is exercised on a real world (the demo municipality, plus a few objects the demo
   lacks): anonymous visitors are sent to sign in (401/403 from the API) unless the page is
   public; a signed-in person without any role is refused (403/404) unless the page is for
   everyone signed in; users who hold other roles are refused; the user named as allowed gets
   the page. A POST by someone refused is answered 403/404/405 (or 302 to sign-in), never 200,
   never a redirect to success. Nothing answers 500.
3. Secret cases, documents and files (distinctive words of our own, and the secrets of the
   generated bench data) never show on a public page, in public search or in the public API,
   and a secret file is never served there; the masked placeholders show instead.

The world is built once per module inside a transaction that is rolled back at the end, so the
rest of the suite never sees it.
"""

from __future__ import annotations

import importlib
import io
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, TestCase, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from tests.authorisation_matrix import ADMIN_PREFIX, PUBLIC, RULES, SIGNED_IN, Rule

NO_ROLE = "utan-roll"
SECRET_WORDS = {
    # Case title and description of a secret case.
    "case_title": "Zebrafinkhemlighet",
    "case_description": "Kvastfeningsuppgift",
    # The file of a document in the secret case (its name and its text).
    "case_file_name": "morkullabilaga.pdf",
    "case_file_text": "Morkullatext",
    # A secret document in a public case: its protected description, file name and file text.
    "document_protected": "Lappugglauppgift",
    "document_file_name": "lavskrikebilaga.pdf",
    "document_file_text": "Lavskriketext",
    # The protected description of a public document in a public case (never public).
    "public_document_protected": "Tallbitsuppgift",
}
PUBLIC_WORDS = {
    "case_public_title": "Offentlig rubrik Stenknäck",
    "public_file_text": "Sidensvanstext",
}


# -- walking the URL patterns ---------------------------------------------------------------------


def _walk(patterns, prefix: str = "", namespace: str | None = None) -> Iterator[tuple[str, str]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace
            inner = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            route = prefix + str(pattern.pattern)
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield (name or route), route


def project_patterns() -> dict[str, list[str]]:
    """Every URL pattern outside Django's admin: key (URL name, or the route when unnamed) -> routes."""
    found: dict[str, list[str]] = {}
    for key, route in _walk(get_resolver().url_patterns):
        if route.startswith(ADMIN_PREFIX):
            continue
        found.setdefault(key, []).append(route)
    return found


def test_every_url_pattern_has_an_authorisation_rule():
    found = project_patterns()
    missing = sorted(f"{key}  ({', '.join(routes)})" for key, routes in found.items() if key not in RULES)
    assert not missing, (
        "URL patterns without an authorisation rule: add each to RULES in tests/authorisation_matrix.py "
        "(PUBLIC, SIGNED_IN or the policy that guards it):\n  " + "\n  ".join(missing)
    )
    stale = sorted(set(RULES) - set(found))
    assert not stale, f"rules for URL patterns that no longer exist: {stale}"
    shared = {key: routes for key, routes in found.items() if len(routes) > 1}
    assert not shared, f"several patterns share a name; give each its own: {shared}"


def test_every_guard_names_a_real_policy():
    for key, rule in RULES.items():
        if rule.guard in (PUBLIC, SIGNED_IN):
            continue
        for part in rule.guard.split(" + "):
            app, predicate = part.split(".")
            module = importlib.import_module(f"samverka.{app}.policies")
            assert callable(getattr(module, predicate, None)), f"{key}: no policy {part}"
        assert rule.allowed, f"{key}: name a user who passes {rule.guard}"


# -- the world ------------------------------------------------------------------------------------


class World(dict):
    """Named objects of the test world: URL arguments and the secret test data."""


def _load_demo() -> None:
    out = io.StringIO()
    for config in apps.get_app_configs():
        path = getattr(config, "demo_loader", None)
        if path:
            with TestCase.captureOnCommitCallbacks(execute=True), transaction.atomic():
                import_string(path)(out)


def _pdf(text: str, name: str) -> SimpleUploadedFile:
    from samverka.registry.tests.factories import pdf_bytes

    return SimpleUploadedFile(name, pdf_bytes(text), content_type="application/pdf")


def _build_world() -> World:
    from samverka.audits.models import Action, Audit, AuditReport
    from samverka.audits.views import TRANSITIONS as ACTION_STEPS
    from samverka.consultations.models import Comment, Consultation, Recipient
    from samverka.followup.models import FollowUpRound, InitiativeStatus, RoundCommittee
    from samverka.meetings import services as meeting_services
    from samverka.meetings.models import AgendaItem, Attendance, Dissent, Meeting, Notice
    from samverka.meetings.views import STEP_SERVICES as MEETING_STEPS
    from samverka.needs import services as need_services
    from samverka.needs.models import Category, Need, NeedAttachment
    from samverka.organisation.models import (
        Administration,
        Body,
        ExternalParty,
        Person,
        PoliticalAssignment,
        RoleAssignment,
    )
    from samverka.plans import services as plan_services
    from samverka.plans.models import AnnualCycle, CycleStep, DevelopmentPlan
    from samverka.principles.models import Principle, PrincipleProgramme
    from samverka.registry import services as registry
    from samverka.registry.models import CaseSeries, DocumentType

    users = {u.username: u for u in get_user_model().objects.all()}
    registrar, admin = users["registrator"], users["admin"]
    no_role = get_user_model().objects.create_user(NO_ROLE, password="utan-roll-123")
    Person.objects.create(first_name="Ulla", last_name="Utanroll", email="ulla.utanroll@kommun.example", user=no_role)

    stk = CaseSeries.objects.get(prefix="STK")
    doctype = DocumentType.objects.order_by("pk").first()
    today = timezone.localdate()
    world = World()

    # The registry: an open case with a public document and file, and a closed case.
    case = registry.case_open(actor=registrar, series=stk, title="Behörighetsprov: ärende för vytesterna")
    public_doc = registry.document_register(
        actor=registrar,
        case=case,
        direction="incoming",
        document_type=doctype,
        document_date=today,
        subject="Inkommen skrivelse om behörigheter",
        counterpart="Miljönämnden",
        protected_subject=SECRET_WORDS["public_document_protected"],
        files=[_pdf(PUBLIC_WORDS["public_file_text"], "offentlig-skrivelse.pdf")],
    )
    secret_doc = registry.document_register(
        actor=registrar,
        case=case,
        direction="incoming",
        document_type=doctype,
        document_date=today,
        subject="Skrivelse med sekretess",
        counterpart="Kulturnämnden",
        protected_subject=SECRET_WORDS["document_protected"],
        is_secret=True,
        secrecy_reference="OSL 21 kap. 7 §",
        files=[_pdf(SECRET_WORDS["document_file_text"], SECRET_WORDS["document_file_name"])],
    )
    secret_case = registry.case_open(
        actor=registrar,
        series=stk,
        title=f"Utredning {SECRET_WORDS['case_title']}",
        description=f"Bakgrund: {SECRET_WORDS['case_description']}",
        public_title=PUBLIC_WORDS["case_public_title"],
        is_secret=True,
        secrecy_reference="OSL 18 kap. 8 §",
    )
    in_secret_case = registry.document_register(
        actor=registrar,
        case=secret_case,
        direction="created",
        document_type=doctype,
        document_date=today,
        subject="Tjänsteanteckning",
        files=[_pdf(SECRET_WORDS["case_file_text"], SECRET_WORDS["case_file_name"])],
    )
    closed = registry.case_open(actor=registrar, series=stk, title="Behörighetsprov: avslutat ärende")
    registry.case_close(actor=registrar, case=closed, reason="Klart")
    world.update(
        case=case.number,
        document=public_doc.sequence,
        file=public_doc.files.get().pk,
        closed_case=closed.number,
        secret_case=secret_case.number,
        secret_document=secret_doc.sequence,
        secret_file=secret_doc.files.get().pk,
        secret_case_file=in_secret_case.files.get().pk,
    )

    # Meetings: the planned one, a posted one with a dissent and an extract, a notice.
    planned = Meeting.objects.filter(status=Meeting.Status.PLANNED).order_by("pk").first()
    posted = Meeting.objects.filter(status=Meeting.Status.APPEAL_OVER).exclude(minutes_pdf="").order_by("-pk").first()
    posted_item = AgendaItem.objects.filter(meeting=posted, case__status="open").order_by("pk").first()
    attendance = Attendance.objects.filter(meeting=posted).order_by("pk").first()
    dissent = Dissent.objects.create(item=posted_item, attendance=attendance, announced_at=posted.starts_at)
    extract = meeting_services.extract_create(actor=admin, item=posted_item)
    world.update(
        planned_meeting=planned.pk,
        planned_item=planned.items.order_by("pk").first().pk,
        meeting_step=next(iter(MEETING_STEPS)),
        api_meeting_step="call",
        item_action="andra",
        posted_meeting=posted.pk,
        posted_attendance=posted.attendances.order_by("pk").first().pk,
        dissent=dissent.pk,
        extract=extract.pk,
        extract_kind="docx",
        meeting_body=planned.body.short_name,
        notice=Notice.objects.filter(kind=Notice.Kind.MINUTES).order_by("pk").first().pk,
    )

    # Consultations: the demo's consultation; Miljönämnden (the digital lead's) as recipient.
    consultation = Consultation.objects.order_by("pk").first()
    recipient = Recipient.objects.get(consultation=consultation, body__short_name="MN")
    answered = Recipient.objects.filter(consultation=consultation, response__isnull=False).order_by("pk").first()
    world.update(
        consultation=consultation.pk,
        consultation_case=consultation.case.number,
        recipient=recipient.pk,
        answered_recipient=answered.pk,
        comment=Comment.objects.filter(response__recipient__consultation=consultation).order_by("pk").first().pk,
    )

    # Audits.
    audit = Audit.objects.order_by("pk").first()
    actions = Action.objects.filter(finding__audit=audit).order_by("pk")
    world.update(
        audit=audit.pk,
        finding=audit.findings.order_by("pk").first().pk,
        audit_report=AuditReport.objects.filter(audit=audit).order_by("pk").first().pk,
        # An open action when the demo has one; the demo's audit has every action done.
        audit_action=(actions.exclude(status="done").first() or actions.first()).pk,
        action_step=next(iter(ACTION_STEPS)),
    )

    # Principles.
    world.update(
        programme=PrincipleProgramme.objects.order_by("pk").first().pk,
        principle=Principle.objects.order_by("pk").first().pk,
    )

    # Needs: a submitted one of the demo, and a draft with an attachment of the digital lead's.
    submitted = Need.objects.filter(status=Need.Status.SUBMITTED, plan_year__isnull=False).order_by("pk").first()
    lead = users["digitalisering"]
    draft = need_services.need_create(
        actor=lead,
        administration=Administration.objects.get(short_name="MF"),
        title="Behörighetsprov: utkast till behov",
        description="Ett behov som bara förvaltningen ser.",
        category=Category.E_SERVICE,
        attachments=[_pdf("Bilaga till behovet", "bilaga.pdf")],
    )
    world.update(
        submitted_need=submitted.pk,
        need_year=submitted.plan_year,
        draft_need=draft.pk,
        attachment=NeedAttachment.objects.get(need=draft).pk,
    )

    # Plans: the decided plan, and a draft revision of it (with the same initiatives).
    plan = DevelopmentPlan.objects.exclude(status=DevelopmentPlan.Status.DRAFT).order_by("pk").first()
    revision = plan_services.plan_revise(actor=users["itstyrning"], plan=plan, reason="Behörighetsprov")
    cycle = AnnualCycle.objects.order_by("-year").first()
    world.update(
        plan=plan.pk,
        draft_plan=revision.pk,
        plan_step=next(iter(plan_services.STEP_SERVICES)),
        initiative=plan.initiatives.order_by("pk").first().pk,
        draft_initiative=revision.initiatives.order_by("pk").first().pk,
        cycle_year=cycle.year,
        cycle_step=CycleStep.objects.filter(cycle=cycle).order_by("pk").first().pk,
    )

    # Follow-up.
    round_ = FollowUpRound.objects.order_by("-year").first()
    world.update(
        round_year=round_.year,
        round_committee=RoundCommittee.objects.filter(round=round_).order_by("pk").first().pk,
        initiative_status=InitiativeStatus.objects.filter(round=round_).order_by("pk").first().pk,
    )

    # The organisation in the API.
    world.update(
        body=Body.objects.order_by("pk").first().pk,
        administration=Administration.objects.order_by("pk").first().pk,
        external_party=ExternalParty.objects.order_by("pk").first().pk,
        person=Person.objects.order_by("pk").first().pk,
        political_assignment=PoliticalAssignment.objects.order_by("pk").first().pk,
        role_assignment=RoleAssignment.objects.order_by("pk").first().pk,
    )
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory) -> Iterator[World]:
    """The demo municipality and our own objects, once for the module, rolled back at its end."""
    media = override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media")))
    media.enable()
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
    try:
        with django_db_blocker.unblock():
            _load_demo()
            with TestCase.captureOnCommitCallbacks(execute=True):
                data = _build_world()
            with TestCase.captureOnCommitCallbacks(execute=True):
                from samverka.scale.generate import generate

                generate(scale=0.0001, seed=7, log=lambda _message: None)
        yield data
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
        media.disable()


@pytest.fixture
def _media_root():
    """Overrides the suite's per-test media folder: the world's files live for the whole module."""


# -- requests -------------------------------------------------------------------------------------

LOGIN_URL = "/logga-in/"
REFUSED = (403, 404)


def _url(key: str, rule: Rule, world: World) -> str:
    kwargs = {arg: world.get(value, value) for arg, value in rule.kwargs.items()}
    return reverse(key, kwargs=kwargs) + rule.query


def _client(who: str | None) -> Client:
    client = Client()
    if who:
        client.force_login(get_user_model().objects.get(username=who))
    return client


def _is_api(url: str) -> bool:
    return url.startswith("/api/")


def _label(response) -> str:
    location = response.headers.get("Location", "")
    return f"{response.status_code}{' -> ' + location if location else ''}"


def _assert_sent_to_sign_in(url: str, response, method: str) -> None:
    if _is_api(url):
        assert response.status_code in (401, 403), f"anonymous {method} {url}: {_label(response)}"
    else:
        assert response.status_code == 302, f"anonymous {method} {url}: {_label(response)}"
        assert urlsplit(response["Location"]).path == LOGIN_URL, f"anonymous {method} {url}: {_label(response)}"


def _assert_refused(url: str, response, method: str, who: str, *, invalid_ok: bool = False) -> None:
    allowed = {*REFUSED, 405} if method == "POST" else set(REFUSED)
    if invalid_ok and method == "POST":
        # A role holder's empty POST may fail validation before the service checks its policy.
        allowed.add(400)
    assert response.status_code in allowed, f"{who} {method} {url}: {_label(response)}"


def _get_status(rule: Rule) -> tuple[int, ...]:
    return (405,) if rule.post_only else rule.ok


# -- the matrix -----------------------------------------------------------------------------------


def _cases() -> list:
    cases = []
    for key, rule in RULES.items():
        visitors = ["anonymous", "no-role"]
        if rule.allowed:
            visitors.append(rule.allowed)
        visitors += [f"denied:{user}" for user in rule.denied]
        visitors += [f"post-denied:{user}" for user in rule.post_denied]
        for who in visitors:
            reason = rule.holes.get(who)
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            cases.append(pytest.param(key, who, marks=marks, id=f"{key}-{who}"))
    return cases


@pytest.mark.django_db
@pytest.mark.parametrize(("key", "who"), _cases())
def test_access(world, key, who):
    rule = RULES[key]
    url = _url(key, rule, world)
    if who == "anonymous":
        client = _client(None)
        response = client.get(url)
        if rule.guard == PUBLIC:
            assert response.status_code in _get_status(rule), f"anonymous GET {url}: {_label(response)}"
            return
        _assert_sent_to_sign_in(url, response, "GET")
        _assert_sent_to_sign_in(url, client.post(url), "POST")
        return

    if who == "no-role":
        client = _client(NO_ROLE)
        response = client.get(url)
        if rule.guard in (PUBLIC, SIGNED_IN):
            expected = _get_status(rule) if rule.guard == SIGNED_IN else (*_get_status(rule), 302)
            assert response.status_code in expected, f"{who} GET {url}: {_label(response)}"
            return
        if not rule.post_only:
            _assert_refused(url, response, "GET", who)
        _assert_refused(url, client.post(url), "POST", who)
        return

    kind, _, user = who.rpartition(":")
    client = _client(user)
    if kind == "denied":
        if not rule.post_only:
            _assert_refused(url, client.get(url), "GET", user)
        _assert_refused(url, client.post(url), "POST", user, invalid_ok=True)
    elif kind == "post-denied":
        assert client.get(url).status_code in _get_status(rule), f"{user} GET {url}"
        _assert_refused(url, client.post(url), "POST", user, invalid_ok=True)
    else:
        response = client.get(url)
        assert response.status_code in _get_status(rule), f"{user} (allowed) GET {url}: {_label(response)}"


# -- Django's administration ----------------------------------------------------------------------

ADMIN_URLS = (
    "/admin/",
    "/admin/registry/caseseries/",
    "/admin/organisation/person/",
    "/admin/organisation/roleassignment/add/",
    "/admin/auth/user/",
)
ADMIN_LOGINS = ("/admin/login/", LOGIN_URL)


@pytest.mark.django_db
@pytest.mark.parametrize("who", [None, NO_ROLE, "lasare", "registrator", "itstyrning"])
def test_admin_refuses_all_but_administrators(world, who):
    """The admin is guarded by organisation.can_manage_organisation (see core.admin_site): anonymous
    visitors and every other role are sent to a sign-in page, on GET and on POST."""
    client = _client(who)
    for url in ADMIN_URLS:
        for method in ("get", "post"):
            response = getattr(client, method)(url, {"title": "x"} if method == "post" else None)
            label = f"{who} {method.upper()} {url}: {_label(response)}"
            assert response.status_code in (302, 403), label
            if response.status_code == 302:
                assert urlsplit(response["Location"]).path in ADMIN_LOGINS, label


@pytest.mark.django_db
def test_admin_lets_an_administrator_in(world):
    client = _client("admin")
    for url in ADMIN_URLS:
        assert client.get(url).status_code == 200, url


# -- secrecy on the public pages ------------------------------------------------------------------


def _text(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def _assert_no_secret(url: str, response, secrets: dict[str, str]) -> None:
    assert response.status_code != 500, f"{url}: 500"
    text = _text(response)
    leaked = {name: word for name, word in secrets.items() if word.lower() in text.lower()}
    assert not leaked, f"{url} shows secret text: {leaked}"


def _public_urls(world: World) -> list[str]:
    """Every public page of the matrix, and the public registry's pages of the test cases."""
    urls = [_url(key, rule, world) for key, rule in RULES.items() if rule.guard == PUBLIC]
    return urls + [
        reverse("public:registry"),
        reverse("public:registry") + "?page=2",
        reverse("public:case_detail", args=[world["case"]]),
        reverse("public:case_detail", args=[world["secret_case"]]),
        reverse("meetings:notice_board") + "?visa=arkiv",
        reverse("api-public-search"),
        reverse("api-public-case", args=[world["case"]]),
        reverse("api-public-case", args=[world["secret_case"]]),
        reverse("api-notice-board"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("who", [None, NO_ROLE])
def test_no_public_page_shows_a_secret(world, who):
    client = _client(who)
    for url in _public_urls(world):
        response = client.get(url, follow=not _is_api(url))
        _assert_no_secret(url, response, SECRET_WORDS)


@pytest.mark.django_db
@pytest.mark.parametrize("who", [None, NO_ROLE])
def test_public_registry_search_for_a_secret_word_shows_nothing_secret(world, who):
    """Searching the public registry for a secret word finds neither case (the form shows the
    words searched for, so only the other secrets are looked for in the page)."""
    client = _client(who)
    for name, word in SECRET_WORDS.items():
        query = word.removesuffix(".pdf")
        for url in (reverse("public:registry"), reverse("api-public-search")):
            response = client.get(url, {"q": query}, follow=True)
            others = {other: text for other, text in SECRET_WORDS.items() if other != name}
            _assert_no_secret(f"{url}?q={query}", response, others)
            text = _text(response)
            for number in (world["case"], world["secret_case"]):
                assert number not in text, f"the public search for the secret {name} finds {number}"


@pytest.mark.django_db
def test_public_search_for_a_secret_word_finds_nothing(world):
    client = _client(None)
    for name, word in SECRET_WORDS.items():
        data = client.get(reverse("api-public-search"), {"q": word.removesuffix(".pdf")}).json()
        assert data["count"] == 0, f"public search finds the secret {name}: {data['results']}"


@pytest.mark.django_db
def test_the_public_sees_the_masked_placeholders(world):
    client = _client(None)
    page = _text(client.get(reverse("public:case_detail", args=[world["secret_case"]])))
    assert PUBLIC_WORDS["case_public_title"] in page
    assert "Delar av ärendet omfattas av sekretess" in page
    assert "Lämnas inte ut här" in page
    page = _text(client.get(reverse("public:case_detail", args=[world["case"]])))
    assert "Skrivelse med sekretess" in page and "Sekretess" in page
    assert "Lämnas inte ut här" in page
    assert reverse("public:file_download", args=[world["file"]]) in page
    assert reverse("public:file_download", args=[world["secret_file"]]) not in page

    data = client.get(reverse("api-public-case", args=[world["secret_case"]])).json()
    assert data["title"] == PUBLIC_WORDS["case_public_title"] and data["is_secret"]
    assert all(document["files"] == [] for document in data["documents"])
    data = client.get(reverse("api-public-case", args=[world["case"]])).json()
    by_sequence = {document["sequence"]: document for document in data["documents"]}
    assert by_sequence[world["secret_document"]]["is_secret"] and by_sequence[world["secret_document"]]["files"] == []
    assert len(by_sequence[world["document"]]["files"]) == 1


@pytest.mark.django_db
@pytest.mark.parametrize("who", [None, NO_ROLE])
def test_secret_files_are_never_served_publicly(world, who):
    client = _client(who)
    for name in ("secret_file", "secret_case_file"):
        for url in (
            reverse("public:file_download", args=[world[name]]),
            reverse("api-public-file-download", args=[world[name]]),
        ):
            response = client.get(url)
            assert response.status_code == 404, f"{url}: {_label(response)}"
            _assert_no_secret(url, response, SECRET_WORDS)
    public = client.get(reverse("public:file_download", args=[world["file"]]))
    assert public.status_code == 200 and _text(public).startswith("%PDF")


@pytest.mark.django_db
def test_secrets_of_the_generated_data_stay_off_the_public_pages(world):
    """The bench generator (and the demo) mark cases and documents secret: none of their secret
    text shows on the public case page or in the public API, and none of their files is served."""
    from samverka.registry.models import Case, Document, DocumentFile

    public_text = set()
    for title, public_title, is_secret in Case.objects.values_list("title", "public_title", "is_secret"):
        public_text.add(public_title if is_secret else title)
    public_text |= set(Document.objects.values_list("subject", flat=True))

    def distinctive(text: str) -> bool:
        return len(text) >= 12 and not any(text in shown for shown in public_text)

    client = _client(None)
    secret_cases = list(Case.objects.filter(is_secret=True))
    secret_documents = list(Document.objects.filter(is_secret=True, case__is_secret=False).select_related("case"))
    assert len(secret_cases) >= 3 and len(secret_documents) >= 3, "the generated data should hold secrets"
    checked = 0
    for case in secret_cases:
        secrets = {f"{case.number} title": case.title, f"{case.number} description": case.description[:80]}
        for document in case.documents.all():
            secrets[f"{document.number} protected subject"] = document.protected_subject
        secrets = {name: text for name, text in secrets.items() if distinctive(text)}
        checked += len(secrets)
        for url in (reverse("public:case_detail", args=[case.number]), reverse("api-public-case", args=[case.number])):
            _assert_no_secret(url, client.get(url), secrets)
    for document in secret_documents:
        secrets = {f"{document.number} protected subject": document.protected_subject}
        secrets = {name: text for name, text in secrets.items() if distinctive(text)}
        checked += len(secrets)
        url = reverse("public:case_detail", args=[document.case.number])
        _assert_no_secret(url, client.get(url), secrets)
    assert checked >= 5, "too few distinctive secrets to check"
    secret_files = DocumentFile.objects.filter(document__is_secret=True) | DocumentFile.objects.filter(
        document__case__is_secret=True
    )
    assert secret_files.exists()
    for stored in secret_files:
        for url in (
            reverse("public:file_download", args=[stored.pk]),
            reverse("api-public-file-download", args=[stored.pk]),
        ):
            assert client.get(url).status_code == 404, f"{url} serves the secret file {stored.filename}"


def test_secret_words_are_distinct():
    words = [*SECRET_WORDS.values(), *PUBLIC_WORDS.values()]
    assert len({w.lower() for w in words}) == len(words)
    assert all(re.fullmatch(r"[\w .-]+", w) for w in words)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["lasare", "digitalisering", "revisor"])
def test_staff_without_secrecy_rights_see_the_masks_too(world, who):
    """Inside Samverka, staff who may read the registry but not the secrets of STK
    (registry.can_view_case_secrets) get the same masks as the public."""
    client = _client(who)
    case, secret_case, sequence = world["case"], world["secret_case"], world["secret_document"]
    urls = [
        reverse("registry:case_list"),
        reverse("registry:case_detail", args=[case]),
        reverse("registry:case_detail", args=[secret_case]),
        reverse("registry:document_detail", args=[case, sequence]),
        reverse("registry:document_detail", args=[secret_case, 1]),
        reverse("api-registry-cases"),
        reverse("api-registry-case", args=[case]),
        reverse("api-registry-case", args=[secret_case]),
        reverse("api-registry-documents", args=[case]),
        reverse("api-registry-documents", args=[secret_case]),
        reverse("api-registry-document", args=[case, sequence]),
    ]
    # The protected description of a document that is not itself secret: see the test below.
    secrets = {name: word for name, word in SECRET_WORDS.items() if name != "public_document_protected"}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, f"{who} GET {url}: {_label(response)}"
        _assert_no_secret(url, response, secrets)
    for name, word in SECRET_WORDS.items():
        query = word.removesuffix(".pdf")
        for url in (reverse("registry:search"), reverse("api-registry-search")):
            response = client.get(url, {"q": query})
            others = {other: text for other, text in SECRET_WORDS.items() if other != name}
            _assert_no_secret(f"{url}?q={query}", response, others)
            assert secret_case not in _text(response), f"{who}'s search for the secret {name} finds {secret_case}"
    for name in ("secret_file", "secret_case_file"):
        for url in (
            reverse("registry:file_download", args=[world[name]]),
            reverse("api-registry-file-download", args=[world[name]]),
        ):
            response = client.get(url)
            assert response.status_code in REFUSED, f"{who} GET {url}: {_label(response)}"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["lasare", "digitalisering"])
@pytest.mark.parametrize(
    "view",
    [
        pytest.param("registry:case_detail", id="page-case"),
        pytest.param("registry:document_detail", id="page-document"),
        pytest.param("api-registry-documents", id="api-documents"),
        pytest.param("api-registry-document", id="api-document"),
    ],
)
def test_protected_description_stays_with_those_who_read_secrets(world, view, who):
    """A document's protected description ("visas inte för allmänheten") is indexed as protected text
    and shown on the pages only to readers of the case's secrets, also when the document is not secret."""
    word = SECRET_WORDS["public_document_protected"]
    kwargs = {"number": world["case"]}
    if view.endswith("document") or view.endswith("document_detail"):
        kwargs["sequence"] = world["document"]
    url = reverse(view, kwargs=kwargs)
    assert word in _text(_client("registrator").get(url)), "the registrar should see the protected description"
    response = _client(who).get(url)
    assert response.status_code == 200
    _assert_no_secret(url, response, {"public_document_protected": word})
