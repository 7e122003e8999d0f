import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from samverka.core.errors import DomainError, InvalidTransition, PermissionDenied
from samverka.meetings import selectors as meeting_selectors
from samverka.needs import selectors as need_selectors
from samverka.needs import services as need_services
from samverka.needs.models import Need
from samverka.needs.tests.factories import TEAMS_A, make_need
from samverka.plans import selectors, services
from samverka.plans.models import DevelopmentPlan, PlanApproval
from samverka.registry.tests.factories import open_case

from .factories import case_with_chain, cycle_with_open_intake, initiative, paragraph, plan

pytestmark = pytest.mark.django_db
S = DevelopmentPlan.Status


def approve_all(actor, the_plan):
    services.plan_approve_by_service_committee(
        actor=actor, plan=the_plan, decided_on=dt.date(2023, 6, 20), minutes_reference="Servicenämnden § 87"
    )
    services.plan_prepare_by_ksau(
        actor=actor, plan=the_plan, decided_on=dt.date(2023, 10, 9), minutes_reference="KSAU § 301"
    )
    return services.plan_approve_by_ks(
        actor=actor, plan=the_plan, decided_on=dt.date(2023, 10, 18), minutes_reference="KS 2023-10-18 § 312"
    )


def test_the_wheel_opens_the_intake_for_needs(mf, lead_mf, gov):
    cycle = cycle_with_open_intake(gov)
    window = need_selectors.open_intake()
    assert window is not None and window.plan_year == cycle.plan_year
    need = make_need(actor=lead_mf, admin=mf, **TEAMS_A)
    need_services.need_submit(actor=lead_mf, need=need)
    need.refresh_from_db()
    assert need.plan_year == cycle.year + 1


def test_cycle_rules(gov, lead_mf):
    with pytest.raises(PermissionDenied):
        services.cycle_create(actor=lead_mf, year=2024)
    cycle = services.cycle_create(actor=gov, year=2024)
    assert cycle.plan_year == 2025
    with pytest.raises(DomainError, match="redan"):
        services.cycle_create(actor=gov, year=2024)
    with pytest.raises(DomainError, match="inom"):
        services.cycle_step_add(actor=gov, cycle=cycle, kind="ks", title="KS", starts_on=dt.date(2025, 1, 1))
    with pytest.raises(DomainError, match="sluta"):
        services.cycle_step_add(
            actor=gov, cycle=cycle, kind="forum", title="F", starts_on=dt.date(2024, 5, 1), ends_on=dt.date(2024, 4, 1)
        )
    services.cycle_step_add(
        actor=gov, cycle=cycle, kind="intake", title="In", starts_on=dt.date(2024, 2, 1), ends_on=dt.date(2024, 3, 31)
    )
    with pytest.raises(DomainError, match="redan en period"):
        services.cycle_step_add(actor=gov, cycle=cycle, kind="intake", title="In 2", starts_on=dt.date(2024, 5, 1))


def test_totals_per_year_category_and_financing(gov):
    p = plan(gov)
    initiative(gov, p, costs={2024: 5_000_000}, financing="allocated")
    initiative(
        gov,
        p,
        title="SOC dygnet runt",
        financing="budget_request",
        end_year=2025,
        costs={2024: 3_000_000, 2025: 3_000_000},
    )
    initiative(gov, p, title="Teamsutbildning", category="competence", financing="within_frame", costs={2024: 400_000})
    totals = selectors.plan_totals(p)
    assert totals.years == [2024, 2025]
    assert totals.by_year == {2024: Decimal(8_400_000), 2025: Decimal(3_000_000)}
    assert totals.total == Decimal(11_400_000)
    categories = {label: (amounts, total) for label, amounts, total in totals.by_category}
    assert categories["IT-säkerhet"] == ([Decimal(8_000_000), Decimal(3_000_000)], Decimal(11_000_000))
    financing = {label: total for label, _amounts, total in totals.by_financing}
    assert financing["Nya medel begärs i budgetskrivelsen"] == Decimal(6_000_000)
    assert financing["Inom IT-avdelningens ram"] == Decimal(400_000)


@pytest.mark.parametrize(
    ("costs", "message"),
    [({2024: -1}, "negativ"), ({2024: "abc"}, "belopp"), ({2030: 1}, "utanför"), ({2024: "1.5"}, "hela kronor")],
)
def test_bad_costs_refused(gov, costs, message):
    p = plan(gov)
    with pytest.raises(DomainError, match=message):
        initiative(gov, p, costs=costs)


def test_initiative_years_limited(gov):
    p = plan(gov)
    with pytest.raises(DomainError):
        initiative(gov, p, start_year=2024, end_year=2023)
    with pytest.raises(DomainError, match="fyra"):
        initiative(gov, p, start_year=2024, end_year=2028)


