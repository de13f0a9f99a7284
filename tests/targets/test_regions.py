"""Regions as data, and how the figures of the kabupaten/kota roll up to the province."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from targets.choices import Aggregation, RegionalStatus, RegionKind, Role, Status, Step, Unit
from targets.models import Indicator, Realization, Region, RegionalRealization, User, WorkflowStep
from targets.regions import (
    RollUpError,
    Term,
    regencies,
    roll_up,
    roll_up_ratio,
    write_province_figure,
)
from targets.workflow import Refused

KALTENG = {
    "62.01": "Kotawaringin Barat",
    "62.02": "Kotawaringin Timur",
    "62.03": "Kapuas",
    "62.04": "Barito Selatan",
    "62.05": "Barito Utara",
    "62.06": "Sukamara",
    "62.07": "Lamandau",
    "62.08": "Seruyan",
    "62.09": "Katingan",
    "62.10": "Pulang Pisau",
    "62.11": "Gunung Mas",
    "62.12": "Barito Timur",
    "62.13": "Murung Raya",
    "62.71": "Kota Palangka Raya",
}

# Regency figures as the forms take them: up to four decimals, never negative.
figure = st.decimals(min_value=0, max_value=10**12, places=4, allow_nan=False, allow_infinity=False)
regency_figures = st.dictionaries(st.sampled_from(sorted(KALTENG)), figure)


# The migration's region tree.


def test_the_migration_loads_kalimantan_tengah_and_its_fourteen_regencies(db):
    province = Region.objects.get(code="62")
    assert province.name == "Kalimantan Tengah" and province.kind == RegionKind.PROVINCE
    assert province.parent is None
    loaded = {region.code: region.name for region in Region.objects.filter(parent=province)}
    assert loaded == KALTENG
    assert Region.objects.get(code="62.71").kind == RegionKind.CITY
    assert set(
        Region.objects.filter(parent=province).exclude(code="62.71").values_list("kind", flat=True)
    ) == {RegionKind.REGENCY}
    assert [region.code for region in regencies(province)] == list(KALTENG)


def test_a_regency_without_a_province_is_refused(db):
    with pytest.raises(ValidationError, match="provinsi induk"):
        Region(code="63.01", name="Tanah Laut", kind=RegionKind.REGENCY).full_clean()


def test_the_administrator_adds_a_region_in_the_admin(client, db):
    admin = User.objects.create_user("admin", password="x", role=Role.ADMIN)
    client.force_login(admin)
    province = Region.objects.get(code="62")
    response = client.post(
        reverse("admin:targets_region_add"),
        {
            "code": "62.72",
            "name": "Kota Uji Coba",
            "kind": RegionKind.CITY,
            "parent": province.pk,
            "order": 15,
        },
    )
    assert response.status_code == 302
    assert Region.objects.get(code="62.72").parent == province
    assert len(regencies(province)) == 15


def test_staff_cannot_change_the_region_tree(client, staff):
    client.force_login(staff)
    assert client.get(reverse("admin:targets_region_add")).status_code == 302


# Marking indicators as reported by region.


@pytest.fixture
def members(bureau):
    return Indicator.objects.create(
        code="anggota",
        name="Jumlah anggota koperasi",
        bureau=bureau,
        is_supporting=True,
        direction="",
        unit=Unit.ORANG,
        aggregation=Aggregation.LEVEL,
    )


@pytest.fixture
def population(bureau):
    return Indicator.objects.create(
        code="penduduk",
        name="Jumlah penduduk",
        bureau=bureau,
        is_supporting=True,
        direction="",
        unit=Unit.ORANG,
        aggregation=Aggregation.LEVEL,
    )


@pytest.fixture
def participation(bureau, members, population):
    return Indicator.objects.create(
        code="partisipasi",
        name="Partisipasi masyarakat dalam berkoperasi",
        bureau=bureau,
        unit=Unit.PERCENT,
        aggregation=Aggregation.RATIO,
        numerator=members,
        denominator=population,
    )


def test_a_ratio_cannot_be_reported_by_region_without_its_two_series(participation, members):
    members.by_region = True
    members.save()
    participation.by_region = True
    with pytest.raises(ValidationError) as refused:
        participation.full_clean()
    message = " ".join(refused.value.message_dict["by_region"])
    assert "pembilang dan penyebutnya" in message
    assert "Jumlah penduduk" in message and "Jumlah anggota koperasi" not in message


def test_a_series_used_by_a_ratio_reported_by_region_cannot_leave(participation, members, population):
    for series in (members, population, participation):
        series.by_region = True
        series.full_clean()
        series.save()
    population.by_region = False
    with pytest.raises(ValidationError, match="Partisipasi masyarakat"):
        population.full_clean()


def test_the_planner_is_told_in_the_admin_why_a_ratio_cannot_be_marked(client, planner, participation):
    client.force_login(planner)
    url = reverse("admin:targets_indicator_change", args=[participation.pk])
    data = {
        "code": participation.code,
        "name": participation.name,
        "bureau": participation.bureau_id,
        "order": 0,
        "unit": participation.unit,
        "aggregation": participation.aggregation,
        "direction": participation.direction,
        "numerator": participation.numerator_id,
        "denominator": participation.denominator_id,
        "multiplier": "100",
        "by_region": "on",
        "change_reason": "Dilaporkan kabupaten/kota",
        "targets-TOTAL_FORMS": "0",
        "targets-INITIAL_FORMS": "0",
    }
    page = client.post(url, data)
    assert page.status_code == 200
    assert "pembilang dan penyebutnya juga dilaporkan per kabupaten/kota" in page.content.decode()
    participation.refresh_from_db()
    assert not participation.by_region


# The roll-up, stated independently: the property tests recompute the province figure plainly.


@given(regency_figures, st.sampled_from([Aggregation.SUM, Aggregation.CUMULATIVE]))
def test_flows_add_up_over_the_regencies_that_reported(figures, kind):
    result = roll_up(kind, Unit.RUPIAH, figures, KALTENG)
    total = D(0)
    for value in figures.values():
        total += value
    assert result.value == (total if figures else None)


@given(regency_figures, st.sampled_from([Unit.UNIT, Unit.ORANG, Unit.RUPIAH]))
def test_a_level_of_counts_or_rupiah_adds_up(figures, unit):
    result = roll_up(Aggregation.LEVEL, unit, figures, KALTENG)
    assert result.value == (sum(figures.values()) if figures else None)
    assert result.derivable


@given(regency_figures)
def test_a_level_of_percentages_is_never_added_and_says_so(figures):
    result = roll_up(Aggregation.LEVEL, Unit.PERCENT, figures, KALTENG)
    assert result.value is None
    assert result.reason == "persentase tidak dapat dijumlahkan; isi angka provinsi"


@given(regency_figures, regency_figures, st.sampled_from([D(100), D(1), D(1000)]))
def test_a_ratio_is_recomputed_from_summed_terms_never_averaged(numerators, denominators, multiplier):
    result = roll_up_ratio(
        Term(Aggregation.SUM, Unit.RUPIAH, numerators),
        Term(Aggregation.LEVEL, Unit.RUPIAH, denominators),
        multiplier,
        KALTENG,
    )
    both = [code for code in KALTENG if code in numerators and code in denominators]
    above = sum(numerators[code] for code in both)
    below = sum(denominators[code] for code in both)
    expected = above / below * multiplier if both and below else None
    assert result.value == expected
    assert result.reported == len(both)


def test_a_ratio_of_percentages_is_not_averaged():
    shares = {"62.71": D(50), "62.06": D(10)}
    result = roll_up_ratio(
        Term(Aggregation.LEVEL, Unit.PERCENT, shares),
        Term(Aggregation.LEVEL, Unit.ORANG, shares),
        D(100),
        KALTENG,
    )
    assert result.value is None and not result.derivable


@given(regency_figures)
def test_a_missing_regency_is_named_never_counted_as_zero(figures):
    result = roll_up(Aggregation.SUM, Unit.UNIT, figures, KALTENG)
    absent = [name for code, name in KALTENG.items() if code not in figures]
    assert list(result.missing) == absent
    assert result.reported == len(figures)
    assert result.expected == 14
    assert result.complete == (not absent)
    assert result.coverage == f"{len(figures)} dari 14 kabupaten/kota"
    if not figures:
        assert result.value is None


def test_figures_of_a_region_not_expected_are_left_out():
    result = roll_up(
        Aggregation.SUM, Unit.UNIT, {"62.71": D(5), "63.01": D(7)}, {"62.71": "Kota Palangka Raya"}
    )
    assert result.value == 5 and result.complete


# Writing the province figure from the regencies.


def report(series, figures, year=2026, quarter=1, status=RegionalStatus.ACCEPTED):
    for code, value in figures.items():
        RegionalRealization.objects.create(
            indicator=series,
            region=Region.objects.get(code=code),
            year=year,
            quarter=quarter,
            value=D(value),
            status=status,
        )


def test_the_province_figure_is_written_through_the_workflow(cooperatives, staff):
    figures = {code: 10 + i for i, code in enumerate(KALTENG)}
    report(cooperatives, figures)
    result = write_province_figure(cooperatives, 2026, 1, staff)
    assert result.complete and result.value == sum(figures.values())

    province = Realization.objects.get(indicator=cooperatives, year=2026, quarter=1)
    assert province.value == sum(figures.values())
    assert province.status == Status.DRAFT and province.version == 1 and province.updated_by == staff
    assert (
        province.history.first().history_change_reason
        == "dihitung dari angka kabupaten/kota: 14 dari 14 kabupaten/kota"
    )
    assert WorkflowStep.objects.filter(bureau=cooperatives.bureau, action=Step.ROLL_UP, year=2026).exists()

    RegionalRealization.objects.filter(region__code="62.71").update(value=D(100))
    write_province_figure(cooperatives, 2026, 1, staff)
    province.refresh_from_db()
    assert province.value == sum(figures.values()) - figures["62.71"] + 100
    assert province.version == 2
    assert province.history.count() == 2


def test_a_partial_roll_up_is_written_only_when_asked_and_names_who_is_missing(cooperatives, staff):
    report(cooperatives, dict.fromkeys(list(KALTENG)[:11], 5))
    report(cooperatives, {"62.12": 99}, status=RegionalStatus.SUBMITTED)
    with pytest.raises(
        RollUpError, match="11 dari 14 kabupaten/kota.*Barito Timur, Murung Raya, Kota Palangka Raya"
    ):
        write_province_figure(cooperatives, 2026, 1, staff)
    assert not Realization.objects.exists()

    result = write_province_figure(cooperatives, 2026, 1, staff, allow_partial=True)
    assert result.value == 55 and result.reported == 11
    assert Realization.objects.get(indicator=cooperatives).value == 55


def test_a_percentage_level_keeps_its_province_entry(bureau, staff):
    shares = Indicator.objects.create(
        code="proporsi-ukm",
        name="Proporsi UKM",
        bureau=bureau,
        unit=Unit.PERCENT,
        aggregation=Aggregation.LEVEL,
        by_region=True,
    )
    report(shares, dict.fromkeys(KALTENG, "3.5"))
    with pytest.raises(RollUpError, match="persentase tidak dapat dijumlahkan"):
        write_province_figure(shares, 2026, 1, staff)
    assert not Realization.objects.exists()


def test_nothing_is_written_into_a_submitted_quarter(cooperatives, staff):
    report(cooperatives, dict.fromkeys(KALTENG, 1))
    write_province_figure(cooperatives, 2026, 1, staff)
    Realization.objects.update(status=Status.SUBMITTED)
    RegionalRealization.objects.filter(region__code="62.06").update(value=D(2))
    with pytest.raises(Refused):
        write_province_figure(cooperatives, 2026, 1, staff)
    assert Realization.objects.get().value == 14
