import datetime as dt

from samverka.meetings import dates


def test_appeal_period_is_three_weeks_from_posting():
    assert dates.appeal_period_end(dt.date(2023, 10, 20)) == dt.date(2023, 11, 10)


def test_appeal_period_moves_past_weekend_and_holidays():
    # 2023-12-04 + 21 days = Christmas Day, then Boxing Day, then a working Wednesday.
    assert dates.appeal_period_end(dt.date(2023, 12, 4)) == dt.date(2023, 12, 27)
    # Saturday -> Monday.
    assert dates.appeal_period_end(dt.date(2023, 10, 7)) == dt.date(2023, 10, 30)


def test_holidays():
    assert dt.date(2024, 3, 29) in dates.holidays(2024)  # Good Friday
    assert dt.date(2024, 6, 21) in dates.holidays(2024)  # Midsummer eve
    assert dt.date(2024, 11, 2) in dates.holidays(2024)  # All Saints' Day
    assert dates.is_working_day(dt.date(2024, 4, 2))


def test_deadlines():
    assert dates.verification_deadline(dt.date(2020, 10, 5)) == dt.date(2020, 10, 19)
    assert dates.posting_deadline(dt.date(2020, 10, 12)) == dt.date(2020, 10, 14)
