"""The regency table of an indicator reported by region: each kabupaten/kota's figure to date, its own
target, achievement and category, whether it has reported the quarter, and the roll-up of those that
have. Built for any number of indicators in three queries, whatever the number of regencies; for a
national tree, a page of many indicators asks for a summary instead (regency_overview).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Q, Sum

from targets import progress
from targets.choices import Aggregation, RegionalStatus
from targets.models import Indicator, RegencyYear, Region, RegionalRealization, RegionalTarget
from targets.readmodel import (
    SeriesData,
    quarter_figures,
    ratio_terms,
    source_series_ids,
)
from targets.regency_years import CARRIED, FIELDS, PERIOD_START, status_of, value_of
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
    indicator, series: SeriesData, target, year: int, quarter: int, carried: Decimal
) -> progress.Standing:
    return progress.standing(
        aggregation=indicator.aggregation,
        direction=indicator.direction,
        quarters=quarter_figures(indicator, series, year, ROLLED_UP),
        upto=quarter,
        annual_target=target,
        carried=carried,
    )


def _has(series: SeriesData, series_id: int, year: int, quarter: int, statuses) -> bool:
    entry = series.get(series_id, {}).get(year, {}).get(quarter)
    return entry is not None and entry[1] in statuses


def _roll_up(indicator, figures: RegionalFigures, reported: dict, expected) -> RollUp:
    """The regencies' figures to date that reported the quarter, rolled up by the indicator's kind;
    `reported`: {region id: its figure to date} of those that reported (a ratio's figures are not
    added: its terms are read again)."""
    if indicator.is_ratio:
        terms = {
            region_id: ratio_terms(
                indicator, figures.series(region_id), figures.year, figures.quarter, ROLLED_UP
            )
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
    indicator, region: Place | Region, series: SeriesData, target, year: int, quarter: int, carried: Decimal
) -> RegencyRow:
    """One regency's line for an indicator: `series`, its figures; `target`, its target for the year;
    `carried`, what its cumulative figure carries into the year."""
    sources = source_series_ids(indicator)
    return RegencyRow(
        region,
        _standing(indicator, series, target, year, quarter, carried),
        reported=all(_has(series, s, year, quarter, ROLLED_UP) for s in sources),
        pending=any(_has(series, s, year, quarter, {RegionalStatus.SUBMITTED}) for s in sources),
    )


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
    queries (`_read` of the one regency), whatever the number of indicators or regencies."""
    indicators = [indicator for indicator in indicators if indicator.by_region]
    if not indicators:
        return {}
    figures = _read(indicators, year, quarter, [region], among=[region.pk])
    return {indicator.pk: figures.row(indicator, region) for indicator in indicators}


def _years(series_ids, indicators: list[Indicator], year: int, among=None):
    """One query: the RegencyYear rows of every series the indicators draw on for the year, and last
    year's of a ratio's denominator (which it may borrow), of every regency or those `among` (ids). A
    national tree of ten years would otherwise read every quarter of every year into Python to carry
    the cumulative figures."""
    denominators = [i.denominator_id for i in indicators if i.is_ratio]
    rows = RegencyYear.objects.filter(
        Q(indicator_id__in=series_ids, year=year) | Q(indicator_id__in=denominators, year=year - 1)
    )
    if among is not None:
        rows = rows.filter(region_id__in=among)
    return rows.order_by().values_list(*FIELDS)


def _carried_again(indicators: list[Indicator], year: int) -> dict:
    """{(indicator id, region id): accepted total of the plan period's earlier years}, summed from the
    figures: for an indicator whose plan period changed without its RegencyYear rows being rewritten."""
    if not indicators:
        return {}
    return {
        (indicator_id, region_id): total
        for region_id, indicator_id, total in RegionalRealization.objects.filter(
            indicator__in=indicators,
            status__in=ROLLED_UP,
            year__gte=F("indicator__period_start"),
            year__lt=year,
        )
        .order_by()
        .values("region_id", "indicator_id")
        .annotate(total=Sum("value"))
        .values_list("region_id", "indicator_id", "total")
    }


