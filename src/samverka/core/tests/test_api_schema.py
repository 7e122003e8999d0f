"""The OpenAPI 3 schema of /api/v1/ is generated without warnings or errors, and the docs answer."""

import pytest
import yaml
from django.core.management import call_command
from django.urls import include
from django.urls import path as route
from drf_spectacular.drainage import GENERATOR_STATS
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

# The registry and organisation API on their own, so that a warning is traced to its app.
urlpatterns = [
    route("api/v1/", include("samverka.organisation.api_urls")),
    route("api/v1/", include("samverka.registry.api_urls")),
]


def generate(target, urlconf: str | None = None) -> dict:
    """`manage.py spectacular --validate --fail-on-warn`, with the warnings of earlier runs forgotten."""
    GENERATOR_STATS.reset()
    call_command("spectacular", validate=True, fail_on_warn=True, file=str(target), urlconf=urlconf)
    return yaml.safe_load(target.read_text())


def test_the_registry_and_organisation_schema_validates_without_warnings(tmp_path):
    schema = generate(tmp_path / "schema.yml", urlconf=__name__)
    assert "/api/v1/cases/" in schema["paths"]
    assert "/api/v1/bodies/" in schema["paths"]


def test_the_schema_validates_without_warnings(tmp_path):
    schema = generate(tmp_path / "schema.yml")
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    for path in [
        "/api/v1/cases/",
        "/api/v1/cases/{number}/",
        "/api/v1/cases/{number}/close/",
        "/api/v1/cases/{number}/reopen/",
        "/api/v1/cases/{number}/relate/",
        "/api/v1/cases/{number}/documents/",
        "/api/v1/cases/{number}/documents/{sequence}/",
        "/api/v1/cases/{number}/documents/{sequence}/correct/",
        "/api/v1/cases/{number}/documents/{sequence}/files/",
        "/api/v1/files/{file_id}/download/",
        "/api/v1/search/",
        "/api/v1/series/",
        "/api/v1/document-types/",
        "/api/v1/public/search/",
        "/api/v1/public/cases/{number}/",
        "/api/v1/public/files/{file_id}/download/",
        "/api/v1/bodies/",
        "/api/v1/administrations/",
        "/api/v1/external-parties/",
        "/api/v1/persons/",
        "/api/v1/political-assignments/",
        "/api/v1/role-assignments/",
    ]:
        assert path in paths, path
    assert set(paths["/api/v1/cases/{number}/"]) == {"get", "patch"}
    register = paths["/api/v1/cases/{number}/documents/"]["post"]["requestBody"]["content"]
    files = register["multipart/form-data"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert schema["components"]["schemas"][files]["properties"]["files"]["items"]["format"] == "binary"
    assert "200" in paths["/api/v1/cases/"]["get"]["responses"]
    assert {p["name"] for p in paths["/api/v1/cases/"]["get"]["parameters"]} >= {
        "q",
        "series",
        "status",
        "opened_from",
        "opened_to",
        "mine",
        "ordering",
        "page",
    }
    # Staff endpoints take a session or a token; the public ones need no authentication.
    security = {name for requirement in paths["/api/v1/cases/"]["get"]["security"] for name in requirement}
    assert security == {"cookieAuth", "tokenAuth"}
    for path in ["/api/v1/public/search/", "/api/v1/public/cases/{number}/"]:
        assert paths[path]["get"].get("security", []) in ([], [{}]), path


def test_schema_and_docs_are_served():
    client = APIClient()
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    assert b"Samverka API" in response.content
    assert client.get("/api/v1/docs/").status_code == 200
