"""The arithmetic of progress: plain values in, plain values out, no database.

Every figure on a page, in an export or in the PDF is computed here, so that a figure can be
recomputed by hand from the formula that DESIGN.md states. `None` always means "no data": a
missing or zero target, no realization yet, or a ratio without a usable denominator.

Quarter values are given as a mapping from quarter number (1–4) to the value reported for that
quarter alone; quarters not reported are simply absent.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from targets.choices import Aggregation, Category, Direction, PathRule

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
QUARTERS = (1, 2, 3, 4)
ACHIEVEMENT_STEP = Decimal("0.01")

# Lower bounds of each category, best first (Permendagri 86/2017).
CATEGORY_FLOORS: tuple[tuple[Decimal, Category], ...] = (
    (Decimal(91), Category.VERY_HIGH),
    (Decimal(76), Category.HIGH),
    (Decimal(66), Category.MEDIUM),
    (Decimal(51), Category.LOW),
)

QuarterValues = Mapping[int, Decimal]


def _reported(quarters: QuarterValues, upto: int) -> list[tuple[int, Decimal]]:
    return sorted((q, v) for q, v in quarters.items() if q <= upto and v is not None)


def is_flow(aggregation: str) -> bool:
    """Sum and cumulative figures add up quarters; level and ratio figures are read at a moment."""
    return aggregation in (Aggregation.SUM, Aggregation.CUMULATIVE)


def realization_to_date(
    aggregation: str, quarters: QuarterValues, upto: int, carried: Decimal = ZERO
) -> Decimal | None:
    """The figure at the end of quarter `upto`.

    sum: the quarters of the year added up; cumulative: the same plus `carried`, the total of the
    plan period's earlier years; level (and a ratio, given as its quarterly ratios): the latest
    quarter reported. No quarter reported this year gives None.
    """
    reported = _reported(quarters, upto)
    if not reported:
        return None
    if aggregation == Aggregation.SUM:
        return sum((v for _, v in reported), ZERO)
    if aggregation == Aggregation.CUMULATIVE:
        return carried + sum((v for _, v in reported), ZERO)
    return reported[-1][1]


def ratio(numerator: Decimal | None, denominator: Decimal | None, multiplier: Decimal) -> Decimal | None:
    """numerator ÷ denominator × multiplier, or None when either is missing or the denominator is 0."""
    if numerator is None or denominator is None or denominator == ZERO:
        return None
    return numerator / denominator * multiplier


def denominator_to_date(
    aggregation: str, this_year: QuarterValues, last_year: QuarterValues | None, upto: int
) -> tuple[Decimal | None, bool]:
    """A ratio's denominator at the end of quarter `upto`, and whether it was borrowed.

    Statistics such as PDRB and population are published late. When the quarter's own figure is
    missing, the latest published one stands in: for a flow, each missing quarter takes the same
    quarter of last year; for a level, the latest figure reported before it, last year's if need
    be. The second value says that a figure stood in, so that every page can say so.
    """
    last_year = last_year or {}
    if is_flow(aggregation):
        total, borrowed, found = ZERO, False, False
        for q in QUARTERS[:upto]:
            if this_year.get(q) is not None:
                total += this_year[q]
                found = True
            elif last_year.get(q) is not None:
                total += last_year[q]
                borrowed = found = True
        return (total, borrowed) if found else (None, False)
    if this_year.get(upto) is not None:
        return this_year[upto], False
    earlier = _reported(this_year, upto) or _reported(last_year, 4)
    return (earlier[-1][1], True) if earlier else (None, False)


@dataclass(frozen=True)
class RatioFigures:
    """A ratio at the end of each quarter, the two terms it was formed from, and the quarters
    whose denominator was borrowed."""

    values: dict[int, Decimal]
    borrowed: frozenset[int]
    terms: dict[int, tuple[Decimal, Decimal]]


def ratio_figures(
    numerator_aggregation: str,
    numerator: QuarterValues,
    denominator_aggregation: str,
    denominator: QuarterValues,
    multiplier: Decimal,
    denominator_last_year: QuarterValues | None = None,
) -> RatioFigures:
    """The ratio at the end of each quarter, each series formed to date by its own aggregation.

    The result behaves as a level series: the figure to date is the latest quarter's ratio. A
    quarter whose denominator is not published uses the latest published one (denominator_to_date).
    """
    values, borrowed, terms = {}, set(), {}
    for q in QUARTERS:
        if q not in numerator and q not in denominator:
            continue
        below, stood_in = denominator_to_date(denominator_aggregation, denominator, denominator_last_year, q)
        above = realization_to_date(numerator_aggregation, numerator, q)
        value = ratio(above, below, multiplier)
        if value is not None:
            values[q] = value
            terms[q] = (above, below)
            if stood_in:
                borrowed.add(q)
    return RatioFigures(values, frozenset(borrowed), terms)


def ratio_by_quarter(
    numerator_aggregation: str,
    numerator: QuarterValues,
    denominator_aggregation: str,
    denominator: QuarterValues,
    multiplier: Decimal,
    denominator_last_year: QuarterValues | None = None,
) -> dict[int, Decimal]:
    """ratio_figures without the note of borrowed denominators."""
    return ratio_figures(
        numerator_aggregation,
        numerator,
        denominator_aggregation,
        denominator,
        multiplier,
        denominator_last_year,
    ).values


def achievement(realization: Decimal | None, target: Decimal | None, direction: str) -> Decimal | None:
    """Capaian in percent, rounded to 0.01.

    Higher is better: realization ÷ target × 100. Lower is better: (2 × target − realization) ÷
    target × 100, never below 0. No target, a zero target or no realization gives None.
    """
    if realization is None or target is None or target == ZERO or direction == Direction.NONE:
        return None
    if direction == Direction.LOWER:
        value = max((2 * target - realization) / target * HUNDRED, ZERO)
    else:
        value = realization / target * HUNDRED
    return value.quantize(ACHIEVEMENT_STEP, rounding=ROUND_HALF_UP)


def category(achievement_percent: Decimal | None) -> Category | None:
    """≥ 91 sangat tinggi, 76–90 tinggi, 66–75 sedang, 51–65 rendah, ≤ 50 sangat rendah."""
    if achievement_percent is None:
        return None
    for floor, cat in CATEGORY_FLOORS:
        if achievement_percent >= floor:
            return cat
    return Category.VERY_LOW


def whole(value: Decimal | None) -> Decimal | None:
    """A count in whole units, half up: nobody expects half a cooperative."""
    return None if value is None else value.quantize(ONE, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Expectation:
    """The planned path at one quarter: the figure expected by then and how it was found.

    `quarter_target` is what the quarter itself was planned to bring for a sum, and the figure
    planned at its end for the other kinds; `start` is where a climb began.
    """

    value: Decimal | None
    rule: PathRule | None
    quarter_target: Decimal | None = None
    start: Decimal | None = None


NO_EXPECTATION = Expectation(None, None)


def _sum_path(annual_target, quarterly_targets, upto) -> Expectation:
    """A sum restarts every year: the quarterly targets where entered, else a quarter of the annual."""
    planned = {}
    for q in QUARTERS[:upto]:
        entered = quarterly_targets.get(q)
        if entered is None and annual_target is None:
            return NO_EXPECTATION
        planned[q] = entered if entered is not None else annual_target / 4
    any_entered = any(quarterly_targets.get(q) is not None for q in QUARTERS[:upto])
    rule = PathRule.QUARTERLY if any_entered else PathRule.PRO_RATA
    return Expectation(sum(planned.values(), ZERO), rule, planned[upto])


def _climb(annual_target, quarterly_targets, upto, start) -> Expectation:
    """Cumulative, level, ratio: the quarter's own target, else four equal steps from the start."""
    entered = quarterly_targets.get(upto)
    if entered is not None:
        return Expectation(entered, PathRule.QUARTERLY, entered)
    if annual_target is None:
        return NO_EXPECTATION
    if start is None:
        return Expectation(annual_target, PathRule.ANNUAL, annual_target)
    value = start + (annual_target - start) * upto / 4
    return Expectation(value, PathRule.CLIMB, value, start)


