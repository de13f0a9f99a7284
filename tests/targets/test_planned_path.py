"""The planned path of DESIGN.md: what each kind of indicator is expected to show by each quarter."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from targets import progress
from targets.choices import Aggregation, Direction, PathRule

SUM, CUM, LEVEL, RATIO = Aggregation.SUM, Aggregation.CUMULATIVE, Aggregation.LEVEL, Aggregation.RATIO
HIGHER, LOWER = Direction.HIGHER, Direction.LOWER
CLIMBING = (CUM, LEVEL, RATIO)


def test_a_level_climbs_from_its_baseline_to_the_target_in_four_equal_steps():
    # 1.311 cooperatives at the start, 1.351 by the end of the year: 10 more each quarter.
    path = [progress.expected_to_date(LEVEL, D(1351), {}, q, start=D(1311)) for q in (1, 2, 3, 4)]
    assert path == [D(1321), D(1331), D(1341), D(1351)]


def test_a_percentage_level_is_not_expected_at_its_annual_target_in_tw_i():
    expected = progress.planned_path(LEVEL, D("3.81"), {}, 1, start=D("3.70"))
    assert expected.value == D("3.7275")
    assert expected.rule == PathRule.CLIMB
    assert expected.start == D("3.70")


def test_a_ratio_climbs_from_last_years_target():
    assert progress.expected_to_date(RATIO, D("1.12"), {}, 2, start=D("1.10")) == D("1.11")


def test_without_a_starting_point_the_path_is_the_annual_target_itself():
    expected = progress.planned_path(LEVEL, D("3.84"), {}, 1, start=None)
    assert expected.value == D("3.84")
    assert expected.rule == PathRule.ANNUAL


def test_a_sum_restarts_every_year_and_ignores_any_start():
    expected = progress.planned_path(SUM, D(800), {}, 2, start=D(5000))
    assert expected.value == D(400)
    assert expected.rule == PathRule.PRO_RATA
    assert expected.quarter_target == D(200)


def test_a_sum_quarterly_target_is_the_quarters_own_amount():
    expected = progress.planned_path(SUM, D(800), {1: D(100), 2: D(300)}, 2)
    assert expected.value == D(400)
    assert expected.rule == PathRule.QUARTERLY
    assert expected.quarter_target == D(300)


@pytest.mark.parametrize("kind", CLIMBING)
def test_a_quarterly_target_of_the_other_kinds_is_the_figure_at_the_quarters_end(kind):
    expected = progress.planned_path(kind, D(2872), {2: D(2000)}, 2, start=D(1300))
    assert expected.value == D(2000)
    assert expected.rule == PathRule.QUARTERLY


def test_counts_are_expected_in_whole_units():
    # 850 enterprises a year: a quarter is 212,5, shown and compared as 213.
    expected = progress.planned_path(SUM, D(850), {}, 1, counts=True)
    assert expected.value == D(213)
    assert expected.quarter_target == D(213)
    assert progress.expected_to_date(SUM, D(850), {}, 1) == D("212.5")


def test_a_lower_is_better_path_falls_and_on_track_means_at_or_below_it():
    # 60 inactive cooperatives last year, at most 40 this year: 55 by TW I.
    expected = progress.expected_to_date(LEVEL, D(40), {}, 1, start=D(60))
    assert expected == D(55)
    assert progress.is_on_track(D(54), expected, LOWER) is True
    assert progress.is_on_track(D(56), expected, LOWER) is False


def test_a_level_on_its_path_in_tw_i_is_on_track():
    result = progress.assess(
        aggregation=LEVEL,
        direction=HIGHER,
        quarters={1: D(1321)},
        upto=1,
        annual_target=D(1351),
        target_start=D(1311),
        counts=True,
    )
    assert result.on_track is True
    assert result.gap == D(0)
    assert result.path.rule == PathRule.CLIMB


def test_assess_reports_the_gap_and_the_share_of_the_path():
    result = progress.assess(
        aggregation=SUM, direction=HIGHER, quarters={1: D(120), 2: D(150)}, upto=2, annual_target=D(800)
    )
    assert result.expected == D(400)
    assert result.gap == D(-130)
    assert result.share_of_path == D("67.5")


def test_the_projection_at_tw_iv_is_the_years_figure():
    # 120 and 150 reported, TW III and IV never came: the year brought 270, not 540.
    assert progress.projection(SUM, {1: D(120), 2: D(150)}, 4) == D(270)
    result = progress.assess(
        aggregation=SUM, direction=HIGHER, quarters={1: D(120), 2: D(150)}, upto=4, annual_target=D(800)
    )
    assert result.projection == result.realization == D(270)
    assert result.projected_achievement == result.achievement


# --- a ratio whose denominator is published late ------------------------------------------------


def test_a_level_denominator_not_yet_published_borrows_the_latest_one():
    assert progress.denominator_to_date(LEVEL, {}, {3: D(2790000), 4: D(2800000)}, 1) == (D(2800000), True)
    assert progress.denominator_to_date(LEVEL, {1: D(2810000)}, {4: D(2800000)}, 2) == (D(2810000), True)


def test_a_flow_denominator_borrows_the_same_quarter_of_last_year():
    this_year, last_year = {1: D(60)}, {1: D(54), 2: D(55)}
    assert progress.denominator_to_date(SUM, this_year, last_year, 2) == (D(115), True)


def test_a_published_denominator_is_not_borrowed():
    assert progress.denominator_to_date(LEVEL, {2: D(7)}, {4: D(9)}, 2) == (D(7), False)
    assert progress.denominator_to_date(SUM, {1: D(5), 2: D(6)}, {1: D(9)}, 2) == (D(11), False)


def test_no_denominator_this_year_or_last_is_no_data():
    assert progress.denominator_to_date(LEVEL, {}, {}, 3) == (None, False)
    assert progress.ratio_figures(LEVEL, {1: D(5)}, LEVEL, {}, D(100)).values == {}


def test_a_ratio_names_the_quarters_that_borrowed_their_denominator():
    figures = progress.ratio_figures(
        LEVEL, {1: D(200), 2: D(210)}, LEVEL, {1: D(2000)}, D(100), denominator_last_year={4: D(1900)}
    )
    assert figures.values == {1: D(10), 2: D("10.5")}
    assert figures.borrowed == {2}


# --- the rule stated independently --------------------------------------------------------------

amounts = st.decimals(min_value=0, max_value=10**12, places=4, allow_nan=False, allow_infinity=False)
quarters = st.integers(1, 4)


@given(st.sampled_from(CLIMBING), amounts, amounts, quarters)
def test_the_climb_takes_four_equal_steps_from_the_start_to_the_target(kind, start, target, upto):
    expected = progress.expected_to_date(kind, target, {}, upto, start=start)
    # Four times the figure expected at quarter q is four starts plus q times the whole climb.
    assert 4 * expected == 4 * start + (target - start) * upto
    assert min(start, target) <= expected <= max(start, target)


@given(st.sampled_from(CLIMBING), amounts, amounts)
def test_every_climb_ends_at_the_annual_target(kind, start, target):
    assert progress.expected_to_date(kind, target, {}, 4, start=start) == target


@given(amounts, quarters)
def test_a_sum_expects_a_quarter_of_the_target_per_quarter(target, upto):
    assert 4 * progress.expected_to_date(SUM, target, {}, upto) == target * upto


@given(st.sampled_from((SUM, CUM, LEVEL, RATIO)), amounts, amounts, quarters)
def test_a_count_is_expected_within_half_a_unit_of_the_exact_path(kind, start, target, upto):
    exact = progress.expected_to_date(kind, target, {}, upto, start=start)
    counted = progress.expected_to_date(kind, target, {}, upto, start=start, counts=True)
    assert counted == int(counted)
    assert abs(counted - exact) <= D("0.5")


@given(st.sampled_from(CLIMBING), amounts, amounts, quarters, amounts)
def test_on_track_means_at_or_beyond_the_path_in_the_indicators_direction(kind, start, target, upto, figure):
    result = progress.assess(
        aggregation=kind,
        direction=HIGHER,
        quarters={upto: figure},
        upto=upto,
        annual_target=target,
        carried=D(0),
        target_start=start,
    )
    path = start + (target - start) * upto / 4
    assert result.on_track is (figure >= path)
    lower = progress.assess(
        aggregation=kind,
        direction=LOWER,
        quarters={upto: figure},
        upto=upto,
        annual_target=target,
        target_start=start,
    )
    assert lower.on_track is (figure <= path)


@given(
    st.sampled_from((SUM, CUM, LEVEL, RATIO)),
    st.dictionaries(quarters, amounts, min_size=1),
    amounts,
)
def test_the_projection_at_tw_iv_is_the_figure_of_the_year(kind, figures, carried):
    projected = progress.projection(kind, figures, 4, carried)
    if kind == SUM:
        assert projected == sum(figures.values())
    elif kind == CUM:
        assert projected == carried + sum(figures.values())
    else:
        assert projected == figures[max(figures)]


@given(st.dictionaries(quarters, amounts.filter(bool), min_size=1), st.dictionaries(quarters, amounts))
def test_a_level_denominator_is_the_latest_published_figure_before_the_quarter(this_year, last_year):
    for upto in (1, 2, 3, 4):
        value, borrowed = progress.denominator_to_date(LEVEL, this_year, last_year, upto)
        earlier = [q for q in this_year if q <= upto]
        if earlier:
            assert value == this_year[max(earlier)]
            assert borrowed is (max(earlier) != upto)
        elif last_year:
            assert (value, borrowed) == (last_year[max(last_year)], True)
        else:
            assert (value, borrowed) == (None, False)


def test_a_cumulative_quarter_is_planned_to_bring_one_step_of_the_climb():
    # 1.300 by the end of 2025, 2.872 by the end of 2026: 393 new entrepreneurs a quarter.
    expected = progress.planned_path(CUM, D(2872), {}, 2, start=D(1300), counts=True)
    assert expected.value == D(2086)
    assert expected.quarter_target == D(393)


def test_a_level_quarter_is_planned_to_stand_at_the_path():
    expected = progress.planned_path(LEVEL, D(1351), {}, 3, start=D(1311))
    assert expected.quarter_target == expected.value == D(1341)
