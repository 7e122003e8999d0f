"""Generated needs for `make bench`: `ctx.count("needs")` needs from every administration over the
years, through the workflow's states, with near-duplicates across administrations for the duplicate
finder, forum scores for the latest plan years, and one history row per step a need has taken.

Needs are written in bulk (COPY on PostgreSQL). Each plan year's needs are submitted in the intake
window of its annual wheel (the wheel's own dates where one exists, else INTAKE_OPENS–INTAKE_CLOSES,
which the plans generator gives the wheels it adds). References continue after NeedCounter and the
existing references, and the counters are moved past them. Every need carries its `search_tokens`,
and its `updated_at` is set again when the run commits, so a duplicate finder already running in
another process takes the new needs in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from urllib.parse import quote

from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from samverka.organisation.models import Role, RoleAssignment
from samverka.principles.selectors import principles_for_year
from samverka.scale.bench import ADMIN, STAFF, Endpoint
from samverka.scale.context import ScaleContext
from samverka.scale.loader import move_counters_past
from samverka.scale.words import ACTIONS, PLACES, SYSTEMS

from . import selectors, similarity
from .models import Category, Criterion, Need, NeedCounter, Score

S = Need.Status
INTAKE_OPENS = (1, 15)
INTAKE_CLOSES = (3, 15)
# The demo's criteria: (name, weight).
CRITERIA = [
    ("Nytta för invånarna", 3),
    ("Antal förvaltningar", 2),
    ("Lagkrav", 2),
    ("Säkerhet", 2),
    ("Kostnad", 1),
    ("Genomförbarhet", 1),
]
# Plan years (counted back from the newest) whose needs the forum has scored.
SCORED_YEARS = 2

TITLES = [
    "Behov av {theme} inom {administration}",
    "Gemensam lösning för {theme}",
    "{theme} för alla förvaltningar",
    "Utbildning i {theme} för medarbetarna",
    "{action} av {theme}",
    "E-tjänst för {theme}",
    "Bättre stöd för {theme} i {place}",
    "Ersätta {system} med en kommungemensam lösning för {theme}",
    "Integration mellan {system} och {theme}",
    "Säker hantering av {theme}",
    "Mobil åtkomst till {theme}",
    "Samordnad upphandling av {theme}",
]
OPENINGS = [
    "{administration} behöver {theme} som fungerar för alla medarbetare.",
    "Verksamheten i {place} saknar i dag stöd för {theme}.",
    "Vi vill införa {theme} och ersätta nuvarande lösning i {system}.",
    "Förvaltningen önskar en gemensam lösning för {theme} tillsammans med andra förvaltningar.",
    "Medarbetarna behöver utbildning och manualer för {theme}.",
    "Invånarna efterfrågar {theme} och förvaltningen vill kunna erbjuda det digitalt.",
]
PROBLEMS = [
    "Dagens arbetssätt med {system} kräver dubbel registrering.",
    "Handläggningen tar för lång tid eftersom {theme} saknas.",
    "Uppgifter skickas i dag med e-post och på papper.",
    "Leverantörens support för {system} upphör.",
    "Verksamheten kan inte följa upp {theme} på ett rättssäkert sätt.",
    "Medarbetarna i {place} saknar behörigheter och stöd.",
]
BENEFITS = [
    "Kortare handläggningstid och nöjdare invånare.",
    "Lägre kostnader när förvaltningarna delar samma lösning.",
    "Bättre informationssäkerhet och färre incidenter.",
    "Invånare och företag får service dygnet runt.",
    "Medarbetarna får en bättre arbetsmiljö och mer tid för kärnuppdraget.",
    "Kommunen uppfyller lagkraven.",
]
REJECTIONS = [
    "Behovet ryms i förvaltningens egen digitalisering; förvaltningen kan upphandla själv efter yttrande från "
    "kommungemensam IT.",
    "Behovet täcks redan av en basleverans för {theme}.",
    "Behovet prioriterades inte i samverkansforumet i år och kan lämnas in igen nästa år.",
    "Kostnaden står inte i proportion till nyttan enligt prioriteringen.",
    "En kommungemensam lösning för {theme} utreds redan i ett annat uppdrag.",
]
MERGE_NOTES = ["Samma behov; förvaltningarna går samman.", "Behoven överlappar och bereds tillsammans.", ""]
LATE_REASONS = [
    "Behovet uppstod efter en lagändring som träder i kraft under året.",
    "Nämnden gav förvaltningen ett nytt uppdrag efter sista dag.",
    "Leverantören aviserade att supporten upphör.",
]
LEGAL = [
    "Arkivlagen (1990:782)",
    "NIS2-direktivet",
    "Dataskyddsförordningen (GDPR)",
    "Lag (2018:1937) om tillgänglighet till digital offentlig service",
    "Offentlighets- och sekretesslagen (2009:400)",
]
CATEGORY_WEIGHTS = {
    Category.BASE_SERVICE: 14,
    Category.E_SERVICE: 24,
    Category.IT_SECURITY: 16,
    Category.INFORMATION_MANAGEMENT: 14,
    Category.PLATFORM: 12,
    Category.COMPETENCE: 12,
    Category.OTHER: 8,
}
URGENCY_WEIGHTS = {Need.Urgency.LOW: 25, Need.Urgency.MEDIUM: 45, Need.Urgency.HIGH: 22, Need.Urgency.CRITICAL: 8}

NEED_COLUMNS = [
    "id",
    "reference",
    "title",
    "description",
    "problem",
    "benefit",
    "category",
    "urgency",
    "legal_requirement",
    "legal_reference",
    "estimated_cost",
    "estimated_effort_days",
    "horizon_years",
    "plan_year",
    "status",
    "created_at",
    "submitted_at",
    "submitted_late",
    "late_reason",
    "decided_at",
    "rejection_reason",
    "merge_note",
    "delivered_at",
    "administration_id",
    "created_by_id",
    "submitted_by_id",
    "late_accepted_by_id",
    "decided_by_id",
    "merged_into_id",
]
HISTORY_COLUMNS = [*NEED_COLUMNS, "history_date", "history_type", "history_change_reason", "history_user_id"]
# Positions in a need's row, for its history rows.
_SUBMITTED = NEED_COLUMNS.index("submitted_at")
_STATUS = NEED_COLUMNS.index("status")
_PLAN_YEAR = NEED_COLUMNS.index("plan_year")
_DECIDED = NEED_COLUMNS.index("decided_at")
_CREATED = NEED_COLUMNS.index("created_at")
_REFERENCE = re.compile(r"^BEH-(\d{4})-(\d+)$")


def intake_window(cycle_year: int) -> tuple[dt.date, dt.date]:
    """The intake window a wheel of `cycle_year` gets when the generator adds it."""
    return dt.date(cycle_year, *INTAKE_OPENS), dt.date(cycle_year, *INTAKE_CLOSES)


class _Tokens:
    """`similarity.token_string` with each word's stem computed once (the generator's texts share words)."""

    def __init__(self) -> None:
        self.stems: dict[str, str] = {}

    def __call__(self, *texts: str) -> str:
        stems = self.stems
        out = []
        for word in similarity.TOKEN.findall(" ".join(texts).lower()):
            if len(word) > 1 and word not in similarity.STOP_WORDS and not word.isdigit():
                stem = stems.get(word)
                if stem is None:
                    stem = stems[word] = similarity.stem(word)
                out.append(stem)
        return " ".join(out)


@dataclass
class _Text:
    """What a need says, kept so another administration can write nearly the same."""

    slots: dict[str, str]
    title: str  # the templates
    opening: str
    sentences: list[str]  # after the opening
    problem: str

    def description(self) -> str:
        return " ".join([self.opening.format(**self.slots), *self.sentences])


@dataclass
class _Made:
    id: int
    administration_id: int
    plan_year: int | None
    text: _Text
    status: str
    concerned: set[int] = field(default_factory=set)


def _upper(text: str) -> str:
    return text[0].upper() + text[1:]


class NeedGenerator:
    def __init__(self, ctx: ScaleContext) -> None:
        self.ctx = ctx
        self.rng = ctx.rng
        self.tokens = _Tokens()
        loader = ctx.loader
        self.needs = loader.table(Need, NEED_COLUMNS + ["search_tokens"])
        self.history = loader.table(Need.history.model, HISTORY_COLUMNS)
        self.concerned = loader.table(Need.administrations_concerned.through, ["need_id", "administration_id"])
        self.principle_links = loader.table(Need.principles.through, ["need_id", "principle_id"])
        self.roles = loader.table(RoleAssignment, ["person_id", "role", "body_id", "administration_id"])
        self.governance = ctx.system_user_id  # an administrator: IT governance's decisions
        self.counters = self._read_counters()
        self.windows = {w.plan_year: (w.opens_on, w.closes_on) for w in selectors.intake_windows()}
        self.leads = self._digital_leads()
        self.administration_names = {a.id: a.name for a in ctx.administrations}
        self.principles: dict[int, list[int]] = {}
        self.made: list[_Made] = []
        # plan year -> needs of this run that others may be merged into
        self.targets: dict[int, list[_Made]] = defaultdict(list)

    # -- set-up ---------------------------------------------------------------------------------
    def _read_counters(self) -> dict[int, int]:
        last = dict(NeedCounter.objects.values_list("year", "last_number"))
        for reference in Need.objects.values_list("reference", flat=True).iterator(5000):
            match = _REFERENCE.match(reference)
            if match:
                year, number = int(match[1]), int(match[2])
                last[year] = max(last.get(year, 0), number)
        return last

    def _digital_leads(self) -> dict[int, list[int]]:
        """administration id -> user ids of its digital leads: the first two officials of each
        administration made in this run are given the role (the foundation's draw may give none)."""
        ctx = self.ctx
        officials: dict[int, list[int]] = defaultdict(list)
        for person, administration in ctx.people.items():
            if administration is not None and person in ctx.users and person not in ctx.bench_people.values():
                officials[administration].append(person)
        leads: dict[int, list[int]] = {}
        for administration in ctx.administrations:
            people = officials.get(administration.id, [])[:2]
            for person in people:
                self.roles.add(person, Role.DIGITAL_LEAD.value, None, administration.id)
            leads[administration.id] = [ctx.users[p] for p in people] or [ctx.system_user_id]
        self.lead_people = [p for people in officials.values() for p in people[:2]]
        return leads

    def window(self, plan_year: int) -> tuple[dt.date, dt.date]:
        return self.windows.get(plan_year) or intake_window(plan_year - 1)

    def principles_for(self, plan_year: int) -> list[int]:
        if plan_year not in self.principles:
            self.principles[plan_year] = list(principles_for_year(plan_year).values_list("pk", flat=True))
        return self.principles[plan_year]

    def moment(self, day: dt.date) -> dt.datetime:
        rng = self.rng
        return timezone.make_aware(dt.datetime.combine(day, dt.time(rng.randint(7, 17), rng.randint(0, 59))))

    def reference(self, year: int) -> str:
        number = self.counters.get(year, 0) + 1
        self.counters[year] = number
        return f"BEH-{year}-{number}"

    # -- text -----------------------------------------------------------------------------------
    def slots(self, administration_id: int) -> dict[str, str]:
        rng = self.rng
        return {
            "theme": self.ctx.text.theme(),
            "action": rng.choice(ACTIONS),
            "administration": self.administration_names[administration_id],
            "place": rng.choice(PLACES),
            "system": rng.choice(SYSTEMS),
        }

    def text(self, administration_id: int, like: _Text | None) -> tuple[str, _Text]:
        """A title and text; `like` makes a near-duplicate of another need: the same subject, mostly in
        the same words, written by another administration."""
        rng = self.rng
        if like is None:
            slots = self.slots(administration_id)
            title, opening = rng.choice(TITLES), rng.choice(OPENINGS)
            sentences = rng.choices(self.ctx.text.pool, k=rng.randint(1, 3))
            problem = rng.choice(PROBLEMS).format(**slots) if rng.random() < 0.8 else ""
        else:
            slots = dict(like.slots, administration=self.administration_names[administration_id])
            title = like.title if rng.random() < 0.6 else rng.choice(TITLES)
            opening = like.opening if rng.random() < 0.7 else rng.choice(OPENINGS)
            sentences = like.sentences[: rng.randint(1, len(like.sentences))]
            sentences += rng.choices(self.ctx.text.pool, k=rng.randint(0, 1))
            problem = like.problem if rng.random() < 0.7 else rng.choice(PROBLEMS).format(**slots)
        text = _Text(slots, title, opening, sentences, problem)
        return _upper(title.format(**slots))[:200], text

    # -- the needs ------------------------------------------------------------------------------
    def status_for(self, plan_year: int | None) -> str:
        """Where a need of `plan_year` stands today: the older the intake, the more are decided."""
        if plan_year is None:
            return S.DRAFT
        today = self.ctx.today
        opens, closes = self.window(plan_year)
        if today <= closes:
            weights = {S.SUBMITTED: 85, S.IN_PREPARATION: 10, S.MERGED: 5}
        elif (today - closes).days < 200:
            weights = {S.SUBMITTED: 15, S.IN_PREPARATION: 40, S.ACCEPTED: 15, S.MERGED: 10, S.REJECTED: 20}
        elif plan_year > today.year:
            weights = {S.SUBMITTED: 3, S.IN_PREPARATION: 15, S.ACCEPTED: 22, S.MERGED: 12, S.REJECTED: 48}
        elif plan_year >= today.year - 1:
            weights = {S.IN_PREPARATION: 6, S.ACCEPTED: 14, S.DELIVERED: 8, S.MERGED: 12, S.REJECTED: 60}
        else:
            weights = {S.IN_PREPARATION: 3, S.ACCEPTED: 3, S.DELIVERED: 17, S.MERGED: 12, S.REJECTED: 65}
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def plan_years(self) -> tuple[list[int], list[float]]:
        """The plan years needs were submitted for (each wheel's intake, up to this year's), more each year."""
        ctx = self.ctx
        years = [y for y in range(ctx.first_year + 1, ctx.today.year + 2) if self.window(y)[0] <= ctx.today]
        return years, [1 + 0.05 * i for i in range(len(years))]

    def add(self, *, plan_year: int | None, status: str, merge_into: _Made | None, like: _Text | None) -> _Made:
        ctx, rng = self.ctx, self.rng
        administration = rng.choice(ctx.administrations).id
        if merge_into is not None:
            others = [a.id for a in ctx.administrations if a.id != merge_into.administration_id]
            administration = rng.choice(others or [administration])
            like = merge_into.text
        author = rng.choice(self.leads[administration])
        title, text = self.text(administration, like)
        description = text.description()
        benefit = rng.choice(BENEFITS) if rng.random() < 0.7 else ""
        category = rng.choices(list(CATEGORY_WEIGHTS), weights=list(CATEGORY_WEIGHTS.values()))[0]
        urgency = rng.choices(list(URGENCY_WEIGHTS), weights=list(URGENCY_WEIGHTS.values()))[0]
        legal = rng.random() < 0.1
        cost = Decimal(rng.randint(1, 400) * 25000) if rng.random() < 0.7 else None
        effort = rng.randint(5, 400) if rng.random() < 0.5 else None
        today = ctx.today
        submitted = late = None
        if plan_year is None:
            # A draft written after this year's intake closed (or any day this year before it).
            closes = self.window(today.year + 1)[1]
            start = closes + dt.timedelta(days=1) if closes < today else dt.date(today.year, 1, 1)
            created_on = start + dt.timedelta(days=rng.randint(0, max(0, (today - start).days)))
        else:
            opens, closes = self.window(plan_year)
            created_on = opens - dt.timedelta(days=rng.randint(-20, 40))
            created_on = min(max(created_on, dt.date(opens.year, 1, 1)), closes, today)
            if rng.random() < 0.03 and closes + dt.timedelta(days=1) <= today:
                late = closes + dt.timedelta(days=rng.randint(1, min(30, (today - closes).days)))
                submitted = late
            else:
                earliest = max(created_on, opens)
                last = min(closes, today)
                submitted = earliest + dt.timedelta(days=rng.randint(0, max(0, (last - earliest).days)))
        created_at = self.moment(created_on)
        submitted_at = max(self.moment(submitted), created_at) if submitted else None
        decided_at = delivered_at = None
        rejection = merge_note = ""
        if status not in (S.DRAFT, S.SUBMITTED):
            # Prepared and decided after the intake closed, before today (delivered later still).
            opens, closes = self.window(plan_year)
            first = max(submitted, closes) + dt.timedelta(days=1)
            span = 250 if status == S.DELIVERED else 200
            last_day = min(today, first + dt.timedelta(days=span))
            day = first + dt.timedelta(days=rng.randint(0, max(0, (last_day - first).days)))
            decided_at = max(self.moment(min(day, today)), submitted_at)
            if status == S.DELIVERED:
                delivered_at = decided_at
            elif status == S.REJECTED:
                rejection = rng.choice(REJECTIONS).format(**text.slots)
            elif status == S.MERGED:
                merge_note = rng.choice(MERGE_NOTES)
        need_id = ctx.loader.next_id(Need)
        reference = self.reference(created_on.year)
        row = (
            need_id,
            reference,
            title,
            description,
            text.problem,
            benefit,
            category,
            urgency,
            legal,
            rng.choice(LEGAL) if legal else "",
            cost,
            effort,
            rng.choices([1, 2, 3, 4], weights=[50, 30, 12, 8])[0],
            plan_year,
            status,
            created_at,
            submitted_at,
            late is not None,
            rng.choice(LATE_REASONS) if late else "",
            decided_at,
            rejection,
            merge_note,
            delivered_at,
            administration,
            author,
            author if submitted_at else None,
            self.governance if late else None,
            self.governance if decided_at else None,
            merge_into.id if merge_into else None,
        )
        self.needs.add(*row, self.tokens(title, title, description, text.problem))
        self._history(row, author, plan_year)
        made = _Made(need_id, administration, plan_year, text, status)
        if rng.random() < 0.15:
            others = rng.sample(ctx.administrations, k=min(len(ctx.administrations), rng.randint(1, 3)))
            made.concerned = {a.id for a in others if a.id != administration}
        if merge_into is not None:
            # As need_merge does: the target concerns the merged need's administrations too.
            merge_into.concerned |= ({administration} | made.concerned) - {merge_into.administration_id}
        principles = self.principles_for(plan_year or today.year + 1)
        if principles and rng.random() < 0.5:
            for principle in rng.sample(principles, k=min(len(principles), rng.randint(1, 2))):
                self.principle_links.add(need_id, principle)
        self.made.append(made)
        if plan_year is not None and status in (S.SUBMITTED, S.IN_PREPARATION, S.ACCEPTED, S.DELIVERED):
            self.targets[plan_year].append(made)
        return made

    def _history(self, row: tuple, author: int, plan_year: int | None) -> None:
        """One row per step: written as a draft, submitted, decided (with the need as it is now)."""
        status, created_at, submitted_at, decided_at = row[_STATUS], row[_CREATED], row[_SUBMITTED], row[_DECIDED]
        draft = list(row)
        draft[_STATUS] = S.DRAFT
        draft[_PLAN_YEAR] = None
        for column in range(_SUBMITTED, len(NEED_COLUMNS)):
            if NEED_COLUMNS[column] not in ("administration_id", "created_by_id"):
                draft[column] = False if NEED_COLUMNS[column] == "submitted_late" else None
        for column in ("late_reason", "rejection_reason", "merge_note"):
            draft[NEED_COLUMNS.index(column)] = ""
        self.history.add(*draft, created_at, "+", "Behovet skapades", author)
        if submitted_at is None:
            return
        submitted = list(row)
        submitted[_STATUS] = S.SUBMITTED
        for column in ("decided_at", "delivered_at", "decided_by_id", "merged_into_id"):
            submitted[NEED_COLUMNS.index(column)] = None
        for column in ("rejection_reason", "merge_note"):
            submitted[NEED_COLUMNS.index(column)] = ""
        late = row[NEED_COLUMNS.index("submitted_late")]
        reason = "Sent behov togs emot" if late else f"Behovet lämnades in till planen för {plan_year}"
        self.history.add(*submitted, submitted_at, "~", reason, self.governance if late else author)
        if decided_at is not None:
            reasons = {
                S.IN_PREPARATION: "Behovet togs upp för beredning",
                S.ACCEPTED: "Behovet togs in i utvecklingsplanen",
                S.DELIVERED: "Behovet är levererat",
                S.REJECTED: "Avslaget",
                S.MERGED: "Sammanslaget",
            }
            self.history.add(*row, decided_at, "~", reasons[status], self.governance)

    def generate(self) -> None:
        ctx, rng = self.ctx, self.rng
        # A small municipality still has a few dozen needs, so each state occurs.
        total = ctx.count("needs", minimum=40)
        years, weights = self.plan_years()
        drafts = max(1, total // 50)
        for n in range(total):
            plan_year = None if n < drafts else rng.choices(years, weights=weights)[0]
            status = self.status_for(plan_year)
            merge_into = like = None
            if status == S.MERGED:
                merge_into = rng.choice(self.targets[plan_year]) if self.targets.get(plan_year) else None
                if merge_into is None:
                    status = S.REJECTED
            elif len(self.made) > 20 and rng.random() < 0.15:
                # A near-duplicate that nobody has merged (yet): what the duplicate finder is for.
                like = rng.choice(self.made[-2000:]).text
            self.add(plan_year=plan_year, status=status, merge_into=merge_into, like=like)
        for made in self.made:
            for administration in sorted(made.concerned):
                self.concerned.add(made.id, administration)
        self._scores()
        self._save_counters()
        if self.made:
            # A duplicate finder running elsewhere looks for needs by `updated_at` a minute back from
            # its last look; the run commits long after these rows were made, so they are stamped
            # again once it has committed (more than REBUILD_AFTER: the finder rebuilds its index).
            first, last = self.made[0].id, self.made[-1].id
            transaction.on_commit(
                lambda: Need.objects.filter(pk__range=(first, last)).update(updated_at=timezone.now())
            )
        ctx.log(f"  {total} behov")

    def _scores(self) -> None:
        """The forum's scores on the criteria of the newest plan years (their digital leads score)."""
        ctx, rng = self.ctx, self.rng
        years = sorted({m.plan_year for m in self.made if m.plan_year}, reverse=True)[:SCORED_YEARS]
        scorers = self.lead_people
        if not scorers:
            return
        criteria_table = ctx.loader.table(Criterion, ["id", "plan_year", "name", "weight", "order"])
        scores = ctx.loader.table(Score, ["need_id", "criterion_id", "scorer_id", "value", "comment", "scored_at"])
        for year in years:
            criteria = dict(Criterion.objects.filter(plan_year=year).values_list("name", "pk"))
            for order, (name, weight) in enumerate(CRITERIA, start=1):
                if name not in criteria:
                    criteria[name] = ctx.loader.next_id(Criterion)
                    criteria_table.add(criteria[name], year, name, weight, order)
            scored_at = self.moment(min(self.window(year)[1] + dt.timedelta(days=30), ctx.today))
            for made in self.made:
                if made.plan_year != year or made.status in (S.DRAFT, S.MERGED, S.REJECTED):
                    continue
                base = rng.randint(0, 5)
                for scorer in rng.sample(scorers, k=min(len(scorers), 2)):
                    for criterion in criteria.values():
                        value = min(5, max(0, base + rng.randint(-1, 1)))
                        scores.add(made.id, criterion, scorer, value, "", scored_at)

    def _save_counters(self) -> None:
        move_counters_past(NeedCounter, ("year",), self.counters)


def generate(ctx: ScaleContext) -> None:
    NeedGenerator(ctx).generate()


def flush(ctx: ScaleContext) -> None:
    """Write the needs buffered so far, for the generators that read them back (plans)."""
    ctx.loader.table(Need, NEED_COLUMNS + ["search_tokens"]).flush()


# ---------------------------------------------------------------- make bench

SEARCHES = ["e-arkiv", "informationssäkerhet", "skolplattform", "BEH-", "e-tjänst", "Teams", "lönesystem"]


def bench_endpoints() -> list[Endpoint]:
    from django.contrib.auth import get_user_model

    users = {u.username: u for u in get_user_model().objects.filter(username__in=STAFF)}
    shown = Need.objects.exclude(status=S.DRAFT)
    # The first need page (the one the query budget measures) is a decided one: a page that asks the
    # duplicate finder runs a query or two more or fewer by the state of the process's index (built on
    # the first request, then only the needs written since), whatever the data. Then one in
    # preparation (which asks it) and a mix.
    decided = shown.filter(status__in=[S.ACCEPTED, S.DELIVERED, S.REJECTED]).order_by("status", "-id")
    sample = list(decided.values_list("pk", flat=True)[:1])
    sample += list(shown.filter(status=S.IN_PREPARATION).order_by("-id").values_list("pk", flat=True)[:1])
    sample += list(shown.order_by("-plan_year", "id").values_list("pk", flat=True)[:: max(1, shown.count() // 99)])
    newest = Need.objects.aggregate(year=Max("plan_year"))["year"]
    list_url = reverse("needs:need_list")

    def rows(user) -> list:
        qs = selectors.need_list(user=users.get(user) or user)
        return [qs[:25], qs.order_by()]

    filtered = [f"{list_url}?q={quote(term)}" for term in SEARCHES]
    filtered += [f"{list_url}?status={s}&plan_year={newest}" for s in (S.SUBMITTED, S.IN_PREPARATION, S.ACCEPTED)]
    filtered += [f"{list_url}?category={c}&sort=title" for c in Category.values]
    return [
        Endpoint("Behovslista", [list_url], rows=rows, target="case_list"),
        Endpoint("Behovslista, filtrerad", filtered),
        Endpoint("Behov", [reverse("needs:need_detail", args=[pk]) for pk in dict.fromkeys(sample)]),
        Endpoint("Prioritering", [reverse("needs:ranking", args=[newest])] if newest else [], users=ADMIN),
        Endpoint("API behov", [f"/api/v1/needs/{pk}/" for pk in sample[:50]]),
        Endpoint("API liknande behov", [f"/api/v1/needs/{pk}/similar/" for pk in sample[:50]]),
        Endpoint("API prioritering", [f"/api/v1/need-rankings/{newest}/"] if newest else [], users=ADMIN),
    ]
