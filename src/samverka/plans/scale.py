"""Generated plans for `make bench`: an annual wheel for every year the needs span, and
`ctx.count("plans")` yearly development plans, each in its own case with its memo, plan document and
the approval chain's decisions up to where today's date has reached, and initiatives that carry the
accepted and delivered needs of their plan year (multi-year initiatives go on in the next plan with
the same lineage, as a revision would carry them).

Plans take the newest years that have no plan yet, so a second run goes further back in time.
Rows are written in bulk; the needs are read back from the database after the needs generator's rows
are flushed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from samverka.needs import scale as needs_scale
from samverka.needs.models import Category, Need
from samverka.principles.selectors import programme_for_year
from samverka.scale.bench import STAFF, Endpoint
from samverka.scale.context import ScaleContext

from .models import AnnualCycle, CycleStep, DevelopmentPlan, Initiative, InitiativeCost, PlanApproval

P = DevelopmentPlan.Status
K = CycleStep.Kind

# (kind, title, month, day, end month, end day); the intake comes from needs.scale.intake_window.
STEPS = [
    (K.FOLLOW_UP, "Uppföljning av planen {previous} vid årsbokslutet", 2, 6, 3, 10),
    (K.FORUM, "Beredning och prioritering i samverkansforumet", 3, 27, 5, 12),
    (K.BUDGET_LETTER, "Budgetskrivelse med begärda medel", 4, 17, 4, 28),
    (K.SERVICE_COMMITTEE, "Servicenämnden godkänner planen", 6, 20, 6, 20),
    (K.KSAU, "KSAU bereder planen", 10, 9, 10, 9),
    (K.KS, "Kommunstyrelsen fastställer planen", 10, 18, 10, 18),
]
# The approval chain in the year before the plan year: (status, body short name, month, day).
CHAIN = [
    (P.APPROVED_SERVICE_COMMITTEE, "SN", 6, 20),
    (P.PREPARED_KSAU, "KSAU", 10, 9),
    (P.APPROVED_KS, "KS", 10, 18),
    (P.APPROVED_KF, "KF", 11, 20),
]
INITIATIVE_TITLES = {
    Category.BASE_SERVICE: "Basleverans: {theme}",
    Category.E_SERVICE: "E-tjänster för {theme}",
    Category.IT_SECURITY: "Säkrare {theme}",
    Category.INFORMATION_MANAGEMENT: "Informationshantering: {theme}",
    Category.PLATFORM: "Gemensam plattform för {theme}",
    Category.COMPETENCE: "Kompetenslyft i {theme}",
    Category.OTHER: "Samordning av {theme}",
}
INTRODUCTION = (
    "Utvecklingsplanen beskriver de förflyttningar som kommungemensam IT och digitalisering gör {year} "
    "utifrån förvaltningarnas behov och kommunens principer för digitalisering.\n\n"
    "Planen omfattar {count} insatser. Behoven har lämnats in av förvaltningarnas digitaliseringsansvariga "
    "och prioriterats i samverkansforumet."
)
PLAN_COLUMNS = [
    "id",
    "year",
    "version",
    "title",
    "introduction",
    "status",
    "case_id",
    "principle_programme_id",
    "created_by_id",
    "created_at",
    "frozen_at",
]
INITIATIVE_COLUMNS = [
    "id",
    "plan_id",
    "lineage",
    "title",
    "description",
    "category",
    "financing",
    "responsible_administration_id",
    "responsible_person_id",
    "start_year",
    "end_year",
    "order",
    "is_active",
]


@dataclass
class _Initiative:
    """An initiative as generated, so the next year's plan can carry it on."""

    lineage: uuid.UUID
    title: str
    description: str
    category: str
    financing: str
    administration_id: int | None
    person_id: int | None
    start_year: int
    end_year: int
    costs: dict[int, int]
    needs: list[int] = field(default_factory=list)
    principles: list[int] = field(default_factory=list)


def plan_title(year: int) -> str:
    return f"Utvecklingsplan för kommungemensam IT och digitalisering {year}"


