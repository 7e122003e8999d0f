import datetime as dt

import pytest
from django.utils import timezone

from samverka.core.errors import DomainError
from samverka.registry import services
from samverka.registry.tests.factories import CaseSeriesFactory, open_case, registrar_for

pytestmark = pytest.mark.django_db


def test_a_case_cannot_be_opened_before_case_numbers_had_four_digit_years():
    series = CaseSeriesFactory()
    with pytest.raises(DomainError, match="före år 1900"):
        services.case_open(actor=registrar_for(series), series=series, title="Gammalt", opened_on=dt.date(99, 1, 1))


def test_a_case_cannot_be_closed_in_the_future():
    case = open_case()
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(DomainError, match="framtiden"):
        services.case_close(actor=registrar_for(case.series), case=case, reason="Klart", closed_on=tomorrow)
    case.refresh_from_db()
    assert case.status == case.Status.OPEN


def test_a_long_closing_reason_is_kept_in_the_case_and_shortened_in_the_history():
    case = open_case()
    reason = "Ärendet är färdigbehandlat och beslutet har expedierats till samtliga nämnder. " * 3
    services.case_close(actor=registrar_for(case.series), case=case, reason=reason)
    case.refresh_from_db()
    assert case.closing_reason == reason.strip()
    assert len(case.history.first().history_change_reason) <= 100
