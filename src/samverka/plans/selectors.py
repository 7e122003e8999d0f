"""Reads of plans and the annual wheel: totals, differences between versions, the wheel's geometry."""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import OuterRef, Prefetch, QuerySet, Sum
from django.utils import timezone

from samverka.core.subqueries import count_of
from samverka.meetings.models import AgendaItem
from samverka.needs.models import Category, Need

from .models import AnnualCycle, CycleStep, DevelopmentPlan, Initiative, InitiativeCost, PlanApproval
from .workflow import IN_FORCE

# ---------------------------------------------------------------- the annual wheel


@dataclass(frozen=True)
class Window:
    plan_year: int
    opens_on: dt.date
    closes_on: dt.date


def intake_windows() -> list[Window]:
    """The intake windows of every annual wheel (read by the needs app through its AppConfig hook)."""
    return [
        Window(plan_year, start, end)
        for plan_year, start, end in CycleStep.objects.filter(kind=CycleStep.Kind.INTAKE).values_list(
            "cycle__plan_year", "starts_on", "ends_on"
        )
    ]


def cycle_list() -> QuerySet[AnnualCycle]:
    return AnnualCycle.objects.prefetch_related("steps").order_by("-year")


def cycle_get(*, year: int) -> AnnualCycle:
    return AnnualCycle.objects.prefetch_related(
        Prefetch("steps", queryset=CycleStep.objects.order_by("starts_on", "ends_on", "id"))
    ).get(year=year)


STEP_COLOURS = {
    CycleStep.Kind.INTAKE: "#1c6e8c",
    CycleStep.Kind.FORUM: "#6a4c93",
    CycleStep.Kind.SERVICE_COMMITTEE: "#2b7a3d",
    CycleStep.Kind.KSAU: "#9a5b00",
    CycleStep.Kind.KS: "#b3261e",
    CycleStep.Kind.BUDGET_LETTER: "#55606e",
    CycleStep.Kind.FOLLOW_UP: "#0b3a5d",
    CycleStep.Kind.OTHER: "#7a6a00",
}
MONTHS = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
SIZE = 440
CENTRE = SIZE / 2
MONTH_OUTER, MONTH_INNER = 210, 180
LANE_OUTER, LANE_WIDTH, LANE_GAP = 172, 22, 4
MIN_SPAN_DAYS = 4


def _point(angle: float, radius: float) -> tuple[float, float]:
    radians = math.radians(angle - 90)
    return round(CENTRE + radius * math.cos(radians), 2), round(CENTRE + radius * math.sin(radians), 2)


def _ring_path(start: float, end: float, outer: float, inner: float) -> str:
    """An annular sector from `start` to `end` degrees (clockwise from the top)."""
    large = 1 if end - start > 180 else 0
    x1, y1 = _point(start, outer)
    x2, y2 = _point(end, outer)
    x3, y3 = _point(end, inner)
    x4, y4 = _point(start, inner)
    return f"M {x1} {y1} A {outer} {outer} 0 {large} 1 {x2} {y2} L {x3} {y3} A {inner} {inner} 0 {large} 0 {x4} {y4} Z"


def _angle(day: dt.date, year: int) -> float:
    start = dt.date(year, 1, 1)
    length = (dt.date(year + 1, 1, 1) - start).days
    offset = min(max((day - start).days, 0), length)
    return offset / length * 360


@dataclass
class WheelStep:
    step: CycleStep
    number: int
    lane: int
    path: str
    colour: str
    label_x: float
    label_y: float
    is_current: bool


@dataclass
class Wheel:
    size: int
    centre: float
    months: list[dict]
    steps: list[WheelStep]
    today: dict | None
    legend: list[tuple[str, str]] = field(default_factory=list)


