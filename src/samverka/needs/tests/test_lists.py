"""The need list and the ranking stay bounded: a capped count, and the ranking in pages."""

import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from samverka.core import pagination
from samverka.needs import services, views

from .factories import make_need, open_window, ranking_criteria, submitted_need

pytestmark = pytest.mark.django_db


@pytest.fixture
def ranked(monkeypatch, mf, kuf, lead_mf, lead_kuf, gov):
    """Three needs of one plan year: A (mf) best, C (kuf) in between, B (mf) last."""
    window = open_window(monkeypatch)
    year = window.plan_year
    benefit, cost = ranking_criteria(actor=gov, plan_year=year)
    needs = {
        "a": submitted_need(actor=lead_mf, admin=mf, title="A-behov"),
        "b": submitted_need(actor=lead_mf, admin=mf, title="B-behov"),
        "c": submitted_need(actor=lead_kuf, admin=kuf, title="C-behov"),
    }
    for name, (benefit_value, cost_value) in {"a": (5, 1), "b": (1, 5), "c": (3, 3)}.items():
        services.score_set(actor=lead_mf, need=needs[name], criterion=benefit, value=benefit_value)
        services.score_set(actor=lead_mf, need=needs[name], criterion=cost, value=cost_value)
    return {"year": year, "benefit": benefit, "cost": cost, **needs}


def _titles(response) -> list[str]:
    return re.findall(r"[ABC]-behov", response.content.decode())


def test_the_ranking_page_shows_one_page_of_ranks(client, monkeypatch, ranked, lead_mf):
    monkeypatch.setattr(views, "RANKING_PAGE_SIZE", 2)
    client.force_login(lead_mf)
    url = reverse("needs:ranking", args=[ranked["year"]])
    first = client.get(url)
    assert first.status_code == 200
    assert _titles(first) == ["A-behov", "C-behov"]
    assert "3 behov rangordnade" in first.content.decode()
    assert "Sida 1 av 2" in first.content.decode()
    assert not first.context["trying"]
    second = client.get(url, {"page": 2})
    assert _titles(second) == ["B-behov"]
    assert [row.rank for row in second.context["rows"]] == [3]
    # A page number alone does not try other weights.
    assert not second.context["trying"]


def test_tried_weights_and_the_administration_follow_the_pages(client, monkeypatch, ranked, lead_mf, kuf, mf):
    monkeypatch.setattr(views, "RANKING_PAGE_SIZE", 1)
    client.force_login(lead_mf)
    url = reverse("needs:ranking", args=[ranked["year"]])
    weights = {f"w{ranked['benefit'].pk}": 1, f"w{ranked['cost'].pk}": 5}
    response = client.get(url, weights)
    assert response.context["trying"]
    assert _titles(response) == ["B-behov"]
    page = response.content.decode()
    assert f"w{ranked['benefit'].pk}=1" in page and "page=2" in page
    second = client.get(url, {**weights, "page": 2})
    assert _titles(second) == ["C-behov"]
    assert second.context["trying"]

    # One administration's needs keep their rank among everyone's.
    shown = client.get(url, {"administration": kuf.pk})
    assert [(row.title, row.rank) for row in shown.context["rows"]] == [("C-behov", 2)]
    assert {pk for pk, _name in shown.context["administrations"]} == {mf.pk, kuf.pk}


def test_the_ranking_api_answers_a_page_of_the_list(ranked, lead_mf):
    api = APIClient()
    api.force_authenticate(lead_mf)
    url = f"/api/v1/need-rankings/{ranked['year']}/"
    whole = api.get(url)
    assert [row["title"] for row in whole.json()] == ["A-behov", "C-behov", "B-behov"]
    assert whole["X-Total-Count"] == "3" and "Link" not in whole
    first = api.get(url, {"page_size": 2})
    assert [row["rank"] for row in first.json()] == [1, 2]
    assert 'rel="next"' in first["Link"] and "page=2" in first["Link"]
    second = api.get(url, {"page_size": 2, "page": 2})
    assert [(row["title"], row["rank"]) for row in second.json()] == [("B-behov", 3)]
    assert 'rel="prev"' in second["Link"] and 'rel="next"' not in second["Link"]
    assert api.get(url, {"page_size": 2, "page": 3}).status_code == 400
    assert api.get(url, {"page": "x"}).status_code == 400


def test_the_need_list_counts_up_to_the_cap(client, monkeypatch, mf, lead_mf):
    for n in range(3):
        make_need(actor=lead_mf, admin=mf, title=f"Behov {n}")
    client.force_login(lead_mf)
    page = client.get(reverse("needs:need_list")).content.decode()
    assert "3 behov" in page and "Fler än" not in page
    monkeypatch.setattr(pagination, "COUNT_CAP", 2)
    page = client.get(reverse("needs:need_list")).content.decode()
    assert "Fler än 2 behov" in page