def test_linking_a_need_accepts_it_and_unlinking_releases(monkeypatch, mf, lead_mf, gov):
    cycle_with_open_intake(gov)
    need = make_need(actor=lead_mf, admin=mf, **TEAMS_A)
    need_services.need_submit(actor=lead_mf, need=need)
    p = plan(gov)
    item = initiative(gov, p, needs=[need])
    need.refresh_from_db()
    assert need.status == Need.Status.ACCEPTED
    assert list(selectors.initiatives_for_needs([need.pk])) == [item]
    services.initiative_update(actor=gov, initiative=item, needs=[])
    need.refresh_from_db()
    assert need.status == Need.Status.IN_PREPARATION
    services.initiative_link_need(actor=gov, initiative=item, need=need)
    with pytest.raises(DomainError, match="redan"):
        services.initiative_link_need(actor=gov, initiative=item, need=need)
    services.initiative_remove(actor=gov, initiative=item, reason="Ryms inte")
    need.refresh_from_db()
    assert need.status == Need.Status.IN_PREPARATION


def test_draft_need_cannot_be_taken_in(mf, lead_mf, gov):
    need = make_need(actor=lead_mf, admin=mf)
    p = plan(gov)
    with pytest.raises(DomainError, match="utkast"):
        initiative(gov, p, needs=[need])


def test_approval_chain_records_minutes_and_freezes(gov, lead_mf):
    p = plan(gov)
    with pytest.raises(DomainError, match="inga insatser"):
        services.plan_approve_by_service_committee(
            actor=gov, plan=p, decided_on=dt.date(2023, 6, 20), minutes_reference="SN § 87"
        )
    item = initiative(gov, p, costs={2024: 5_000_000})
    with pytest.raises(InvalidTransition):
        services.plan_approve_by_ks(actor=gov, plan=p, decided_on=dt.date(2023, 10, 18), minutes_reference="KS § 1")
    with pytest.raises(PermissionDenied):
        services.plan_approve_by_service_committee(
            actor=lead_mf, plan=p, decided_on=dt.date(2023, 6, 20), minutes_reference="SN § 87"
        )
    with pytest.raises(DomainError, match="protokollsparagrafen"):
        services.plan_approve_by_service_committee(
            actor=gov, plan=p, decided_on=dt.date(2023, 6, 20), minutes_reference=" "
        )
    with pytest.raises(DomainError, match="framtiden"):
        services.plan_approve_by_service_committee(
            actor=gov, plan=p, decided_on=timezone.localdate() + dt.timedelta(days=1), minutes_reference="SN § 87"
        )
    services.plan_approve_by_service_committee(
        actor=gov, plan=p, decided_on=dt.date(2023, 6, 20), minutes_reference="SN § 87"
    )
    with pytest.raises(DomainError, match="före föregående"):
        services.plan_prepare_by_ksau(actor=gov, plan=p, decided_on=dt.date(2023, 6, 1), minutes_reference="KSAU § 1")
    p.refresh_from_db()
    assert p.is_frozen
    with pytest.raises(DomainError, match="låst"):
        services.initiative_update(actor=gov, initiative=item, title="Ändrad")
    with pytest.raises(DomainError, match="låst"):
        initiative(gov, p)
    with pytest.raises(DomainError, match="låst"):
        services.plan_update(actor=gov, plan=p, title="X")
    services.plan_prepare_by_ksau(actor=gov, plan=p, decided_on=dt.date(2023, 10, 9), minutes_reference="KSAU § 301")
    services.plan_approve_by_ks(actor=gov, plan=p, decided_on=dt.date(2023, 10, 18), minutes_reference="KS § 312")
    p.refresh_from_db()
    assert p.status == S.APPROVED_KS
    steps = list(PlanApproval.objects.filter(plan=p).values_list("step", "minutes_reference", "paragraph"))
    assert steps == [
        (S.APPROVED_SERVICE_COMMITTEE, "SN § 87", None),
        (S.PREPARED_KSAU, "KSAU § 301", None),
        (S.APPROVED_KS, "KS § 312", None),
    ]
    assert selectors.plan_in_force(2024) == p


