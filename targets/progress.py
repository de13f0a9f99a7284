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

from targets.choices import Aggregation, Category, Direction

ZERO = Decimal(0)
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


def ratio_by_quarter(
    numerator_aggregation: str,
    numerator: QuarterValues,
    denominator_aggregation: str,
    denominator: QuarterValues,
    multiplier: Decimal,
) -> dict[int, Decimal]:
    """The ratio at the end of each quarter, each series formed to date by its own aggregation.

    The result behaves as a level series: the figure to date is the latest quarter's ratio.
    """
    result = {}
    for q in QUARTERS:
        if q not in numerator and q not in denominator:
            continue
        value = ratio(
            realization_to_date(numerator_aggregation, numerator, q),
            realization_to_date(denominator_aggregation, denominator, q),
            multiplier,
        )
        if value is not None:
            result[q] = value
    return result


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


def expected_to_date(
    aggregation: str,
    annual_target: Decimal | None,
    quarterly_targets: Mapping[int, Decimal | None],
    upto: int,
    start: Decimal = ZERO,
) -> Decimal | None:
    """What the figure should be at the end of quarter `upto`.

    The planners' quarterly targets where entered (each quarter's own amount for sum and
    cumulative, the level itself for level and ratio); otherwise the annual target pro rata for
    sum and cumulative, and the annual target itself for level and ratio. For a cumulative
    indicator `start` is the previous year's cumulative target, from which the year climbs.
    """
    if is_flow(aggregation):
        if annual_target is None and not any(quarterly_targets.get(q) is not None for q in QUARTERS[:upto]):
            return None
        base = start if aggregation == Aggregation.CUMULATIVE else ZERO
        expected = base
        for q in QUARTERS[:upto]:
            entered = quarterly_targets.get(q)
            if entered is not None:
                expected += entered
            elif annual_target is None:
                return None
            else:
                expected += (annual_target - base) / 4
        return expected
    entered = quarterly_targets.get(upto)
    return entered if entered is not None else annual_target


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
    reported, over four quarters. Level and ratio: the latest figure stays.
    """
    reported = _reported(quarters, upto)
    if not reported:
        return None
    if not is_flow(aggregation):
        return reported[-1][1]
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
    target_start: Decimal = ZERO,
) -> Assessment:
    """Assess one indicator at the end of quarter `upto`.

    For a ratio, pass its quarterly ratios (ratio_by_quarter) as `quarters`.
    """
    quarterly_targets = quarterly_targets or {}
    realized = realization_to_date(aggregation, quarters, upto, carried)
    achieved = achievement(realized, annual_target, direction)
    expected = expected_to_date(aggregation, annual_target, quarterly_targets, upto, target_start)
    projected = projection(aggregation, quarters, upto, carried)
    return Assessment(
        realization=realized,
        target=annual_target,
        expected=expected,
        achievement=achieved,
        category=category(achieved),
        on_track=is_on_track(realized, expected, direction),
        projection=projected,
        projected_achievement=achievement(projected, annual_target, direction),
        required_per_quarter=required_per_remaining_quarter(aggregation, annual_target, realized, upto),
    )


def average_achievement(achievements: list[Decimal | None]) -> Decimal | None:
    """The mean of the achievements known, rounded to 0.01 (Permendagri 86/2017's average); None if none."""
    known = [value for value in achievements if value is not None]
    if not known:
        return None
    return (sum(known, ZERO) / len(known)).quantize(ACHIEVEMENT_STEP, rounding=ROUND_HALF_UP)
