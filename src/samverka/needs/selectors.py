"""Reads of needs: visibility, the intake window, duplicates and the ranking."""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.db import connection
from django.db.models import Avg, Count, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.module_loading import import_string

from samverka.core.extensions import app_attributes
from samverka.organisation.models import Role
from samverka.organisation.selectors import roles_for_user

from . import policies, similarity
from .models import Criterion, Need, Score
from .workflow import ACTIVE_STATES

# ---------------------------------------------------------------- intake window


@dataclass(frozen=True)
class IntakeWindow:
    """The period in which administrations submit needs for a plan year (set by the annual wheel)."""

    plan_year: int
    opens_on: dt.date
    closes_on: dt.date

    def is_open(self, day: dt.date) -> bool:
        return self.opens_on <= day <= self.closes_on


def intake_windows() -> list[IntakeWindow]:
    """Every configured window. An app (the annual wheel in `plans`) offers them through the
    AppConfig attribute `intake_windows`: a dotted path to `() -> list[IntakeWindow-like]`."""
    windows: list[IntakeWindow] = []
    for path in app_attributes("intake_windows"):
        for window in import_string(path)():
            windows.append(IntakeWindow(window.plan_year, window.opens_on, window.closes_on))
    return sorted(windows, key=lambda w: (w.opens_on, w.plan_year))


def open_intake(day: dt.date | None = None, *, windows: list[IntakeWindow] | None = None) -> IntakeWindow | None:
    """The window open on `day`; `windows` when the caller has read them already."""
    day = day or timezone.localdate()
    for window in intake_windows() if windows is None else windows:
        if window.is_open(day):
            return window
    return None


def latest_intake(day: dt.date | None = None) -> IntakeWindow | None:
    """The window open on `day`, or else the last one that has opened before it."""
    day = day or timezone.localdate()
    started = [w for w in intake_windows() if w.opens_on <= day]
    return started[-1] if started else None


def next_intake(day: dt.date | None = None, *, windows: list[IntakeWindow] | None = None) -> IntakeWindow | None:
    day = day or timezone.localdate()
    coming = [w for w in (intake_windows() if windows is None else windows) if w.opens_on > day]
    return coming[0] if coming else None


# ---------------------------------------------------------------- lists and details


@dataclass(frozen=True)
class NeedFilters:
    q: str = ""
    status: str = ""
    plan_year: int | None = None
    administration: int | None = None
    category: str = ""
    mine: bool = False


NEED_SORTS = {
    "reference": ("id",),
    "-reference": ("-id",),
    "title": ("title", "id"),
    "-title": ("-title", "-id"),
    "administration": ("administration__name", "id"),
    "-administration": ("-administration__name", "-id"),
    "status": ("status", "id"),
    "-status": ("-status", "-id"),
    "created": ("created_at", "id"),
    "-created": ("-created_at", "-id"),
}
DEFAULT_NEED_SORT = "-created"
LIST_FIELDS = (
    "id",
    "reference",
    "title",
    "administration",
    "category",
    "plan_year",
    "estimated_cost",
    "status",
    "merged_into",
    "submitted_late",
    "created_at",
)


def visible_needs(user) -> QuerySet[Need]:
    """Every need the user may see: drafts only of their own administrations (or their own)."""
    if not policies.can_view_needs(user):
        return Need.objects.none()
    roles = roles_for_user(user)
    qs = Need.objects.all()
    if Role.DIGITAL_LEAD in roles.global_roles or roles.is_superuser:
        return qs
    own = roles.administration_ids(Role.DIGITAL_LEAD)
    own_bodies = roles.body_ids(Role.DIGITAL_LEAD)
    return qs.filter(
        ~Q(status=Need.Status.DRAFT)
        | Q(created_by=user)
        | Q(administration_id__in=own)
        | Q(administration__body_id__in=own_bodies)
    )