@dataclass(frozen=True)
class RegionalFigures:
    """What the regency tables and summaries of some indicators are made from, read in three queries."""

    regions: list[Place]
    year: int
    quarter: int
    # {(region id, series id, year): its RegencyYear row, as regency_years.FIELDS}
    years: dict
    # {region id: its rows}
    by_region: dict
    # {(indicator id, region id): this year's target value}
    targets: dict
    # What cumulative figures carry where a row was summed from another plan period: _carried_again.
    carried_again: dict
    # {region id: SeriesData}, each regency's made once, for all its indicators.
    _series: dict = field(default_factory=dict, repr=False, compare=False)

    def series(self, region_id: int) -> SeriesData:
        """The regency's figures the way the province's are read, up to the quarter."""
        if region_id not in self._series:
            series: SeriesData = defaultdict(dict)
            for row in self.by_region.get(region_id, ()):
                series_id, y = row[1], row[2]
                upto = self.quarter if y == self.year else 4
                series[series_id][y] = {
                    q: (value_of(row, q), status_of(row, q)) for q in range(1, upto + 1) if status_of(row, q)
                }
            self._series[region_id] = series
        return self._series[region_id]

    def carried(self, indicator: Indicator, region_id: int) -> Decimal:
        """What the regency's figure of a cumulative indicator carries into the year (0 for the others)."""
        if indicator.aggregation != Aggregation.CUMULATIVE or not indicator.period_start:
            return progress.ZERO
        row = self.years.get((region_id, indicator.pk, self.year))
        if row is not None and row[PERIOD_START] == indicator.period_start:
            return row[CARRIED]
        return self.carried_again.get((indicator.pk, region_id), progress.ZERO)

    def row(self, indicator, region: Place | Region) -> RegencyRow:
        return _row(
            indicator,
            region,
            self.series(region.pk),
            self.targets.get((indicator.pk, region.pk)),
            self.year,
            self.quarter,
            self.carried(indicator, region.pk),
        )


def _read(
    indicators: list[Indicator], year: int, quarter: int, regions=None, *, among=None, targets=None
) -> RegionalFigures:
    """Three queries: the regencies (`regency_index`, unless given), the RegencyYear rows of every series
    the indicators draw on and the regency targets (unless given), of the regencies `among` (ids) if
    given; a fourth where a plan period changed."""
    series_ids = {series_id for indicator in indicators for series_id in source_series_ids(indicator)}
    regions = regency_index() if regions is None else regions
    years, by_region = {}, defaultdict(list)
    for row in _years(series_ids, indicators, year, among):
        years[row[0], row[1], row[2]] = row
        by_region[row[0]].append(row)
    cumulative = [i for i in indicators if i.aggregation == Aggregation.CUMULATIVE and i.period_start]
    starts = {i.pk: i.period_start for i in cumulative}
    moved = {
        series_id
        for (_region, series_id, y), row in years.items()
        if y == year and series_id in starts and row[PERIOD_START] != starts[series_id]
    }
    if targets is None:
        targets = RegionalTarget.objects.filter(indicator__in=indicators)
        targets = _targets(targets if among is None else targets.filter(region_id__in=among), year)
    carried_again = _carried_again([i for i in cumulative if i.pk in moved], year)
    return RegionalFigures(regions, year, quarter, years, by_region, targets, carried_again)


def regency_tables(indicators: list[Indicator], year: int, quarter: int) -> dict[int, RegencyTable]:
    """{indicator id: RegencyTable} for the indicators reported by region, in three queries (`_read`)."""
    indicators = [indicator for indicator in indicators if indicator.by_region]
    return _tables(indicators, _read(indicators, year, quarter), year, quarter) if indicators else {}


