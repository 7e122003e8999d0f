"""The REST API fuzzed from its own OpenAPI schema (schemathesis): for every operation, a few
generated requests as a signed-in administrator; no server error, and every response matches
the schema (status code documented, body and content type as described).

SCHEMA_FUZZ_EXAMPLES sets the examples per operation (default 5, enough for CI in well under
two minutes); raise it for a deeper run, e.g. `SCHEMA_FUZZ_EXAMPLES=100 pytest tests/test_schema_fuzz.py`.
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token

from samverka.organisation.models import Role
from samverka.organisation.tests.factories import user_with_role
from samverka.registry.tests.factories import CaseSeriesFactory, DocumentTypeFactory, open_case
from samverka.wsgi import application

EXAMPLES = int(os.environ.get("SCHEMA_FUZZ_EXAMPLES", "5"))
CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.response_schema_conformance,
]

@pytest.fixture
def api_token(db, keep_test_connection) -> str:
    """An administrator's token, and a little data for the generated requests to find."""
    user = user_with_role(Role.ADMINISTRATOR, username="fuzz-admin")
    series = CaseSeriesFactory()
    DocumentTypeFactory()
    open_case(series=series, actor=user, title="Införande av e-arkiv")
    return Token.objects.create(user=user).key


@pytest.fixture
def keep_test_connection():
    """The WSGI application closes "old" connections around each request, which on PostgreSQL closes
    the test's own transaction; Django's test client disconnects the same receivers."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# Loaded once at collection: generating the schema reads no data.
schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", application)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
@pytest.mark.django_db
def test_api_conforms_to_its_schema(case, api_token):
    case.call_and_validate(headers={"Authorization": f"Token {api_token}"}, checks=CHECKS)
