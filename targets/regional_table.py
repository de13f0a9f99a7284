"""The regency table of an indicator reported by region: each kabupaten/kota's figure to date, its own
target, achievement and category, whether it has reported the quarter, and the roll-up of those that
have. Built for any number of indicators in three queries, whatever the number of regencies.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Sum, Value

from targets import progress
from targets.choices import Aggregation, RegionalStatus
from targets.models import Indicator, Region, RegionalRealization, RegionalTarget
from targets.readmodel import (
    SeriesData,
    carried,
    counts_whole,
    quarter_figures,
    ratio_terms,
    source_series_ids,
)
from targets.regions import ROLLED_UP, RollUp, Term, expected_names, regencies, roll_up, roll_up_ratio

# {region id: SeriesData}: each regency's figures, read the way the province's are.
RegionalSeries = dict[int, SeriesData]


@dataclass(frozen=True)
class RegencyRow:
    region: Region
    official: progress.Assessment
    # Accepted for the quarter (both terms, for a ratio): counted in the roll-up.
    reported: bool
    # Submitted for the quarter and awaiting the owning bureau's review.
    pending: bool


@dataclass(frozen=True)
class RegencyTable:
    indicator: Indicator
    year: int
    quarter: int
    rows: list[RegencyRow]
    roll_up: RollUp

    @property
    def by_achievement(self) -> list[RegencyRow]:
        """Best first; the regencies without an achievement last, in the tree's order."""
        known = sorted(
            (row for row in self.rows if row.official.achievement is not None),
            key=lambda row: row.official.achievement,
            reverse=True,
        )
        return known + [row for row in self.rows if row.official.achievement is None]

    def extremes(self, few: int) -> tuple[list[RegencyRow], list[RegencyRow]]:
        """The `few` highest achievements, best first, and the `few` lowest of the others, lowest
        first: what a page that cannot list hundreds of regencies names."""
        known = [row for row in self.by_achievement if row.official.achievement is not None]
        highest = known[:few]
        return highest, known[len(highest) :][::-1][:few]


def _start(indicator: Indicator, year: int, previous: Decimal | None):
    """A regency has no baseline of its own: its path starts at last year's regency target, or at zero
    when a cumulative plan period begins."""
    if previous is not None:
        return previous
    if indicator.aggregation == Aggregation.CUMULATIVE and year <= (indicator.period_start or year):
        return progress.ZERO
    return None


def _assess(
    indicator, series: SeriesData, target, previous, year: int, quarter: int, totals=None
) -> progress.Assessment:
    return progress.assess(
        aggregation=indicator.aggregation,
        direction=indicator.direction,
        quarters=quarter_figures(indicator, series, year, ROLLED_UP),
        upto=quarter,
        annual_target=target,
        carried=carried(indicator, series, year, ROLLED_UP, totals),
        target_start=_start(indicator, year, previous),
        counts=counts_whole(indicator),
    )


def _has(series: SeriesData, series_id: int, year: int, quarter: int, statuses) -> bool:
    entry = series.get(series_id, {}).get(year, {}).get(quarter)
    return entry is not None and entry[1] in statuses


def _roll_up(
    indicator, tables: RegionalSeries, reported: list[int], year, quarter, expected, totals=None
) -> RollUp:
    """The regencies' figures to date that reported the quarter, rolled up by the indicator's kind;
    `totals`: {region id: CarriedTotals} where the database summed the earlier years."""
    if indicator.is_ratio:
        terms = {
            region_id: ratio_terms(indicator, tables[region_id], year, quarter, ROLLED_UP)
            for region_id in reported
        }
        known = {region_id: term for region_id, term in terms.items() if term is not None}
        return roll_up_ratio(
            Term(
                indicator.numerator.aggregation,
                indicator.numerator.unit,
                {k: t.numerator for k, t in known.items()},
            ),
            Term(
                indicator.denominator.aggregation,
                indicator.denominator.unit,
                {k: t.denominator for k, t in known.items()},
            ),
            indicator.multiplier,
            expected,
        )
    figures = {
        region_id: progress.realization_to_date(
            indicator.aggregation,
            quarter_figures(indicator, tables[region_id], year, ROLLED_UP),
            quarter,
            carried(
                indicator,
                tables[region_id],
                year,
                ROLLED_UP,
                totals[region_id] if totals is not None else None,
            ),
        )
        for region_id in reported
    }
    return roll_up(indicator.aggregation, indicator.unit, figures, expected)


def _row(
    indicator, region: Region, series: SeriesData, targets: dict, year: int, quarter: int, totals=None
) -> RegencyRow:
    """One regency's line for an indicator; `targets`: {(indicator id, region id, year): target value};
    `totals`: the regency's CarriedTotals where the database summed the earlier years."""
    sources = source_series_ids(indicator)
    return RegencyRow(
        region,
        _assess(
            indicator,
            series,
            targets.get((indicator.pk, region.pk, year)),
            targets.get((indicator.pk, region.pk, year - 1)),
            year,
            quarter,
            totals,
        ),
        reported=all(_has(series, s, year, quarter, ROLLED_UP) for s in sources),
        pending=any(_has(series, s, year, quarter, {RegionalStatus.SUBMITTED}) for s in sources),
    )


