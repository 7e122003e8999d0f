"""The follow-up linked to the plan and the principles: opening takes the approved plan's initiatives
and the programme's principles, the pages and the report link to them, the board shows the whole plan."""

import datetime as dt
import io
import re
from decimal import Decimal

import docx
import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from samverka.core.errors import DomainError
from samverka.followup import rendering, selectors, services
from samverka.plans import services as plan_services
from samverka.principles import services as principle_services

from .factories import PLAN_INITIATIVES, approved_plan

pytestmark = pytest.mark.django_db


def test_open_takes_the_approved_plans_initiatives_and_the_programmes_principles(plan_world):
    round = plan_world.round
    assert round.plan == plan_world.plan
    statuses = {s.initiative: s for s in round.initiatives.select_related("initiative")}
    assert set(statuses) == set(plan_world.initiatives)
    first = statuses[plan_world.initiatives[0]]
    # The snapshot: title, the category's Swedish label, and the cost planned for the round's year only.
    assert (first.title, first.category, first.planned_amount) == (
        "Starkare skydd för datorer",
        "IT-säkerhet",
        Decimal(2_000_000),
    )
    assert [(q.number, q.title, q.principle) for q in round.principles.order_by("number")] == [
        (p.number, p.title, p) for p in plan_world.principles
    ]
    assert round.history.first().history_change_reason.startswith("Uppföljningen öppnades för Utvecklingsplan")


def test_without_an_approved_plan_opening_is_refused_unless_chosen(world):
    plan_services.plan_create(actor=world.governance, year=2025)  # a draft is not the plan in force
    with pytest.raises(DomainError) as error:
        services.round_open(actor=world.governance, year=2025, deadline=dt.date(2026, 2, 28))
    assert error.value.code == "no_plan"
    assert "ingen utvecklingsplan för 2025 som är fastställd av kommunstyrelsen" in error.value.message
    round = services.round_open(actor=world.governance, year=2025, deadline=dt.date(2026, 2, 28), without_plan=True)
    assert round.plan is None and not round.initiatives.exists()
    assert round.principles.count() == 3
    assert "utan insatser" in round.history.first().history_change_reason


def test_an_approved_plan_is_used_even_when_opening_without_one_is_chosen(world):
    plan = approved_plan(world.governance, year=2025, initiatives=PLAN_INITIATIVES[1:2])
    round = services.round_open(actor=world.governance, year=2025, deadline=dt.date(2026, 2, 28), without_plan=True)
    assert round.plan == plan and round.initiatives.count() == 1


def test_without_a_programme_in_force_opening_is_refused(world):
    with pytest.raises(DomainError) as error:
        services.round_open(actor=world.governance, year=2010, deadline=dt.date(2011, 2, 28), without_plan=True)
    assert error.value.code == "no_principles"
    assert "inget principprogram med principer som gäller 2010" in error.value.message


def test_the_snapshot_stays_when_the_programme_is_revised(plan_world):
    principle = plan_world.principles[0]
    principle_services.principle_update(actor=plan_world.governance, principle=principle, title="Invånaren först")
    question = plan_world.round.principles.get(principle=principle)
    assert question.title == "Invånaren i centrum"


def test_a_revision_of_the_plan_keeps_the_statuses_and_offers_its_new_initiatives(plan_world):
    governance, round = plan_world.governance, plan_world.round
    status = round.initiatives.get(initiative=plan_world.initiatives[0])
    services.initiative_report(actor=governance, status=status, progress=30, rag="green", spent_amount=10)
    revision = plan_services.plan_revise(actor=governance, plan=plan_world.plan, reason="Ny insats")
    added = plan_services.initiative_create(
        actor=governance,
        plan=revision,
        title="Gemensamt e-arkiv",
        category="information_management",
        financing="within_frame",
        start_year=2024,
        end_year=2024,
        costs={2024: 900_000},
    )
    approved_day = dt.date(2023, 12, 1)
    for step in (
        plan_services.plan_approve_by_service_committee,
        plan_services.plan_prepare_by_ksau,
        plan_services.plan_approve_by_ks,
    ):
        step(actor=governance, plan=revision, decided_on=approved_day, minutes_reference="§ 9")
    # The same initiative in the revision shows the status reported against the first version.
    same = revision.initiatives.get(lineage=plan_world.initiatives[0].lineage)
    assert list(selectors.statuses_for_initiative(same)) == [status]
    assert list(selectors.statuses_for_initiative(added)) == []
    assert [i.title for i in selectors.plan_initiatives_missing(round)] == ["Gemensamt e-arkiv"]
    new = services.initiative_add(actor=governance, round=round, initiative=added)
    assert (new.initiative, new.planned_amount, new.category) == (added, Decimal(900_000), "Informationshantering")
    assert selectors.plan_initiatives_missing(round) == []
    with pytest.raises(DomainError) as error:
        services.initiative_add(actor=governance, round=round, initiative=same)
    assert error.value.code == "duplicate"