def planned_path(
    aggregation: str,
    annual_target: Decimal | None,
    quarterly_targets: Mapping[int, Decimal | None],
    upto: int,
    start: Decimal | None = None,
    counts: bool = False,
) -> Expectation:
    """What the figure should be at the end of quarter `upto`, and which rule said so.

    The planners' quarterly targets where entered (each quarter's own amount for a sum, the
    figure at the quarter's end for the other kinds). Otherwise a sum takes the annual target pro
    rata; cumulative, level and ratio indicators climb from `start` (last year's target, else the
    baseline) to the annual target in four equal steps: start + (target − start) × q ÷ 4; with
    no start known, the annual target itself. `counts` rounds to whole units.

    `quarter_target` is what the quarter itself is planned to bring where its figures are flows
    (sum, cumulative) and the figure planned at its end for a level or a ratio.
    """
    round_ = whole if counts else (lambda value: value)
    if aggregation == Aggregation.SUM:
        found = _sum_path(annual_target, quarterly_targets, upto)
        if found.value is None:
            return found
        return Expectation(round_(found.value), found.rule, round_(found.quarter_target))
    found = _climb(annual_target, quarterly_targets, upto, start)
    if found.value is None:
        return found
    value = round_(found.value)
    quarter_target = value
    if aggregation == Aggregation.CUMULATIVE:
        before = start if upto == 1 else _climb(annual_target, quarterly_targets, upto - 1, start).value
        quarter_target = None if before is None else value - round_(before)
    return Expectation(value, found.rule, quarter_target, found.start)


