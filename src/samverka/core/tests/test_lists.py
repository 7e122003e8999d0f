import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from samverka.core.lists import lists_in_one_query
from samverka.organisation.models import Administration, Body
from samverka.organisation.tests.factories import AdministrationFactory, BodyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def administrations():
    board = BodyFactory(name="Kommunstyrelsen", short_name="KS")
    committee = BodyFactory(name="Miljönämnden", short_name="MN")
    made = [AdministrationFactory(body=board if n % 2 else committee, name=f"Förvaltning {n:02}") for n in range(12)]
    return board, committee, made


def test_each_list_keeps_its_own_rows_order_and_slice(administrations):
    board, _committee, _made = administrations
    everything = Administration.objects.select_related("body")
    with CaptureQueriesContext(connection) as queries:
        lists = lists_in_one_query(
            newest=everything.order_by("-name")[:3],
            of_board=everything.filter(body=board).order_by("name")[:4],
            all_of_board=everything.filter(body=board).order_by("id"),
        )
        # The related body comes with the row: reading it costs nothing.
        names = [a.body.short_name for a in lists["newest"]]
    assert len(queries) == 1
    assert [a.name for a in lists["newest"]] == ["Förvaltning 11", "Förvaltning 10", "Förvaltning 09"]
    assert names == ["KS", "MN", "KS"]
    assert [a.name for a in lists["of_board"]] == [f"Förvaltning {n:02}" for n in (1, 3, 5, 7)]
    expected = list(Administration.objects.filter(body=board).order_by("id"))
    assert lists["all_of_board"] == expected


def test_an_empty_list_and_no_lists(administrations):
    lists = lists_in_one_query(nothing=Administration.objects.none(), some=Administration.objects.order_by("name")[:2])
    assert lists["nothing"] == [] and [a.name for a in lists["some"]] == ["Förvaltning 00", "Förvaltning 01"]
    assert lists_in_one_query() == {}


def test_lists_of_different_models_or_sorted_across_relations_are_refused(administrations):
    with pytest.raises(ValueError):
        lists_in_one_query(a=Administration.objects.all(), b=Body.objects.all())
    with pytest.raises(ValueError):
        lists_in_one_query(a=Administration.objects.order_by("body__name"))
