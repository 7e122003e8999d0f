import pytest

from samverka.core.errors import DomainError, PermissionDenied
from samverka.needs import policies, selectors, services
from samverka.organisation.models import Body, Role
from samverka.organisation.tests.factories import AdministrationFactory, BodyFactory, user_with_role

from .factories import make_need, open_window, ranking_criteria, submitted_need

pytestmark = pytest.mark.django_db


@pytest.fixture
def scored(monkeypatch, mf, kuf, lead_mf, lead_kuf, gov):
    window = open_window(monkeypatch)
    year = window.plan_year
    benefit, cost = ranking_criteria(actor=gov, plan_year=year)
    a = submitted_need(actor=lead_mf, admin=mf, title="A")
    b = submitted_need(actor=lead_kuf, admin=kuf, title="B")
    # A: great benefit, expensive. B: little benefit, cheap.
    for member in (lead_mf, lead_kuf):
        services.score_set(actor=member, need=a, criterion=benefit, value=5)
        services.score_set(actor=member, need=a, criterion=cost, value=1)
        services.score_set(actor=member, need=b, criterion=benefit, value=2)
        services.score_set(actor=member, need=b, criterion=cost, value=5)
    return {"year": year, "a": a, "b": b, "benefit": benefit, "cost": cost}


def test_ranking_scores_and_order(scored):
    criteria, rows = selectors.ranking(scored["year"])
    assert [r.need_id for r in rows] == [scored["a"].pk, scored["b"].pk]
    assert rows[0].score == pytest.approx((3 * 5 + 1 * 1) / 4)
    assert rows[1].score == pytest.approx((3 * 2 + 1 * 5) / 4)
    assert rows[0].scorer_count == 2
    assert all(r.movement == 0 for r in rows)


def test_what_if_weights_move_the_rank(scored):
    weights = {scored["benefit"].pk: 1, scored["cost"].pk: 5}
    _criteria, rows = selectors.ranking(scored["year"], weights=weights)
    assert [r.need_id for r in rows] == [scored["b"].pk, scored["a"].pk]
    b, a = rows
    assert (b.rank, b.base_rank, b.movement) == (1, 2, 1)
    assert (a.rank, a.base_rank, a.movement) == (2, 1, -1)


def test_a_new_score_replaces_the_members_old_one(scored, lead_mf):
    services.score_set(actor=lead_mf, need=scored["a"], criterion=scored["benefit"], value=0)
    assert scored["a"].scores.filter(criterion=scored["benefit"]).count() == 2


@pytest.mark.parametrize("bad", [-1, 6, "3"])
def test_bad_scores_refused(scored, lead_mf, bad):
    with pytest.raises(DomainError, match="0 till 5"):
        services.score_set(actor=lead_mf, need=scored["a"], criterion=scored["benefit"], value=bad)


def test_only_forum_members_score(scored, gov):
    with pytest.raises(PermissionDenied, match="samverkansforumet"):
        services.score_set(actor=gov, need=scored["a"], criterion=scored["benefit"], value=3)
    forum = BodyFactory(short_name="SAMV", name="Samverkansforum", kind=Body.Kind.FORUM)
    member = user_with_role(Role.READER, body=forum)
    services.score_set(actor=member, need=scored["a"], criterion=scored["benefit"], value=3)


def test_criteria_managed_by_governance_only(lead_mf, gov):
    with pytest.raises(PermissionDenied):
        services.criterion_create(actor=lead_mf, plan_year=2025, name="X", weight=1)
    criterion = services.criterion_create(actor=gov, plan_year=2025, name="X", weight=1)
    with pytest.raises(DomainError, match="finns redan"):
        services.criterion_create(actor=gov, plan_year=2025, name="x", weight=2)
    with pytest.raises(DomainError):
        services.criterion_set_weight(actor=gov, criterion=criterion, weight=101)
    services.criterion_set_weight(actor=gov, criterion=criterion, weight=4)
    assert criterion.history.first().history_change_reason == "Vikten ändrades från 1 till 4"


ROLES = [
    ("digital_lead_own", True, False, False, True),
    ("digital_lead_other", False, False, False, True),
    ("it_governance", False, True, True, False),
    ("administrator", False, True, True, False),
    ("registrar", False, False, False, False),
    ("reader", False, False, False, False),
    ("auditor", False, False, False, False),
]


@pytest.mark.parametrize(("who", "edit", "govern", "late", "score"), ROLES)
def test_policy_matrix(monkeypatch, mf, lead_mf, who, edit, govern, late, score):
    other = AdministrationFactory(short_name="X1", name="Annan förvaltning")
    user = {
        "digital_lead_own": lambda: user_with_role(Role.DIGITAL_LEAD, administration=mf),
        "digital_lead_other": lambda: user_with_role(Role.DIGITAL_LEAD, administration=other),
        "it_governance": lambda: user_with_role(Role.IT_GOVERNANCE),
        "administrator": lambda: user_with_role(Role.ADMINISTRATOR),
        "registrar": lambda: user_with_role(Role.REGISTRAR, administration=mf),
        "reader": lambda: user_with_role(Role.READER),
        "auditor": lambda: user_with_role(Role.AUDITOR),
    }[who]()
    draft = make_need(actor=lead_mf, admin=mf)
    assert policies.can_edit_need(user, draft) is edit
    assert policies.can_submit_need(user, draft) is edit
    assert policies.can_view_need(user, draft) is (edit or who == "digital_lead_own")
    assert policies.can_accept_late_need(user, draft) is late
    for predicate in (policies.can_prepare_need, policies.can_merge_need, policies.can_reject_need):
        assert predicate(user, draft) is govern
    assert policies.can_manage_criteria(user) is govern
    open_window(monkeypatch)
    submitted = submitted_need(actor=lead_mf, admin=mf)
    assert policies.can_score_need(user, submitted) is score
    assert policies.can_view_need(user, submitted) is True
    assert policies.can_edit_need(user, submitted) is False
