import pytest
from django.db import connection


@pytest.mark.django_db
def test_postgresql_does_not_compile_the_queries_of_pages():
    if connection.vendor != "postgresql":
        pytest.skip("JIT is PostgreSQL's")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
