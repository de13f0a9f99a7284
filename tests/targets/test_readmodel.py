from decimal import Decimal as D

from targets.readmodel import build_rows


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
    from targets.choices import Status
    from targets.models import Indicator, Realization

    indicator = Indicator.objects.get(code="wirausaha-baru")
    Realization.objects.create(
        indicator=indicator, year=2026, quarter=1, value=D(400), status=Status.APPROVED
    )
    row = rows_by_code(2026, 1)["wirausaha-baru"]
    assert row.official.realization == D(1615)  # 1.215 in 2025 + 400
    assert row.official.expected == D(1300) + (D(2872) - D(1300)) / 4
    assert row.official.achievement == D("56.23")


def test_a_ratio_with_no_denominator_is_no_data_not_zero(demo):
    from targets.models import Realization

    Realization.objects.filter(indicator__code="jumlah-penduduk").delete()
    row = rows_by_code(2025, 4)["partisipasi-berkoperasi"]
    assert row.official.realization is None
    assert row.official.category is None
