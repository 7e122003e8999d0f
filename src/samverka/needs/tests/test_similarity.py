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
