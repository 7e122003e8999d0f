"""Full-text search on SQLite FTS5 and PostgreSQL ('swedish'): titles, subjects and file text,
inflections, ranking, highlighted and escaped snippets, pagination, and never a public match on
protected text."""

import datetime as dt
import re

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.urls import reverse

from samverka.organisation.models import Role
from samverka.organisation.tests.factories import user_with_role
from samverka.registry import search as search_module
from samverka.registry import services
from samverka.registry.models import Document, SearchEntry
from samverka.registry.search import START, STOP, _snippet_html, search_internal, search_public
from samverka.registry.tests.factories import (
    DocumentTypeFactory,
    docx_bytes,
    open_case,
    pdf_bytes,
    register_document,
    series_for,
    upload,
)

# Indexing and text extraction run after commit, as in production.
pytestmark = pytest.mark.django_db(transaction=True)


def hits(results, n: int = 50):
    return list(results[0:n])


def public_count(query: str) -> int:
    return search_public(query).count()


def internal_count(user, query: str) -> int:
    return search_internal(user, query).count()


FILES = {
    "pdf": lambda text: upload("bilaga.pdf", pdf_bytes(text)),
    "docx": lambda text: upload("bilaga.docx", docx_bytes("Inledning", text)),
    "txt": lambda text: upload("bilaga.txt", text.encode()),
}


@pytest.mark.parametrize("kind", list(FILES))
def test_finds_words_in_the_text_of_uploaded_files(series, registrar, kind):
    case = open_case(series=series, actor=registrar)
    document = register_document(
        case=case, actor=registrar, files=[FILES[kind]("Plan for bredbandsutbyggnad i Rosengard")]
    )
    found = hits(search_public("bredbandsutbyggnad"))
    assert [(h.case_id, h.document_id) for h in found] == [(case.pk, document.pk)]
    assert found[0].document == document and found[0].case == case
    assert internal_count(registrar, "Rosengard") == 1


def test_finds_words_in_case_titles_and_document_subjects(series, registrar):
    case = open_case(series=series, actor=registrar, title="Upphandling av växelplattform")
    document = register_document(case=case, actor=registrar, subject="Yttrande om molntjänster")
    by_title = hits(search_public("växelplattform"))
    assert [(h.case_id, h.document_id) for h in by_title] == [(case.pk, None)]
    by_subject = hits(search_public("molntjänster"))
    assert [(h.case_id, h.document_id) for h in by_subject] == [(case.pk, document.pk)]
    assert internal_count(registrar, "växelplattform") == 1


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("Plan för digitalisering", "digitaliseringen"),
        ("Digitaliseringen av skolan", "digitalisering"),
        ("Kommunens e-tjänster", "e-tjänsterna"),
        ("Riktlinjer för informationssäkerhet", "informationssäkerheten"),
    ],
)
def test_swedish_inflections_are_found(series, registrar, text, query):
    case = open_case(series=series, actor=registrar, title=text)
    open_case(series=series, actor=registrar, title="Ett helt annat ärende om parkering")
    assert [h.case_id for h in hits(search_public(query))] == [case.pk]


def test_results_are_ranked(series, registrar):
    filler = " ".join(["Texten handlar om mycket annat i kommunen"] * 40)
    weak = open_case(series=series, actor=registrar, title="Ärende om vägar")
    register_document(
        case=weak,
        actor=registrar,
        subject="Bilaga",
        files=[upload("a.txt", f"{filler} kvartersmark {filler}".encode())],
    )
    strong = open_case(series=series, actor=registrar, title="Kvartersmark vid hamnen")
    register_document(case=strong, actor=registrar, subject="Kvartersmark och kvartersmark")
    found = hits(search_public("kvartersmark"))
    assert len(found) == 3
    assert found[-1].case_id == weak.pk and found[-1].document_id is not None
    assert {h.case_id for h in found[:2]} == {strong.pk}