def need_list(*, user, filters: NeedFilters = NeedFilters(), sort: str = DEFAULT_NEED_SORT) -> QuerySet[Need]:
    # Only the columns the list shows: the texts of a need (kilobytes each) are not read for a row.
    qs = (
        visible_needs(user)
        .select_related("administration", "merged_into")
        .only(*LIST_FIELDS, "administration__short_name", "administration__name", "merged_into__reference")
    )
    if filters.q:
        # References are written in capitals (BEH-2027-12): an exact match uses the unique index,
        # and the title's trigram index (PostgreSQL) serves the substring.
        qs = qs.filter(Q(title__icontains=filters.q) | Q(reference=filters.q.strip().upper()))
    if filters.status:
        qs = qs.filter(status=filters.status)
    if filters.plan_year:
        qs = qs.filter(plan_year=filters.plan_year)
    if filters.administration:
        # The join with the administrations concerned repeats a need; DISTINCT only then, since it
        # compares whole rows (long texts) and makes the unfiltered list several times slower.
        qs = qs.filter(
            Q(administration_id=filters.administration) | Q(administrations_concerned=filters.administration)
        ).distinct()
    if filters.category:
        qs = qs.filter(category=filters.category)
    if filters.mine:
        roles = roles_for_user(user)
        qs = qs.filter(Q(created_by=user) | Q(administration_id__in=roles.administration_ids(Role.DIGITAL_LEAD)))
    return qs.order_by(*NEED_SORTS.get(sort, NEED_SORTS[DEFAULT_NEED_SORT]))


def need_detail_queryset() -> QuerySet[Need]:
    return Need.objects.select_related(
        "administration",
        "merged_into",
        "created_by__person",
        "submitted_by__person",
        "decided_by__person",
        "late_accepted_by__person",
    ).prefetch_related("administrations_concerned", "principles", "attachments")


def need_get(*, pk: int) -> Need:
    return need_detail_queryset().get(pk=pk)


@dataclass(frozen=True)
class Contribution:
    """One submitter's part in a need: their administration, their words."""

    need: Need
    depth: int


def need_contributions(need: Need) -> list[Contribution]:
    """The need itself and every need merged into it (and into those), so no submitter is lost."""
    result = [Contribution(need, 0)]
    frontier = [need.pk]
    depth = 0
    seen = {need.pk}
    while frontier and depth < 10:
        depth += 1
        children = list(
            Need.objects.filter(merged_into_id__in=frontier)
            .exclude(pk__in=seen)
            .select_related("administration", "submitted_by__person", "created_by__person")
            .order_by("submitted_at", "id")
        )
        result.extend(Contribution(child, depth) for child in children)
        frontier = [child.pk for child in children]
        seen.update(frontier)
    return result


def final_destination(need: Need) -> Need:
    """Follow merges to the need that carries this one on."""
    current = need
    for _ in range(10):
        if current.merged_into_id is None:
            return current
        current = Need.objects.select_related("merged_into").get(pk=current.merged_into_id)
    return current


def merge_targets(need: Need) -> QuerySet[Need]:
    return (
        Need.objects.filter(status__in=ACTIVE_STATES)
        .exclude(pk=need.pk)
        .select_related("administration")
        .order_by("-plan_year", "title")
    )


# ---------------------------------------------------------------- duplicates

SIMILARITY_THRESHOLD = 0.2


@dataclass(frozen=True)
class SimilarNeed:
    need: Need
    score: float

    @property
    def percent(self) -> int:
        return round(self.score * 100)


# The corpus index of every need that can be suggested, built once per process (seconds at 50,000
# needs) and then kept: a save does not drop it. Each query asks the database which needs were
# written since the last query (`updated_at`, set on every save), so a change made in another
# process is seen as well. A need written since the build whose `updated_at` differs from the one
# the index read is left out of the index and scored one by one with its text as it is now; after
# REBUILD_AFTER of them (a bulk change) the index is built again. Status changes and the asking
# administration are checked against the database for the few needs a query returns.
#
# Each look-back reaches CHANGE_MARGIN before the previous one, for a save whose transaction
# commits a little after the time it wrote (or a clock a little behind): such a row is found by
# the next query instead of being missed until the next build.
REBUILD_AFTER = 500
CHANGE_MARGIN = dt.timedelta(seconds=60)
NOT_SUGGESTED = (Need.Status.DRAFT, Need.Status.MERGED, Need.Status.REJECTED)
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_index_lock = threading.Lock()
_index: dict = {"index": None, "builds": 0}


