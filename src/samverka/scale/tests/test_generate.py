"""The generated data keeps the application working: numbers follow the series counters, and
the search entries are what the registry's own indexing writes."""

import pytest
from django.contrib.auth import get_user_model
from django.db.models import Max

from samverka.registry import search, services
from samverka.registry.models import Case, CaseSeries, Document, SearchEntry, SeriesCounter
from samverka.scale.generate import generate

pytestmark = pytest.mark.django_db


def test_counts_follow_the_scale_and_a_second_run_appends():
    # The registry's own 100 cases and 200 documents at this scale, plus those the other apps'
    # objects are registered in (consultations, meetings, audits, plans).
    counts = generate(scale=0.0001, seed=1, log=lambda _m: None)
    cases, documents = counts["registry_case"], counts["registry_document"]
    assert cases >= 100 and documents >= 200
    assert Case.objects.count() == cases and Document.objects.count() == documents
    assert SearchEntry.objects.count() == cases + documents
    again = generate(scale=0.0001, seed=1, log=lambda _m: None)  # the same seed again appends too
    assert again["registry_case"] >= 100
    assert Case.objects.count() == cases + again["registry_case"]
    assert SearchEntry.objects.count() == Case.objects.count() + Document.objects.count()


def test_counters_are_past_every_generated_number_and_case_open_goes_on():
    generate(scale=0.0002, seed=3, log=lambda _m: None)
    for row in Case.objects.values("series_id", "year").annotate(last=Max("sequence")):
        counter = SeriesCounter.objects.get(series_id=row["series_id"], year=row["year"])
        assert counter.last_number == row["last"]
    series = CaseSeries.objects.get(pk=Case.objects.order_by("-year", "-sequence").first().series_id)
    last = Case.objects.filter(series=series, year=Case.objects.aggregate(y=Max("year"))["y"]).aggregate(
        m=Max("sequence")
    )["m"]
    admin = get_user_model().objects.get(username="bench-admin")
    case = services.case_open(actor=admin, series=series, title="Nytt ärende efter genererade data")
    if case.year == Case.objects.exclude(pk=case.pk).aggregate(y=Max("year"))["y"] and last:
        assert case.sequence == (
            Case.objects.filter(series=series, year=case.year).exclude(pk=case.pk).aggregate(m=Max("sequence"))["m"] + 1
        )
    assert Case.objects.filter(number=case.number).count() == 1


def test_search_entries_are_what_the_registry_indexes():
    generate(scale=0.0003, seed=4, log=lambda _m: None)
    secret_case = Case.objects.filter(is_secret=True).first()
    documents = list(Document.objects.order_by("?")[:25]) + list(Document.objects.filter(is_secret=True)[:5])
    cases = list(Case.objects.order_by("?")[:10]) + ([secret_case] if secret_case else [])

    def entry(**lookup):
        return SearchEntry.objects.filter(**lookup).values("title", "public_text", "protected_text").get()

    for case in cases:
        generated = entry(case=case, document=None)
        search.index_case(case.pk)
        assert entry(case=case, document=None) == generated, case.number
    for document in documents:
        generated = entry(document=document)
        search.index_document(document.pk)
        assert entry(document=document) == generated, document.number
