"""No query per row anywhere: every main page and every API list endpoint runs the same number
of SQL queries on a small data set and on one ten times larger, and at most QUERY_BUDGET.

The data comes from `generate_data` (the generator of `make bench`), plus one case that grows
with the data (documents with files, references) so that detail pages are measured on more
rows too. To cover a new page, add a row to PAGES (the foundation's) or name it in the app's
`bench_endpoints()` (next to its `scale_generator`), which `make bench` measures too; API list
endpoints are found in the OpenAPI schema (GET paths without parameters), and parametrised ones go in API_EXTRA.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator

from samverka.registry import search as registry_search
from samverka.registry import services
from samverka.registry.models import Case, CaseSeries, DocumentType
from samverka.registry.tests.factories import pdf_upload
from samverka.scale.bench import app_endpoints
from samverka.scale.generate import generate

QUERY_BUDGET = 15
SMALL_SCALE = 0.0001  # 100 cases, 200 documents
GROWN_CASE_DOCUMENTS = (3, 30)  # documents in the growing case, small and large


@dataclass
class Dataset:
    case_number: str


@dataclass(frozen=True)
class Page:
    name: str
    url: Callable[[Dataset], str]
    as_users: tuple[str, ...] = ("bench-user", "bench-admin")  # "" signs nobody in


def _url(name: str, query: str = "") -> Callable[[Dataset], str]:
    return lambda data: reverse(name) + query


PUBLIC = ("",)

PAGES = [
    Page("dashboard", _url("core:dashboard")),
    Page("case list", _url("registry:case_list")),
    Page("case list, filtered", _url("registry:case_list", "?q=digital&status=open&sort=title")),
    Page("case detail", lambda d: reverse("registry:case_detail", args=[d.case_number])),
    Page("document detail", lambda d: reverse("registry:document_detail", args=[d.case_number, 1])),
    Page("search", _url("registry:search", "?q=digitalisering")),
    Page("export form", _url("registry:export"), as_users=("bench-admin",)),
    Page("public registry", _url("public:registry"), as_users=PUBLIC),
    Page("public search", _url("public:registry", "?q=informationssäkerhet"), as_users=PUBLIC),
    Page("public case", lambda d: reverse("public:case_detail", args=[d.case_number]), as_users=PUBLIC),
]

# API list endpoints with path parameters: (path template, filled from the data set).
API_EXTRA: list[tuple[str, Callable[[Dataset], str]]] = []
# Query strings for list endpoints that require parameters.
API_QUERIES = {"/api/v1/search/": "?q=digitalisering"}


def api_list_paths() -> list[str]:
    """GET endpoints of the OpenAPI schema without path parameters: the list endpoints (with
    the query string of API_QUERIES where the schema requires parameters)."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    paths = []
    for path, operations in schema["paths"].items():
        if "get" not in operations or "{" in path or path.rstrip("/").endswith(("schema", "docs", "redoc")):
            continue
        required = [p["name"] for p in operations["get"].get("parameters", []) if p.get("required")]
        assert not required or path in API_QUERIES, f"add a query string for {path} ({required}) to API_QUERIES"
        paths.append(path + API_QUERIES.get(path, ""))
    return sorted(paths)


def _grow_case(number: str | None, documents: int) -> str:
    """A case that holds `documents` documents with files and a few references."""
    admin = get_user_model().objects.get(username="bench-admin")
    if number is None:
        case = services.case_open(
            actor=admin, series=CaseSeries.objects.order_by("pk").first(), title="Införande av e-arkiv"
        )
    else:
        case = Case.objects.get(number=number)
    doctype = DocumentType.objects.order_by("pk").first()
    have = case.documents.count()
    for n in range(have, documents):
        services.document_register(
            actor=admin,
            case=case,
            direction="incoming",
            document_type=doctype,
            document_date=timezone.localdate(),
            subject=f"Yttrande {n} över e-arkiv",
            counterpart="Miljönämnden",
            files=[pdf_upload(f"Yttrande {n}")],
        )
    others = Case.objects.exclude(pk=case.pk).order_by("pk")[: documents // 3]
    for other in others:
        if not case.relations_out.filter(to_case=other).exists():
            services.case_relate(actor=admin, case=case, other=other, note="Samma fråga")
    return case.number


def app_pages() -> list[Page]:
    """The pages each app measures in `make bench` (its `bench_endpoints()`), one URL each, read
    from the small data set and measured again on the large one."""
    pages = []
    for endpoint in app_endpoints():
        if endpoint.paths and not endpoint.paths[0].startswith("/api/"):
            path = endpoint.paths[0]
            pages.append(Page(endpoint.name, lambda _data, path=path: path, as_users=endpoint.users))
    return pages


def _measure(client, data: Dataset, api_paths: list[str], pages: list[Page]) -> dict[str, int]:
    counts: dict[str, int] = {}
    users = {u.username: u for u in get_user_model().objects.filter(username__in=["bench-user", "bench-admin"])}
    targets: list[tuple[str, str, str]] = []
    for page in PAGES + pages:
        for who in page.as_users:
            targets.append((f"{page.name} ({who or 'public'})", page.url(data), who))
    for path in api_paths:
        for who in ("bench-user", "bench-admin"):
            targets.append((f"API {path} ({who})", path, who))
    for path, fill in API_EXTRA:
        for who in ("bench-user", "bench-admin"):
            targets.append((f"API {path} ({who})", fill(data), who))
    for label, url, who in targets:
        # The search reads PostgreSQL's word statistics once per process and ten minutes: every
        # measurement starts without them, so both sizes count that query alike.
        registry_search._lexeme_stats_cache.clear()
        client.logout()
        if who:
            client.force_login(users[who])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, HTTP_ACCEPT="text/html,application/json")
        assert response.status_code == 200, f"{label}: {url} answered {response.status_code}"
        counts[label] = len(queries)
    return counts


@pytest.mark.django_db
def test_query_counts_do_not_grow_with_the_data(client):
    generate(scale=SMALL_SCALE, seed=1, log=lambda _m: None)
    number = _grow_case(None, GROWN_CASE_DOCUMENTS[0])
    data = Dataset(case_number=number)
    api_paths = api_list_paths()
    pages = app_pages()
    small = _measure(client, data, api_paths, pages)

    # Nine times as much again: ten times the data, and the growing case ten times larger.
    generate(scale=SMALL_SCALE * 9, seed=2, log=lambda _m: None)
    _grow_case(number, GROWN_CASE_DOCUMENTS[1])
    assert Case.objects.count() >= 10 * 100
    large = _measure(client, data, api_paths, pages)

    grown = {label: (small[label], large[label]) for label in small if small[label] != large[label]}
    over = {
        label: count
        for label, count in large.items()
        if count > QUERY_BUDGET
    }
    assert not grown, f"queries grow with the data (small, large): {grown}"
    assert not over, f"more than {QUERY_BUDGET} queries: {over}"