def wheel(cycle: AnnualCycle, *, today: dt.date | None = None) -> Wheel:
    """Everything the template needs to draw the wheel as SVG: months around, steps as arcs in lanes
    (overlapping steps go to inner lanes), and today's date as a line from the centre."""
    today = today or timezone.localdate()
    year = cycle.year
    months = []
    for index, name in enumerate(MONTHS):
        start = _angle(dt.date(year, index + 1, 1), year)
        end = _angle(dt.date(year + (index == 11), (index + 1) % 12 + 1, 1), year) if index < 11 else 360
        label_x, label_y = _point((start + end) / 2, (MONTH_OUTER + MONTH_INNER) / 2)
        months.append(
            {
                "name": name,
                "path": _ring_path(start, end, MONTH_OUTER, MONTH_INNER),
                "x": label_x,
                "y": label_y,
                "fill": "#e8eef4" if index % 2 == 0 else "#d3dee9",
            }
        )
    lanes: list[dt.date] = []  # the last end date in each lane
    steps = []
    for number, step in enumerate(cycle.steps.all(), start=1):
        start_angle = _angle(step.starts_on, year)
        end_angle = max(_angle(step.ends_on + dt.timedelta(days=1), year), start_angle + MIN_SPAN_DAYS / 365 * 360)
        lane = next((i for i, last in enumerate(lanes) if last < step.starts_on), None)
        if lane is None:
            lanes.append(step.ends_on + dt.timedelta(days=MIN_SPAN_DAYS))
            lane = len(lanes) - 1
        else:
            lanes[lane] = step.ends_on + dt.timedelta(days=MIN_SPAN_DAYS)
        outer = LANE_OUTER - lane * (LANE_WIDTH + LANE_GAP)
        inner = max(outer - LANE_WIDTH, 10)
        label_x, label_y = _point((start_angle + end_angle) / 2, (outer + inner) / 2)
        steps.append(
            WheelStep(
                step=step,
                number=number,
                lane=lane,
                path=_ring_path(start_angle, min(end_angle, 359.99), outer, inner),
                colour=STEP_COLOURS.get(step.kind, "#55606e"),
                label_x=label_x,
                label_y=label_y,
                is_current=step.starts_on <= today <= step.ends_on,
            )
        )
    marker = None
    if today.year == year:
        x, y = _point(_angle(today, year), MONTH_OUTER + 8)
        tx, ty = _point(_angle(today, year), MONTH_OUTER + 20)
        marker = {"x": x, "y": y, "text_x": tx, "text_y": ty, "date": today}
    legend = [(STEP_COLOURS[kind], label) for kind, label in CycleStep.Kind.choices]
    return Wheel(SIZE + 60, CENTRE, months, steps, marker, legend)


