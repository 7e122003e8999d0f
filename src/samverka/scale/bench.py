"""What `make bench` measures: the endpoints of the foundation, and of every app whose
`scale_generator` module defines `bench_endpoints() -> list[Endpoint]`.

Endpoints are read from the bench database (sample case numbers for detail pages), and a list
page names the querysets that fetch its rows, so the benchmark can time the same SQL through
psycopg and report the ratio page/SQL.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import quote

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.module_loading import import_string

from samverka.core.extensions import app_attributes

# Who a measurement signs in as: the case officer (whose view of secrets is filtered), the
# administrator, or nobody (public pages).
STAFF = ("bench-user", "bench-admin")
ADMIN = ("bench-admin",)
PUBLIC = ("",)

SEARCH_TERMS = [
    "digitalisering",
    "informationssäkerhet",
    "e-arkiv",
    "upphandling av lönesystem",
    "Treserva",
    "Rosengård",
    "skolplattform",
    "dataskyddsförordningen",
    "molntjänster",
    "Hyllie",
    "välfärdsteknik trygghetslarm",
    "riskanalys",
    "barnets bästa",
    "avtal Adda",
    "Platina",
    "öppna data",
    "bredband",
    "kontinuitetsplanering",
    "Sitevision",
    "geodata kartplattform",
]


@dataclass
class Endpoint:
    name: str
    paths: list[str]
    users: tuple[str, ...] = STAFF
    # For list pages: (user) -> the querysets that fetch the shown rows (the page, its count).
    rows: Callable[[object], list[QuerySet]] | None = None
    # "case_list", "search" or "" (which target of the issue applies)
    target: str = ""
    tags: list[str] = field(default_factory=list)


def sample_ids(qs: QuerySet, n: int = 100, *, seed: int = 13) -> list[int]:
    """Up to `n` ids spread over the table (random, but the same every run)."""
    top = qs.order_by("-id").values_list("id", flat=True).first() or 0
    rng = random.Random(seed)  # noqa: S311 (sampling, not security)
    wanted = {rng.randint(1, top) for _ in range(n * 3)} if top else set()
    found = list(qs.filter(id__in=wanted).order_by("id").values_list("id", flat=True)[:n])
    return found or list(qs.order_by("-id").values_list("id", flat=True)[:n])


def _sample_cases(n: int, *, public: bool = False) -> list[str]:
    from samverka.registry.models import Case

    qs = Case.objects.all()
    if public:
        qs = qs.filter(is_secret=False)
    top = qs.order_by("-id").values_list("id", flat=True).first() or 0
    rng = random.Random(7)  # noqa: S311 (sampling, not security)
    ids = [rng.randint(1, top) for _ in range(n * 3)]
    return list(qs.filter(id__in=ids).values_list("number", flat=True)[:n])


def foundation_endpoints() -> list[Endpoint]:
    from samverka.registry import public_selectors, selectors
    from samverka.registry.models import Document

    cases = _sample_cases(100)
    public_cases = _sample_cases(100, public=True)
    documents = list(Document.objects.filter(case__number__in=cases).values_list("case__number", "sequence")[:100])
    users = {u.username: u for u in get_user_model().objects.filter(username__in=STAFF)}

    def case_rows(user) -> list[QuerySet]:
        qs = selectors.case_list(user=users.get(user) or user)
        return [qs[:25], qs.order_by()]

    def public_rows(_user) -> list[QuerySet]:
        qs = public_selectors.public_documents({})
        return [qs[:20], qs.order_by()]

    search = [reverse("registry:search") + "?q=" + quote(term) for term in SEARCH_TERMS]
    public_search = [reverse("public:registry") + "?q=" + quote(term) for term in SEARCH_TERMS]
    return [
        Endpoint("Mitt arbete", [reverse("core:dashboard")]),
        Endpoint("Ärendelista", [reverse("registry:case_list")], rows=case_rows, target="case_list"),
        Endpoint("Ärende", [reverse("registry:case_detail", args=[n]) for n in cases]),
        Endpoint("Handling", [reverse("registry:document_detail", args=[n, s]) for n, s in documents]),
        Endpoint("Sök", search, target="search"),
        Endpoint("Diarieexport (formulär)", [reverse("registry:export")], users=ADMIN),
        Endpoint("Offentligt diarium", [reverse("public:registry")], users=PUBLIC, rows=public_rows),
        Endpoint("Offentlig sökning", public_search, users=PUBLIC, target="search"),
        Endpoint("Offentligt ärende", [reverse("public:case_detail", args=[n]) for n in public_cases], users=PUBLIC),
        Endpoint("API ärenden", ["/api/v1/cases/"], rows=case_rows_api(users), target="case_list"),
    ]


def case_rows_api(users: dict) -> Callable[[object], list[QuerySet]]:
    from samverka.registry import selectors

    def rows(user) -> list[QuerySet]:
        qs = selectors.case_list(user=users.get(user) or user)
        return [qs[:50], qs.order_by()]

    return rows


def api_list_endpoints(known: set[str]) -> list[Endpoint]:
    """Every other GET list endpoint of the API (no path parameters), from the schema."""
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    endpoints = []
    for path, operations in sorted(schema["paths"].items()):
        if "get" not in operations or "{" in path or path.rstrip("/").endswith(("schema", "docs", "redoc")):
            continue
        if path in known:
            continue
        required = [p["name"] for p in operations["get"].get("parameters", []) if p.get("required")]
        if required == ["q"]:
            endpoints.append(Endpoint(f"API {path}", [f"{path}?q={quote(t)}" for t in SEARCH_TERMS], target="search"))
        elif not required:
            endpoints.append(Endpoint(f"API {path}", [path]))
    return endpoints


def app_endpoints() -> list[Endpoint]:
    """The endpoints every app's `bench_endpoints()` names (read from the data in the database)."""
    endpoints: list[Endpoint] = []
    for path in app_attributes("scale_generator"):
        if _has_bench(path):
            endpoints.extend(import_string(path.rsplit(".", 1)[0] + ".bench_endpoints")())
    return endpoints


def all_endpoints() -> list[Endpoint]:
    endpoints = foundation_endpoints() + app_endpoints()
    known = {p.split("?")[0] for e in endpoints for p in e.paths}
    return endpoints + api_list_endpoints(known)


def _has_bench(generator_path: str) -> bool:
    try:
        import_string(generator_path.rsplit(".", 1)[0] + ".bench_endpoints")
    except ImportError:
        return False
    return True
