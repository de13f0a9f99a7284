"""RegencyYear: each regency's year of a series in one row, kept in step with every write of its figures."""

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st

from targets import regency_years, regional_entry
from targets.choices import Aggregation, Direction, RegionalStatus, RegionKind, Unit
from targets.models import Indicator, RegencyYear, Region, RegionalRealization
from targets.regional_entry import Decision, RegionalChange
from targets.regional_table import RegencySummary, regency_overview, regency_tables
from tests.reports.test_regency_table import participation_by_regency, report, set_targets

KALTENG = [f"62.{n:02d}" for n in range(1, 14)] + ["62.71"]


def stored_rows():
    """Every RegencyYear row as a comparable tuple of all its fields but the id."""
    fields = [field.attname for field in RegencyYear._meta.concrete_fields if field.attname != "id"]
    return sorted(RegencyYear.objects.values_list(*fields))


def as_rebuilt():
    """The rows a rebuild from the figures alone writes (the stored ones are replaced)."""
    regency_years.rebuild()
    return stored_rows()


def test_a_row_holds_the_quarters_what_the_plan_period_carries_and_the_figures_to_date(new_entrepreneurs):
    for year, value in {2023: 500, 2024: 10, 2025: 20}.items():
        for quarter in (1, 2):
            report(new_entrepreneurs, {"62.71": value}, year=year, quarter=quarter)
    report(new_entrepreneurs, {"62.71": 1000}, year=2025, quarter=3, status=RegionalStatus.SUBMITTED)
    report(new_entrepreneurs, {"62.71": 30}, year=2026, quarter=1)
    report(new_entrepreneurs, {"62.71": 40}, year=2026, quarter=3)
    report(new_entrepreneurs, {"62.71": 7}, year=2026, quarter=4, status=RegionalStatus.DRAFT)

    row = RegencyYear.objects.get(indicator=new_entrepreneurs, region__code="62.71", year=2026)
    # 2024 and 2025 accepted; 2023 is before the plan period and 2025's TW III awaits review.
    assert row.carried == D(60)
    assert (row.value_1, row.status_1) == (D(30), RegionalStatus.ACCEPTED)
    assert (row.value_2, row.status_2) == (None, "")
    assert (row.value_4, row.status_4) == (None, "")  # a draft is nobody's figure yet
    assert [row.to_date_1, row.to_date_2, row.to_date_3, row.to_date_4] == [D(90), D(90), D(130), D(130)]

    earlier = RegencyYear.objects.get(indicator=new_entrepreneurs, region__code="62.71", year=2025)
    assert (earlier.value_3, earlier.status_3) == (D(1000), RegionalStatus.SUBMITTED)
    assert earlier.carried == D(20) and earlier.to_date_3 == D(60)
    assert not RegencyYear.objects.filter(year=2027).exists()


def test_every_step_of_entry_and_review_keeps_the_rows_as_the_figures_give_them(
    operator, staff, bureau, palangka_raya, new_entrepreneurs
):
    def to_date():
        row = RegencyYear.objects.filter(indicator=new_entrepreneurs, region=palangka_raya, year=2026).first()
        return row and (row.status_1, row.to_date_1)

    report(new_entrepreneurs, {"62.71": 25}, year=2025, quarter=4)
    change = RegionalChange(indicator=new_entrepreneurs, year=2026, quarter=1, value=D(12), seen=0)
    regional_entry.save_drafts(operator, palangka_raya, [change])
    assert to_date() is None and stored_rows() == as_rebuilt()

    regional_entry.submit(operator, palangka_raya, 2026, 1)
    assert to_date() == (RegionalStatus.SUBMITTED, None) and stored_rows() == as_rebuilt()

    figure = RegionalRealization.objects.get(indicator=new_entrepreneurs, region=palangka_raya, year=2026)
    regional_entry.accept(staff, bureau, 2026, 1, [Decision(figure.pk, figure.version)])
    assert to_date() == (RegionalStatus.ACCEPTED, D(37)) and stored_rows() == as_rebuilt()

    figure.refresh_from_db()
    regional_entry.send_back(staff, bureau, 2026, 1, Decision(figure.pk, figure.version), "Cek lagi.")
    assert to_date() is None and stored_rows() == as_rebuilt()

    figure.delete()
    RegionalRealization.objects.get(year=2025).delete()
    assert not RegencyYear.objects.exists()