def ics_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold a content line at 75 octets (RFC 5545)."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts, current = [], b""
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def cycle_ics(cycles: list[AnnualCycle], *, calendar_name: str, host: str = "samverka") -> str:
    """The wheels' steps as an iCalendar feed: one all-day event per step."""
    stamp = timezone.now().astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Samverka//Årshjul//SV",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ics_escape(calendar_name)}",
    ]
    for cycle in cycles:
        for step in cycle.steps.all():
            lines += [
                "BEGIN:VEVENT",
                f"UID:arshjul-steg-{step.pk}@{host}",
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{step.starts_on:%Y%m%d}",
                f"DTEND;VALUE=DATE:{step.ends_on + dt.timedelta(days=1):%Y%m%d}",
                f"SUMMARY:{ics_escape(step.title)}",
                f"DESCRIPTION:{ics_escape(step.description or step.get_kind_display())}",
                f"CATEGORIES:{ics_escape(step.get_kind_display())}",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"


# ---------------------------------------------------------------- plans


def plan_list() -> QuerySet[DevelopmentPlan]:
    return DevelopmentPlan.objects.select_related("case", "previous").order_by("-year", "-version")


def initiatives_queryset() -> QuerySet[Initiative]:
    return (
        Initiative.objects.filter(is_active=True)
        .select_related("responsible_administration", "responsible_person")
        .prefetch_related(
            Prefetch("costs", queryset=InitiativeCost.objects.order_by("year")),
            Prefetch("needs", queryset=Need.objects.select_related("administration").order_by("reference")),
            "principles",
        )
        .order_by("order", "id")
    )


# How many needs an initiative shows by reference on pages that list every initiative of a plan; the
# rest are counted and linked to the initiative's own page (a plan carries over a thousand needs).
NEEDS_SHOWN = 5


def initiatives_light() -> QuerySet[Initiative]:
    """Active initiatives with their costs only, for pages that show neither needs nor principles."""
    return (
        Initiative.objects.filter(is_active=True)
        .select_related("responsible_administration", "responsible_person")
        .prefetch_related(Prefetch("costs", queryset=InitiativeCost.objects.order_by("year")))
        .order_by("order", "id")
    )


def initiatives_overview() -> QuerySet[Initiative]:
    """Active initiatives for a plan's page: costs, `need_count`, and the first NEEDS_SHOWN needs'
    references in `first_needs` (one windowed query, not every need of the plan)."""
    first_needs = Need.objects.only("id", "reference").order_by("reference", "id")[:NEEDS_SHOWN]
    return (
        initiatives_light()
        .annotate(need_count=count_of(Initiative.needs.through.objects.filter(initiative_id=OuterRef("pk"))))
        .prefetch_related(Prefetch("needs", queryset=first_needs, to_attr="first_needs"))
    )


def initiatives_for_api() -> QuerySet[Initiative]:
    """Active initiatives with every need's reference, read without the needs' texts and administrations."""
    return initiatives_light().prefetch_related(
        Prefetch("needs", queryset=Need.objects.only("id", "reference").order_by("reference"))
    )


def approvals_queryset() -> QuerySet[PlanApproval]:
    return PlanApproval.objects.select_related("body", "recorded_by__person", "paragraph__meeting__body")


def _plan_with(initiatives: QuerySet[Initiative], pk: int) -> DevelopmentPlan:
    """The plan with its approvals, principles and `initiatives` in `active_initiatives`."""
    return (
        DevelopmentPlan.objects.select_related("case", "previous", "principle_programme", "created_by__person")
        .prefetch_related(
            Prefetch("initiatives", queryset=initiatives, to_attr="active_initiatives"),
            Prefetch("approvals", queryset=approvals_queryset()),
            "principle_programme__principles",
        )
        .get(pk=pk)
    )


def plan_get(*, pk: int) -> DevelopmentPlan:
    return _plan_with(initiatives_queryset(), pk)


def plan_page(*, pk: int) -> DevelopmentPlan:
    """The plan as its page shows it: initiatives from initiatives_overview() (a few needs each)."""
    return _plan_with(initiatives_overview(), pk)


def plan_bare(*, pk: int) -> DevelopmentPlan:
    """The plan alone, for pages that read its initiatives themselves."""
    return DevelopmentPlan.objects.select_related("previous").get(pk=pk)


def plan_in_force(year: int) -> DevelopmentPlan | None:
    return DevelopmentPlan.objects.filter(year=year, status__in=IN_FORCE).order_by("-version").first()


def plan_versions(plan: DevelopmentPlan) -> QuerySet[DevelopmentPlan]:
    return DevelopmentPlan.objects.filter(year=plan.year).order_by("version")


@dataclass
class Totals:
    years: list[int]
    by_year: dict[int, Decimal]
    by_category: list[tuple[str, list[Decimal], Decimal]]
    by_financing: list[tuple[str, list[Decimal], Decimal]]
    total: Decimal


def plan_totals(plan: DevelopmentPlan) -> Totals:
    """Planned costs summed per year, per category and per financing source (one query)."""
    rows = (
        InitiativeCost.objects.filter(initiative__plan=plan, initiative__is_active=True)
        .values("year", "initiative__category", "initiative__financing")
        .annotate(amount=Sum("amount"))
    )
    by_year: dict[int, Decimal] = defaultdict(Decimal)
    by_category: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    by_financing: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for row in rows:
        by_year[row["year"]] += row["amount"]
        by_category[row["initiative__category"]][row["year"]] += row["amount"]
        by_financing[row["initiative__financing"]][row["year"]] += row["amount"]
    years = sorted(by_year)

    def table(source: dict[str, dict[int, Decimal]], labels: list[tuple[str, str]]):
        return [
            (str(label), [source[key].get(y, Decimal(0)) for y in years], sum(source[key].values(), Decimal(0)))
            for key, label in labels
            if key in source
        ]

    return Totals(
        years=years,
        by_year={y: by_year[y] for y in years},
        by_category=table(by_category, Category.choices),
        by_financing=table(by_financing, Initiative.Financing.choices),
        total=sum(by_year.values(), Decimal(0)),
    )


# ---------------------------------------------------------------- differences between versions


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class InitiativeChange:
    kind: str  # "added", "removed", "changed"
    title: str
    changes: list[FieldChange] = field(default_factory=list)


def _snapshot(initiative: Initiative) -> dict[str, str]:
    costs = ", ".join(f"{c.year}: {int(c.amount):,} kr".replace(",", " ") for c in initiative.costs.all())
    return {
        "Rubrik": initiative.title,
        "Beskrivning": initiative.description,
        "Kategori": initiative.get_category_display(),
        "Finansiering": initiative.get_financing_display(),
        "Ansvarig": str(initiative.responsible_administration or initiative.responsible_person or "–"),
        "År": f"{initiative.start_year}–{initiative.end_year}",
        "Kostnad per år": costs or "–",
        "Behov": ", ".join(n.reference for n in initiative.needs.all()) or "–",
        "Principer": ", ".join(p.title for p in initiative.principles.all()) or "–",
    }


def plan_diff(old: DevelopmentPlan, new: DevelopmentPlan) -> list[InitiativeChange]:
    """What changed between two versions of a plan, initiative by initiative (matched by lineage)."""
    # The needs are compared by reference only: their texts and administrations are not read.
    initiatives = initiatives_for_api().prefetch_related("principles")
    before = {i.lineage: i for i in initiatives.filter(plan=old)}
    after = {i.lineage: i for i in initiatives.filter(plan=new)}
    changes: list[InitiativeChange] = []
    for lineage, initiative in after.items():
        if lineage not in before:
            changes.append(InitiativeChange("added", initiative.title))
            continue
        a, b = _snapshot(before[lineage]), _snapshot(initiative)
        fields = [FieldChange(label, a[label], b[label]) for label in b if a[label] != b[label]]
        if fields:
            changes.append(InitiativeChange("changed", initiative.title, fields))
    changes.extend(InitiativeChange("removed", i.title) for lineage, i in before.items() if lineage not in after)
    if old.introduction != new.introduction:
        changes.insert(
            0, InitiativeChange("changed", "Inledning", [FieldChange("Text", old.introduction, new.introduction)])
        )
    return changes


# ---------------------------------------------------------------- where needs went


def initiatives_for_needs(need_ids: list[int]) -> QuerySet[Initiative]:
    return (
        Initiative.objects.filter(needs__in=need_ids, is_active=True)
        .select_related("plan")
        .order_by("-plan__year", "-plan__version", "order")
        .distinct()
    )


def plans_for_case(case_id: int) -> QuerySet[DevelopmentPlan]:
    return DevelopmentPlan.objects.filter(case_id=case_id).order_by("-year", "-version")


# ---------------------------------------------------------------- paragraphs of minutes


def approvals_for_paragraph(item: AgendaItem) -> QuerySet[PlanApproval]:
    """The plan steps recorded from a paragraph (for pages that start from the minutes)."""
    return PlanApproval.objects.filter(paragraph=item).select_related("plan")


def roadmap(plan: DevelopmentPlan) -> tuple[list[int], list[tuple[Initiative, list[tuple[bool, Decimal | None]]]]]:
    """Initiatives over the years: for each, which years it covers and its cost in each."""
    initiatives = list(initiatives_light().filter(plan=plan))
    if not initiatives:
        return [], []
    first = min(i.start_year for i in initiatives)
    last = max(i.end_year for i in initiatives)
    years = list(range(first, last + 1))
    rows = []
    for initiative in initiatives:
        costs = {c.year: c.amount for c in initiative.costs.all()}
        rows.append((initiative, [(initiative.start_year <= y <= initiative.end_year, costs.get(y)) for y in years]))
    return years, rows
