"""The read model: every indicator's progress for a year and quarter, in a fixed number of queries.

The domain's reading rules live here: which statuses count as official, how a cumulative figure
carries the plan period's earlier years, where a planned path starts, and which denominator a
ratio uses. The pages, the exports and the PDF print what this module returns.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import F, Max, Q, Sum

from targets import progress
from targets.choices import COUNT_UNITS, Aggregation, Category, Status
from targets.models import Indicator, Realization, Target

# Figures awaiting the head's approval count in the provisional view, never in the official one.
OFFICIAL = frozenset({Status.APPROVED})
PROVISIONAL = frozenset({Status.APPROVED, Status.SUBMITTED})

# Categories the dashboard counts as behind, whatever the planned path says.
BEHIND_CATEGORIES = frozenset({Category.LOW, Category.VERY_LOW})

# {series id: {year: {quarter: (value, status)}}}
SeriesData = dict[int, dict[int, dict[int, tuple[Decimal, str]]]]
# {indicator id: {status: total}}: a cumulative indicator's plan-period years before the year asked.
CarriedTotals = dict[int, dict[str, Decimal]]


@dataclass(frozen=True)
class QuarterPoint:
    """One quarter of an indicator's year as its charts draw it: the figures to date at its end."""

    quarter: int
    official: Decimal | None
    provisional: Decimal | None
    expected: Decimal | None


@dataclass(frozen=True)
class RatioTerms:
    """The two figures a ratio's official figure to date was formed from, at its latest quarter."""

    quarter: int
    numerator: Decimal
    denominator: Decimal
    value: Decimal
    # The denominator is the latest published one, not the quarter's own.
    borrowed: bool


@dataclass
class IndicatorRow:
    indicator: Indicator
    year: int
    quarter: int
    target: Target | None
    official: progress.Assessment
    # The same assessment with submitted figures counted; None when nothing awaits approval.
    provisional: progress.Assessment | None
    pending_quarters: list[int] = field(default_factory=list)
    # TW I–IV of the year: realization to date (up to the chosen quarter) and the expected path.
    path: list[QuarterPoint] = field(default_factory=list)
    # A ratio's official figure to date, term by term; None for the other kinds.
    ratio_terms: RatioTerms | None = None
    # What an official cumulative figure carries from the plan period's earlier years.
    carried: Decimal = Decimal(0)

    @property
    def awaiting_approval(self) -> bool:
        return bool(self.pending_quarters)

    @property
    def is_behind(self) -> bool:
        """Officially behind its planned path, or in a low or very low category of achievement."""
        return self.official.on_track is False or self.official.category in BEHIND_CATEGORIES

    @property
    def denominator_borrowed(self) -> bool:
        """A ratio whose official figure uses the latest published denominator, not the quarter's own."""
        return self.ratio_terms is not None and self.ratio_terms.borrowed


def latest_period() -> tuple[int, int] | None:
    """The latest year and quarter for which any figure has been submitted or approved."""
    latest = (
        Realization.objects.filter(status__in=PROVISIONAL)
        .order_by("-year", "-quarter")
        .values_list("year", "quarter")
        .first()
    )
    if latest is not None:
        return latest
    year = Target.objects.aggregate(year=Max("year"))["year"]
    return (year, 1) if year else None


def _quarter_values(series: SeriesData, series_id: int, year: int, statuses) -> dict[int, Decimal]:
    quarters = series.get(series_id, {}).get(year, {})
    return {q: value for q, (value, status) in quarters.items() if status in statuses}


def carried(
    indicator: Indicator, series: SeriesData, year: int, statuses, totals: CarriedTotals | None = None
) -> Decimal:
    """What a cumulative figure carries into `year`: the totals of the plan period's earlier years,
    from `totals` where the database summed them (carried_totals), else from the series."""
    if totals is not None:
        by_status = totals.get(indicator.pk, {})
        return sum((total for status, total in by_status.items() if status in statuses), progress.ZERO)
    return sum(
        (
            sum(_quarter_values(series, indicator.pk, earlier, statuses).values(), progress.ZERO)
            for earlier in indicator.period_years(year)
        ),
        progress.ZERO,
    )


def ratio_figures(indicator: Indicator, series: SeriesData, year: int, statuses) -> progress.RatioFigures:
    """A ratio's quarterly figures, borrowing last year's denominator where this year's is not out."""
    return progress.ratio_figures(
        indicator.numerator.aggregation,
        _quarter_values(series, indicator.numerator_id, year, statuses),
        indicator.denominator.aggregation,
        _quarter_values(series, indicator.denominator_id, year, statuses),
        indicator.multiplier,
        _quarter_values(series, indicator.denominator_id, year - 1, statuses),
    )


