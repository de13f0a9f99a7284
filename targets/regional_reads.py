"""What the regency operator's entry page and the owning bureau's review page show: plain reads in a
fixed number of queries, whatever the number of series and regencies. Every change goes through
targets.regional_entry.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.utils.translation import gettext as _

from targets.choices import Aggregation, QuarterState, RegionalStatus, Unit
from targets.entry import previous_period, state_of
from targets.models import Bureau, Indicator, Realization, Region, RegionalRealization, RegionalTarget
from targets.regional_entry import OPERATOR_EDITABLE, regional_series
from targets.regions import ROLLED_UP, RollUp, adds_up, expected_names, regencies, roll_up


def current_period(today: datetime.date) -> tuple[int, int]:
    """The year and quarter that `today` falls in: where an operator's navigation lands."""
    return today.year, (today.month - 1) // 3 + 1


def province_states(bureau_ids, year: int, quarter: int) -> dict[int, QuarterState]:
    """The state of each bureau's province quarter (one query)."""
    statuses = defaultdict(set)
    rows = (
        Realization.objects.filter(indicator__bureau_id__in=bureau_ids, year=year, quarter=quarter)
        .exclude(indicator__aggregation=Aggregation.RATIO)
        .values_list("indicator__bureau_id", "status")
    )
    for bureau_id, status in rows:
        statuses[bureau_id].add(status)
    return {bureau_id: state_of(statuses[bureau_id]) for bureau_id in bureau_ids}


@dataclass
class RegionalEntryRow:
    """One series on the operator's page, with the regency's own target and previous quarter."""

    indicator: Indicator
    target: RegionalTarget | None
    previous: RegionalRealization | None
    current: RegionalRealization | None
    province_approved: bool = False
    form: object = None

    @property
    def version(self) -> int:
        return self.current.version if self.current is not None else 0

    @property
    def is_locked(self) -> bool:
        if self.province_approved:
            return True
        return self.current is not None and self.current.status not in OPERATOR_EDITABLE

    @property
    def is_returned(self) -> bool:
        return self.current is not None and self.current.status == RegionalStatus.RETURNED

    @property
    def example(self) -> str:
        if self.indicator.unit == Unit.RUPIAH:
            return _("contoh: 222.000.000.000")
        if self.indicator.unit == Unit.PERCENT:
            return _("contoh: 1,12 (tanpa tanda %)")
        return _("contoh: 1.311")


@dataclass
class RegionQuarter:
    """A regency's quarter as its operator sees it: the series reported by region, grouped by bureau."""

    region: Region
    year: int
    quarter: int
    groups: list[tuple[Bureau, list[RegionalEntryRow]]] = field(default_factory=list)

    @property
    def rows(self) -> list[RegionalEntryRow]:
        return [row for _bureau, rows in self.groups for row in rows]

    @property
    def editable(self) -> bool:
        return any(not row.is_locked for row in self.rows)


def load_region_quarter(region: Region, year: int, quarter: int) -> RegionQuarter:
    """The operator's page in four queries: the series (with their bureaus), the regency's targets for the
    year, its figures of this quarter and the previous one, and the bureaus' province states."""
    series = list(
        regional_series().select_related("bureau").order_by("bureau__order", "bureau__name", "order")
    )
    targets = {
        t.indicator_id: t
        for t in RegionalTarget.objects.filter(indicator__in=series, region=region, year=year)
    }
    previous = previous_period(year, quarter)
    figures = defaultdict(dict)
    for row in RegionalRealization.objects.filter(indicator__in=series, region=region).filter(
        Q(year=year, quarter=quarter) | Q(year=previous[0], quarter=previous[1])
    ):
        figures[(row.year, row.quarter)][row.indicator_id] = row
    states = province_states({s.bureau_id for s in series}, year, quarter)
    grouped = defaultdict(list)
    bureaus = {}
    for s in series:
        bureaus[s.bureau_id] = s.bureau
        grouped[s.bureau_id].append(
            RegionalEntryRow(
                s,
                targets.get(s.pk),
                figures[previous].get(s.pk),
                figures[(year, quarter)].get(s.pk),
                province_approved=states[s.bureau_id] == QuarterState.APPROVED,
            )
        )
    return RegionQuarter(region, year, quarter, [(bureaus[pk], rows) for pk, rows in grouped.items()])


@dataclass(frozen=True)
class ReviewCell:
    """One regency's figure of a series on the review page; None where it has not entered one."""

    region: Region
    figure: RegionalRealization | None

    @property
    def is_submitted(self) -> bool:
        return self.figure is not None and self.figure.status == RegionalStatus.SUBMITTED

    @property
    def is_accepted(self) -> bool:
        return self.figure is not None and self.figure.status == RegionalStatus.ACCEPTED


@dataclass(frozen=True)
class ReviewSeries:
    indicator: Indicator
    cells: list[ReviewCell]
    roll_up: RollUp
    province: Realization | None

    @property
    def submitted(self) -> list[ReviewCell]:
        return [cell for cell in self.cells if cell.is_submitted]

    @property
    def derivable(self) -> bool:
        return adds_up(self.indicator.aggregation, self.indicator.unit)

    @property
    def province_matches(self) -> bool:
        return self.province is not None and self.province.value == self.roll_up.value


@dataclass
class BureauReview:
    """The owning bureau's review of its regencies' figures for a quarter."""

    bureau: Bureau
    year: int
    quarter: int
    series: list[ReviewSeries]
    province_state: QuarterState

    @property
    def pending(self) -> int:
        return sum(len(s.submitted) for s in self.series)

    @property
    def province_open(self) -> bool:
        return self.province_state in {QuarterState.EMPTY, QuarterState.DRAFT, QuarterState.RETURNED}


def series_roll_up(series: Indicator, figures: dict[int, Decimal], expected: dict[int, str]) -> RollUp:
    return roll_up(series.aggregation, series.unit, figures, expected)


def load_review(bureau: Bureau, year: int, quarter: int) -> BureauReview:
    """The review page in four queries: the bureau's series reported by region, the regencies, their
    figures of the quarter, and the bureau's province figures of the quarter (which give its state)."""
    series = list(regional_series(bureau))
    regions = regencies()
    expected = expected_names(regions)
    figures = defaultdict(dict)
    for row in RegionalRealization.objects.filter(
        indicator__in=series, year=year, quarter=quarter
    ).select_related("updated_by"):
        figures[row.indicator_id][row.region_id] = row
    province = {
        r.indicator_id: r
        for r in Realization.objects.filter(indicator__bureau=bureau, year=year, quarter=quarter).exclude(
            indicator__aggregation=Aggregation.RATIO
        )
    }
    reviewed = []
    for s in series:
        accepted = {
            region_id: row.value for region_id, row in figures[s.pk].items() if row.status in ROLLED_UP
        }
        reviewed.append(
            ReviewSeries(
                s,
                [ReviewCell(region, figures[s.pk].get(region.pk)) for region in regions],
                series_roll_up(s, accepted, expected),
                province.get(s.pk),
            )
        )
    state = state_of(r.status for r in province.values())
    return BureauReview(bureau, year, quarter, reviewed, state)