def _corpus() -> QuerySet[Need]:
    return Need.objects.exclude(status__in=NOT_SUGGESTED)


def _stamp(moment: dt.datetime) -> int:
    """A time as whole microseconds, exact (the index keeps one per need it read)."""
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, dt.UTC)
    return (moment - _EPOCH) // dt.timedelta(microseconds=1)


def _build_index() -> None:
    started = timezone.now()
    # The newest need at the build: if it is gone or another, the table was rolled back or
    # restored (tests, a restore from backup) and the index no longer describes it.
    anchor = Need.objects.order_by("-pk").values_list("pk", "created_at").first()
    top = anchor[0] if anchor else 0
    rows = _corpus().filter(pk__lte=top).order_by("pk")
    if connection.vendor == "postgresql":
        # The stamp as whole microseconds from the database (exact: EXTRACT gives a numeric):
        # converting every row's timestamp to a datetime in Python was a third of the build.
        rows = rows.annotate(stamp=RawSQL("(EXTRACT(EPOCH FROM needs_need.updated_at) * 1000000)::bigint", ()))
        rows = rows.values_list("pk", "administration_id", "search_tokens", "stamp")
        to_stamp = int
    else:
        rows = rows.values_list("pk", "administration_id", "search_tokens", "updated_at")
        to_stamp = _stamp
    stamps: list[int] = []

    def documents():
        for pk, admin, tokens, updated in rows.iterator(5_000):
            stamps.append(to_stamp(updated))
            yield pk, admin, tokens.split()

    index = similarity.CorpusIndex(documents())
    _index.update(
        index=index,
        stamps=np.array(stamps, dtype=np.int64),
        anchor=anchor,
        checked=started,
        changed=set(),
        builds=_index["builds"] + 1,
        database=(connection.alias, connection.settings_dict["NAME"]),
    )


def _look_for_changes() -> bool:
    """Add the needs written since the last look to the changed ones; False if the index is stale."""
    now = timezone.now()
    since = min(_index["checked"], now) - CHANGE_MARGIN
    anchor = _index["anchor"]
    written = Q(updated_at__gt=since)
    if anchor:
        written |= Q(pk=anchor[0])
    rows = list(Need.objects.filter(written).order_by().values_list("pk", "updated_at", "status", "created_at"))
    if anchor and not any(pk == anchor[0] and created == anchor[1] for pk, _u, _s, created in rows):
        return False
    index: similarity.CorpusIndex = _index["index"]
    changed: set[int] = _index["changed"]
    rows = [row for row in rows if row[1] > since and row[0] not in changed]
    if rows:
        keys = np.array([row[0] for row in rows], dtype=np.int64)
        stamps = np.array([_stamp(row[1]) for row in rows], dtype=np.int64)
        positions = np.minimum(np.searchsorted(index.keys, keys), max(len(index) - 1, 0))
        indexed = index.keys[positions] == keys if len(index) else np.zeros(len(keys), dtype=bool)
        same = indexed & (_index["stamps"][positions] == stamps) if len(index) else indexed
        for row, in_index, unchanged in zip(rows, indexed, same, strict=True):
            # A need the index does not hold matters only once it can be suggested.
            if (in_index and not unchanged) or (not in_index and row[2] not in NOT_SUGGESTED):
                changed.add(row[0])
    _index["checked"] = now
    return True


def corpus_index() -> tuple[similarity.CorpusIndex, frozenset[int]]:
    """The index, and the ids of the needs written since it was built (not to be trusted in it)."""
    with _index_lock:
        if _index["index"] is None or _index["database"] != (connection.alias, connection.settings_dict["NAME"]):
            _build_index()
        if not _look_for_changes() or len(_index["changed"]) > REBUILD_AFTER:
            _build_index()
            _look_for_changes()
        return _index["index"], frozenset(_index["changed"])