def expected_to_date(
    aggregation: str,
    annual_target: Decimal | None,
    quarterly_targets: Mapping[int, Decimal | None],
    upto: int,
    start: Decimal | None = None,
    counts: bool = False,
) -> Decimal | None:
    """The figure planned_path expects by the end of quarter `upto`."""
    return planned_path(aggregation, annual_target, quarterly_targets, upto, start, counts).value


def is_on_track(realization: Decimal | None, expected: Decimal | None, direction: str) -> bool | None:
    """Whether the figure to date is at or beyond what was expected by now."""
    if realization is None or expected is None or direction == Direction.NONE:
        return None
    if direction == Direction.LOWER:
        return realization <= expected
    return realization >= expected


def projection(
    aggregation: str, quarters: QuarterValues, upto: int, carried: Decimal = ZERO
) -> Decimal | None:
    """The year-end figure if the year goes on as it has so far.

    Sum and cumulative: the year's total so far at the pace of the quarters up to the latest one
    reported, over four quarters. Level and ratio: the latest figure stays. At TW IV the year is
    over: the projection is the year's figure.
    """
    reported = _reported(quarters, upto)
    if not reported:
        return None
    if upto == 4 or not is_flow(aggregation):
        return realization_to_date(aggregation, quarters, upto, carried)
    year_total = sum((v for _, v in reported), ZERO)
    latest = reported[-1][0]
    projected = year_total * 4 / latest
    return carried + projected if aggregation == Aggregation.CUMULATIVE else projected


def required_per_remaining_quarter(
    aggregation: str, annual_target: Decimal | None, realization: Decimal | None, upto: int
) -> Decimal | None:
    """What each quarter after `upto` must bring for the year to meet its target.

    Sum and cumulative: the distance still to go, shared among the remaining quarters, not
    below 0 (for lower-is-better it is the most each quarter may add). Level and ratio: the
    target itself is the figure to reach. After TW IV, or with no target, None.
    """
    remaining = 4 - upto
    if remaining <= 0 or annual_target is None:
        return None
    if not is_flow(aggregation):
        return annual_target
    so_far = realization if realization is not None else ZERO
    return max((annual_target - so_far) / remaining, ZERO)


