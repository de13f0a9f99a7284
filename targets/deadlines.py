"""The reporting calendar's date arithmetic: quarters' ends, working days, due dates.

Plain dates in, plain dates out; the holidays are passed in as a set, so that every rule here is
tested without a database or the `holidays` package.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable
from functools import lru_cache

import holidays as holiday_data

SATURDAY = 5


def quarter_start(year: int, quarter: int) -> datetime.date:
    return datetime.date(year, 3 * quarter - 2, 1)


def quarter_end(year: int, quarter: int) -> datetime.date:
    if quarter == 4:
        return datetime.date(year, 12, 31)
    return quarter_start(year, quarter + 1) - datetime.timedelta(days=1)


def has_ended(year: int, quarter: int, today: datetime.date) -> bool:
    return quarter_end(year, quarter) < today


def has_begun(year: int, quarter: int, today: datetime.date) -> bool:
    return quarter_start(year, quarter) <= today


def is_working_day(day: datetime.date, holidays: Collection[datetime.date]) -> bool:
    return day.weekday() < SATURDAY and day not in holidays


def add_working_days(start: datetime.date, count: int, holidays: Collection[datetime.date]) -> datetime.date:
    """The `count`-th working day after `start` (`start` itself not counted)."""
    day = start
    while count > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day, holidays):
            count -= 1
    return day


def working_days_between(
    start: datetime.date, end: datetime.date, holidays: Collection[datetime.date]
) -> int:
    """Working days after `start` up to and including `end`; 0 when `end` is not after `start`."""
    count, day = 0, start
    while day < end:
        day += datetime.timedelta(days=1)
        if is_working_day(day, holidays):
            count += 1
    return count


def default_due_date(
    year: int, quarter: int, working_days: int, holidays: Collection[datetime.date]
) -> datetime.date:
    """The report of a quarter is due `working_days` working days after the quarter ends."""
    return add_working_days(quarter_end(year, quarter), working_days, holidays)


def indonesian_holidays(years: Iterable[int]) -> frozenset[datetime.date]:
    """Indonesia's public holidays and the civil service's cuti bersama, for the given years."""
    return _holidays(tuple(sorted(set(years))))


@lru_cache(maxsize=32)
def _holidays(years: tuple[int, ...]) -> frozenset[datetime.date]:
    found = holiday_data.country_holidays(
        "ID", years=years, categories=(holiday_data.PUBLIC, holiday_data.GOVERNMENT)
    )
    return frozenset(found)
