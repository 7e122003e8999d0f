"""Every page renders, bad input gives a Swedish form error (400), never a 500; list query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from samverka.needs import services as need_services
from samverka.needs.tests.factories import TEAMS_A, TEAMS_B, make_need
from samverka.organisation.models import Role
from samverka.organisation.tests.factories import user_with_role
from samverka.registry.tests.factories import open_case

from .factories import case_with_chain, cycle_with_open_intake, initiative, paragraph, plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(mf, kuf, lead_mf, lead_kuf, gov):
    cycle = cycle_with_open_intake(gov)
    need = make_need(actor=lead_mf, admin=mf, **TEAMS_A)
    need_services.need_submit(actor=lead_mf, need=need)
    other = make_need(actor=lead_kuf, admin=kuf, **TEAMS_B)
    need_services.need_submit(actor=lead_kuf, need=other)
    p = plan(gov)
    item = initiative(gov, p, needs=[need], costs={2024: 5_000_000})
    need_services.criterion_create(actor=gov, plan_year=cycle.plan_year, name="Nytta för invånarna", weight=3)
    return {"cycle": cycle, "need": need, "other": other, "plan": p, "initiative": item}


def test_governance_pages(client, gov, setup):
    client.force_login(gov)
    p, item, need = setup["plan"], setup["initiative"], setup["need"]
    year = setup["cycle"].year
    for url in [
        reverse("needs:need_list"),
        reverse("needs:need_list") + "?status=submitted&sort=-title",
        reverse("needs:need_detail", args=[need.pk]),
        reverse("needs:need_detail", args=[setup["other"].pk]),
        reverse("needs:need_merge", args=[setup["other"].pk]),
        reverse("needs:need_reject", args=[setup["other"].pk]),
        reverse("needs:ranking", args=[setup["cycle"].plan_year]),
        reverse("needs:criteria", args=[setup["cycle"].plan_year]),
        reverse("plans:plan_list"),
        reverse("plans:plan_create"),
        reverse("plans:plan_detail", args=[p.pk]),
        reverse("plans:plan_update", args=[p.pk]),
        reverse("plans:roadmap", args=[p.pk]),
        reverse("plans:initiative_create", args=[p.pk]),
        reverse("plans:initiative_detail", args=[item.pk]),
        reverse("plans:initiative_update", args=[item.pk]),
        reverse("plans:plan_decide", args=[p.pk, "approved_sn"]),
        reverse("plans:cycle_detail", args=[year]),
        reverse("plans:cycle_detail", args=[1999 + 100]),
        reverse("core:dashboard"),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
    assert client.get(reverse("plans:cycle_current")).status_code == 302
    response = client.get(reverse("needs:need_detail", args=[need.pk]))
    assert item.title in response.content.decode()  # where the need went


def test_bad_input_gives_form_errors(client, gov, setup):
    client.force_login(gov)
    p = setup["plan"]
    response = client.post(
        reverse("plans:initiative_create", args=[p.pk]),
        {
            "title": "X",
            "category": "it_security",
            "financing": "within_frame",
            "start_year": "2024",
            "end_year": "2024",
            "cost_2024": "-5",
        },
    )
    assert response.status_code == 400 and "ds-validation-message" in response.content.decode()
    response = client.post(
        reverse("plans:initiative_create", args=[p.pk]),
        {"title": "X", "category": "it_security", "financing": "within_frame", "start_year": "abc"},
    )
    assert response.status_code == 400
    response = client.post(reverse("plans:plan_decide", args=[p.pk, "approved_sn"]), {"decided_on": "2023-13-40"})
    assert response.status_code == 400
    response = client.post(
        reverse("plans:plan_decide", args=[p.pk, "approved_ks"]),
        {"decided_on": "2023-06-20", "minutes_reference": "KS § 1"},
    )
    assert response.status_code == 400 and "nästa steg" in response.content.decode()
    assert client.get(reverse("plans:plan_decide", args=[p.pk, "nonsense"])).status_code == 404
    response = client.post(reverse("plans:plan_create"), {"year": "2024", "case": "STK-1999-999"})
    assert response.status_code == 400 and "inget ärende" in response.content.decode()
    response = client.post(reverse("needs:criteria", args=[2025]), {"weight_for": "x", "new_weight": "y"})
    assert response.status_code == 404
    response = client.post(
        reverse("plans:step_add", args=[setup["cycle"].year]), {"kind": "ks", "title": "", "starts_on": "1"}
    )
    assert response.status_code == 400


def test_full_chain_through_pages(client, gov, setup):
    client.force_login(gov)
    p = setup["plan"]
    for step, day, ref in [
        ("approved_sn", "2023-06-20", "Servicenämnden 2023-06-20 § 87"),
        ("prepared_ksau", "2023-10-09", "KSAU 2023-10-09 § 301"),
        ("approved_ks", "2023-10-18", "KS 2023-10-18 § 312"),
    ]:
        response = client.post(
            reverse("plans:plan_decide", args=[p.pk, step]), {"decided_on": day, "minutes_reference": ref}
        )
        assert response.status_code == 302, response.content.decode()[:2000]
    response = client.get(reverse("plans:plan_detail", args=[p.pk]))
    assert "KS 2023-10-18 § 312" in response.content.decode()
    assert client.get(reverse("plans:initiative_update", args=[setup["initiative"].pk])).status_code == 403
    response = client.post(reverse("plans:plan_revise", args=[p.pk]), {"reason": "Ny ram"})
    assert response.status_code == 302
    revision = p.revisions.get()
    assert client.get(reverse("plans:plan_diff", args=[revision.pk])).status_code == 200


def test_chain_from_paragraphs_of_the_case(client, gov, mf, lead_mf):
    case, chain = case_with_chain()
    p = plan(gov, case=case)
    initiative(gov, p)
    stray = paragraph(open_case(title="Annat ärende"), "SN", dt.date(2023, 6, 20), 57)
    client.force_login(gov)
    url = reverse("plans:plan_decide", args=[p.pk, "approved_sn"])
    page = client.get(url).content.decode()
    # The paragraphs of the plan's case, newest first; none of another case.
    assert page.index("KS 2023-10-18 § 269 Utvecklingsplan") < page.index("SN 2023-06-20 § 56 Utvecklingsplan")
    assert "§ 57" not in page
    response = client.post(url, {"paragraph": stray.pk})
    assert response.status_code == 400
    response = client.post(url, {"paragraph": "", "decided_on": "", "minutes_reference": ""})
    assert response.status_code == 400 and "Välj en paragraf eller skriv" in response.content.decode()
    response = client.post(url, {"paragraph": chain["SN"].pk, "minutes_reference": "SN § 56"})
    assert response.status_code == 400 and "inte båda" in response.content.decode()
    response = client.post(url, {"paragraph": chain["KS"].pk})
    assert response.status_code == 400 and "beslutas av Servicenämnden" in response.content.decode()
    assert client.post(url, {"paragraph": chain["SN"].pk}).status_code == 302
    response = client.post(
        reverse("plans:plan_decide", args=[p.pk, "prepared_ksau"]),
        {"decided_on": "2023-10-09", "minutes_reference": "KSAU 2023-10-09 § 461 (beslut utanför Samverka)"},
    )
    assert response.status_code == 302
    page = client.get(reverse("plans:plan_detail", args=[p.pk])).content.decode()
    item_url = reverse("meetings:item_detail", args=[chain["SN"].meeting_id, chain["SN"].pk])
    assert f'href="{item_url}">SN 2023-06-20 § 56</a>' in page
    assert "KSAU 2023-10-09 § 461 (beslut utanför Samverka)" in page
    # The paragraph's page in the minutes names the plan step decided there.
    client.force_login(user_with_role(Role.ADMINISTRATOR, username="minutes-reader"))
    paragraph_page = client.get(item_url).content.decode()
    assert f'href="{reverse("plans:plan_detail", args=[p.pk])}"' in paragraph_page
    assert "Godkänd av Servicenämnden" in paragraph_page


def test_digital_lead_cannot_compose(client, lead_mf, setup):
    client.force_login(lead_mf)
    assert client.get(reverse("plans:plan_detail", args=[setup["plan"].pk])).status_code == 200
    assert client.get(reverse("plans:initiative_create", args=[setup["plan"].pk])).status_code == 403
    assert client.get(reverse("plans:plan_create")).status_code == 403
    assert client.post(reverse("plans:cycle_create"), {"year": 2030}).status_code == 403


def test_need_list_query_count_is_flat(client, gov, mf, lead_mf, setup):
    client.force_login(gov)

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("needs:need_list")).status_code == 200
        return len(ctx)

    few = count()
    for n in range(15):
        make_need(actor=lead_mf, admin=mf, title=f"Behov {n}")
        need_services.need_submit(actor=lead_mf, need=make_need(actor=lead_mf, admin=mf, title=f"Inlämnat {n}"))
    assert count() == few


def test_plan_detail_query_count_is_flat(client, gov, setup):
    client.force_login(gov)
    p = setup["plan"]

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("plans:plan_detail", args=[p.pk])).status_code == 200
        return len(ctx)

    few = count()
    for n in range(8):
        initiative(gov, p, title=f"Insats {n}", costs={2024: n})
    assert count() == few


def test_ics_feed_needs_no_sign_in(client, setup):
    response = client.get(reverse("plans:cycle_ics", args=[setup["cycle"].year]))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    assert client.get(reverse("plans:cycle_ics", args=[1990])).status_code == 404
