from decimal import Decimal as D

from targets.choices import Aggregation, Direction, PathRule, Status, Unit
from targets.models import Indicator, Realization, Target
from targets.readmodel import build_rows, planned


def rows_by_code(year, quarter):
    return {row.indicator.code: row for row in build_rows(year, quarter)}


def test_the_quarterly_path_runs_a_sum_to_date_and_keeps_pending_figures_apart(demo):
    row = rows_by_code(2025, 4)["volume-usaha-produksi"]
    official = [point.official for point in row.path]
    provisional = [point.provisional for point in row.path]
    expected = [point.expected for point in row.path]
    assert official == [D(38e9), D(79e9), D(123e9), D(123e9)]
    assert provisional[-1] == D(172e9)
    assert expected == [D("55.5e9"), D(111e9), D("166.5e9"), D(222e9)]


def test_the_path_stops_at_the_chosen_quarter(demo):
    row = rows_by_code(2025, 2)["koperasi-produsen"]
    assert [point.official for point in row.path] == [D(1311), D(1318), None, None]
    assert row.official.realization == D(1318)


def test_a_returned_figure_counts_neither_as_official_nor_as_pending(demo):
    row = rows_by_code(2025, 4)["mikro-naik-kelas"]
    assert row.official.realization == D(270)
    assert row.pending_quarters == []


def test_a_cumulative_indicator_carries_the_plan_periods_earlier_years(demo):
    indicator = Indicator.objects.get(code="wirausaha-baru")
    Realization.objects.create(
        indicator=indicator, year=2026, quarter=1, value=D(400), status=Status.APPROVED
    )
    row = rows_by_code(2026, 1)["wirausaha-baru"]
    assert row.official.realization == D(1615)  # 1.215 in 2025 + 400
    assert row.official.expected == D(1300) + (D(2872) - D(1300)) / 4
    assert row.official.achievement == D("56.23")


def test_a_ratio_with_no_denominator_is_no_data_not_zero(demo):
    Realization.objects.filter(indicator__code="jumlah-penduduk").delete()
    row = rows_by_code(2025, 4)["partisipasi-berkoperasi"]
    assert row.official.realization is None
    assert row.official.category is None


# --- the planned path on the demo ---------------------------------------------------------------


def _straight_line(indicator, targets, year, quarter):
    """DESIGN.md's path, stated here on its own: four equal steps from the start to the target."""
    target = targets[(indicator.pk, year)].value
    if indicator.aggregation == Aggregation.SUM:
        return target * quarter / 4
    if indicator.aggregation == Aggregation.CUMULATIVE and year == indicator.period_start:
        start = D(0)
    elif (indicator.pk, year - 1) in targets:
        start = targets[(indicator.pk, year - 1)].value
    elif indicator.baseline_value is not None:
        start = indicator.baseline_value
    else:
        return target
    return start + (target - start) * quarter / 4


def test_no_demo_indicator_is_behind_merely_because_of_its_kind(demo):
    targets = {(t.indicator_id, t.year): t for t in Target.objects.all()}
    checked = 0
    for year in (2025, 2026):
        for quarter in (1, 2, 3, 4):
            for row in build_rows(year, quarter):
                line = _straight_line(row.indicator, targets, year, quarter)
                where = (row.indicator.code, year, quarter)
                # The expected figure is the line, up to the rounding of counts to whole units.
                assert abs(row.official.expected - line) <= D("0.5"), where
                assert row.official.path.rule != PathRule.ANNUAL, where
                if row.official.on_track is False:
                    assert row.official.realization < line + D("0.5"), where
                    checked += 1
    assert checked  # the demo has indicators genuinely behind