def test_an_initiative_of_another_years_plan_is_refused(plan_world):
    other = approved_plan(plan_world.governance, year=2025, initiatives=PLAN_INITIATIVES[1:2])
    with pytest.raises(DomainError) as error:
        services.initiative_add(actor=plan_world.governance, round=plan_world.round, initiative=other.initiatives.get())
    assert "finns inte i utvecklingsplanen för 2024" in error.value.message


def test_pages_link_to_the_initiatives_and_the_principles(client, plan_world):
    client.force_login(plan_world.lead_mn)
    body = client.get(reverse("followup:round_detail", args=[2024])).content.decode()
    for initiative in plan_world.initiatives:
        assert f'href="{reverse("plans:initiative_detail", args=[initiative.pk])}"' in body
    for principle in plan_world.principles:
        url = reverse("principles:principle_detail", args=[principle.pk])
        assert f'href="{url}"' in body
        page = client.get(url)
        assert page.status_code == 200 and principle.title in page.content.decode()
    assert f'href="{reverse("plans:plan_detail", args=[plan_world.plan.pk])}"' in body
    # The initiative's page in plans exists under that name.
    assert client.get(reverse("plans:initiative_detail", args=[plan_world.initiatives[0].pk])).status_code == 200


def test_initiative_add_form_offers_the_missing_initiatives(client, world):
    plan = approved_plan(world.governance, year=2024, initiatives=PLAN_INITIATIVES[:2])
    client.force_login(world.governance)
    body = client.get(reverse("followup:round_detail", args=[2024])).content.decode()
    assert 'id="missing-initiatives"' in body
    url = reverse("followup:initiative_add", args=[2024])
    response = client.post(url, {"initiative": "", "title": ""})
    assert response.status_code == 400
    assert "Välj en insats i planen eller ange insatsens namn och kategori." in response.content.decode()
    initiative = plan.initiatives.order_by("order").first()
    assert client.post(url, {"initiative": initiative.pk}).status_code == 302
    assert world.round.initiatives.get().initiative == initiative


def test_report_links_each_initiative_and_principle(plan_world, settings):
    settings.SAMVERKA_BASE_URL = "https://samverka.kommun.example"
    report = rendering.build_report(plan_world.round)
    initiative = plan_world.initiatives[0]
    status = plan_world.round.initiatives.get(initiative=initiative)
    expected = "https://samverka.kommun.example" + reverse("plans:initiative_detail", args=[initiative.pk])
    assert report.initiative_links[status.pk] == expected
    word = docx.Document(io.BytesIO(rendering.report_docx(report)))
    targets = {rel.target_ref for rel in word.part.rels.values() if rel.reltype.endswith("/hyperlink")}
    assert expected in targets
    assert {
        "https://samverka.kommun.example" + reverse("principles:principle_detail", args=[p.pk])
        for p in plan_world.principles
    } <= targets
    assert [link for _p, link in report.principle_rows] == [
        "https://samverka.kommun.example" + reverse("principles:principle_detail", args=[p.pk])
        for p in plan_world.principles
    ]


def test_api_exposes_the_links(plan_world):
    client = APIClient()
    client.force_authenticate(plan_world.lead_mn)
    data = client.get("/api/v1/followup-rounds/2024/").json()
    assert data["plan"] == plan_world.plan.pk
    assert {i["initiative"] for i in data["initiatives"]} == {i.pk for i in plan_world.initiatives}
    assert [p["principle"] for p in data["principles"]] == [p.pk for p in plan_world.principles]