def _tables(indicators, figures: RegionalFigures, year: int, quarter: int) -> dict[int, RegencyTable]:
    expected = expected_names(figures.regions)
    result = {}
    for indicator in indicators:
        rows = [figures.row(indicator, region) for region in figures.regions]
        reported = {row.region.pk: row.official.realization for row in rows if row.reported}
        result[indicator.pk] = RegencyTable(
            indicator,
            year,
            quarter,
            rows,
            _roll_up(indicator, figures, reported, expected),
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
    RegencySummary naming the `few` highest and lowest}: what a page of many indicators can show of a
    national tree. A table takes the three queries of `regency_tables` (two when the caller has read the
    `regions`), a summary those of `_summaries`."""
    indicators = [indicator for indicator in indicators if indicator.by_region]
    if not indicators:
        return {}
    regions = regency_index() if regions is None else regions
    if len(regions) <= most:
        return _tables(indicators, _read(indicators, year, quarter, regions), year, quarter)
    return _summaries(indicators, regions, year, quarter, few)


def _standings(indicators: list[Indicator], year: int, quarter: int) -> dict[int, dict]:
    """{indicator id: {region id: (accepted figure to date, whether the quarter's figure is accepted)}}
    of the indicators that are not ratios, from the figures to date their RegencyYear rows keep: one
    query of one row per regency. An indicator with a row found under another plan period or aggregation
    is left out: its rows are read in full instead."""
    own = {indicator.pk: indicator for indicator in indicators if not indicator.is_ratio}
    if not own:
        return {}
    standings: dict[int, dict] = {pk: {} for pk in own}
    found_otherwise = set()
    for region_id, indicator_id, start, aggregation, to_date, status in (
        RegencyYear.objects.filter(indicator_id__in=own, year=year)
        .order_by()
        .values_list(
            "region_id",
            "indicator_id",
            "period_start",
            "aggregation",
            f"to_date_{quarter}",
            f"status_{quarter}",
        )
    ):
        indicator = own[indicator_id]
        if start != indicator.period_start or aggregation != indicator.aggregation:
            found_otherwise.add(indicator_id)
        standings[indicator_id][region_id] = (to_date, status in ROLLED_UP)
    return {pk: by_region for pk, by_region in standings.items() if pk not in found_otherwise}


def _summaries(
    indicators, regions: list[Place], year: int, quarter: int, few: int
) -> dict[int, RegencySummary]:
    """Every regency's figure to date and achievement, but only the `few` highest and lowest assessed in
    full: the rest of a national tree is not shown. Three queries whatever the number of regencies: the
    figures to date (`_standings`), the targets, and the full rows of the regencies shown; a ratio's
    regencies (and those of an indicator whose plan period changed) are read in full, in a fourth."""
    standings = _standings(indicators, year, quarter)
    targets = _targets(RegionalTarget.objects.filter(indicator__in=indicators), year)
    others = [indicator for indicator in indicators if indicator.pk not in standings]
    figures = _read(others, year, quarter, regions, targets=targets) if others else None
    expected = expected_names(regions)
    found = {}
    for indicator in indicators:
        if indicator.pk in standings:
            own = standings[indicator.pk]
            assessed = ((region, *own.get(region.pk, (None, False))) for region in regions)
        else:
            rows = (figures.row(indicator, region) for region in regions)
            assessed = ((row.region, row.official.realization, row.reported) for row in rows)
        reported, achieved = {}, []
        for region, realized, accepted in assessed:
            if accepted:
                reported[region.pk] = realized
            achieved_by = progress.achievement(
                realized, targets.get((indicator.pk, region.pk)), indicator.direction
            )
            if achieved_by is not None:
                achieved.append((achieved_by, region))
        # Best first, ties in the tree's order (as RegencyTable.by_achievement).
        ranked = [region for _achieved, region in sorted(achieved, key=lambda pair: pair[0], reverse=True)]
        found[indicator.pk] = (_roll_up(indicator, figures, reported, expected), *extremes(ranked, few))
    shown = {region.pk for _roll, highest, lowest in found.values() for region in highest + lowest}
    detail = _read(indicators, year, quarter, regions, among=sorted(shown), targets=targets)
    result = {}
    for indicator in indicators:
        rolled_up, highest, lowest = found[indicator.pk]
        result[indicator.pk] = RegencySummary(
            indicator,
            year,
            quarter,
            len(regions),
            rolled_up,
            [detail.row(indicator, region) for region in highest],
            [detail.row(indicator, region) for region in lowest],
        )
    return result
