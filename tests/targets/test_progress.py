"""The arithmetic of progress: exact worked values, edges, and invariants."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from targets import progress
from targets.choices import Aggregation, Category, Direction

SUM, CUM, LEVEL, RATIO = Aggregation.SUM, Aggregation.CUMULATIVE, Aggregation.LEVEL, Aggregation.RATIO
HIGHER, LOWER = Direction.HIGHER, Direction.LOWER

# --- realization to date ------------------------------------------------------------------------


def test_sum_adds_the_quarters_of_the_year_up_to_the_chosen_quarter():
    quarters = {1: D(38), 2: D(41), 3: D(44), 4: D(49)}
    assert progress.realization_to_date(SUM, quarters, 3) == D(123)
    assert progress.realization_to_date(SUM, quarters, 4) == D(172)


def test_cumulative_adds_the_earlier_years_of_the_plan_period():
    assert progress.realization_to_date(CUM, {1: D(100), 2: D(150)}, 2, carried=D(1215)) == D(1465)


def test_level_is_the_latest_quarter_reported_not_a_sum():
    quarters = {1: D(1311), 2: D(1318), 4: D(1334)}
    assert progress.realization_to_date(LEVEL, quarters, 4) == D(1334)
    assert progress.realization_to_date(LEVEL, quarters, 3) == D(1318)


def test_a_skipped_quarter_leaves_a_sum_at_what_was_reported():
    assert progress.realization_to_date(SUM, {1: D(10), 3: D(5)}, 4) == D(15)


def test_no_quarter_reported_is_no_data_for_every_kind():
    for kind in (SUM, CUM, LEVEL, RATIO):
        assert progress.realization_to_date(kind, {}, 4, carried=D(500)) is None
    assert progress.realization_to_date(SUM, {3: D(1)}, 2) is None


def test_ratio_divides_and_multiplies():
    assert progress.ratio(D("2007000000000"), D("223000000000000"), D(100)) == D("0.9")


@pytest.mark.parametrize("denominator", [None, D(0)])
def test_ratio_without_a_usable_denominator_is_no_data(denominator):
    assert progress.ratio(D(5), denominator, D(100)) is None


def test_ratio_by_quarter_forms_each_series_by_its_own_aggregation():
    # Business volume and PDRB are flows: the ratio at TW II is (a1 + a2) ÷ (b1 + b2) × 100.
    ratios = progress.ratio_by_quarter(SUM, {1: D(480), 2: D(500)}, SUM, {1: D(54000), 2: D(55000)}, D(100))
    assert ratios[1] == D(480) / D(54000) * 100
    assert ratios[2] == D(980) / D(109000) * 100
    # Members and population are levels: each quarter's own pair.
    levels = progress.ratio_by_quarter(LEVEL, {1: D(196000), 2: D(205000)}, LEVEL, {1: D(2790000)}, D(100))
    assert levels[2] == D(205000) / D(2790000) * 100


def test_ratio_by_quarter_skips_quarters_without_a_denominator():
    assert progress.ratio_by_quarter(LEVEL, {1: D(5), 2: D(6)}, LEVEL, {2: D(0)}, D(100)) == {}


# --- achievement and category -------------------------------------------------------------------


def test_achievement_higher_is_better():
    assert progress.achievement(D(1334), D(1350), HIGHER) == D("98.81")
    assert progress.achievement(D(123_000_000_000), D(222_000_000_000), HIGHER) == D("55.41")


def test_achievement_lower_is_better_uses_twice_the_target():
    # 40 inactive cooperatives against a ceiling of 50: (2 × 50 − 40) ÷ 50 × 100 = 120%.
    assert progress.achievement(D(40), D(50), LOWER) == D(120)
    assert progress.achievement(D(60), D(50), LOWER) == D(80)


def test_achievement_lower_is_better_never_falls_below_zero():
    assert progress.achievement(D(150), D(50), LOWER) == D(0)


@pytest.mark.parametrize("target", [None, D(0)])
def test_achievement_without_a_usable_target_is_no_data_not_zero(target):
    assert progress.achievement(D(10), target, HIGHER) is None


def test_achievement_without_a_realization_is_no_data():
    assert progress.achievement(None, D(10), HIGHER) is None


def test_supporting_series_have_no_achievement():
    assert progress.achievement(D(10), D(10), Direction.NONE) is None


@pytest.mark.parametrize(
    ("percent", "expected"),
    [
        ("120", Category.VERY_HIGH),
        ("91", Category.VERY_HIGH),
        ("90.99", Category.HIGH),
        ("76", Category.HIGH),
        ("75.99", Category.MEDIUM),
        ("66", Category.MEDIUM),
        ("65.99", Category.LOW),
        ("51", Category.LOW),
        ("50.99", Category.VERY_LOW),
        ("50", Category.VERY_LOW),
        ("0", Category.VERY_LOW),
    ],
)
def test_category_follows_permendagri_86_2017(percent, expected):
    assert progress.category(D(percent)) == expected


def test_no_achievement_has_no_category():
    assert progress.category(None) is None


# --- expected to date ---------------------------------------------------------------------------


def test_expected_sum_is_the_annual_target_pro_rata():
    assert progress.expected_to_date(SUM, D(800), {}, 1) == D(200)
    assert progress.expected_to_date(SUM, D(800), {}, 3) == D(600)


def test_expected_uses_quarterly_targets_where_entered():
    quarterly = {1: D(100), 2: D(300)}
    assert progress.expected_to_date(SUM, D(800), quarterly, 2) == D(400)
    # TW III has no quarterly target: a quarter of the annual target stands in for it.
    assert progress.expected_to_date(SUM, D(800), quarterly, 3) == D(600)


def test_expected_cumulative_climbs_from_last_years_target():
    # 1.300 by the end of 2025, 2.872 by the end of 2026: half-way through 2026 expects 2.086.
    assert progress.expected_to_date(CUM, D(2872), {}, 2, start=D(1300)) == D(2086)


def test_expected_level_is_the_annual_target_or_the_quarters_own():
    assert progress.expected_to_date(LEVEL, D("3.84"), {}, 1) == D("3.84")
    assert progress.expected_to_date(RATIO, D("1.12"), {2: D("1.05")}, 2) == D("1.05")


def test_expected_without_any_target_is_no_data():
    assert progress.expected_to_date(SUM, None, {}, 2) is None
    assert progress.expected_to_date(LEVEL, None, {}, 2) is None


def test_on_track_respects_direction():
    assert progress.is_on_track(D(10), D(10), HIGHER) is True
    assert progress.is_on_track(D(9), D(10), HIGHER) is False
    assert progress.is_on_track(D(9), D(10), LOWER) is True
    assert progress.is_on_track(None, D(10), HIGHER) is None


# --- projection and what remains ----------------------------------------------------------------


def test_projection_of_a_sum_keeps_the_pace_so_far():
    assert progress.projection(SUM, {1: D(38), 2: D(41), 3: D(44)}, 3) == D(164)


def test_projection_of_a_cumulative_adds_the_earlier_years():
    assert progress.projection(CUM, {1: D(100), 2: D(150)}, 2, carried=D(1215)) == D(1715)


def test_projection_of_a_level_is_the_latest_figure():
    assert progress.projection(LEVEL, {1: D(3), 2: D(5)}, 4) == D(5)


def test_projection_without_data_is_no_data():
    assert progress.projection(SUM, {}, 4) is None


def test_required_per_remaining_quarter_shares_what_is_left():
    assert progress.required_per_remaining_quarter(SUM, D(800), D(270), 2) == D(265)


def test_required_is_zero_once_the_target_is_met_and_none_after_tw_iv():
    assert progress.required_per_remaining_quarter(SUM, D(800), D(900), 2) == D(0)
    assert progress.required_per_remaining_quarter(SUM, D(800), D(270), 4) is None
    assert progress.required_per_remaining_quarter(SUM, None, D(270), 1) is None


def test_required_level_is_the_target_to_reach():
    assert progress.required_per_remaining_quarter(LEVEL, D("3.84"), D("3.35"), 3) == D("3.84")


def test_assess_puts_it_together():
    result = progress.assess(
        aggregation=SUM,
        direction=HIGHER,
        quarters={1: D(120), 2: D(150)},
        upto=2,
        annual_target=D(800),
    )
    assert result.realization == D(270)
    assert result.achievement == D("33.75")
    assert result.category == Category.VERY_LOW
    assert result.expected == D(400)
    assert result.on_track is False
    assert result.projection == D(540)
    assert result.projected_achievement == D("67.50")
    assert result.required_per_quarter == D(265)
    assert result.has_data


def test_assess_with_no_target_has_no_data_but_keeps_the_realization():
    result = progress.assess(
        aggregation=LEVEL, direction=HIGHER, quarters={1: D(5)}, upto=1, annual_target=None
    )
    assert result.realization == D(5)
    assert result.achievement is None
    assert result.category is None
    assert not result.has_data


# --- invariants ---------------------------------------------------------------------------------

values = st.decimals(min_value=0, max_value=10**15, places=4, allow_nan=False, allow_infinity=False)
positive = st.decimals(min_value="0.0001", max_value=10**15, places=4, allow_nan=False, allow_infinity=False)
quarter_maps = st.dictionaries(st.integers(1, 4), values, min_size=1)


@given(quarter_maps, st.integers(1, 4))
def test_a_level_is_never_a_sum(quarters, upto):
    reported = {q: v for q, v in quarters.items() if q <= upto}
    result = progress.realization_to_date(LEVEL, quarters, upto)
    if reported:
        assert result == reported[max(reported)]
    else:
        assert result is None


@given(quarter_maps, values, st.integers(1, 4), values)
def test_a_cumulative_figure_never_falls_when_a_quarter_is_added(quarters, carried, quarter, added):
    before = progress.realization_to_date(CUM, quarters, 4, carried) or carried
    after = progress.realization_to_date(
        CUM, {**quarters, quarter: quarters.get(quarter, 0) + added}, 4, carried
    )
    assert after >= before


@given(positive, values, values)
def test_lower_is_better_achievement_falls_as_realization_rises(target, a, b):
    low, high = sorted([a, b])
    assert progress.achievement(high, target, LOWER) <= progress.achievement(low, target, LOWER)
    assert progress.achievement(high, target, LOWER) >= 0


@given(positive, values, values)
def test_higher_is_better_achievement_rises_with_realization(target, a, b):
    low, high = sorted([a, b])
    assert progress.achievement(high, target, HIGHER) >= progress.achievement(low, target, HIGHER)


@given(st.decimals(min_value=0, max_value=500, places=2, allow_nan=False))
def test_category_boundaries_are_exactly_91_76_66_51(percent):
    expected = (
        Category.VERY_HIGH
        if percent >= 91
        else Category.HIGH
        if percent >= 76
        else Category.MEDIUM
        if percent >= 66
        else Category.LOW
        if percent >= 51
        else Category.VERY_LOW
    )
    assert progress.category(percent) == expected


@given(quarter_maps, st.integers(1, 4))
def test_a_sum_is_the_total_of_the_quarters_reported(quarters, upto):
    reported = [v for q, v in quarters.items() if q <= upto]
    assert progress.realization_to_date(SUM, quarters, upto) == (sum(reported) if reported else None)


@given(positive, st.integers(1, 4))
def test_pro_rata_expectation_reaches_the_annual_target_at_tw_iv(target, upto):
    expected = progress.expected_to_date(SUM, target, {}, upto)
    assert expected <= target
    assert progress.expected_to_date(SUM, target, {}, 4) == target


@given(quarter_maps, positive, st.integers(1, 3))
def test_meeting_the_required_pace_reaches_the_target(quarters, target, upto):
    so_far = progress.realization_to_date(SUM, quarters, upto)
    required = progress.required_per_remaining_quarter(SUM, target, so_far, upto)
    reached = (so_far or 0) + required * (4 - upto)
    assert reached >= target - D("0.0001")
