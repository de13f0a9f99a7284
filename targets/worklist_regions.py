"""The kabupaten/kota side of the worklist and of the reminders.

A regency operator: the quarters whose figures of the series reported by region are still to be sent
(returned with the bureau's reason first), with the due date of the reporting calendar. A bureau's
staff: per quarter, how many regency figures of their series wait for their review. The head: on a
province quarter waiting for approval, how many kabupaten/kota each series reported by region covers.
Each is read in a fixed number of queries whatever the number of regencies.
"""

from __future__ import annotations

import dataclasses
import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Min

from targets import deadlines
from targets.choices import Aggregation, RegionalStatus, Status
from targets.models import Bureau, Indicator, Realization, Region, RegionalRealization
from targets.regions import ROLLED_UP, RollUp, Term, expected_names, regencies, roll_up, roll_up_ratio
from targets.schedule import Due, ReportingCalendar

# A regency's figure is sent once the bureau has it: waiting for review, or accepted.
SENT = frozenset({RegionalStatus.SUBMITTED, RegionalStatus.ACCEPTED})


@dataclass(frozen=True)
class RegionQuarter:
    """A kabupaten/kota's quarter with figures still to send: which series, and which were returned."""

    region: Region
    year: int
    quarter: int
    due: Due
    ended: bool
    working_days_late: int
    working_days_left: int
    # The series with no figure yet, or only a draft.
    outstanding: tuple[Indicator, ...] = ()
    # The figures the owning bureau returned, each with its reason.
    returned: tuple[RegionalRealization, ...] = ()
    # Set when narrowed to one bureau's series (the reminders go out per owning bureau).
    bureau: Bureau | None = None

    # Listed only while something is still to send: always open.
    is_open = True

    @property
    def is_late(self) -> bool:
        return self.working_days_late > 0

    @property
    def is_due_soon(self) -> bool:
        return (
            self.ended
            and not self.is_late
            and self.working_days_left <= settings.REMINDER_WORKING_DAYS_BEFORE_DUE
        )

    def of_bureau(self, bureau: Bureau) -> RegionQuarter | None:
        """The same quarter narrowed to one bureau's series, or None when it has nothing to send there."""
        outstanding = tuple(s for s in self.outstanding if s.bureau_id == bureau.pk)
        returned = tuple(r for r in self.returned if r.indicator.bureau_id == bureau.pk)
        if not outstanding and not returned:
            return None
        return dataclasses.replace(self, outstanding=outstanding, returned=returned, bureau=bureau)


def entered_by_region():
    """The series the kabupaten/kota enter: reported by region, and not a ratio (computed from two series)."""
    return (
        Indicator.objects.filter(by_region=True)
        .exclude(aggregation=Aggregation.RATIO)
        .select_related("bureau")
    )


def regional_quarters(
    today: datetime.date, regions: list[Region], first_year: int, calendar: ReportingCalendar | None = None
) -> list[RegionQuarter]:
    """Every begun quarter since `first_year` in which a region still has figures to send, oldest first.

    A series whose province quarter the head has approved is locked and asks nothing more. Four queries
    (three with a calendar passed in): the series, the regions' figures, the approved province figures,
    the planners' due dates.
    """
    if not regions:
        return []
    series = list(entered_by_region())
    if not series:
        return []
    years = range(first_year, today.year + 1)
    figures = {
        (f.indicator_id, f.region_id, f.year, f.quarter): f
        for f in RegionalRealization.objects.filter(
            region__in=regions, indicator__in=series, year__gte=first_year, year__lte=today.year
        ).select_related("indicator__bureau")
    }
    approved = set(
        Realization.objects.filter(
            indicator__in=series, year__gte=first_year, year__lte=today.year, status=Status.APPROVED
        ).values_list("indicator_id", "year", "quarter")
    )
    calendar = calendar or ReportingCalendar.load(years)
    found = []
    for year in years:
        for quarter in (1, 2, 3, 4):
            if not deadlines.has_begun(year, quarter, today):
                continue
            due = calendar.due(year, quarter)
            for region in regions:
                outstanding, returned = [], []
                for s in series:
                    if (s.pk, year, quarter) in approved:
                        continue
                    figure = figures.get((s.pk, region.pk, year, quarter))
                    if figure is not None and figure.status == RegionalStatus.RETURNED:
                        returned.append(figure)
                    elif figure is None or figure.status not in SENT:
                        outstanding.append(s)
                if outstanding or returned:
                    found.append(
                        RegionQuarter(
                            region,
                            year,
                            quarter,
                            due,
                            ended=deadlines.has_ended(year, quarter, today),
                            working_days_late=calendar.working_days_late(due, today),
                            working_days_left=calendar.working_days_left(due, today),
                            outstanding=tuple(outstanding),
                            returned=tuple(returned),
                        )
                    )
    return found


