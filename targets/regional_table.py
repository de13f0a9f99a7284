"""The regency table of an indicator reported by region: each kabupaten/kota's figure to date, its own
target, achievement and category, whether it has reported the quarter, and the roll-up of those that
have. Built for any number of indicators in three queries, whatever the number of regencies; for a
national tree, a page of many indicators asks for a summary instead (regency_overview).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import F, Q, Sum, Value

from targets import progress
from targets.choices import Aggregation, RegionalStatus
from targets.models import Indicator, Region, RegionalRealization, RegionalTarget
from targets.readmodel import (
    SeriesData,
    carried,
    quarter_figures,
    ratio_terms,
    source_series_ids,
)
from targets.regions import (
    ROLLED_UP,
    Place,
    RollUp,
    Term,
    expected_names,
    regency_index,
    roll_up,
    roll_up_ratio,
)

# {region id: SeriesData}: each regency's figures, read the way the province's are.
RegionalSeries = dict[int, SeriesData]


@dataclass(frozen=True)
class RegencyRow:
    region: Place | Region
    official: progress.Standing
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
        """The `few` highest achievements and the `few` lowest of the others (`extremes`)."""
        return extremes([row for row in self.by_achievement if row.official.achievement is not None], few)


def extremes(ranked: list, few: int) -> tuple[list, list]:
    """Of a list ranked best first: the `few` first, best first, and the `few` last of the others,
    lowest first: what a page that cannot list hundreds of regencies names."""
    highest = ranked[:few]
    return highest, ranked[len(highest) :][::-1][:few]


def _standing(
    indicator, series: SeriesData, target, year: int, quarter: int, totals=None
) -> progress.Standing:
    return progress.standing(
        aggregation=indicator.aggregation,
        direction=indicator.direction,
        quarters=quarter_figures(indicator, series, year, ROLLED_UP),
        upto=quarter,
        annual_target=target,
        carried=carried(indicator, series, year, ROLLED_UP, totals),
    )


def _has(series: SeriesData, series_id: int, year: int, quarter: int, statuses) -> bool:
    entry = series.get(series_id, {}).get(year, {}).get(quarter)
    return entry is not None and entry[1] in statuses


def _roll_up(indicator, tables: RegionalSeries, reported: dict, year, quarter, expected) -> RollUp:
    """The regencies' figures to date that reported the quarter, rolled up by the indicator's kind;
    `reported`: {region id: its figure to date} of those that reported (a ratio's figures are not
    added: its terms are read again)."""
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
    return roll_up(indicator.aggregation, indicator.unit, reported, expected)


def _row(
    indicator, region: Place | Region, series: SeriesData, targets: dict, year: int, quarter: int, totals=None
) -> RegencyRow:
    """One regency's line for an indicator; `targets`: {(indicator id, region id): this year's target};
    `totals`: the regency's CarriedTotals where the database summed the earlier years."""
    sources = source_series_ids(indicator)
    return RegencyRow(
        region,
        _standing(indicator, series, targets.get((indicator.pk, region.pk)), year, quarter, totals),
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


def _recent_and_carried(series_ids, indicators: list[Indicator], year: int, quarter: int):
    """In one query: every regency's figures of this year up to the quarter, last year's of a ratio's
    denominator (which it may borrow), and for the cumulative indicators the plan period's earlier
    years summed by the database per regency and status, as rows of the year CARRIED_YEAR. A national
    tree of ten years would otherwise read every quarter of every year into Python."""
    denominators = [i.denominator_id for i in indicators if i.is_ratio]
    recent = (
        _figures(series_ids, year - 1, year)
        .filter(Q(year=year, quarter__lte=quarter) | Q(year=year - 1, indicator_id__in=denominators))
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
    """{(indicator id, region id): value} of this year's regency targets."""
    return {
        (indicator_id, region_id): value
        for indicator_id, region_id, value in regional_targets.filter(year=year)
        .order_by()
        .values_list("indicator_id", "region_id", "value")
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


@dataclass(frozen=True)
class RegionalFigures:
    """What the regency tables and summaries of some indicators are made from, read in three queries."""

    regions: list[Place]
    tables: RegionalSeries
    # {region id: CarriedTotals}
    totals: dict
    # {(indicator id, region id): this year's target value}
    targets: dict

    def row(self, indicator, region: Place, year: int, quarter: int) -> RegencyRow:
        return _row(
            indicator, region, self.tables[region.pk], self.targets, year, quarter, self.totals[region.pk]
        )

    def reported(self, indicator, region: Place, year: int, quarter: int) -> bool:
        series = self.tables[region.pk]
        return all(_has(series, s, year, quarter, ROLLED_UP) for s in source_series_ids(indicator))

    def to_date(self, indicator, region: Place, year: int, quarter: int) -> Decimal | None:
        """The regency's accepted figure to date, as its row's assessment finds it."""
        series = self.tables[region.pk]
        return progress.realization_to_date(
            indicator.aggregation,
            quarter_figures(indicator, series, year, ROLLED_UP),
            quarter,
            carried(indicator, series, year, ROLLED_UP, self.totals[region.pk]),
        )


def _read(indicators: list[Indicator], year: int, quarter: int, regions=None) -> RegionalFigures:
    """Three queries: the regencies (`regency_index`, unless given), the regency figures of every series
    the indicators draw on up to the quarter (`_recent_and_carried`), and the regency targets."""
    series_ids = {series_id for indicator in indicators for series_id in source_series_ids(indicator)}
    tables: RegionalSeries = defaultdict(lambda: defaultdict(lambda: defaultdict(dict)))
    totals: dict = defaultdict(lambda: defaultdict(dict))
    regions = regency_index() if regions is None else regions
    for region_id, series_id, y, q, value, status in _recent_and_carried(
        series_ids, indicators, year, quarter
    ):
        if y == CARRIED_YEAR:
            totals[region_id][series_id][status] = value
        else:
            tables[region_id][series_id][y][q] = (value, status)
    targets = _targets(RegionalTarget.objects.filter(indicator__in=indicators), year)
    return RegionalFigures(regions, tables, totals, targets)


def regency_tables(indicators: list[Indicator], year: int, quarter: int) -> dict[int, RegencyTable]:
    """{indicator id: RegencyTable} for the indicators reported by region, in three queries (`_read`)."""
    indicators = [indicator for indicator in indicators if indicator.by_region]
    return _tables(indicators, _read(indicators, year, quarter), year, quarter) if indicators else {}


def _tables(indicators, figures: RegionalFigures, year: int, quarter: int) -> dict[int, RegencyTable]:
    expected = expected_names(figures.regions)
    result = {}
    for indicator in indicators:
        rows = [figures.row(indicator, region, year, quarter) for region in figures.regions]
        reported = {row.region.pk: row.official.realization for row in rows if row.reported}
        result[indicator.pk] = RegencyTable(
            indicator,
            year,
            quarter,
            rows,
            _roll_up(indicator, figures.tables, reported, year, quarter, expected),
        )
    return result


@dataclass(frozen=True)
class RegencySummary:
    """An indicator's regencies in brief, for a page that cannot list hundreds of them: how many there
    are, their roll-up, and the rows of the highest and the lowest achievements."""

    indicator: Indicator
    year: int
    quarter: int
    count: int
    roll_up: RollUp
    # Best first; then the lowest of the others, lowest first.
    highest: list[RegencyRow]
    lowest: list[RegencyRow]


def regency_overview(
    indicators: list[Indicator], year: int, quarter: int, *, most: int, few: int, regions=None
) -> dict[int, RegencyTable | RegencySummary]:
    """{indicator id: its RegencyTable, or where the tree has more than `most` regencies its
    RegencySummary naming the `few` highest and lowest}, in the three queries of `regency_tables` (two
    when the caller has read the `regions`): what a page of many indicators can show of a national tree."""
    indicators = [indicator for indicator in indicators if indicator.by_region]
    if not indicators:
        return {}
    figures = _read(indicators, year, quarter, regions)
    if len(figures.regions) <= most:
        return _tables(indicators, figures, year, quarter)
    return _summaries(indicators, figures, year, quarter, few)


def _summaries(
    indicators, figures: RegionalFigures, year: int, quarter: int, few: int
) -> dict[int, RegencySummary]:
    """Every regency's figure to date and achievement are found as its row's are, but only the `few`
    highest and lowest are assessed in full: the rest of a national tree is not shown."""
    expected = expected_names(figures.regions)
    result = {}
    for indicator in indicators:
        reported, achieved = {}, []
        for region in figures.regions:
            realized = figures.to_date(indicator, region, year, quarter)
            if figures.reported(indicator, region, year, quarter):
                reported[region.pk] = realized
            target = figures.targets.get((indicator.pk, region.pk))
            achieved_by = progress.achievement(realized, target, indicator.direction)
            if achieved_by is not None:
                achieved.append((achieved_by, region))
        # Best first, ties in the tree's order (as RegencyTable.by_achievement).
        ranked = [region for _achieved, region in sorted(achieved, key=lambda pair: pair[0], reverse=True)]
        highest, lowest = extremes(ranked, few)
        result[indicator.pk] = RegencySummary(
            indicator,
            year,
            quarter,
            len(figures.regions),
            _roll_up(indicator, figures.tables, reported, year, quarter, expected),
            [figures.row(indicator, region, year, quarter) for region in highest],
            [figures.row(indicator, region, year, quarter) for region in lowest],
        )
    return result