def corpus_index_builds() -> int:
    """How many times this process has built the index (for tests and the benchmark)."""
    return _index["builds"]


def forget_corpus_index() -> None:
    """Drop this process's index, so that the next query builds it again (not needed after saves)."""
    with _index_lock:
        _index["index"] = None


def similar_needs(
    *,
    title: str,
    description: str = "",
    problem: str = "",
    exclude_administration_id: int | None = None,
    exclude_pk: int | None = None,
    limit: int = 5,
) -> list[SimilarNeed]:
    """The needs of other administrations most like the given text (not drafts, merged or rejected ones)."""
    query_tokens = similarity.tokens(" ".join((title, title, description, problem)))
    if not query_tokens:
        return []
    index, changed = corpus_index()
    current = _corpus().select_related("administration")
    if exclude_administration_id:
        current = current.exclude(administration_id=exclude_administration_id)
    if exclude_pk:
        current = current.exclude(pk=exclude_pk)
    candidates: list[tuple[float, int]] = []
    if len(index):
        scores = index.scores(query_tokens)
        keep = scores >= SIMILARITY_THRESHOLD
        if exclude_administration_id:
            keep &= index.groups != exclude_administration_id
        if changed:
            keep &= ~np.isin(index.keys, np.fromiter(changed, dtype=np.int64))
        candidates = [(float(scores[p]), int(index.keys[p])) for p in np.flatnonzero(keep)]
    if changed:
        for pk, tokens in current.filter(pk__in=changed).values_list("pk", "search_tokens"):
            score = index.score(query_tokens, tokens.split())
            if score >= SIMILARITY_THRESHOLD:
                candidates.append((score, pk))
    candidates.sort(key=lambda item: (-item[0], item[1]))
    result: list[SimilarNeed] = []
    # Confirm the best against the database: a need may have been merged since the index was built.
    for start in range(0, len(candidates), limit * 4):
        chunk = candidates[start : start + limit * 4]
        found = current.in_bulk([pk for _score, pk in chunk])
        for score, pk in chunk:
            if pk in found:
                result.append(SimilarNeed(found[pk], round(score, 3)))
                if len(result) == limit:
                    return result
    return result


def similar_to_need(need: Need, *, limit: int = 5) -> list[SimilarNeed]:
    return similar_needs(
        title=need.title,
        description=need.description,
        problem=need.problem,
        exclude_administration_id=need.administration_id,
        exclude_pk=need.pk,
        limit=limit,
    )


# ---------------------------------------------------------------- prioritisation


def criteria_for_year(plan_year: int) -> QuerySet[Criterion]:
    return Criterion.objects.filter(plan_year=plan_year, is_active=True).order_by("order", "id")


def scores_by(person_id: int | None, need: Need) -> dict[int, Score]:
    if person_id is None:
        return {}
    return {s.criterion_id: s for s in Score.objects.filter(need=need, scorer_id=person_id)}


@dataclass
class RankedNeed:
    need_id: int
    reference: str
    title: str
    status: str
    administration_id: int
    administration_name: str
    averages: dict[int, float]
    scorer_count: int
    score: float = 0.0
    rank: int = 0
    base_score: float = 0.0
    base_rank: int = 0
    average_list: list[float | None] = field(default_factory=list)

    @property
    def movement(self) -> int:
        """Positive when the need climbs with the tried weights."""
        return self.base_rank - self.rank


def weighted_score(averages: dict[int, float], weights: dict[int, int]) -> float:
    total = sum(weights.values())
    if not total:
        return 0.0
    return round(sum(weight * averages.get(cid, 0.0) for cid, weight in weights.items()) / total, 3)


def _assign_ranks(rows: list[RankedNeed], attr: str, rank_attr: str) -> None:
    ordered = sorted(rows, key=lambda r: (-getattr(r, attr), r.reference))
    for position, row in enumerate(ordered, start=1):
        setattr(row, rank_attr, position)