def test_board_shows_every_initiative_of_the_current_plan(client, world):
    """The round was opened without a plan: the board still lists the whole plan, unreported."""
    plan = approved_plan(world.governance, year=2024)
    client.force_login(world.governance)
    body = client.get(reverse("followup:board")).content.decode()
    assert '<span class="sv-stat" id="plan-initiatives">3</span>' in body
    for initiative in plan.initiatives.all():
        assert f'href="{reverse("plans:initiative_detail", args=[initiative.pk])}"' in body
    assert body.count("Inte ännu") == 3
    assert 'alt="Stapeldiagram över 3 insatser efter status: grön 0, gul 0, röd 0, ej rapporterad 3' in body
    first = plan.initiatives.order_by("order").first()
    status = services.initiative_add(actor=world.governance, round=world.round, initiative=first)
    services.initiative_report(actor=world.governance, status=status, progress=45, rag="amber", spent_amount=5)
    body = client.get(reverse("followup:board")).content.decode()
    assert body.count("Inte ännu") == 2
    assert re.search(r"grön 0, gul 1, röd 0, ej rapporterad 2", body)
    board = selectors.board_plan(plan)
    assert board.planned_total == Decimal(3_500_000)  # the plan's costs for 2024
    assert board.spent_total == Decimal(5)


def test_current_plan_is_the_newest_in_force_up_to_this_year(world):
    assert selectors.current_plan() is None
    plan = approved_plan(world.governance, year=2024)
    assert selectors.current_plan() == plan


def test_board_query_count_does_not_grow_with_the_plan(client, world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(world.governance)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("followup:board")).status_code == 200
        return len(queries)

    approved_plan(world.governance, year=2024, initiatives=PLAN_INITIATIVES[:1])
    few = count()
    # The newest plan in force, with three times the initiatives, followed up in a round of its own.
    approved_plan(world.governance, year=2025, initiatives=PLAN_INITIATIVES * 3)
    round = services.round_open(actor=world.governance, year=2025, deadline=dt.date(2026, 2, 28))
    for status in round.initiatives.all()[:4]:
        services.initiative_report(actor=world.governance, status=status, progress=10, rag="green", spent_amount=1)
    assert len(selectors.board_plan(selectors.current_plan()).rows) == 9
    assert count() == few


def test_the_initiatives_page_in_plans_shows_its_follow_up(client, plan_world):
    initiative = plan_world.initiatives[0]
    status = plan_world.round.initiatives.get(initiative=initiative)
    services.initiative_report(
        actor=plan_world.governance, status=status, progress=40, rag="amber", spent_amount=250_000,
        comment="Upphandlingen är försenad en månad.",
    )  # fmt: skip
    client.force_login(plan_world.governance)
    page = client.get(reverse("plans:initiative_detail", args=[initiative.pk])).content.decode()
    assert "Upphandlingen är försenad en månad." in page
    assert "40 %" in page
    assert f'href="{reverse("followup:round_detail", args=[2024])}"' in page
    other = plan_world.initiatives[1]
    assert "Insatsen har inte följts upp ännu." not in page
    other_page = client.get(reverse("plans:initiative_detail", args=[other.pk])).content.decode()
    assert "Upphandlingen är försenad" not in other_page


def test_board_reads_no_needs_of_the_plan(client, plan_world):
    """The board shows each initiative's standing, not its needs: they are not read at all."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from samverka.needs.tests.factories import make_need
    from samverka.organisation.models import Administration

    lead = plan_world.lead_mn
    mf = Administration.objects.get(short_name="MF")
    first = plan_world.initiatives[0]
    # The plan is decided, so the needs are linked directly (as the bench data set does).
    first.needs.add(*[make_need(actor=lead, admin=mf, title=f"Behov {n}") for n in range(3)])
    status = plan_world.round.initiatives.get(initiative=first)
    services.initiative_report(actor=plan_world.governance, status=status, progress=30, rag="green", spent_amount=7)
    client.force_login(plan_world.governance)
    with CaptureQueriesContext(connection) as queries:
        body = client.get(reverse("followup:board")).content.decode()
    assert not any("needs_need" in q["sql"] for q in queries)
    assert re.search(r"grön 1, gul 0, röd 0, ej rapporterad 2", body)
    assert "30 %" in body