class PlanGenerator:
    def __init__(self, ctx: ScaleContext) -> None:
        self.ctx = ctx
        self.rng = ctx.rng
        loader = ctx.loader
        self.cycles = loader.table(AnnualCycle, ["id", "year", "plan_year", "title"])
        self.steps = loader.table(CycleStep, ["cycle_id", "kind", "title", "starts_on", "ends_on", "description"])
        self.plans = loader.table(DevelopmentPlan, PLAN_COLUMNS)
        self.approvals = loader.table(
            PlanApproval,
            ["plan_id", "step", "body_id", "decided_on", "minutes_reference", "recorded_by_id", "recorded_at"],
        )
        self.initiatives = loader.table(Initiative, INITIATIVE_COLUMNS)
        self.costs = loader.table(InitiativeCost, ["initiative_id", "year", "amount"])
        self.initiative_needs = loader.table(Initiative.needs.through, ["initiative_id", "need_id"])
        self.initiative_principles = loader.table(Initiative.principles.through, ["initiative_id", "principle_id"])
        self.bodies = {b.short_name: b for b in ctx.bodies}
        self.series = next((s for s in ctx.series if s.prefix == "STK"), ctx.series[0])
        service = next((a for a in ctx.administrations if a.short_name == "SEF"), ctx.administrations[0])
        self.service_administration = service.id
        self.service_people = ctx.officials_of(service.id)[:10]
        self.paragraphs: dict[tuple[str, int], int] = defaultdict(lambda: 40)

    def moment(self, day: dt.date) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(self.rng.randint(8, 16), self.rng.randint(0, 59))))

    # -- the annual wheels ----------------------------------------------------------------------
    def wheels(self, years: set[int]) -> None:
        """A wheel for each year (plan year + 1) that has none, with the standard steps."""
        existing = set(AnnualCycle.objects.values_list("year", flat=True))
        for year in sorted(years - existing):
            cycle_id = self.ctx.loader.next_id(AnnualCycle)
            self.cycles.add(cycle_id, year, year + 1, f"Årshjul {year}")
            opens, closes = needs_scale.intake_window(year)
            self.steps.add(cycle_id, K.INTAKE.value, "Inlämning av behov", opens, closes, "")
            for kind, title, month, day, end_month, end_day in STEPS:
                start, end = dt.date(year, month, day), dt.date(year, end_month, end_day)
                self.steps.add(cycle_id, kind.value, title.format(previous=year - 1), start, end, "")

    # -- plans ----------------------------------------------------------------------------------
    def plan_years(self) -> list[int]:
        """The newest years without a plan, as many as the scale asks for (oldest first)."""
        taken = set(DevelopmentPlan.objects.values_list("year", flat=True))
        wanted = self.ctx.count("plans", minimum=3)
        years: list[int] = []
        year = self.ctx.today.year + 1
        while len(years) < wanted and year > 2000:
            if year not in taken:
                years.append(year)
            year -= 1
        return sorted(years)

    def needs_by_year(self, years: list[int]) -> dict[int, list[tuple[int, str, str]]]:
        """The accepted and delivered needs of each plan year: (id, category, title)."""
        needs_scale.flush(self.ctx)
        found: dict[int, list[tuple[int, str, str]]] = defaultdict(list)
        rows = (
            Need.objects.filter(plan_year__in=years, status__in=[Need.Status.ACCEPTED, Need.Status.DELIVERED])
            .order_by("id")
            .values_list("plan_year", "id", "category", "title")
        )
        for year, pk, category, title in rows.iterator(5000):
            found[year].append((pk, category, title))
        return found

    def status(self, year: int, money: bool) -> list[tuple[str, str, dt.date]]:
        """The decisions taken by today for the plan of `year` (KF only when new money is asked for)."""
        taken = []
        for status, body, month, day in CHAIN:
            if status == P.APPROVED_KF and not money:
                continue
            decided_on = dt.date(year - 1, month, day)
            if decided_on > self.ctx.today:
                break
            taken.append((status, body, decided_on))
        return taken

    def initiatives_for(self, year: int, needs: list[tuple[int, str, str]], carried: list[_Initiative]) -> list:
        ctx, rng = self.ctx, self.rng
        by_category: dict[str, list[int]] = defaultdict(list)
        for pk, category, _title in needs:
            by_category[category].append(pk)
        # Multi-year initiatives of last year's plan go on (same lineage, needs and costs).
        made = [replace(c, needs=list(c.needs), principles=list(c.principles)) for c in carried if c.end_year >= year]
        wanted = max(3, min(25, len(needs) // 20 + rng.randint(3, 8)))
        categories = list(by_category) or list(Category.values)
        programme = programme_for_year(year)
        principles = list(programme.principles.values_list("pk", flat=True)) if programme else []
        fresh: list[_Initiative] = []
        for n in range(max(3, wanted - len(made))):
            category = categories[n % len(categories)]
            theme = ctx.text.theme()
            end = year + rng.choices([0, 1, 2], weights=[55, 30, 15])[0]
            financing = rng.choices(list(Initiative.Financing.values), weights=[60, 25, 15])[0]
            fresh.append(
                _Initiative(
                    lineage=uuid.UUID(int=rng.getrandbits(128), version=4),
                    title=INITIATIVE_TITLES[category].format(theme=theme)[:300],
                    description=ctx.text.paragraph(2, 4),
                    category=category,
                    financing=financing,
                    administration_id=self.service_administration,
                    person_id=rng.choice(self.service_people) if self.service_people else None,
                    start_year=year,
                    end_year=end,
                    costs={y: rng.randint(4, 120) * 25000 for y in range(year, end + 1)},
                    principles=rng.sample(principles, k=min(len(principles), rng.randint(1, 2))),
                )
            )
        # The year's needs go to the new initiatives of their category (round robin).
        by_fresh: dict[str, list[_Initiative]] = defaultdict(list)
        for initiative in fresh:
            by_fresh[initiative.category].append(initiative)
        for category, pks in by_category.items():
            takers = by_fresh.get(category) or fresh
            for i, pk in enumerate(pks):
                takers[i % len(takers)].needs.append(pk)
        return made + fresh

    def generate(self) -> None:
        ctx, rng = self.ctx, self.rng
        years = self.plan_years()
        self.wheels(set(range(ctx.first_year, ctx.today.year + 1)) | {y - 1 for y in years})
        needs = self.needs_by_year(years)
        documents = ctx.document_type_ids
        carried: list[_Initiative] = []
        previous_year = None
        for year in years:
            initiatives = self.initiatives_for(year, needs.get(year, []), carried if previous_year == year - 1 else [])
            money = any(i.financing == Initiative.Financing.BUDGET_REQUEST for i in initiatives) and rng.random() < 0.3
            decisions = self.status(year, money)
            status = decisions[-1][0] if decisions else P.DRAFT
            created_on = min(dt.date(year - 1, 3, 20), ctx.today)
            last_decision = decisions[-1][2] if decisions else None
            closed_on = None
            if status in (P.APPROVED_KS, P.APPROVED_KF) and last_decision + dt.timedelta(days=30) < ctx.today:
                closed_on = last_decision + dt.timedelta(days=30)
            case_id, number = ctx.registry.add_case(
                series=self.series,
                opened_on=created_on,
                title=plan_title(year),
                description=f"Framtagande och beslut om utvecklingsplanen för {year}.",
                officer_id=self.service_people[0] if self.service_people else None,
                closed_on=closed_on,
                child_rights_assessment="Planen bedöms inte påverka barn direkt; varje insats prövas för sig.",
            )
            self._documents(case_id, number, year, decisions, created_on, documents)
            programme = programme_for_year(year)
            plan_id = ctx.loader.next_id(DevelopmentPlan)
            frozen_at = self.moment(decisions[0][2]) if decisions else None
            self.plans.add(
                plan_id,
                year,
                1,
                plan_title(year),
                INTRODUCTION.format(year=year, count=len(initiatives)),
                status,
                case_id,
                programme.pk if programme else None,
                ctx.system_user_id,
                self.moment(created_on),
                frozen_at,
            )
            for step, body, decided_on in decisions:
                paragraph = self.paragraphs[(body, decided_on.year)] = self.paragraphs[(body, decided_on.year)] + 7
                name = self.bodies[body].name if body in self.bodies else body
                self.approvals.add(
                    plan_id,
                    step,
                    self.bodies[body].id if body in self.bodies else None,
                    decided_on,
                    f"{name} {decided_on:%Y-%m-%d} § {paragraph}",
                    ctx.system_user_id,
                    self.moment(decided_on),
                )
            for order, initiative in enumerate(initiatives, start=1):
                self._initiative(plan_id, order, initiative)
            carried, previous_year = initiatives, year
        ctx.log(f"  {len(years)} utvecklingsplaner ({', '.join(map(str, years))})")

    def _documents(self, case_id: int, number: str, year: int, decisions, created_on, documents) -> None:
        registry, text = self.ctx.registry, self.ctx.text
        memo_day = min(dt.date(year - 1, 6, 1), self.ctx.today)
        entries = [(memo_day, f"Tjänsteskrivelse: {plan_title(year)}", "created", "tjansteskrivelse")]
        for step, body, decided_on in decisions:
            entries.append(
                (
                    decided_on,
                    f"Protokollsutdrag {body} {decided_on:%Y-%m-%d}, {P(step).label}",
                    "incoming",
                    "protokollsutdrag",
                )
            )
        if decisions and decisions[-1][0] in (P.APPROVED_KS, P.APPROVED_KF):
            entries.append((decisions[-1][2], f"{plan_title(year)}, version 1", "created", "beslut"))
        for day, subject, direction, kind in entries:
            if day < created_on:
                continue
            registry.add_document(
                case_id=case_id,
                case_number=number,
                case_secret=False,
                document_date=day,
                subject=subject,
                direction=direction,
                document_type_id=documents.get(kind) or next(iter(documents.values())),
                text=text.document_text(subject),
            )

    def _initiative(self, plan_id: int, order: int, initiative: _Initiative) -> None:
        initiative_id = self.ctx.loader.next_id(Initiative)
        self.initiatives.add(
            initiative_id,
            plan_id,
            initiative.lineage,
            initiative.title,
            initiative.description,
            initiative.category,
            initiative.financing,
            initiative.administration_id,
            initiative.person_id,
            initiative.start_year,
            initiative.end_year,
            order,
            True,
        )
        for year, amount in sorted(initiative.costs.items()):
            self.costs.add(initiative_id, year, Decimal(amount))
        for need in initiative.needs:
            self.initiative_needs.add(initiative_id, need)
        for principle in initiative.principles:
            self.initiative_principles.add(initiative_id, principle)


def generate(ctx: ScaleContext) -> None:
    PlanGenerator(ctx).generate()


def flush(ctx: ScaleContext) -> None:
    """Write the plans, initiatives and their costs buffered so far (the follow-up reads them back)."""
    for model, columns in (
        (DevelopmentPlan, PLAN_COLUMNS),
        (Initiative, INITIATIVE_COLUMNS),
        (InitiativeCost, ["initiative_id", "year", "amount"]),
    ):
        ctx.loader.table(model, columns).flush()


# ---------------------------------------------------------------- make bench


def bench_endpoints() -> list[Endpoint]:
    plans = list(DevelopmentPlan.objects.order_by("-year", "-version").values_list("pk", "year")[:20])
    initiatives = list(
        Initiative.objects.filter(is_active=True, plan__in=[pk for pk, _y in plans])
        .order_by("-plan__year", "order")
        .values_list("pk", flat=True)[:100]
    )
    cycles = list(AnnualCycle.objects.order_by("-year").values_list("year", flat=True)[:5])
    return [
        Endpoint("Utvecklingsplaner", [reverse("plans:plan_list")], users=STAFF),
        Endpoint("Utvecklingsplan", [reverse("plans:plan_detail", args=[pk]) for pk, _y in plans]),
        Endpoint("Färdplan", [reverse("plans:roadmap", args=[pk]) for pk, _y in plans]),
        Endpoint("Insats", [reverse("plans:initiative_detail", args=[pk]) for pk in initiatives]),
        Endpoint("Årshjul", [reverse("plans:cycle_detail", args=[year]) for year in cycles]),
        Endpoint("API utvecklingsplan", [f"/api/v1/plans/{pk}/" for pk, _y in plans]),
        Endpoint("API planens insatser", [f"/api/v1/plans/{pk}/initiatives/" for pk, _y in plans]),
        Endpoint("API planens kostnader", [f"/api/v1/plans/{pk}/totals/" for pk, _y in plans]),
        Endpoint("API insats", [f"/api/v1/initiatives/{pk}/" for pk in initiatives]),
        Endpoint("API årshjul", [f"/api/v1/annual-cycles/{year}/" for year in cycles]),
    ]
