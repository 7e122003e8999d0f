"""Numbers are gap-free and unique under concurrency: many threads, each with its own database
connection, register at the same time. SQLite serialises every writer, so this runs on PostgreSQL
(as CI does); the row lock on the series counter is what it proves."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from samverka.organisation.selectors import roles_for_user
from samverka.registry.models import Case, Document, SeriesCounter
from samverka.registry.tests.factories import CaseSeriesFactory, open_case, register_document, registrar_for

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's row locks"),
]

THREADS = 10


def run_in_threads(work, count: int = THREADS) -> list[BaseException]:
    """Run `work(index)` in `count` threads that start together; each closes its own connection."""
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []
    lock = threading.Lock()

    def target(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            work(index)
        except BaseException as error:  # reported to the test below
            with lock:
                errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a thread did not finish"
    return errors


def test_fifty_concurrent_cases_get_exactly_one_to_fifty():
    series = CaseSeriesFactory()
    actor = registrar_for(series)
    roles_for_user(actor)  # computed once, before the threads share the user
    assert series.owner_body_id  # loads the series' administration before the threads share it
    per_thread = 5
    failed_attempts = []

    def work(index: int) -> None:
        for n in range(per_thread):
            open_case(series=series, actor=actor, title=f"Ärende {index}-{n}")
            if n % 2 == 0:
                # A failing registration in between must not use up a number.
                try:
                    open_case(series=series, actor=actor, title="Fel", is_secret=True)
                except ValidationError:
                    failed_attempts.append(index)

    errors = run_in_threads(work)
    assert errors == []
    year = timezone.localdate().year
    numbers = list(Case.objects.filter(series=series, year=year).values_list("sequence", flat=True))
    assert len(numbers) == THREADS * per_thread == 50
    assert sorted(numbers) == list(range(1, 51))
    assert len(set(Case.objects.values_list("number", flat=True))) == 50
    assert len(failed_attempts) == THREADS * 3
    assert SeriesCounter.objects.get(series=series, year=year).last_number == 50


def test_concurrent_documents_in_one_case_get_one_number_each():
    series = CaseSeriesFactory()
    actor = registrar_for(series)
    roles_for_user(actor)
    case = open_case(series=series, actor=actor)
    per_thread = 3

    def work(index: int) -> None:
        for n in range(per_thread):
            register_document(case=case, actor=actor, subject=f"Handling {index}-{n}")

    assert run_in_threads(work) == []
    sequences = sorted(Document.objects.filter(case=case).values_list("sequence", flat=True))
    assert sequences == list(range(1, THREADS * per_thread + 1))
