"""The regency table and chart on the indicator and bureau pages of an indicator reported by region."""

import re
from decimal import Decimal as D

import plotly.graph_objects as go
import pytest
from django.urls import reverse

from reports.regency_charts import regency_chart
from targets.choices import Aggregation, Category, RegionalStatus, RegionKind, Unit
from targets.models import Indicator, Realization, Region, RegionalRealization, RegionalTarget, User
from targets.regional_table import regency_tables


def report(series, figures, year=2026, quarter=1, status=RegionalStatus.ACCEPTED):
    regions = {region.code: region for region in Region.objects.filter(code__in=figures)}
    for code, value in figures.items():
        RegionalRealization.objects.create(
            indicator=series, region=regions[code], year=year, quarter=quarter, value=D(value), status=status
        )


def participation_by_regency(bureau):
    """Cooperative membership as a share of the population, both terms reported by every regency:
    (members, population, the ratio)."""

    def series(code, name):
        return Indicator.objects.create(
            code=code,
            name=name,
            bureau=bureau,
            is_supporting=True,
            direction="",
            unit=Unit.ORANG,
            aggregation=Aggregation.LEVEL,
            by_region=True,
        )

    members, population = series("anggota", "Anggota koperasi"), series("penduduk", "Penduduk")
    share = Indicator.objects.create(
        code="partisipasi",
        name="Partisipasi berkoperasi",
        bureau=bureau,
        unit=Unit.PERCENT,
        aggregation=Aggregation.RATIO,
        numerator=members,
        denominator=population,
        by_region=True,
    )
    return members, population, share


def set_targets(series, targets, year=2026):
    regions = {region.code: region for region in Region.objects.filter(code__in=targets)}
    RegionalTarget.objects.bulk_create(
        RegionalTarget(indicator=series, region=regions[code], year=year, value=D(value))
        for code, value in targets.items()
    )


@pytest.fixture
def eleven_reported(cooperatives):
    """Eleven regencies accepted for TW I 2026; Barito Timur awaiting review; Gunung Mas and Murung
    Raya not reported."""
    codes = [region.code for region in Region.objects.exclude(kind=RegionKind.PROVINCE)]
    report(cooperatives, dict.fromkeys(codes[:10], 100))
    report(cooperatives, {"62.71": 180})
    report(cooperatives, {"62.12": 40}, status=RegionalStatus.SUBMITTED)
    set_targets(cooperatives, {"62.71": 200, "62.01": 100, "62.06": 250})
    return cooperatives


def url(code, **params):
    return reverse("reports:indicator", args=[code]) + ("?" + "&".join(f"{k}={v}" for k, v in params.items()))


def regency_row(page, code):
    match = re.search(rf'<tr data-region="{re.escape(code)}">(.*?)</tr>', page, re.S)
    assert match, code
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", match.group(1))).strip()


def test_the_indicator_page_shows_each_regency_and_how_many_reported(client, head, eleven_reported):
    client.force_login(head)
    page = client.get(url("koperasi-aktif", tahun=2026, tw=1)).content.decode()
    assert "11 dari 14 kabupaten/kota melapor untuk TW I 2026" in page
    # Realization, the regency's own target, achievement, category, whether it reported.
    assert regency_row(page, "62.71") == "Kota Palangka Raya 180 200 90,00% Tinggi melapor"
    assert regency_row(page, "62.01") == "Kotawaringin Barat 100 100 100,00% Sangat Tinggi melapor"
    assert regency_row(page, "62.12") == "Barito Timur – – – belum ada data menunggu pemeriksaan bidang"
    assert regency_row(page, "62.13") == "Murung Raya – – – belum ada data belum melapor"
    assert "Belum melapor: Gunung Mas, Barito Timur, Murung Raya." in page
    # The roll-up of those reported: ten at 100 and Palangka Raya's 180.
    assert re.search(r"Jumlah yang melapor</th>\s*<td class=\"num\">1.180</td>", page)


def test_the_regency_chart_lists_the_best_achievement_first(head, eleven_reported):
    table = regency_tables([eleven_reported], 2026, 1)[eleven_reported.pk]
    ranked = [row.region.name for row in table.by_achievement]
    assert ranked[:3] == ["Kotawaringin Barat", "Kota Palangka Raya", "Sukamara"]
    assert [row.official.category for row in table.by_achievement[:3]] == [
        Category.VERY_HIGH,
        Category.HIGH,
        Category.VERY_LOW,
    ]
    spec = regency_chart(table, "chart-regency").spec
    go.Figure(spec)  # raises on any property plotly does not know
    bars = spec["data"][0]
    assert list(bars["y"][:3]) == ranked[:3]
    assert bars["text"][0] == "100,00% · Sangat Tinggi"


def test_a_percentage_level_says_why_it_has_no_regency_total(client, head, bureau):
    shares = Indicator.objects.create(
        code="proporsi-ukm",
        name="Proporsi UKM",
        bureau=bureau,
        unit=Unit.PERCENT,
        aggregation=Aggregation.LEVEL,
        by_region=True,
    )
    report(shares, {"62.71": "4.1", "62.06": "2.5"})
    client.force_login(head)
    page = client.get(url("proporsi-ukm", tahun=2026, tw=1)).content.decode()
    assert "Persentase tidak dapat dijumlahkan; isi angka provinsi." in page
    assert "2 dari 14 kabupaten/kota melapor" in page


