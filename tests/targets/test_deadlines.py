"""The reporting calendar's arithmetic: working days, Indonesian holidays, due dates."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from targets.deadlines import (
    add_working_days,
    default_due_date,
    indonesian_holidays,
    is_working_day,
    quarter_end,
    working_days_between,
)

D = datetime.date
HOLIDAYS_2026 = indonesian_holidays([2026, 2027])


@pytest.mark.parametrize(
    ("quarter", "end"), [(1, D(2026, 3, 31)), (2, D(2026, 6, 30)), (3, D(2026, 9, 30)), (4, D(2026, 12, 31))]
)
def test_a_quarter_ends_on_the_last_day_of_its_third_month(quarter, end):
    assert quarter_end(2026, quarter) == end


def test_idul_fitri_2026_and_its_cuti_bersama_are_not_working_days():
    # Idul Fitri 1447 H falls on 21–22 March 2026 (a weekend); the government's cuti bersama are
    # 18, 20, 23 and 24 March, and Nyepi is 19 March.
    for day in (18, 19, 20, 23, 24):
        assert not is_working_day(D(2026, 3, day), HOLIDAYS_2026), day
    assert is_working_day(D(2026, 3, 17), HOLIDAYS_2026)
    assert is_working_day(D(2026, 3, 25), HOLIDAYS_2026)


def test_the_lebaran_week_is_skipped_when_counting_working_days():
    # From Tuesday 17 March: 18–24 March are holidays or a weekend, so the third working day is the 27th.
    assert add_working_days(D(2026, 3, 17), 3, HOLIDAYS_2026) == D(2026, 3, 27)
    assert working_days_between(D(2026, 3, 17), D(2026, 3, 27), HOLIDAYS_2026) == 3


def test_without_holidays_only_weekends_are_skipped():
    # Friday 27 March 2026 + 1 working day is Monday 30 March.
    assert add_working_days(D(2026, 3, 27), 1, frozenset()) == D(2026, 3, 30)


@pytest.mark.parametrize(
    ("year", "quarter", "due"),
    [
        # 1 April is day 1; Good Friday (3 April) is a holiday; the tenth working day is 15 April.
        (2026, 1, D(2026, 4, 15)),
        (2026, 3, D(2026, 10, 14)),
        # TW IV: New Year's Day (1 January 2027) and Isra Mi'raj (5 January) are holidays.
        (2026, 4, D(2027, 1, 18)),
    ],
)
def test_a_report_is_due_ten_working_days_after_the_quarter_ends(year, quarter, due):
    assert default_due_date(year, quarter, 10, HOLIDAYS_2026) == due


def test_lateness_counts_working_days_after_the_due_date_only():
    due = D(2026, 10, 14)
    assert working_days_between(due, due, HOLIDAYS_2026) == 0
    assert working_days_between(due, D(2026, 10, 1), HOLIDAYS_2026) == 0
    # Thursday 15 and Friday 16 October; the weekend after them does not count.
    assert working_days_between(due, D(2026, 10, 18), HOLIDAYS_2026) == 2


@given(
    start=st.dates(min_value=D(2025, 1, 1), max_value=D(2027, 12, 1)),
    count=st.integers(min_value=0, max_value=60),
)
def test_counting_back_the_working_days_added_gives_the_same_number(start, count):
    holidays = indonesian_holidays([2025, 2026, 2027, 2028])
    end = add_working_days(start, count, holidays)
    assert working_days_between(start, end, holidays) == count
    assert count == 0 or is_working_day(end, holidays)
