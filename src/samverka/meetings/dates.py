"""The legal deadlines of minutes, with Swedish holidays (lag 1930:173 om beräkning av lagstadgad tid)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from . import conf


def _easter(year: int) -> dt.date:
    """Easter Sunday (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * el) // 451
    month, day = divmod(h + el - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


@lru_cache(maxsize=64)
def holidays(year: int) -> frozenset[dt.date]:
    """Public holidays, and the eves the law treats as holidays (midsummer, Christmas and New Year's eve)."""
    easter = _easter(year)
    midsummer_eve = next(dt.date(year, 6, d) for d in range(19, 26) if dt.date(year, 6, d).weekday() == 4)
    all_saints = next(
        day for day in (dt.date(year, 10, 31) + dt.timedelta(days=n) for n in range(7)) if day.weekday() == 5
    )
    return frozenset(
        {
            dt.date(year, 1, 1),
            dt.date(year, 1, 6),
            easter - dt.timedelta(days=2),
            easter + dt.timedelta(days=1),
            dt.date(year, 5, 1),
            easter + dt.timedelta(days=39),
            dt.date(year, 6, 6),
            midsummer_eve,
            all_saints,
            dt.date(year, 12, 24),
            dt.date(year, 12, 25),
            dt.date(year, 12, 26),
            dt.date(year, 12, 31),
        }
    )


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in holidays(day.year)


def next_working_day(day: dt.date) -> dt.date:
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    return day


def verification_deadline(meeting_day: dt.date) -> dt.date:
    """The minutes must be verified within 14 days of the meeting (KL 5 kap. 69 §, 6 kap. 35 §)."""
    return meeting_day + dt.timedelta(days=conf.VERIFICATION_DAYS)


def posting_deadline(verified_on: dt.date) -> dt.date:
    """The verification is posted no later than the second day after it (KL 8 kap. 12 §)."""
    return verified_on + dt.timedelta(days=conf.POSTING_DAYS)


def appeal_period_end(posted_on: dt.date) -> dt.date:
    """Three weeks from the day of posting (KL 13 kap. 5 §); a last day that is not a working day
    moves to the next working day."""
    return next_working_day(posted_on + dt.timedelta(days=conf.APPEAL_DAYS))