def test_snippets_are_highlighted(series, registrar):
    case = open_case(series=series, actor=registrar)
    register_document(
        case=case,
        actor=registrar,
        files=[upload("a.txt", "Beslut om ny ärendehanteringsplattform för nämnden".encode())],
    )
    found = hits(search_public("ärendehanteringsplattform"))
    assert len(found) == 1
    snippet = str(found[0].snippet).lower()
    assert "<mark>ärendehanteringsplattform</mark>" in snippet


def test_snippets_and_titles_are_html_escaped(client, series, registrar):
    open_case(series=series, actor=registrar, title="<script>alert('x')</script> Skolskjutsar <b>fet</b> & < 5 %")
    found = hits(search_public("skolskjutsar"))
    assert len(found) == 1
    snippet = str(found[0].snippet)
    assert "<mark>" in snippet
    # The only markup in a snippet is the highlighting.
    assert "<" not in re.sub(r"</?mark>", "", snippet) and ">" not in re.sub(r"</?mark>", "", snippet)
    for url in (reverse("public:registry"), reverse("registry:search")):
        client.force_login(registrar)
        content = client.get(url, {"q": "skolskjutsar"}).content.decode()
        assert "<script>alert(" not in content and "<b>fet</b>" not in content
        assert "&lt;script&gt;alert(" in content


def test_snippet_markup_is_escaped_before_highlighting():
    raw = f'<script>alert(1)</script> & {START}Skolskjutsar{STOP} "citat"'
    assert str(_snippet_html(raw)) == (
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; <mark>Skolskjutsar</mark> &quot;citat&quot;"
    )
    assert str(_snippet_html(None)) == ""


# -- Protected text -----------------------------------------------------------------------------


@pytest.fixture
def people(series, other_administration):
    return {
        "registrar here": user_with_role(Role.REGISTRAR, administration=series.administration),
        "case officer here": user_with_role(Role.CASE_OFFICER, administration=series.administration),
        # Responsible for the cases below, but with no role in their series.
        "responsible officer": user_with_role(Role.READER, administration=other_administration),
        "reader here": user_with_role(Role.READER, administration=series.administration),
        "registrar elsewhere": user_with_role(Role.REGISTRAR, administration=other_administration),
        "auditor": user_with_role(Role.AUDITOR),
    }


MAY_READ = {"registrar here", "case officer here", "responsible officer"}


def assert_only_those_with_the_right_find(people, query: str) -> None:
    assert public_count(query) == 0, "the public search matched protected text"
    found = {label: internal_count(user, query) for label, user in people.items()}
    assert found == {label: int(label in MAY_READ) for label in people}


def test_a_secret_documents_file_text_is_never_matched_publicly(series, registrar, people):
    case = open_case(series=series, actor=registrar, responsible_officer=people["responsible officer"].person)
    register_document(
        case=case,
        actor=registrar,
        subject="Anmälan",
        is_secret=True,
        secrecy_reference="OSL 26 kap. 1 §",
        files=[upload("anmalan.docx", docx_bytes("Eleven Sixten Larsson har skadats"))],
    )
    assert public_count("Anmälan") == 1  # the public description is searchable
    assert_only_those_with_the_right_find(people, "Sixten")


def test_a_protected_subject_is_never_matched_publicly(series, registrar, people):
    case = open_case(series=series, actor=registrar, responsible_officer=people["responsible officer"].person)
    register_document(
        case=case,
        actor=registrar,
        subject="Skrivelse",
        protected_subject="Skrivelse från Karlsson om hot",
        is_secret=True,
        secrecy_reference="OSL 21 kap. 3 §",
    )
    assert_only_those_with_the_right_find(people, "Karlsson")


def test_a_protected_subject_stays_protected_without_the_secrecy_flag(series, registrar, people):
    """The protected description is never shown to the public, so it is never searched publicly."""
    case = open_case(series=series, actor=registrar, responsible_officer=people["responsible officer"].person)
    register_document(case=case, actor=registrar, subject="Skrivelse", protected_subject="Skrivelse från Pettersson")
    assert_only_those_with_the_right_find(people, "Pettersson")


