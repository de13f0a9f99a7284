"""The checks every target passes, whether typed on the page or read from a file."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from targets.choices import Aggregation, Unit
from targets.models import Bureau, Indicator
from targets.planning import TargetFigures, check_target


def indicator(aggregation=Aggregation.SUM, unit=Unit.UNIT, **fields):
    """An unsaved indicator: check_target reads only its fields."""
    return Indicator(
        code="x", name="x", bureau=Bureau(code="b", name="b"), unit=unit, aggregation=aggregation, **fields
    )


def quarterly(*values):
    return dict(zip((1, 2, 3, 4), values, strict=True))


def test_a_sum_with_no_quarterly_targets_is_spread_evenly_and_accepted():
    assert check_target(indicator(), 2026, TargetFigures(D(850), quarterly(None, None, None, None))) == {}


def test_a_sum_with_only_some_quarterly_targets_is_refused():
    errors = check_target(indicator(), 2026, TargetFigures(D(2872), quarterly(D(700), None, None, None)))
    assert list(errors) == ["q1"]


@pytest.mark.parametrize("kind", [Aggregation.LEVEL, Aggregation.RATIO])
def test_a_level_or_ratio_ends_its_year_at_the_annual_target(kind):
    figures = TargetFigures(D("3.81"), quarterly(D("3.72"), None, None, D("3.80")))
    errors = check_target(indicator(kind, Unit.PERCENT), 2026, figures)
    assert list(errors) == ["q4"]
    figures.quarterly[4] = D("3.81")
    assert check_target(indicator(kind, Unit.PERCENT), 2026, figures) == {}


def test_a_missing_annual_target_is_refused():
    assert list(check_target(indicator(), 2026, TargetFigures(None))) == ["value"]


def test_a_negative_target_is_refused():
    assert "Target tidak boleh negatif." in check_target(indicator(), 2026, TargetFigures(D(-1)))["value"]


counts = st.integers(min_value=0, max_value=10**9)


@given(st.lists(counts, min_size=4, max_size=4), counts)
def test_a_sums_quarterly_targets_are_accepted_exactly_when_they_add_up(quarters, annual):
    figures = TargetFigures(D(annual), quarterly(*map(D, quarters)))
    accepted = check_target(indicator(), 2026, figures) == {}
    assert accepted == (sum(quarters) == annual)


@given(st.decimals(min_value=0, max_value=1000, places=4, allow_nan=False))
def test_a_percentage_target_is_accepted_exactly_between_0_and_100(value):
    errors = check_target(indicator(Aggregation.LEVEL, Unit.PERCENT), 2026, TargetFigures(value))
    assert (errors == {}) == (value <= 100)


@given(st.decimals(min_value=0, max_value=10**6, places=4, allow_nan=False))
def test_a_count_target_is_accepted_exactly_when_it_is_whole(value):
    errors = check_target(indicator(Aggregation.LEVEL, Unit.ORANG), 2026, TargetFigures(value))
    assert (errors == {}) == (value == int(value))


@given(st.integers(2000, 2100))
def test_a_cumulative_target_is_accepted_exactly_inside_its_plan_period(year):
    cumulative = indicator(Aggregation.CUMULATIVE, Unit.ORANG, period_start=2025, period_end=2029)
    errors = check_target(cumulative, year, TargetFigures(D(100)))
    assert (errors == {}) == (2025 <= year <= 2029)