@dataclass(frozen=True)
class ReviewQuarter:
    """A bureau's quarter in which regency figures wait for the bureau's review."""

    bureau: Bureau
    year: int
    quarter: int
    waiting: int
    # When the oldest of them was last changed: sent, or saved before sending.
    since: datetime.datetime


def review_quarters(bureaus: list[Bureau]) -> list[ReviewQuarter]:
    """Per bureau and quarter, the regency figures of its series waiting for its review (one query)."""
    by_pk = {bureau.pk: bureau for bureau in bureaus}
    rows = (
        RegionalRealization.objects.filter(
            status=RegionalStatus.SUBMITTED, indicator__bureau__in=bureaus, indicator__by_region=True
        )
        .values_list("indicator__bureau_id", "year", "quarter")
        .annotate(waiting=Count("pk"), since=Min("updated_at"))
        .order_by("year", "quarter", "indicator__bureau_id")
    )
    return [
        ReviewQuarter(by_pk[bureau_id], year, quarter, waiting, since)
        for bureau_id, year, quarter, waiting, since in rows
    ]


@dataclass(frozen=True)
class SeriesCoverage:
    """How many kabupaten/kota a series reported by region covers in one quarter."""

    indicator: Indicator
    roll_up: RollUp


def coverage_of(periods: set[tuple[int, int, int]]) -> dict[tuple[int, int, int], list[SeriesCoverage]]:
    """For each (bureau, year, quarter), the accepted coverage of each of the bureau's series reported by
    region, ratios included (three queries: the series, the regencies, the accepted figures)."""
    if not periods:
        return {}
    bureau_ids = {bureau_id for bureau_id, _year, _quarter in periods}
    series = list(
        Indicator.objects.filter(by_region=True, bureau_id__in=bureau_ids).select_related(
            "numerator", "denominator"
        )
    )
    if not series:
        return {}
    expected = expected_names(regencies())
    years = {year for _bureau, year, _quarter in periods}
    figures = defaultdict(dict)
    rows = RegionalRealization.objects.filter(
        status__in=ROLLED_UP, year__in=years, indicator__by_region=True
    ).values_list("indicator_id", "year", "quarter", "region_id", "value")
    for indicator_id, year, quarter, region_id, value in rows:
        figures[indicator_id, year, quarter][region_id] = value
    found = defaultdict(list)
    for bureau_id, year, quarter in sorted(periods):
        for s in series:
            if s.bureau_id != bureau_id:
                continue
            if s.is_ratio:
                numerator, denominator = s.numerator, s.denominator
                result = roll_up_ratio(
                    Term(numerator.aggregation, numerator.unit, figures[numerator.pk, year, quarter]),
                    Term(denominator.aggregation, denominator.unit, figures[denominator.pk, year, quarter]),
                    s.multiplier,
                    expected,
                )
            else:
                result = roll_up(s.aggregation, s.unit, figures[s.pk, year, quarter], expected)
            found[bureau_id, year, quarter].append(SeriesCoverage(s, result))
    return found


@dataclass(frozen=True)
class QuarterMissing:
    """The kabupaten/kota that have not sent a series' figure of one quarter, in the region tree's order."""

    quarter: int
    due: Due
    regions: tuple[Region, ...]
    expected: int


@dataclass(frozen=True)
class SeriesMissing:
    indicator: Indicator
    quarters: tuple[QuarterMissing, ...]


def missing_regency_figures(
    year: int, quarters: list[int], regions: list[Region], calendar: ReportingCalendar
) -> list[SeriesMissing]:
    """For each series reported by region, per quarter, the regions among `regions` that have not sent its
    figure (two queries: the series and the figures sent). Series and quarters with none missing are left
    out."""
    if not quarters or not regions:
        return []
    series = list(entered_by_region())
    sent = set(
        RegionalRealization.objects.filter(
            indicator__in=series, region__in=regions, year=year, quarter__in=quarters, status__in=SENT
        ).values_list("indicator_id", "region_id", "quarter")
    )
    found = []
    for s in series:
        missing = []
        for quarter in quarters:
            names = tuple(region for region in regions if (s.pk, region.pk, quarter) not in sent)
            if names:
                missing.append(QuarterMissing(quarter, calendar.due(year, quarter), names, len(regions)))
        if missing:
            found.append(SeriesMissing(s, tuple(missing)))
    return found