def test_a_secret_case_is_found_publicly_only_by_its_public_title(series, registrar, people):
    case = open_case(
        series=series,
        actor=registrar,
        title="Hot mot Sjöbergsskolan",
        description="Polisanmälan om Sjöbergsskolan",
        is_secret=True,
        secrecy_reference="OSL 18 kap. 13 §",
        public_title="Säkerhetsärende skola",
        responsible_officer=people["responsible officer"].person,
    )
    register_document(case=case, actor=registrar, files=[upload("a.txt", b"Vittnet Gunnarsson")])
    assert_only_those_with_the_right_find(people, "Sjöbergsskolan")
    assert_only_those_with_the_right_find(people, "Gunnarsson")
    found = hits(search_public("Säkerhetsärende"))
    assert [h.case_id for h in found] == [case.pk] and found[0].masked
    assert "Sjöbergsskolan" not in str(found[0].snippet)
    stranger = hits(search_internal(people["registrar elsewhere"], "Säkerhetsärende"))
    assert stranger[0].masked and "Sjöbergsskolan" not in str(stranger[0].snippet)
    insider = hits(search_internal(people["registrar here"], "Sjöbergsskolan"))
    assert not insider[0].masked


def test_making_a_case_secret_protects_the_text_of_its_documents(series, registrar, people):
    case = open_case(series=series, actor=registrar, responsible_officer=people["responsible officer"].person)
    register_document(case=case, actor=registrar, files=[upload("a.txt", b"Uppgifter om Lindqvist")])
    assert public_count("Lindqvist") == 1
    services.case_update(
        actor=registrar,
        case=case,
        reason="Sekretessprövning",
        is_secret=True,
        secrecy_reference="OSL 26 kap. 1 §",
        public_title="Ärende inom socialtjänsten",
    )
    assert_only_those_with_the_right_find(people, "Lindqvist")


def test_correcting_a_document_to_secret_protects_its_text(series, registrar, people):
    case = open_case(series=series, actor=registrar, responsible_officer=people["responsible officer"].person)
    document = register_document(case=case, actor=registrar, files=[upload("a.txt", "Intyg för Bergström".encode())])
    assert public_count("Bergström") == 1
    services.document_correct(
        actor=registrar, document=document, reason="Sekretess", is_secret=True, secrecy_reference="OSL 25 kap. 1 §"
    )
    assert_only_those_with_the_right_find(people, "Bergström")


def test_a_new_version_is_searched_instead_of_the_old(series, registrar):
    case = open_case(series=series, actor=registrar)
    document = register_document(case=case, actor=registrar, files=[upload("a.txt", "Utkast om fjärrvärme".encode())])
    services.document_add_version(actor=registrar, document=document, upload=upload("a.txt", b"Slutlig om solceller"))
    assert public_count("solceller") == 1
    assert public_count("fjärrvärme") == 0


# -- Pagination, filters, odd input -------------------------------------------------------------


def test_results_are_paginated(client, series, registrar):
    for n in range(25):
        open_case(series=series, actor=registrar, title=f"Gatubelysning etapp {n}")
    results = search_public("gatubelysning")
    assert results.count() == len(results) == 25
    paginator = Paginator(results, 20)
    first, second = paginator.page(1), paginator.page(2)
    assert (len(first.object_list), len(second.object_list), paginator.num_pages) == (20, 5, 2)
    assert not {h.entry_id for h in first.object_list} & {h.entry_id for h in second.object_list}
    for page, expected in (("2", 2), ("abc", 1), ("999999", 2), ("-1", 2)):
        response = client.get(reverse("public:registry"), {"q": "gatubelysning", "page": page})
        assert response.status_code == 200
        assert response.context["page_obj"].number == expected
        assert f"Sida {expected} av 2" in response.content.decode()


