import pytest

from samverka.needs import selectors, similarity

from .factories import TEAMS_A, TEAMS_B, UNRELATED, open_window, submitted_need


def test_stemmer_reduces_inflections():
    assert similarity.stem("manualer") == similarity.stem("manualen") == "manual"
    assert similarity.stem("utbildningar") == similarity.stem("utbildningen") == "utbildning"
    assert similarity.stem("säkerheten") == "säker"


def test_tokens_drop_stop_words_and_numbers():
    assert similarity.tokens("Vi behöver en e-tjänst för 2024") == ["tjänst"]


def test_rank_similar_orders_by_cosine():
    docs = [
        (1, similarity.tokens(TEAMS_B["title"] + " " + TEAMS_B["description"])),
        (2, similarity.tokens(UNRELATED["title"] + " " + UNRELATED["description"])),
    ]
    query = similarity.tokens(TEAMS_A["title"] + " " + TEAMS_A["description"])
    ranked = similarity.rank_similar(query, docs, threshold=0.1, limit=5)
    assert [key for key, _ in ranked] == [1]


@pytest.mark.django_db
def test_teams_manual_pair_is_found_and_unrelated_is_not(monkeypatch, mf, kuf, lead_mf, lead_kuf):
    open_window(monkeypatch)
    teams = submitted_need(actor=lead_kuf, admin=kuf, **TEAMS_B)
    submitted_need(actor=lead_kuf, admin=kuf, **UNRELATED)
    found = selectors.similar_needs(**TEAMS_A, exclude_administration_id=mf.pk)
    assert [s.need for s in found] == [teams]
    assert found[0].percent >= 30
    assert (
        selectors.similar_needs(
            title="Ny växel för telefoni", description="Telefonväxeln byts ut", exclude_administration_id=mf.pk
        )
        == []
    )


@pytest.mark.django_db
def test_own_administration_and_drafts_are_not_suggested(monkeypatch, mf, kuf, lead_mf, lead_kuf):
    open_window(monkeypatch)
    submitted_need(actor=lead_mf, admin=mf, **TEAMS_B)
    from .factories import make_need

    make_need(actor=lead_kuf, admin=kuf, **TEAMS_B)  # a draft of another administration
    assert selectors.similar_needs(**TEAMS_A, exclude_administration_id=mf.pk) == []


@pytest.mark.django_db
def test_needs_saved_after_the_index_was_built_are_found(monkeypatch, mf, kuf, lead_mf, lead_kuf):
    open_window(monkeypatch)
    submitted_need(actor=lead_kuf, admin=kuf, **UNRELATED)
    index, changed = selectors.corpus_index()
    assert len(index) == 1 and changed == set()
    # Written past the services (no signal, as from another process): found through its new id.
    from samverka.needs.models import Need

    teams = Need.objects.bulk_create(
        [
            Need(
                reference="KUF-X-1",
                administration=kuf,
                category="competence",
                status=Need.Status.SUBMITTED,
                created_by=lead_kuf,
                search_tokens=similarity.token_string(
                    TEAMS_B["title"], TEAMS_B["title"], TEAMS_B["description"], TEAMS_B["problem"]
                ),
                **TEAMS_B,
            )
        ]
    )[0]
    index_after, changed = selectors.corpus_index()
    assert index_after is index and changed == {teams.pk}
    assert [s.need.pk for s in selectors.similar_needs(**TEAMS_A, exclude_administration_id=mf.pk)] == [teams.pk]
    # Merged since: the database has the last word.
    Need.objects.filter(pk=teams.pk).update(status=Need.Status.MERGED, merged_into=teams.pk)
    assert selectors.similar_needs(**TEAMS_A, exclude_administration_id=mf.pk) == []


@pytest.mark.django_db
def test_benchmark_command_reports_figures_and_finds_the_near_duplicate(tmp_path):
    import json
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    path = tmp_path / "duplicates.json"
    call_command("benchmark_duplicates", needs=50, repeat=1, json_path=str(path), stdout=out, stderr=StringIO())
    text = out.getvalue()
    assert "median" in text and "p95" in text and ("PASS" in text or "FAIL" in text)
    figures = json.loads(path.read_text(encoding="utf-8"))
    assert figures["needs"] == 50 and figures["median_ms"] > 0 and figures["p95_ms"] >= figures["median_ms"]
    assert figures["near_duplicate"]["found"] and figures["near_duplicate"]["rank"] == 1
    assert [t["met"] for t in figures["targets"]] == [figures["passed"]]
    assert figures["after_save"]["saves"] == 2 and figures["after_save"]["rebuilt"] is False
    from samverka.needs.models import Need

    assert not Need.objects.filter(reference__startswith="BENCH-").exists()  # rolled back


def _suggested(**text) -> list[int]:
    """The ids suggested to the environment administration (MF) for a text."""
    from samverka.organisation.models import Administration

    mf = Administration.objects.get(short_name="MF")
    return [s.need.pk for s in selectors.similar_needs(**text, exclude_administration_id=mf.pk)]


def _edit_text(need, text: dict[str, str]) -> None:
    """An edit of a need's text after submission, saved field by field as a service does."""
    need.title, need.description, need.problem = text["title"], text["description"], text["problem"]
    need.search_tokens = similarity.token_string(need.title, need.title, need.description, need.problem)
    need.save(update_fields=["title", "description", "problem", "search_tokens"])