def test_an_indicator_not_reported_by_region_has_no_regency_table(client, head, cooperatives):
    cooperatives.by_region = False
    cooperatives.save()
    report(cooperatives, {"62.71": 5})
    client.force_login(head)
    page = client.get(url("koperasi-aktif", tahun=2026, tw=1)).content.decode()
    assert "kabupaten/kota melapor" not in page


def test_the_bureau_page_shows_the_regency_table_of_its_indicators(client, head, bureau, eleven_reported):
    client.force_login(head)
    page = client.get(
        reverse("reports:bureau", args=[bureau.code]), {"tahun": 2026, "tw": 1}
    ).content.decode()
    assert "Angka kabupaten/kota" in page
    assert "11 dari 14 kabupaten/kota melapor untuk TW I 2026" in page
    assert 'id="chart-regency-koperasi-aktif"' in page


def add_another_province():
    """Fourteen more regencies, as a national roll-out brings them."""
    province = Region.objects.create(code="63", name="Kalimantan Selatan", kind=RegionKind.PROVINCE)
    Region.objects.bulk_create(
        Region(code=f"63.{i:02d}", name=f"Kabupaten Uji {i}", kind=RegionKind.REGENCY, parent=province)
        for i in range(1, 15)
    )
    return [f"63.{i:02d}" for i in range(1, 15)]


def test_the_pages_read_regencies_in_a_fixed_number_of_queries(
    client, head, bureau, eleven_reported, django_assert_num_queries
):
    client.force_login(head)
    indicator_page = url("koperasi-aktif", tahun=2026, tw=1)
    bureau_page = reverse("reports:bureau", args=[bureau.code]) + "?tahun=2026&tw=1"
    # session, user, data version, indicator, bureaus, targets, realizations, the follow-ups agreed in
    # the year, target history, realization history, follow-up history, definition history, and the
    # regencies: the regions, their figures, their targets
    with django_assert_num_queries(15):
        client.get(indicator_page)
    # session, user, data version, series, targets, realizations of this year and the last, carried
    # totals, entries of the year, the follow-ups agreed in the year and the unfinished ones, the
    # quarters' states and their last workflow steps, and the regions, their figures, their targets
    # (the bureaus are kept since the indicator page)
    with django_assert_num_queries(15):
        client.get(bureau_page)

    more = add_another_province()
    report(eleven_reported, dict.fromkeys(more, 7))
    set_targets(eleven_reported, dict.fromkeys(more, 10))
    # the new province raised the data version: both pages are made afresh
    with django_assert_num_queries(15):
        response = client.get(indicator_page)
    assert "25 dari 28 kabupaten/kota melapor" in response.content.decode()
    with django_assert_num_queries(15):
        client.get(bureau_page)


def test_the_demo_breaks_its_regency_figures_down_to_the_province_figure(client, demo):
    for code in ("koperasi-produsen", "wirausaha-baru"):
        for province in Realization.objects.filter(indicator__code=code, year=2025):
            regency = RegionalRealization.objects.filter(
                indicator__code=code, year=2025, quarter=province.quarter, status=RegionalStatus.ACCEPTED
            )
            assert regency.count() == 14
            assert sum(row.value for row in regency) == province.value
    palangka_raya = RegionalRealization.objects.get(
        indicator__code="koperasi-produsen", year=2025, quarter=4, region__code="62.71"
    )
    sukamara = RegionalRealization.objects.get(
        indicator__code="koperasi-produsen", year=2025, quarter=4, region__code="62.06"
    )
    assert palangka_raya.value > 5 * sukamara.value
    assert "demo" in palangka_raya.history.first().history_change_reason

    client.force_login(User.objects.get(username="kadis"))
    page = client.get(url("wirausaha-baru", tahun=2025, tw=4)).content.decode()
    assert "14 dari 14 kabupaten/kota melapor untuk TW IV 2025" in page


def test_a_ratio_by_regency_is_recomputed_from_its_summed_terms(client, head, bureau):
    members, population, _share = participation_by_regency(bureau)
    # Palangka Raya: 30 of 100 (30%); Sukamara: 9 of 900 (1%). The province: 39 of 1.000, 3,9%; the
    # average of the two percentages would be 15,50%.
    report(members, {"62.71": 30, "62.06": 9})
    report(population, {"62.71": 100, "62.06": 900, "62.01": 500})
    client.force_login(head)
    page = client.get(url("partisipasi", tahun=2026, tw=1)).content.decode()
    assert regency_row(page, "62.71").startswith("Kota Palangka Raya 30%")
    assert regency_row(page, "62.06").startswith("Sukamara 1%")
    # Kotawaringin Barat has its population but no members: not reported, not a zero.
    assert regency_row(page, "62.01") == "Kotawaringin Barat – – – belum ada data belum melapor"
    assert "2 dari 14 kabupaten/kota melapor" in page
    assert re.search(r"Jumlah yang melapor</th>\s*<td class=\"num\">3,90%</td>", page)
