"""Pages and API lists that show every initiative of a plan read the needs by count and a few references,
not every need: a plan at the default bench scale carries over a thousand needs."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIClient

from samverka.needs import services as need_services
from samverka.needs.tests.factories import make_need
from samverka.plans import selectors

from .factories import cycle_with_open_intake, initiative, plan

pytestmark = pytest.mark.django_db

MANY = selectors.NEEDS_SHOWN + 3


@pytest.fixture
def crowded(mf, lead_mf, gov):
    """A plan with one initiative carrying more needs than the plan's page lists, and one with a single need."""
    cycle_with_open_intake(gov)
    needs = []
    for n in range(MANY):
        need = make_need(actor=lead_mf, admin=mf, title=f"Behov {n}")
        needs.append(need_services.need_submit(actor=lead_mf, need=need))
    p = plan(gov)
    big = initiative(gov, p, title="Stor insats", needs=needs, costs={2024: 1_000})
    small = initiative(gov, p, title="Liten insats", needs=needs[:1])
    return p, big, small, sorted(needs, key=lambda n: n.reference)


def _page(client, url: str) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), [q["sql"] for q in queries]


def test_plan_page_lists_a_few_needs_and_links_to_all(client, gov, crowded):
    p, big, small, needs = crowded
    client.force_login(gov)
    body, _sql = _page(client, reverse("plans:plan_detail", args=[p.pk]))
    row = body.split("Stor insats", 1)[1].split("</tr>", 1)[0]
    shown = needs[: selectors.NEEDS_SHOWN]
    for need in shown:
        assert f'href="{reverse("needs:need_detail", args=[need.pk])}"' in row
    for need in needs[selectors.NEEDS_SHOWN :]:
        assert need.reference not in row
    assert f'<a class="ds-link" href="{reverse("plans:initiative_detail", args=[big.pk])}">Alla {MANY} behov</a>' in row
    small_row = body.split("Liten insats", 1)[1].split("</tr>", 1)[0]
    assert needs[0].reference in small_row and "Alla " not in small_row
    # The initiative's own page still lists every need.
    detail, _sql = _page(client, reverse("plans:initiative_detail", args=[big.pk]))
    assert all(n.reference in detail for n in needs)


def test_plan_page_reads_no_need_texts(client, gov, crowded):
    p, _big, _small, _needs = crowded
    client.force_login(gov)
    _body, sql = _page(client, reverse("plans:plan_detail", args=[p.pk]))
    assert not any('"needs_need"."description"' in q for q in sql)


def test_roadmap_reads_no_needs(client, gov, crowded):
    p, big, _small, _needs = crowded
    client.force_login(gov)
    body, sql = _page(client, reverse("plans:roadmap", args=[p.pk]))
    assert "Stor insats" in body and "1 000 kr" in body.replace("\xa0", " ")
    assert not any("needs_need" in q or "principles_principle" in q for q in sql)
    assert client.get(reverse("plans:roadmap", args=[999_999])).status_code == 404


def test_api_lists_keep_every_need_reference_without_need_texts(gov, crowded):
    p, big, _small, needs = crowded
    api = APIClient()
    api.force_authenticate(gov)
    with CaptureQueriesContext(connection) as queries:
        items = api.get(f"/api/v1/plans/{p.pk}/initiatives/").json()
    listed = {i["id"]: i for i in items}
    assert listed[big.pk]["needs"] == [n.reference for n in needs]
    assert listed[big.pk]["costs"] == {"2024": 1000}
    assert not any('"needs_need"."description"' in q["sql"] for q in queries)
    page = api.get("/api/v1/initiatives/").json()
    assert {i["id"] for i in page["results"]} == set(listed)
    assert api.get(f"/api/v1/initiatives/{big.pk}/").json()["needs"] == [n.reference for n in needs]


def test_version_diff_compares_needs_by_reference_only(client, gov, crowded):
    from samverka.plans import services

    from .test_plans import approve_all

    p, big, _small, needs = crowded
    approve_all(gov, p)
    revision = services.plan_revise(actor=gov, plan=p, reason="Färre behov")
    copy = revision.initiatives.get(lineage=big.lineage)
    services.initiative_update(actor=gov, initiative=copy, needs=needs[:2])
    client.force_login(gov)
    body, sql = _page(client, reverse("plans:plan_diff", args=[revision.pk]))
    assert not any('"needs_need"."description"' in q for q in sql)
    changes = {c.title: c for c in selectors.plan_diff(p, revision)}
    (behov,) = [f for f in changes["Stor insats"].changes if f.label == "Behov"]
    assert behov.old == ", ".join(n.reference for n in needs)
    assert behov.new == ", ".join(n.reference for n in needs[:2])
    assert "Stor insats" in body
