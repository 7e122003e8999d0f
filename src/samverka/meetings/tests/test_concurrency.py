"""Paragraph numbers stay gap-free and unique when many meetings are numbered at once (PostgreSQL)."""

import threading

import pytest
from django.db import connection, connections

from samverka.meetings import services
from samverka.organisation.tests.factories import BodyFactory

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def test_fifty_concurrent_allocations_are_gap_free():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL")
    body = BodyFactory(short_name="KSAU-T", name="Arbetsutskott (test)")
    results: list[list[int]] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(50)

    def allocate(count: int) -> None:
        try:
            barrier.wait()
            from django.db import transaction

            with transaction.atomic():
                results.append(services._allocate_paragraph_numbers(body, 2023, count))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=allocate, args=(1 + n % 3,)) for n in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    numbers = sorted(n for chunk in results for n in chunk)
    assert numbers == list(range(1, len(numbers) + 1))
    assert all(chunk == list(range(chunk[0], chunk[0] + len(chunk))) for chunk in results)