def test_approval_chain_rests_on_paragraphs_of_the_plans_case(gov):
    case, chain = case_with_chain()
    p = plan(gov, case=case)
    initiative(gov, p)
    other_case = open_case(title="Något annat")
    stray = paragraph(other_case, "SN", dt.date(2023, 6, 20), 57)
    newest_first = [chain["KS"].pk, chain["KSAU"].pk, chain["SN"].pk]
    assert [i.pk for i in meeting_selectors.case_paragraphs(case.pk)] == newest_first
    assert meeting_selectors.paragraph_label(chain["KS"]) == "KS 2023-10-18 § 269 Utvecklingsplan för IT 2024"
    with pytest.raises(DomainError, match="planens ärende"):
        services.plan_approve_by_service_committee(actor=gov, plan=p, paragraph=stray)
    with pytest.raises(DomainError, match="beslutas av Servicenämnden"):
        services.plan_approve_by_service_committee(actor=gov, plan=p, paragraph=chain["KS"])
    with pytest.raises(DomainError, match="2023-06-20"):
        services.plan_approve_by_service_committee(
            actor=gov, plan=p, paragraph=chain["SN"], decided_on=dt.date(2023, 6, 21)
        )
    services.plan_approve_by_service_committee(actor=gov, plan=p, paragraph=chain["SN"])
    services.plan_prepare_by_ksau(actor=gov, plan=p, paragraph=chain["KSAU"])
    services.plan_approve_by_ks(actor=gov, plan=p, paragraph=chain["KS"])
    rows = list(p.approvals.values_list("step", "decided_on", "body__short_name", "minutes_reference", "paragraph"))
    assert rows == [
        (S.APPROVED_SERVICE_COMMITTEE, dt.date(2023, 6, 20), "SN", "SN 2023-06-20 § 56", chain["SN"].pk),
        (S.PREPARED_KSAU, dt.date(2023, 10, 9), "KSAU", "KSAU 2023-10-09 § 461", chain["KSAU"].pk),
        (S.APPROVED_KS, dt.date(2023, 10, 18), "KS", "KS 2023-10-18 § 269", chain["KS"].pk),
    ]
    assert [a.plan for a in selectors.approvals_for_paragraph(chain["KS"])] == [p]
    revision = services.plan_revise(actor=gov, plan=p, reason="Ny ram")
    assert revision.case_id == case.pk
    with pytest.raises(DomainError, match="redan registrerad"):
        services.plan_approve_by_service_committee(actor=gov, plan=revision, paragraph=chain["SN"])
    # A plan without a case can only cite its decisions as text.
    loose = plan(gov, year=2025)
    initiative(gov, loose)
    with pytest.raises(DomainError, match="inte till något ärende"):
        services.plan_approve_by_service_committee(actor=gov, plan=loose, paragraph=chain["SN"])


def test_revision_is_a_new_version_with_a_diff(gov):
    p = plan(gov)
    kept = initiative(gov, p, costs={2024: 5_000_000})
    dropped = initiative(gov, p, title="Skrivare", category="base_service", financing="within_frame")
    approve_all(gov, p)
    with pytest.raises(DomainError, match="varför"):
        services.plan_revise(actor=gov, plan=p, reason="")
    revision = services.plan_revise(actor=gov, plan=p, reason="Ny ekonomisk ram")
    assert revision.version == 2 and revision.status == S.DRAFT and revision.previous == p
    with pytest.raises(DomainError, match="utkast"):
        services.plan_revise(actor=gov, plan=p, reason="Igen")
    copies = {i.lineage: i for i in revision.initiatives.all()}
    assert set(copies) == {kept.lineage, dropped.lineage}
    services.initiative_update(actor=gov, initiative=copies[kept.lineage], costs={2024: 6_000_000})
    services.initiative_remove(actor=gov, initiative=copies[dropped.lineage], reason="Utgår")
    initiative(gov, revision, title="Säkerhetsövervakning", financing="budget_request", costs={2024: 3_000_000})
    changes = {(c.kind, c.title): c for c in selectors.plan_diff(p, revision)}
    assert ("added", "Säkerhetsövervakning") in changes
    assert ("removed", "Skrivare") in changes
    changed = changes[("changed", kept.title)]
    assert [f.label for f in changed.changes] == ["Kostnad per år"]
    assert "5 000 000" in changed.changes[0].old and "6 000 000" in changed.changes[0].new
    # The approved version is untouched.
    assert selectors.plan_totals(p).total == Decimal(5_000_000)
    approve_all(gov, revision)
    p.refresh_from_db()
    assert p.status == S.SUPERSEDED
    assert selectors.plan_in_force(2024) == revision


def test_only_governance_composes(gov, lead_mf):
    with pytest.raises(PermissionDenied):
        plan(lead_mf)
    p = plan(gov)
    with pytest.raises(PermissionDenied):
        initiative(lead_mf, p)
    with pytest.raises(DomainError, match="redan en plan"):
        plan(gov)


def test_roadmap(gov):
    p = plan(gov)
    a = initiative(gov, p, end_year=2026, costs={2024: 1, 2026: 3})
    years, rows = selectors.roadmap(p)
    assert years == [2024, 2025, 2026]
    assert rows[0][0] == a
    assert rows[0][1] == [(True, Decimal(1)), (True, None), (True, Decimal(3))]