@pytest.mark.django_db
def test_saves_keep_the_index_while_suggestions_follow_them(monkeypatch, mf, kuf, lead_mf, lead_kuf, gov):
    from samverka.needs import services

    from .factories import make_need

    open_window(monkeypatch)
    teams = submitted_need(actor=lead_kuf, admin=kuf, **TEAMS_B)
    other = submitted_need(actor=lead_kuf, admin=kuf, **UNRELATED)
    assert _suggested(**TEAMS_A) == [teams.pk]
    index, _changed = selectors.corpus_index()
    builds = selectors.corpus_index_builds()

    # A digital lead writes and edits a draft: nothing to suggest, nothing rebuilt.
    draft = make_need(actor=lead_mf, admin=mf, **TEAMS_A)
    services.need_update(actor=lead_mf, need=draft, title="Manualer och kurser i Teams")
    assert _suggested(**TEAMS_A) == [teams.pk]
    assert selectors.corpus_index()[1] == frozenset()  # drafts are not counted as changes

    # An edited text is scored with its new words, the old ones in the index no longer count.
    _edit_text(other, TEAMS_B)
    _edit_text(teams, UNRELATED)
    assert _suggested(**TEAMS_A) == [other.pk]
    assert _suggested(**UNRELATED) == [teams.pk]

    # A new need of another administration is found.
    newer = submitted_need(actor=lead_kuf, admin=kuf, **TEAMS_B)
    assert sorted(_suggested(**TEAMS_A)) == sorted([other.pk, newer.pk])

    # Merged and rejected needs are no longer suggested.
    services.need_merge(actor=gov, need=newer, into=other)
    assert _suggested(**TEAMS_A) == [other.pk]
    services.need_reject(actor=gov, need=other, reason="Ingår redan i avtalet.")
    assert _suggested(**TEAMS_A) == []
    # Status changes that keep a need in play keep it suggested, from the index.
    services.need_prepare(actor=gov, need=teams)
    assert _suggested(**UNRELATED) == [teams.pk]

    index_after, changed = selectors.corpus_index()
    assert index_after is index and selectors.corpus_index_builds() == builds
    assert changed == {teams.pk, other.pk, newer.pk}


@pytest.mark.django_db
def test_a_change_written_by_another_process_is_seen(monkeypatch, mf, kuf, lead_mf, lead_kuf):
    import datetime as dt

    from django.utils import timezone

    from samverka.needs.models import Need

    open_window(monkeypatch)
    teams = submitted_need(actor=lead_kuf, admin=kuf, **TEAMS_B)
    other = submitted_need(actor=lead_kuf, admin=kuf, **UNRELATED)
    assert _suggested(**TEAMS_A) == [teams.pk]
    index, _changed = selectors.corpus_index()
    builds = selectors.corpus_index_builds()

    # Another worker rewrites a need (no signal reaches this process; only the row changes).
    Need.objects.filter(pk=other.pk).update(
        search_tokens=similarity.token_string(TEAMS_B["title"], TEAMS_B["title"], TEAMS_B["description"]),
        updated_at=timezone.now(),
    )
    assert sorted(_suggested(**TEAMS_A)) == sorted([teams.pk, other.pk])
    # ... and rejects one in a transaction that committed after this process last looked, with
    # a time a little before that look: still seen.
    Need.objects.filter(pk=teams.pk).update(
        status=Need.Status.REJECTED, updated_at=timezone.now() - dt.timedelta(seconds=10)
    )
    assert _suggested(**TEAMS_A) == [other.pk]
    assert selectors.corpus_index()[0] is index and selectors.corpus_index_builds() == builds


@pytest.mark.django_db
def test_many_changes_rebuild_the_index(monkeypatch, mf, kuf, lead_mf, lead_kuf):
    open_window(monkeypatch)
    teams = submitted_need(actor=lead_kuf, admin=kuf, **TEAMS_B)
    selectors.corpus_index()
    builds = selectors.corpus_index_builds()
    monkeypatch.setattr(selectors, "REBUILD_AFTER", 2)
    for _ in range(2):
        submitted_need(actor=lead_kuf, admin=kuf, **UNRELATED)
    assert selectors.corpus_index_builds() == builds and len(selectors.corpus_index()[1]) == 2
    submitted_need(actor=lead_kuf, admin=kuf, **UNRELATED)
    index, changed = selectors.corpus_index()
    assert selectors.corpus_index_builds() == builds + 1
    assert len(index) == 4 and changed == frozenset()
    assert _suggested(**TEAMS_A) == [teams.pk]


@pytest.mark.django_db
def test_an_index_of_rows_that_are_gone_is_built_again(monkeypatch, mf, kuf, lead_mf, lead_kuf):
    """As after a rolled-back transaction or a restore: the newest need the index read is gone."""
    from samverka.needs.models import Need

    open_window(monkeypatch)
    submitted_need(actor=lead_kuf, admin=kuf, **TEAMS_B)
    last = submitted_need(actor=lead_kuf, admin=kuf, **UNRELATED)
    selectors.corpus_index()
    builds = selectors.corpus_index_builds()
    Need.history.filter(id=last.pk).delete()
    Need.objects.filter(pk=last.pk).delete()
    index, _changed = selectors.corpus_index()
    assert selectors.corpus_index_builds() == builds + 1 and len(index) == 1