def quarter_figures(indicator: Indicator, series: SeriesData, year: int, statuses) -> dict[int, Decimal]:
    """The quarterly figures an indicator's aggregation works on (its ratios, for a ratio)."""
    if indicator.aggregation == Aggregation.RATIO:
        return ratio_figures(indicator, series, year, statuses).values
    return _quarter_values(series, indicator.pk, year, statuses)


def ratio_terms(
    indicator: Indicator, series: SeriesData, year: int, quarter: int, statuses
) -> RatioTerms | None:
    """A ratio's figure to date (its latest quarter up to `quarter`), term by term."""
    if indicator.aggregation != Aggregation.RATIO:
        return None
    figures = ratio_figures(indicator, series, year, statuses)
    reported = [q for q in figures.values if q <= quarter]
    if not reported:
        return None
    latest = max(reported)
    numerator, denominator = figures.terms[latest]
    return RatioTerms(latest, numerator, denominator, figures.values[latest], latest in figures.borrowed)


def path_start(indicator: Indicator, year: int, previous: Target | None) -> Decimal | None:
    """Where the planned path of a cumulative, level or ratio indicator starts in `year`.

    A cumulative indicator starts its plan period from zero; otherwise last year's target, else
    the baseline (if it is not later than the year), else unknown: the path is the target itself.
    """
    if indicator.aggregation == Aggregation.CUMULATIVE and year <= (indicator.period_start or year):
        return progress.ZERO
    if previous is not None:
        return previous.value
    if indicator.baseline_value is not None and (indicator.baseline_year or year) <= year:
        return indicator.baseline_value
    return None


def counts_whole(indicator: Indicator) -> bool:
    return indicator.unit in COUNT_UNITS


def planned(
    indicator: Indicator, target: Target | None, previous: Target | None, year: int, quarter: int
) -> progress.Expectation:
    """The planned path of an indicator at one quarter: the expected figure to date, the rule
    that gave it, and what the quarter itself is planned to bring (the entry form shows that)."""
    return progress.planned_path(
        indicator.aggregation,
        target.value if target else None,
        target.quarterly if target else {},
        quarter,
        path_start(indicator, year, previous),
        counts_whole(indicator),
    )


def assess(
    indicator: Indicator,
    target: Target | None,
    previous: Target | None,
    series: SeriesData,
    year: int,
    quarter: int,
    statuses,
    totals: CarriedTotals | None = None,
) -> progress.Assessment:
    return progress.assess(
        aggregation=indicator.aggregation,
        direction=indicator.direction,
        quarters=quarter_figures(indicator, series, year, statuses),
        upto=quarter,
        annual_target=target.value if target else None,
        quarterly_targets=target.quarterly if target else {},
        carried=carried(indicator, series, year, statuses, totals),
        target_start=path_start(indicator, year, previous),
        counts=counts_whole(indicator),
    )


def quarterly_path(
    indicator: Indicator,
    target: Target | None,
    previous: Target | None,
    series: SeriesData,
    year: int,
    quarter: int,
    totals: CarriedTotals | None = None,
) -> list[QuarterPoint]:
    """The figure to date at the end of each quarter (cumulative where the kind says so)."""
    kind = indicator.aggregation
    figures = {
        statuses: (
            quarter_figures(indicator, series, year, statuses),
            carried(indicator, series, year, statuses, totals),
        )
        for statuses in (OFFICIAL, PROVISIONAL)
    }

    def to_date(statuses, q):
        quarters, carry = figures[statuses]
        return progress.realization_to_date(kind, quarters, q, carry) if q <= quarter else None

    annual = target.value if target else None
    quarterly = target.quarterly if target else {}
    start = path_start(indicator, year, previous)
    counts = counts_whole(indicator)
    return [
        QuarterPoint(
            quarter=q,
            official=to_date(OFFICIAL, q),
            provisional=to_date(PROVISIONAL, q),
            expected=progress.expected_to_date(kind, annual, quarterly, q, start, counts),
        )
        for q in progress.QUARTERS
    ]