def gap_to_path(realization: Decimal | None, expected: Decimal | None) -> Decimal | None:
    """How far the figure to date stands from the path: positive above it, negative below."""
    if realization is None or expected is None:
        return None
    return realization - expected


def share_of_path(realization: Decimal | None, expected: Decimal | None) -> Decimal | None:
    """The figure to date as a percentage of what was expected by now."""
    if realization is None or not expected:
        return None
    return realization / expected * HUNDRED


@dataclass(frozen=True)
class Assessment:
    """Everything the pages say about one indicator at one quarter."""

    realization: Decimal | None
    target: Decimal | None
    expected: Decimal | None
    achievement: Decimal | None
    category: Category | None
    on_track: bool | None
    projection: Decimal | None
    projected_achievement: Decimal | None
    required_per_quarter: Decimal | None
    # How the expected figure was found, and the quarter's own part of the plan.
    path: Expectation = NO_EXPECTATION
    # realization − expected: positive above the path, negative below it.
    gap: Decimal | None = None
    share_of_path: Decimal | None = None

    @property
    def has_data(self) -> bool:
        return self.achievement is not None


def assess(
    *,
    aggregation: str,
    direction: str,
    quarters: QuarterValues,
    upto: int,
    annual_target: Decimal | None,
    quarterly_targets: Mapping[int, Decimal | None] | None = None,
    carried: Decimal = ZERO,
    target_start: Decimal | None = None,
    counts: bool = False,
) -> Assessment:
    """Assess one indicator at the end of quarter `upto`.

    For a ratio, pass its quarterly ratios (ratio_figures) as `quarters`. `target_start` is where
    the planned path of a cumulative, level or ratio indicator starts; `counts` rounds the path
    to whole units.
    """
    quarterly_targets = quarterly_targets or {}
    realized = realization_to_date(aggregation, quarters, upto, carried)
    achieved = achievement(realized, annual_target, direction)
    path = planned_path(aggregation, annual_target, quarterly_targets, upto, target_start, counts)
    projected = projection(aggregation, quarters, upto, carried)
    return Assessment(
        realization=realized,
        target=annual_target,
        expected=path.value,
        achievement=achieved,
        category=category(achieved),
        on_track=is_on_track(realized, path.value, direction),
        projection=projected,
        projected_achievement=achievement(projected, annual_target, direction),
        required_per_quarter=required_per_remaining_quarter(aggregation, annual_target, realized, upto),
        path=path,
        gap=gap_to_path(realized, path.value),
        share_of_path=share_of_path(realized, path.value),
    )


@dataclass(frozen=True)
class Standing:
    """Where a figure to date stands against its annual target: what a regency's row says (a regency
    has no planned path of its own)."""

    realization: Decimal | None
    target: Decimal | None
    achievement: Decimal | None
    category: Category | None


def standing(
    *,
    aggregation: str,
    direction: str,
    quarters: QuarterValues,
    upto: int,
    annual_target: Decimal | None,
    carried: Decimal = ZERO,
) -> Standing:
    """The figure at the end of quarter `upto`, its achievement and category, found as `assess` finds them."""
    realized = realization_to_date(aggregation, quarters, upto, carried)
    achieved = achievement(realized, annual_target, direction)
    return Standing(realized, annual_target, achieved, category(achieved))


def average_achievement(achievements: list[Decimal | None]) -> Decimal | None:
    """The mean of the achievements known, rounded to 0.01 (Permendagri 86/2017's average); None if none."""
    known = [value for value in achievements if value is not None]
    if not known:
        return None
    return (sum(known, ZERO) / len(known)).quantize(ACHIEVEMENT_STEP, rounding=ROUND_HALF_UP)