def test_a_review_of_many_regencies_rewrites_their_rows_once(staff, bureau, cooperatives):
    report(cooperatives, dict.fromkeys(KALTENG, 9), status=RegionalStatus.SUBMITTED)
    figures = RegionalRealization.objects.filter(indicator=cooperatives)
    decisions = [Decision(pk, version) for pk, version in figures.values_list("pk", "version")]

    with CaptureQueriesContext(connection) as queries:
        assert regional_entry.accept(staff, bureau, 2026, 1, decisions) == 14
    rewrites = [q["sql"] for q in queries if q["sql"].startswith("DELETE") and "regencyyear" in q["sql"]]
    assert len(rewrites) == 1
    assert set(RegencyYear.objects.values_list("status_1", "to_date_1")) == {(RegionalStatus.ACCEPTED, D(9))}


def test_a_step_refused_half_way_leaves_the_rows_as_they_were(staff, bureau, cooperatives):
    report(cooperatives, {"62.71": 9, "62.01": 8}, status=RegionalStatus.SUBMITTED)
    before = stored_rows()
    figures = list(RegionalRealization.objects.filter(indicator=cooperatives).order_by("pk"))
    # The second decision saw an older version: nothing is accepted.
    stale = [Decision(figures[0].pk, figures[0].version), Decision(figures[1].pk, figures[1].version - 1)]
    with pytest.raises(regional_entry.RegionalRefused):
        regional_entry.accept(staff, bureau, 2026, 1, stale)
    assert stored_rows() == before
    assert set(RegencyYear.objects.values_list("status_1", flat=True)) == {RegionalStatus.SUBMITTED}


def test_a_new_plan_period_changes_what_every_regency_carries(new_entrepreneurs):
    for year in (2023, 2024, 2025, 2026):
        report(new_entrepreneurs, {"62.71": 10, "62.01": 1}, year=year)
    set_targets(new_entrepreneurs, {"62.71": 100, "62.01": 100})

    def summary():
        return regency_overview([new_entrepreneurs], 2026, 1, most=0, few=1)[new_entrepreneurs.pk]

    assert summary().highest[0].official.realization == D(30)
    new_entrepreneurs.period_start = 2023
    new_entrepreneurs.save()
    assert set(RegencyYear.objects.values_list("period_start", flat=True)) == {2023}
    assert summary().highest[0].official.realization == D(40)
    assert summary().roll_up.value == D(44)


def test_rows_found_under_another_plan_period_are_not_read(new_entrepreneurs):
    """A plan period changed without the rows being rewritten (an update that sends no signal): the
    pages sum the figures themselves rather than show what the old period carried."""
    for year in (2023, 2024, 2025, 2026):
        report(new_entrepreneurs, {"62.71": 10, "62.01": 1}, year=year)
    set_targets(new_entrepreneurs, {"62.71": 100, "62.01": 100})
    Indicator.objects.filter(pk=new_entrepreneurs.pk).update(period_start=2025)
    new_entrepreneurs.refresh_from_db()

    summary = regency_overview([new_entrepreneurs], 2026, 1, most=0, few=1)[new_entrepreneurs.pk]
    assert [row.official.realization for row in summary.highest + summary.lowest] == [D(20), D(2)]
    assert summary.roll_up.value == D(22)
    table = regency_tables([new_entrepreneurs], 2026, 1)[new_entrepreneurs.pk]
    assert table.roll_up.value == D(22)


def kinds(bureau):
    """A sum, a cumulative, a level (lower is better) and a ratio, each reported by every regency."""

    def series(code, aggregation, **extra):
        return Indicator.objects.create(
            code=code,
            name=code,
            bureau=bureau,
            unit=Unit.UNIT,
            aggregation=aggregation,
            by_region=True,
            **extra,
        )

    _members, _population, share = participation_by_regency(bureau)
    return [
        series("pelatihan", Aggregation.SUM),
        series("wirausaha", Aggregation.CUMULATIVE, period_start=2024, period_end=2026),
        series("kredit-macet", Aggregation.LEVEL, direction=Direction.LOWER),
        share,
    ]