def load_series(first_year: int, last_year: int) -> SeriesData:
    """Every series' submitted and approved figures over a span of years, in one query."""
    return series_data(
        Realization.objects.filter(
            year__gte=first_year, year__lte=last_year, status__in=PROVISIONAL
        ).values_list("indicator_id", "year", "quarter", "value", "status")
    )


def _year_series(scope, year: int) -> SeriesData:
    """One query: the year's submitted and approved figures of the indicators of `scope` and of their
    ratios' series, and last year's of the ratios' denominators, which a ratio borrows while this
    year's is not out."""
    ratios = scope.filter(aggregation=Aggregation.RATIO)
    return series_data(
        Realization.objects.filter(
            Q(
                Q(indicator_id__in=scope.values("pk"))
                | Q(indicator_id__in=ratios.values("numerator_id"))
                | Q(indicator_id__in=ratios.values("denominator_id")),
                year=year,
            )
            | Q(year=year - 1, indicator_id__in=ratios.values("denominator_id")),
            status__in=PROVISIONAL,
        )
        .order_by()
        .values_list("indicator_id", "year", "quarter", "value", "status")
    )


def carried_totals(indicator_ids, year: int) -> CarriedTotals:
    """One query: what the cumulative indicators carry into `year`, summed by the database per status
    instead of reading every quarter of the plan period's earlier years. `indicator_ids`: a list, or a
    query of them."""
    totals: CarriedTotals = defaultdict(dict)
    earlier = (
        Realization.objects.filter(
            indicator_id__in=indicator_ids,
            indicator__aggregation=Aggregation.CUMULATIVE,
            year__gte=F("indicator__period_start"),
            year__lt=year,
            status__in=PROVISIONAL,
        )
        .order_by()
        .values("indicator_id", "status")
        .annotate(total=Sum("value"))
        .values_list("indicator_id", "status", "total")
    )
    for indicator_id, status, total in earlier:
        totals[indicator_id][status] = total
    return totals


def _scope(bureau, supporting: bool):
    """The indicators a build asks for, as a query: the other queries use it as a subquery, so that no
    list of two hundred ids is sent (or prepared, value by value) three times over."""
    scope = Indicator.objects.all() if supporting else Indicator.objects.targeted()
    return scope if bureau is None else scope.filter(bureau=bureau)


def _indicators(scope, bureau, supporting: bool, bureaus=None) -> list[Indicator]:
    """The indicators of the scope with their bureau, in their order, and each ratio's two series, in one
    query: the series come as rows of their own (no join per term, which doubled the query's cost). The
    bureau is joined, or taken from `bureaus` (every bureau) where the caller has read them: two hundred
    copies of a handful of bureaus are then not made."""
    ratios = scope.filter(aggregation=Aggregation.RATIO)
    found = Indicator.objects.filter(
        Q(pk__in=scope.values("pk"))
        | Q(pk__in=ratios.values("numerator_id"))
        | Q(pk__in=ratios.values("denominator_id"))
    )
    if bureaus is None:
        found = list(found.select_related("bureau"))
    else:
        by_pk = {each.pk: each for each in bureaus}
        found = list(found)
        for indicator in found:
            Indicator.bureau.field.set_cached_value(indicator, by_pk[indicator.bureau_id])
    bureau_id = getattr(bureau, "pk", bureau)
    by_id = {indicator.pk: indicator for indicator in found}
    indicators = [
        indicator
        for indicator in found
        if (supporting or not indicator.is_supporting)
        and (bureau_id is None or indicator.bureau_id == bureau_id)
    ]
    for indicator in indicators:
        if indicator.is_ratio:
            indicator.numerator = by_id[indicator.numerator_id]
            indicator.denominator = by_id[indicator.denominator_id]
    return indicators


def build_rows(
    year: int, quarter: int, bureau=None, *, supporting: bool = False, paths: bool = True, bureaus=None
) -> list[IndicatorRow]:
    """Four queries: the indicators, their targets, the realizations of this year (and last year's of the
    ratios' denominators), and what the cumulative indicators carry from the plan period's earlier years.

    With `supporting`, the supporting series come too (after the indicators, with no target). Without
    `paths`, the rows leave out the quarter-by-quarter path that only the path charts draw. `bureaus`:
    every bureau, where the caller has them (the indicators' own are then taken from them).
    """
    scope = _scope(bureau, supporting)
    indicators = _indicators(scope, bureau, supporting, bureaus)
    if not indicators:
        return []

    ids = scope.values("pk")
    # Unordered (a dict): the targets' default order joins the indicators again to sort them.
    targets = {
        (t.indicator_id, t.year): t
        for t in Target.objects.filter(indicator_id__in=ids, year__in=[year - 1, year]).order_by()
    }
    series = _year_series(scope, year)
    totals = carried_totals(ids, year)

    return [
        indicator_row(
            indicator,
            targets.get((indicator.pk, year)),
            targets.get((indicator.pk, year - 1)),
            series,
            year,
            quarter,
            totals,
            path=paths,
        )
        for indicator in indicators
    ]