def test_a_level_keeping_to_its_path_in_tw_i_is_on_track(demo):
    cooperatives = Indicator.objects.get(code="koperasi-produsen")
    entrepreneurship = Indicator.objects.get(code="rasio-kewirausahaan")
    # 1.350 in 2025, 1.400 in 2026: 1.362,5 by TW I, expected as 1.363. 3,70% to 3,81%: 3,7275%.
    Realization.objects.create(
        indicator=cooperatives, year=2026, quarter=1, value=D(1363), status=Status.APPROVED
    )
    Realization.objects.create(
        indicator=entrepreneurship, year=2026, quarter=1, value=D("3.73"), status=Status.APPROVED
    )
    rows = rows_by_code(2026, 1)
    assert rows["koperasi-produsen"].official.expected == D(1363)
    assert rows["koperasi-produsen"].official.on_track is True
    assert rows["rasio-kewirausahaan"].official.expected == D("3.7275")
    assert rows["rasio-kewirausahaan"].official.on_track is True


def test_expected_counts_are_whole_units(demo):
    # 850 graduations in 2026: a quarter is 212,5, expected as 213.
    row = rows_by_code(2026, 1)["mikro-naik-kelas"]
    assert row.official.expected == D(213)
    assert [point.expected for point in row.path] == [D(213), D(425), D(638), D(850)]


def test_the_projection_at_tw_iv_is_the_years_official_figure(demo):
    row = rows_by_code(2025, 4)["mikro-naik-kelas"]
    assert row.official.realization == D(270)
    assert row.official.projection == D(270)


# --- a ratio whose denominator is published late ------------------------------------------------


def test_a_ratio_uses_last_years_population_while_this_years_is_not_published(demo):
    members = Indicator.objects.get(code="anggota-koperasi")
    Realization.objects.create(
        indicator=members, year=2026, quarter=1, value=D(209250), status=Status.APPROVED
    )
    row = rows_by_code(2026, 1)["partisipasi-berkoperasi"]
    # 209.250 members ÷ the 2.790.000 people of the latest published count (2025 TW IV) × 100.
    assert row.official.realization == D("7.5")
    assert row.denominator_borrowed
    assert row.ratio_terms.denominator == D(2790000)


def test_a_ratio_with_its_own_denominator_is_not_marked_as_borrowed(demo):
    row = rows_by_code(2025, 4)["partisipasi-berkoperasi"]
    assert row.official.realization is not None
    assert not row.denominator_borrowed


def test_the_plan_of_a_quarter_is_what_the_entry_form_can_show_beside_the_input(demo):
    entrepreneurs = Indicator.objects.get(code="wirausaha-baru")
    targets = {t.year: t for t in Target.objects.filter(indicator=entrepreneurs)}
    plan = planned(entrepreneurs, targets[2026], targets[2025], 2026, 1)
    # 1.300 by the end of 2025, 2.872 by the end of 2026: TW I brings 393 new entrepreneurs.
    assert plan.rule == PathRule.CLIMB
    assert plan.value == D(1693)
    assert plan.quarter_target == D(393)


def test_a_cumulative_carry_adds_every_earlier_year_of_the_plan_period_and_no_year_before_it(bureau):
    indicator = Indicator.objects.create(
        code="wirausaha-lima-tahun",
        name="Wirausaha baru 2021–2025",
        bureau=bureau,
        unit=Unit.ORANG,
        aggregation=Aggregation.CUMULATIVE,
        direction=Direction.HIGHER,
        period_start=2021,
        period_end=2025,
    )
    Target.objects.create(indicator=indicator, year=2024, value=D(1000), source="Renstra")
    figures = [
        (2020, 4, 500, Status.APPROVED),  # before the plan period: never carried
        (2021, 1, 100, Status.APPROVED),
        (2021, 3, 50, Status.APPROVED),
        (2022, 2, 200, Status.APPROVED),
        (2022, 4, 30, Status.SUBMITTED),  # awaiting approval: carried only provisionally
        (2023, 1, 10, Status.DRAFT),  # a draft is carried by neither
        (2023, 2, 300, Status.APPROVED),
        (2024, 1, 40, Status.APPROVED),
    ]
    for year, quarter, value, status in figures:
        Realization.objects.create(
            indicator=indicator, year=year, quarter=quarter, value=D(value), status=status
        )

    row = rows_by_code(2024, 1)["wirausaha-lima-tahun"]
    assert row.carried == D(650)
    assert row.official.realization == D(690)
    assert row.path[0].provisional == D(720)
