"""The reporting calendar as the pages and the reminders read it: each quarter's due date (the planners'
date where they set one, else the working-day rule) and how far a day is from it."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings

from targets import deadlines
from targets.models import ReportingDeadline


@dataclass(frozen=True)
class Due:
    year: int
    quarter: int
    date: datetime.date
    reason: str = ""  # the planners' reason, when they set the date

    @property
    def is_set_by_planners(self) -> bool:
        return bool(self.reason)


class ReportingCalendar:
    """Due dates for a span of years, read in one query."""

    def __init__(self, years: Iterable[int], overrides: Iterable[ReportingDeadline] = ()):
        years = sorted(set(years))
        # A TW IV report is due in the next year.
        span = range(years[0], years[-1] + 2) if years else range(0)
        self.holidays = deadlines.indonesian_holidays(span)
        self.overrides = {(o.year, o.quarter): o for o in overrides}
        self._counted: dict[tuple[datetime.date, datetime.date], int] = {}

    @classmethod
    def load(cls, years: Iterable[int]) -> ReportingCalendar:
        years = list(years)
        return cls(years, ReportingDeadline.objects.filter(year__in=years))

    def due(self, year: int, quarter: int) -> Due:
        override = self.overrides.get((year, quarter))
        if override is not None:
            return Due(year, quarter, override.due_date, override.reason)
        day = deadlines.default_due_date(year, quarter, settings.REPORT_DUE_WORKING_DAYS, self.holidays)
        return Due(year, quarter, day)

    def working_days_late(self, due: Due, today: datetime.date) -> int:
        """Working days from the due date to today: 0 on the due date and before it."""
        return self._between(due.date, today)

    def working_days_left(self, due: Due, today: datetime.date) -> int:
        """Working days from today to the due date: 0 on the due date and after it."""
        return self._between(today, due.date)

    def _between(self, start: datetime.date, end: datetime.date) -> int:
        # Every bureau shares a quarter's due date: count its days once.
        if (start, end) not in self._counted:
            self._counted[start, end] = deadlines.working_days_between(start, end, self.holidays)
        return self._counted[start, end]


def ended_quarters(year: int, today: datetime.date) -> list[int]:
    """The quarters of `year` that have ended: the ones whose reports can be missing."""
    return [q for q in (1, 2, 3, 4) if deadlines.has_ended(year, q, today)]