def indicator_row(
    indicator: Indicator,
    target: Target | None,
    previous: Target | None,
    series: SeriesData,
    year: int,
    quarter: int,
    totals: CarriedTotals | None = None,
    *,
    path: bool = True,
) -> IndicatorRow:
    """One indicator at one quarter, from data already read: no query. `totals`: what a cumulative
    indicator carries, when the series hold only this year and the last; without `path`, no
    quarter-by-quarter path."""
    official = assess(indicator, target, previous, series, year, quarter, OFFICIAL, totals)
    pending = _pending_quarters(indicator, series, year, quarter)
    provisional = (
        assess(indicator, target, previous, series, year, quarter, PROVISIONAL, totals) if pending else None
    )
    points = quarterly_path(indicator, target, previous, series, year, quarter, totals) if path else []
    return IndicatorRow(
        indicator,
        year,
        quarter,
        target,
        official,
        provisional,
        pending,
        points,
        ratio_terms=ratio_terms(indicator, series, year, quarter, OFFICIAL),
        carried=carried(indicator, series, year, OFFICIAL, totals),
    )


def source_series_ids(indicator: Indicator) -> list[int]:
    """The series an indicator's figures are read from: its own, or a ratio's two."""
    return [indicator.numerator_id, indicator.denominator_id] if indicator.is_ratio else [indicator.pk]


def _pending_quarters(indicator: Indicator, series: SeriesData, year: int, quarter: int) -> list[int]:
    return sorted(
        {
            q
            for series_id in source_series_ids(indicator)
            for q, (_, status) in series.get(series_id, {}).get(year, {}).items()
            if q <= quarter and status == Status.SUBMITTED
        }
    )


def entered_by_quarter(series_ids, year: int) -> dict[int, dict[int, Realization]]:
    """Each series' own entry per quarter of a year, in whatever state, in one query.

    {series id: {quarter: Realization}}: the value, status and kendala entered.
    """
    entered: dict[int, dict[int, Realization]] = defaultdict(dict)
    for realization in (
        Realization.objects.filter(indicator_id__in=list(series_ids), year=year)
        .order_by()
        .only("indicator_id", "year", "quarter", "value", "status", "version", "kendala")
    ):
        entered[realization.indicator_id][realization.quarter] = realization
    return entered


def category_counts(rows: list[IndicatorRow]) -> dict[Category | None, int]:
    """How many indicators fall in each category (best first), and how many have no data (None)."""
    counts: dict[Category | None, int] = dict.fromkeys(Category, 0)
    counts[None] = 0
    for row in rows:
        if not row.indicator.is_supporting:
            counts[row.official.category] += 1
    return counts


def series_data(figures) -> SeriesData:
    """SeriesData from (series id, year, quarter, value, status) already read; drafts and returned
    figures are left out."""
    series: SeriesData = defaultdict(lambda: defaultdict(dict))
    for series_id, year, quarter, value, status in figures:
        if status in PROVISIONAL:
            series[series_id][year][quarter] = (value, status)
    return series


def latest_quarter(indicator: Indicator, series: SeriesData, year: int) -> int | None:
    """The latest quarter of a year with a submitted or approved figure for the indicator."""
    quarters = [
        q for series_id in source_series_ids(indicator) for q in series.get(series_id, {}).get(year, {})
    ]
    return max(quarters, default=None)


def rows_by_year(indicator: Indicator, targets: dict[int, Target], series: SeriesData) -> list[IndicatorRow]:
    """One row per year with a target or a figure, each at its latest quarter reported (TW IV if none).

    No query: the targets and the series (indicator and, for a ratio, its two series) are given.
    """
    years = set(targets) | {
        year for series_id in source_series_ids(indicator) for year in series.get(series_id, {})
    }
    return [
        indicator_row(
            indicator,
            targets.get(year),
            targets.get(year - 1),
            series,
            year,
            latest_quarter(indicator, series, year) or 4,
        )
        for year in sorted(years)
    ]
