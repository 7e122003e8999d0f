import pytest

from samverka.core.pagination import CappedPaginator
from samverka.organisation.models import Role
from samverka.organisation.tests.factories import user_with_role
from samverka.registry.models import Case
from samverka.registry.tests.factories import CaseSeriesFactory, open_case

pytestmark = pytest.mark.django_db


class Rows(list):
    count_cap = 5


def test_a_count_beyond_the_cap_is_reported_as_capped():
    paginator = CappedPaginator(Rows(range(12)), 2)
    assert (paginator.count, paginator.capped, paginator.num_pages) == (5, True, 3)
    exact = CappedPaginator(Rows(range(5)), 2)
    assert (exact.count, exact.capped, exact.num_pages) == (5, False, 3)


def test_a_queryset_is_counted_only_up_to_the_cap(monkeypatch):
    series = CaseSeriesFactory()
    for n in range(4):
        open_case(series=series, title=f"Ärende {n}")
    monkeypatch.setattr("samverka.core.pagination.COUNT_CAP", 3)
    paginator = CappedPaginator(Case.objects.order_by("-id"), 2)
    assert (paginator.count, paginator.capped) == (3, True)
    assert len(paginator.page(2).object_list) == 1


def test_lists_and_the_api_say_when_the_count_is_capped(client, monkeypatch):
    user = user_with_role(Role.ADMINISTRATOR, username="pager")
    series = CaseSeriesFactory()
    for n in range(4):
        open_case(series=series, actor=user, title=f"Ärende {n}")
    client.force_login(user)
    assert "4 ärenden" in client.get("/arenden/").content.decode()
    assert client.get("/api/v1/cases/").json()["count_capped"] is False

    monkeypatch.setattr("samverka.core.pagination.COUNT_CAP", 3)
    assert "Fler än 3 ärenden" in client.get("/arenden/").content.decode()
    body = client.get("/api/v1/cases/").json()
    assert (body["count"], body["count_capped"]) == (3, True)