def _first_year(indicators: list[Indicator], year: int) -> int:
    return min([year - 1] + [i.period_start for i in indicators if i.period_start])


def _figures(series_ids, first_year: int, year: int):
    return RegionalRealization.objects.filter(
        indicator_id__in=series_ids,
        year__gte=first_year,
        year__lte=year,
        status__in=[RegionalStatus.SUBMITTED, RegionalStatus.ACCEPTED],
    )


# The year of the rows of `_recent_and_carried` that hold a plan period's earlier years summed.
CARRIED_YEAR = 0


def _recent_and_carried(series_ids, indicators: list[Indicator], year: int):
    """In one query: every regency's figures of this year and the last (a ratio borrows last year's
    denominator), and for the cumulative indicators, the plan period's earlier years summed by the
    database per regency and status, as rows of the year CARRIED_YEAR. A national tree of ten years
    would otherwise read every quarter of every year into Python."""
    recent = (
        _figures(series_ids, year - 1, year)
        .order_by()
        .values_list("region_id", "indicator_id", "year", "quarter", "value", "status")
    )
    cumulative = [i.pk for i in indicators if i.aggregation == Aggregation.CUMULATIVE and i.period_start]
    if not cumulative:
        return recent
    earlier = (
        _figures(cumulative, 0, year - 1)
        .filter(year__gte=F("indicator__period_start"))
        .order_by()
        .values("region_id", "indicator_id", "status")
        .annotate(y=Value(CARRIED_YEAR), q=Value(0), total=Sum("value"))
        .values_list("region_id", "indicator_id", "y", "q", "total", "status")
    )
    return recent.union(earlier, all=True)


def _targets(regional_targets, year: int) -> dict:
    """{(indicator id, region id, year): value} of this year's and last year's regency targets."""
    return {
        (indicator_id, region_id, y): value
        for indicator_id, region_id, y, value in regional_targets.filter(year__in=[year - 1, year])
        .order_by()
        .values_list("indicator_id", "region_id", "year", "value")
    }


def regency_rows(
    indicators: list[Indicator], year: int, quarter: int, region: Region
) -> dict[int, RegencyRow]:
    """{indicator id: RegencyRow}: one kabupaten/kota's figures of the indicators reported by region. Two
    queries, the regency's figures of every series they draw on and its targets, whatever the number of
    indicators or regencies."""
    indicators = [indicator for indicator in indicators if indicator.by_region]
    if not indicators:
        return {}
    series_ids = {series_id for indicator in indicators for series_id in source_series_ids(indicator)}
    series: SeriesData = defaultdict(lambda: defaultdict(dict))
    for series_id, y, q, value, status in (
        _figures(series_ids, _first_year(indicators, year), year)
        .filter(region=region)
        .values_list("indicator_id", "year", "quarter", "value", "status")
    ):
        series[series_id][y][q] = (value, status)
    targets = _targets(RegionalTarget.objects.filter(indicator__in=indicators, region=region), year)
    return {indicator.pk: _row(indicator, region, series, targets, year, quarter) for indicator in indicators}


def regency_tables(indicators: list[Indicator], year: int, quarter: int) -> dict[int, RegencyTable]:
    """{indicator id: RegencyTable} for the indicators reported by region. Three queries: the regencies,
    the regency figures of every series they draw on (this year's and last year's, with what the
    cumulative ones carry summed by the database), and the regency targets."""
    indicators = [indicator for indicator in indicators if indicator.by_region]
    if not indicators:
        return {}
    regions = regencies()
    series_ids = {series_id for indicator in indicators for series_id in source_series_ids(indicator)}
    tables: RegionalSeries = defaultdict(lambda: defaultdict(lambda: defaultdict(dict)))
    # {region id: CarriedTotals}
    totals: dict = defaultdict(lambda: defaultdict(dict))
    for region_id, series_id, y, q, value, status in _recent_and_carried(series_ids, indicators, year):
        if y == CARRIED_YEAR:
            totals[region_id][series_id][status] = value
        else:
            tables[region_id][series_id][y][q] = (value, status)
    targets = _targets(RegionalTarget.objects.filter(indicator__in=indicators), year)
    expected = expected_names(regions)
    result = {}
    for indicator in indicators:
        rows = [
            _row(indicator, region, tables[region.pk], targets, year, quarter, totals[region.pk])
            for region in regions
        ]
        reported = [row.region.pk for row in rows if row.reported]
        result[indicator.pk] = RegencyTable(
            indicator,
            year,
            quarter,
            rows,
            _roll_up(indicator, tables, reported, year, quarter, expected, totals),
        )
    return result
