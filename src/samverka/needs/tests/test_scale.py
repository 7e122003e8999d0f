"""Generated needs follow the needs' rules: references per year after the counters, states with what
each state requires, merges into live needs of other administrations, tokens for the duplicate finder,
and the pages `make bench` measures answer."""

import re

import pytest
from django.db.models import Count, Max
from django.utils import timezone

from samverka.needs import selectors, similarity
from samverka.needs.models import Criterion, Need, NeedCounter, Score
from samverka.needs.scale import bench_endpoints
from samverka.needs.workflow import ACTIVE_STATES
from samverka.scale.generate import generate
from samverka.scale.testing import assert_endpoints_answer

pytestmark = pytest.mark.django_db
S = Need.Status


def test_needs_scale_and_a_second_run_appends_after_the_counters():
    counts = generate(scale=0.002, seed=1, log=lambda _m: None)
    assert counts["needs_need"] == 100 == Need.objects.count()
    generate(scale=0.004, seed=2, log=lambda _m: None)
    assert Need.objects.count() == 300
    assert Need.objects.values("reference").distinct().count() == 300
    for counter in NeedCounter.objects.all():
        numbers = [
            int(r.rsplit("-", 1)[1])
            for r in Need.objects.filter(reference__startswith=f"BEH-{counter.year}-").values_list(
                "reference", flat=True
            )
        ]
        assert counter.last_number == max(numbers)
        assert sorted(numbers) == list(range(1, len(numbers) + 1))  # gap-free per year
    assert all(re.fullmatch(r"BEH-\d{4}-\d+", r) for r in Need.objects.values_list("reference", flat=True))


def test_every_state_has_what_it_requires():
    generate(scale=0.004, seed=3, log=lambda _m: None)
    statuses = set(Need.objects.values_list("status", flat=True))
    assert {S.DRAFT, S.IN_PREPARATION, S.ACCEPTED, S.REJECTED, S.MERGED} <= statuses
    for need in Need.objects.select_related("merged_into"):
        assert need.created_at <= (need.submitted_at or need.created_at)
        assert need.reference.startswith(f"BEH-{need.created_at.year}-") or need.reference.startswith(
            f"BEH-{need.created_at.astimezone().year}-"
        )
        if need.status == S.DRAFT:
            assert need.plan_year is None and need.submitted_at is None and need.decided_at is None
            continue
        assert need.plan_year and need.submitted_by_id and need.submitted_at
        assert bool(need.late_reason) == need.submitted_late == bool(need.late_accepted_by_id)
        if need.status == S.SUBMITTED:
            assert need.decided_at is None
        else:
            assert need.decided_by_id and need.decided_at >= need.submitted_at
        assert bool(need.rejection_reason) == (need.status == S.REJECTED)
        assert (need.delivered_at is not None) == (need.status == S.DELIVERED)
        if need.status == S.MERGED:
            target = need.merged_into
            assert target.plan_year == need.plan_year
            assert target.administration_id != need.administration_id
            assert target.status in (*ACTIVE_STATES, S.DELIVERED)
            assert need.administration in target.administrations_concerned.all()
        else:
            assert need.merged_into_id is None
        assert need.search_tokens == similarity.token_string(need.title, need.title, need.description, need.problem)
        history = list(need.history.order_by("history_date").values_list("history_type", "status"))
        assert history[0] == ("+", S.DRAFT)
        assert history[-1][1] == need.status


def test_the_duplicate_finder_meets_the_generated_needs_and_their_near_duplicates():
    generate(scale=0.004, seed=4, log=lambda _m: None)
    selectors.forget_corpus_index()
    merged = list(Need.objects.filter(status=S.MERGED))
    found = 0
    for need in merged:
        similar = selectors.similar_needs(
            title=need.title, description=need.description, problem=need.problem, exclude_pk=need.pk
        )
        found += need.merged_into_id in [s.need.pk for s in similar]
    # Most merged needs find the need they were merged into among the five suggestions.
    assert merged and found / len(merged) >= 0.6, (found, len(merged))
    # A need written by a later run is seen by the index already built.
    generate(scale=0.001, seed=5, log=lambda _m: None)
    newest = Need.objects.exclude(status__in=selectors.NOT_SUGGESTED).order_by("-id").first()
    hits = selectors.similar_needs(title=newest.title, description=newest.description, problem=newest.problem)
    assert newest.pk in [s.need.pk for s in hits]


def test_forum_scores_on_the_newest_years_criteria():
    generate(scale=0.004, seed=6, log=lambda _m: None)
    newest = Need.objects.aggregate(y=Max("plan_year"))["y"]
    assert Criterion.objects.filter(plan_year=newest).count() == 6
    assert Score.objects.filter(need__plan_year=newest).exists()
    assert not Score.objects.exclude(need__status__in=[*ACTIVE_STATES, S.DELIVERED]).exists()
    per_need = Score.objects.values("need", "criterion").annotate(n=Count("id")).aggregate(m=Max("n"))["m"]
    assert per_need <= 2
    _criteria, ranked = selectors.ranking(newest)
    assert ranked and ranked[0].score >= ranked[-1].score


def test_bench_endpoints_answer(client):
    generate(scale=0.002, seed=7, log=lambda _m: None)
    endpoints = bench_endpoints()
    for endpoint in endpoints:
        assert endpoint.paths or endpoint.name.startswith(("Prioritering", "API prioritering")), endpoint.name
    assert_endpoints_answer(client, endpoints, require_paths=False)


def test_needs_are_stamped_again_when_the_run_commits(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        generate(scale=0.001, seed=8, log=lambda _m: None)
    committed = timezone.now()
    for callback in callbacks:
        callback()
    assert Need.objects.exists()
    assert not Need.objects.filter(updated_at__lt=committed).exists()