def test_search_filters(series, registrar, other_administration):
    memo = DocumentTypeFactory(code="tjansteskrivelse", name="Tjänsteskrivelse")
    other = series_for("MN", other_administration)
    here = open_case(series=series, actor=registrar, title="Cykelbanor", opened_on=dt.date(2024, 1, 10))
    register_document(
        case=here,
        actor=registrar,
        subject="Cykelbanor remissvar",
        document_type=memo,
        document_date=dt.date(2024, 2, 1),
        registered_on=dt.date(2024, 2, 1),
    )
    there = open_case(series=other, title="Cykelbanor vid sjön", opened_on=dt.date(2024, 3, 10))

    def found(**filters):
        return {(h.case_id, h.document_id is not None) for h in hits(search_public("cykelbanor", filters))}

    assert found() == {(here.pk, False), (here.pk, True), (there.pk, False)}
    assert found(kind="case") == {(here.pk, False), (there.pk, False)}
    assert found(kind="document") == {(here.pk, True)}
    assert found(body=other_administration.body_id) == {(there.pk, False)}
    assert found(body=series.administration.body_id) == {(here.pk, False), (here.pk, True)}
    assert found(document_type=memo.pk) == {(here.pk, True)}
    assert found(date_from=dt.date(2024, 1, 15), date_to=dt.date(2024, 2, 28)) == {(here.pk, True)}
    assert found(date_from=dt.date(2024, 3, 1)) == {(there.pk, False)}


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "*",
        "AND OR NOT",
        "(",
        'Gatu" OR "x',
        "gatu*",
        "-gatu",
        "title:gatu",
        "NEAR(a b)",
        "'; DROP TABLE x; --",
        "ö" * 300,
    ],
)
def test_odd_queries_never_fail(series, registrar, client, query):
    open_case(series=series, actor=registrar, title="Gatubelysning")
    results = search_public(query)
    assert results.count() == len(hits(results))
    assert client.get(reverse("public:registry"), {"q": query[:200]}).status_code == 200


def test_a_query_without_words_finds_nothing(series, registrar):
    open_case(series=series, actor=registrar, title="Gatubelysning")
    assert public_count("  !!! ... ") == 0
    assert hits(search_public("  !!! ")) == []


def test_the_index_has_one_entry_per_case_and_document(series, registrar):
    case = open_case(series=series, actor=registrar)
    document = register_document(case=case, actor=registrar)
    services.document_correct(actor=registrar, document=document, reason="Fel", subject="Nytt")
    services.case_update(actor=registrar, case=case, title="Ny titel")
    assert SearchEntry.objects.filter(case=case, document=None).count() == 1
    assert SearchEntry.objects.filter(document=document).count() == 1
    assert Document.objects.count() == 1


# -- The plans that find the newest hits ---------------------------------------------------------

# (bitmap, first window): one window over everything, or windows of two ids, then 2, 8, 32 and the rest.
PLANS = {
    "planner": None,
    "walk": (False, 10**9),
    "bitmap": (True, 10**9),
    "windows": (True, 2),
    "walk first": (False, 2),
}


@pytest.fixture(params=list(PLANS))
def plan(request, monkeypatch):
    """Each way PostgreSQL may gather the newest hits (window by window by the GIN indexes or
    walking the newest rows, or as the planner likes); SQLite has one way and runs each case the same."""

    def search_plan(_query):
        if PLANS[request.param] is None:
            return None
        bitmap, window = PLANS[request.param]
        newest = SearchEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
        return search_module.SearchPlan(bitmap=bitmap, first_window=window, newest_id=newest)

    monkeypatch.setattr(search_module, "search_plan", search_plan)
    monkeypatch.setattr(search_module, "WINDOW_GROWTH", (1, 4, 16))
    return request.param


def found_by(user, query: str) -> int:
    """Hits as the search page gets them: the capped count and the ranked page agree."""
    results = search_public(query) if user is None else search_internal(user, query)
    found = len(hits(results))
    assert results.capped_count(search_module.HIT_CAP + 1) == found
    return found