def test_a_summary_ranks_and_rolls_up_as_the_full_table_does(bureau):
    indicators = kinds(bureau)
    members, population = indicators[-1].numerator, indicators[-1].denominator
    for n, code in enumerate(KALTENG):
        # Every seventh regency has not reported TW II; every fifth awaits review.
        status = RegionalStatus.SUBMITTED if n % 5 == 0 else RegionalStatus.ACCEPTED
        for series in indicators[:3] + [members]:
            for year, quarter in ((2025, 3), (2026, 1), (2026, 2)):
                if (year, quarter) == (2026, 2) and n % 7 == 0:
                    continue
                value = (n * 7 + quarter * 3 + (year - 2025) * 11) % 40 + 1
                report(series, {code: value}, year=year, quarter=quarter, status=status)
        report(population, {code: 100 + n}, year=2025, quarter=4)
        for series in indicators:
            set_targets(series, {code: 20 + n % 3 * 10})

    tables = regency_tables(indicators, 2026, 2)
    summaries = regency_overview(indicators, 2026, 2, most=0, few=3)
    for indicator in indicators:
        table, summary = tables[indicator.pk], summaries[indicator.pk]
        assert isinstance(summary, RegencySummary)
        assert summary.count == 14
        assert summary.roll_up == table.roll_up
        highest, lowest = table.extremes(3)
        assert summary.highest == highest and summary.lowest == lowest, indicator.code
        assert summary.highest[0].official.achievement is not None


def test_the_summary_reads_the_same_queries_however_many_figures_it_ranks(
    bureau, new_entrepreneurs, django_assert_num_queries
):
    regions = list(Region.objects.exclude(kind=RegionKind.PROVINCE))
    for year in (2024, 2025, 2026):
        report(new_entrepreneurs, dict.fromkeys(KALTENG, 5), year=year)
    set_targets(new_entrepreneurs, dict.fromkeys(KALTENG, 20))
    new_entrepreneurs.refresh_from_db()
    # the figures to date, the targets and the full rows of the regencies shown
    with django_assert_num_queries(3):
        summary = regency_overview([new_entrepreneurs], 2026, 1, most=0, few=2, regions=regions)
    assert summary[new_entrepreneurs.pk].highest[0].official.realization == D(15)


figures_of_a_regency = st.dictionaries(
    st.tuples(st.integers(2021, 2026), st.integers(1, 4)),
    st.tuples(
        st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False),
        st.sampled_from(list(RegionalStatus)),
    ),
)


@given(
    figures_of_a_regency,
    st.sampled_from([Aggregation.SUM, Aggregation.CUMULATIVE, Aggregation.LEVEL]),
    st.sampled_from([None, 2021, 2023, 2025]),
)
def test_each_year_carries_the_accepted_figures_of_its_plan_period_and_adds_up_its_quarters(
    figures, aggregation, start
):
    rows = regency_years.summarize(
        [(1, 7, year, quarter, value, status) for (year, quarter), (value, status) in figures.items()],
        {1: (start, aggregation)},
    )

    def accepted(year, upto=4):
        return {
            q: value
            for (y, q), (value, status) in figures.items()
            if y == year and q <= upto and status == RegionalStatus.ACCEPTED
        }

    shown = {y for (y, _q), (_v, status) in figures.items() if status in regency_years.KEPT}
    assert [row["year"] for row in rows] == sorted(shown)
    for row in rows:
        year = row["year"]
        earlier = range(start, year) if start else range(0)
        assert row["carried"] == sum((sum(accepted(y).values()) for y in earlier), D(0))
        for q in (1, 2, 3, 4):
            quarters = accepted(year, q)
            if not quarters:
                expected = None
            elif aggregation == Aggregation.LEVEL:
                expected = quarters[max(quarters)]
            else:
                expected = sum(quarters.values(), D(0))
                if aggregation == Aggregation.CUMULATIVE:
                    expected += row["carried"]
            assert row[f"to_date_{q}"] == expected
        kept = {
            q: figure for (y, q), figure in figures.items() if y == year and figure[1] in regency_years.KEPT
        }
        assert {q: (row[f"value_{q}"], row[f"status_{q}"]) for q in kept} == kept
        assert all(f"value_{q}" not in row for q in (1, 2, 3, 4) if q not in kept)