def ranking(plan_year: int, *, weights: dict[int, int] | None = None) -> tuple[list[Criterion], list[RankedNeed]]:
    """The needs of a plan year ranked by the weighted average of the forum's scores (0–5).

    `weights` (criterion id -> weight) tries other weights: each row then has its rank with the
    configured weights (`base_rank`) and with the tried ones (`rank`), and how far it moved.
    A rank depends on every need of the year, so all are ranked, from plain values: thousands of
    model instances took most of the time.
    """
    criteria = list(criteria_for_year(plan_year))
    base_weights = {c.pk: c.weight for c in criteria}
    criterion_ids = list(base_weights)
    tried = {cid: (weights or {}).get(cid, w) for cid, w in base_weights.items()}
    ranked = Need.objects.filter(plan_year=plan_year, status__in=[*ACTIVE_STATES, Need.Status.DELIVERED])
    needs = ranked.order_by("id").values_list(
        "id", "reference", "title", "status", "administration_id", "administration__short_name"
    )
    # The scores are read by subqueries, not by lists of ids: thousands of needs make long IN lists,
    # and an empty list would leave the query out (a page's query count then depends on the data).
    averages: dict[int, dict[int, float]] = defaultdict(dict)
    for need_id, criterion_id, average in (
        Score.objects.filter(need__in=ranked, criterion__in=criteria_for_year(plan_year))
        .values("need_id", "criterion_id")
        .annotate(avg=Avg("value"))
        .values_list("need_id", "criterion_id", "avg")
    ):
        averages[need_id][criterion_id] = float(average)
    scorers = dict(
        Score.objects.filter(need__in=ranked)
        .values("need_id")
        .annotate(n=Count("scorer", distinct=True))
        .values_list("need_id", "n")
    )
    rows = []
    for need_id, reference, title, status, administration_id, administration_name in needs:
        avg = averages.get(need_id, {})
        base_score = weighted_score(avg, base_weights)
        rows.append(
            RankedNeed(
                need_id=need_id,
                reference=reference,
                title=title,
                status=status,
                administration_id=administration_id,
                administration_name=administration_name,
                averages=avg,
                scorer_count=scorers.get(need_id, 0),
                base_score=base_score,
                score=base_score if tried == base_weights else weighted_score(avg, tried),
                average_list=[round(avg[cid], 2) if cid in avg else None for cid in criterion_ids],
            )
        )
    _assign_ranks(rows, "base_score", "base_rank")
    _assign_ranks(rows, "score", "rank")
    rows.sort(key=lambda r: r.rank)
    return criteria, rows


def scoring_years() -> list[int]:
    years = set(Criterion.objects.order_by().values_list("plan_year", flat=True).distinct())
    # The needs' years by stepping through the plan_year index, one probe a year: a DISTINCT read
    # every need (and, with the default ordering, every creation time too).
    table = connection.ops.quote_name(Need._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH RECURSIVE years(year) AS (SELECT MIN(plan_year) FROM {table} "  # noqa: S608 (our table name)
            f"UNION ALL SELECT (SELECT MIN(plan_year) FROM {table} WHERE plan_year > year) "
            "FROM years WHERE year IS NOT NULL) SELECT year FROM years WHERE year IS NOT NULL"
        )
        years |= {year for (year,) in cursor.fetchall()}
    return sorted(years, reverse=True)


def my_draft_needs(user, *, limit: int = 10) -> QuerySet[Need]:
    roles = roles_for_user(user)
    return (
        Need.objects.filter(status=Need.Status.DRAFT)
        .filter(Q(created_by=user) | Q(administration_id__in=roles.administration_ids(Role.DIGITAL_LEAD)))
        .select_related("administration")
        .order_by("-created_at")[:limit]
    )


def needs_awaiting_governance(*, limit: int = 10) -> QuerySet[Need]:
    return (
        Need.objects.filter(status=Need.Status.SUBMITTED)
        .select_related("administration")
        .order_by("submitted_at")[:limit]
    )