def assert_every_plan_keeps_it_to_those_with_the_right(people, query: str) -> None:
    assert found_by(None, query) == 0, "the public search matched protected text"
    found = {label: found_by(user, query) for label, user in people.items()}
    assert found == {label: int(label in MAY_READ) for label in people}


def test_every_plan_keeps_protected_text_to_those_with_the_right(series, registrar, people, plan):
    case = open_case(series=series, actor=registrar, responsible_officer=people["responsible officer"].person)
    register_document(
        case=case,
        actor=registrar,
        subject="Anmälan",
        is_secret=True,
        secrecy_reference="OSL 26 kap. 1 §",
        files=[upload("anmalan.txt", b"Eleven Sixten Larsson har skadats")],
    )
    assert found_by(None, "Anmälan") == 1
    assert {found_by(user, "Anmälan") for user in people.values()} == {1}
    assert_every_plan_keeps_it_to_those_with_the_right(people, "Sixten")


def test_public_and_protected_words_meet_only_for_those_with_the_right(series, registrar, people, plan):
    """A query whose words are split between the public subject and the protected description
    matches as one, but only where the protected text may be read."""
    case = open_case(series=series, actor=registrar, responsible_officer=people["responsible officer"].person)
    register_document(case=case, actor=registrar, subject="Skrivelse", protected_subject="Skrivelse från Pettersson")
    assert {found_by(user, "Skrivelse") for user in [None, *people.values()]} == {1}
    assert_every_plan_keeps_it_to_those_with_the_right(people, "Skrivelse Pettersson")


def test_every_plan_finds_the_same_newest_hits(series, registrar, plan):
    for n in range(25):
        open_case(series=series, actor=registrar, title=f"Gatubelysning etapp {n}")
    results = search_public("gatubelysning")
    assert results.capped_count(search_module.HIT_CAP + 1) == 25
    assert len({h.entry_id for h in hits(results)}) == 25
    assert hits(search_public("gatubelysning", {"kind": "document"})) == []


def test_every_plan_ranks_only_the_newest_hits(series, registrar, plan, monkeypatch):
    monkeypatch.setattr(search_module, "HIT_CAP", 5)
    for n in range(30):
        open_case(series=series, actor=registrar, title=f"Gatubelysning etapp {n}" if n % 3 else f"Parkering {n}")
    matching = SearchEntry.objects.filter(title__startswith="Gatubelysning").order_by("-id")
    newest = list(matching.values_list("id", flat=True)[:5])
    results = search_public("gatubelysning")
    assert results.capped_count(6) == 6
    if connection.vendor == "postgresql":  # SQLite ranks every match
        assert {h.entry_id for h in hits(results)} == set(newest)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own statistics")
def test_the_estimate_follows_the_shape_of_the_query(db, monkeypatch):
    shares = {"hylli": 0.01, "e-arkiv": 0.06, "e": 0.4, "arkiv": 0.06, "barnet": 0.16, "bäst": 0.16}
    stats = search_module.LexemeStats(shares, 0.001, 100_000, newest_id=100_000)
    monkeypatch.setattr(search_module, "_lexeme_stats", lambda: stats)
    estimate = search_module.estimated_matches
    assert estimate("Hyllie") == pytest.approx(1_000)
    assert estimate("e-arkiv") == pytest.approx(6_000)  # a phrase: its rarest lexeme
    assert estimate("barnets bästa") == pytest.approx(16_000 * 0.16**0.5)
    assert estimate("Hyllie or Rosengård") == pytest.approx(1_100)  # unlisted: the lowest listed share
    assert estimate("-Hyllie") == 100_000
    # Hyllie: 1 % of the entries, so 200 000 ids to hold twice the hits needed: more than the
    # registry, fetched by the GIN bitmap; a NOT matches nearly everything: a short walk.
    assert search_module.search_plan("Hyllie") == search_module.SearchPlan(True, 200_200, 100_000)
    assert search_module.search_plan("-Hyllie") == search_module.SearchPlan(False, 2_002, 100_000)
