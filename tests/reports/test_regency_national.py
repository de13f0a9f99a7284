"""The regency figures of a national tree: more regencies than a bureau page can list."""

import re
from decimal import Decimal as D

import pytest
from django.urls import reverse

from reports.regency_charts import regency_chart
from targets.choices import RegionalStatus, RegionKind
from targets.models import Region, Target
from targets.regional_table import regency_tables
from tests.reports.test_regency_table import participation_by_regency, report, set_targets

# Kalimantan Tengah's fourteen and three more provinces of fourteen: past the forty a bureau page lists.
MORE_PROVINCES = ("63", "64", "65")


def add_provinces():
    """Three more provinces of fourteen regencies each, named by their number so a test can find them."""
    codes = []
    for number, code in enumerate(MORE_PROVINCES):
        province = Region.objects.create(
            code=code, name=f"Provinsi {code}", kind=RegionKind.PROVINCE, order=100 + number
        )
        Region.objects.bulk_create(
            Region(
                code=f"{code}.{i:02d}",
                name=f"Kabupaten {code}-{i:02d}",
                kind=RegionKind.REGENCY,
                parent=province,
                order=1000 + number * 100 + i,
            )
            for i in range(1, 15)
        )
        codes += [f"{code}.{i:02d}" for i in range(1, 15)]
    return codes


@pytest.fixture
def national(cooperatives):
    """56 regencies; all but Murung Raya accepted for TW I 2026, each against a target of 100, their
    figures rising with their place in the tree: 63.01 reports 1 and 65.14 reports 42."""
    more = add_provinces()
    kalteng = list(Region.objects.filter(parent__code="62").values_list("code", flat=True))
    report(cooperatives, {code: 100 for code in kalteng if code != "62.13"})
    report(cooperatives, {code: n for n, code in enumerate(more, start=1)})
    set_targets(cooperatives, dict.fromkeys(kalteng + more, 100))
    return cooperatives


def bureau_page(client, bureau):
    return client.get(
        reverse("reports:bureau", args=[bureau.code]), {"tahun": 2026, "tw": 1}
    ).content.decode()


def indicator_page(client, code="koperasi-aktif"):
    return client.get(reverse("reports:indicator", args=[code]), {"tahun": 2026, "tw": 1}).content.decode()


def regencies_page(client, bureau):
    return client.get(
        reverse("reports:bureau_regencies", args=[bureau.code]), {"tahun": 2026, "tw": 1}
    ).content.decode()


def test_the_bureau_page_of_a_national_tree_links_to_its_regencies_instead_of_reading_them(
    client, head, bureau, national
):
    client.force_login(head)
    page = bureau_page(client, bureau)
    summaries = reverse("reports:bureau_regencies", args=[bureau.code]) + "?tahun=2026&amp;tw=1"
    assert f'href="{summaries}"' in page
    full_table = reverse("reports:indicator", args=["koperasi-aktif"]) + "?tahun=2026&amp;tw=1#regencies"
    assert f'href="{full_table}"' in page
    # Neither a summary, nor the 56-row table, nor its chart is drawn on the bureau page.
    assert 'class="regency-summary"' not in page
    assert "<tr data-region=" not in page
    assert 'id="chart-regency-koperasi-aktif"' not in page


def test_the_regency_page_of_a_bureau_summarises_a_national_tree_and_links_to_the_full_table(
    client, head, bureau, national
):
    client.force_login(head)
    page = regencies_page(client, bureau)
    summary = re.search(
        r'<div class="regency-summary" data-indicator="koperasi-aktif">(.*?)\n</div>', page, re.S
    )
    assert summary, "the page shows a summary of the 56 regencies"
    text = summary.group(1)
    assert "55 dari 56 kabupaten/kota melapor untuk TW I 2026" in text
    # The roll-up: thirteen at 100 and 1 + 2 + ... + 42.
    assert "2.203" in text
    # The highest first, then the lowest, lowest first; Murung Raya, without a figure, in neither.
    named = re.findall(r'<tr data-region="([\d.]+)">', text)
    assert len(named) == 10 and "62.13" not in named
    assert all(code.startswith("62.") for code in named[:5])
    assert named[5:] == ["63.01", "63.02", "63.03", "63.04", "63.05"]
    full_table = reverse("reports:indicator", args=["koperasi-aktif"]) + "?tahun=2026&amp;tw=1#regencies"
    assert f'href="{full_table}"' in text
    assert "Tabel lengkap 56 kabupaten/kota dan grafiknya" in text
    assert 'class="data-table regency-table" data-indicator="koperasi-aktif"' not in page
    assert 'id="chart-regency-koperasi-aktif"' not in page


def test_the_regency_page_of_a_bureau_keeps_kalimantan_tengahs_table_and_chart(
    client, head, bureau, cooperatives
):
    report(cooperatives, {"62.71": 180, "62.01": 100})
    client.force_login(head)
    page = regencies_page(client, bureau)
    assert len(re.findall(r'<tr data-region="62\.\d\d">', page)) == 14
    assert 'id="chart-regency-koperasi-aktif"' in page


def test_the_regency_page_of_an_unknown_bureau_is_not_found(client, head):
    client.force_login(head)
    assert client.get(reverse("reports:bureau_regencies", args=["tidak-ada"])).status_code == 404


def test_kalimantan_tengahs_fourteen_keep_their_table_and_chart_on_the_bureau_page(
    client, head, bureau, cooperatives
):
    report(cooperatives, {"62.71": 180, "62.01": 100})
    client.force_login(head)
    page = bureau_page(client, bureau)
    assert 'class="regency-summary"' not in page
    assert len(re.findall(r'<tr data-region="62\.\d\d">', page)) == 14
    assert 'id="chart-regency-koperasi-aktif"' in page


def test_the_indicator_page_lists_every_regency_of_a_national_tree(client, head, national):
    client.force_login(head)
    page = indicator_page(client)
    rows = re.findall(r'<tr data-region="([\d.]+)">', page)
    assert len(rows) == 56
    assert "Kabupaten 65-14" in page
    assert "55 dari 56 kabupaten/kota melapor untuk TW I 2026" in page
    assert "Capaian 15 kabupaten/kota tertinggi dan 15 terendah" in page


def test_the_chart_of_a_national_tree_draws_the_highest_and_the_lowest_fifteen(head, national):
    table = regency_tables([national], 2026, 1)[national.pk]
    bars = regency_chart(table, "chart-regency").spec["data"][0]
    assert len(bars["y"]) == 30
    assert bars["y"][0] == "Kotawaringin Barat"
    # The lowest last: 63.01 reported 1 against 100.
    assert bars["y"][-1] == "Kabupaten 63-01"
    assert bars["text"][-1] == "1,00% · Sangat Rendah"


def test_a_cumulative_regency_figure_carries_the_earlier_years_of_its_plan_period(new_entrepreneurs):
    """2024 and 2025 carried into 2026, whatever else was reported."""
    Target.objects.create(indicator=new_entrepreneurs, year=2026, value=D(1000))
    for year, quarters in {2023: 500, 2024: 10, 2025: 20, 2026: 30}.items():
        for quarter in (1, 2):
            report(new_entrepreneurs, {"62.71": quarters}, year=year, quarter=quarter)
    # Awaiting review in 2025: not carried, the province counting only accepted figures.
    report(new_entrepreneurs, {"62.71": 1000}, year=2025, quarter=3, status=RegionalStatus.SUBMITTED)
    set_targets(new_entrepreneurs, {"62.71": 200})

    table = regency_tables([new_entrepreneurs], 2026, 2)[new_entrepreneurs.pk]
    row = next(row for row in table.rows if row.region.code == "62.71")
    assert row.official.realization == D(120)  # 2 × 10 + 2 × 20 + 2 × 30; 2023 is before the period
    assert table.roll_up.value == D(120)


@pytest.mark.parametrize("provinces", [0, 3])
def test_the_pages_read_a_national_tree_in_the_same_queries(
    client, head, bureau, cooperatives, provinces, django_assert_num_queries
):
    codes = add_provinces() if provinces else []
    report(cooperatives, {"62.71": 180, **dict.fromkeys(codes, 7)})
    set_targets(cooperatives, {"62.71": 200, **dict.fromkeys(codes, 10)})
    client.force_login(head)
    # as pinned in test_regency_table: the indicator page's twelve, and the regions, their figures,
    # their targets
    with django_assert_num_queries(15):
        page = indicator_page(client)
    assert (
        len(re.findall(r'<tr data-region="', page))
        == Region.objects.exclude(kind=RegionKind.PROVINCE).count()
    )
    # the bureau page's twelve and the regions; of Kalimantan Tengah's tree, their figures and their
    # targets too: a national tree's are left to the bureau's regency page
    with django_assert_num_queries(13 if provinces else 15):
        bureau_page(client, bureau)
    # session, user, data version, the bureau's indicators reported by region, the regions, their
    # figures and their targets (the bureaus are kept from the page before); a national tree's summary
    # reads the regencies' figures to date, then the full figures of the few it names
    with django_assert_num_queries(8 if provinces else 7):
        page = regencies_page(client, bureau)
    assert "62.71" in re.findall(r'<tr data-region="([\d.]+)">', page)


def test_the_dashboard_filter_offers_every_regency_and_marks_the_chosen_one(client, head, national):
    client.force_login(head)
    page = client.get(
        reverse("reports:dashboard"), {"tahun": 2026, "tw": 1, "wilayah": "65.14"}
    ).content.decode()
    options = re.findall(r'<option value="(6[\d.]+)"( selected)?>', page)
    assert len(options) == 56
    assert [code for code, selected in options if selected] == ["65.14"]
    assert "Kabupaten 65-14" in re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)


def test_the_filter_kept_for_the_data_version_marks_each_readers_choice_in_their_language(
    client, head, national
):
    client.force_login(head)

    def chosen(query):
        page = client.get(reverse("reports:dashboard"), {"tahun": 2026, "tw": 1, **query}).content.decode()
        first = re.search(r'<select name="wilayah"[^>]*>\s*<option value="">([^<]*)</option>', page).group(1)
        return first, re.findall(r'<option value="(6[\d.]+)" selected>', page)

    assert chosen({"wilayah": "65.14"}) == ("Semua (angka provinsi)", ["65.14"])
    # The options kept by the first request are not marked for the next reader.
    assert chosen({"wilayah": "62.71"}) == ("Semua (angka provinsi)", ["62.71"])
    assert chosen({}) == ("Semua (angka provinsi)", [])
    client.cookies["django_language"] = "en"
    assert chosen({"wilayah": "65.14"}) == ("All (province figures)", ["65.14"])
    # A regency added to the tree raises the data version: the next page offers it.
    province = Region.objects.get(code="65")
    Region.objects.create(code="65.99", name="Kabupaten Baru", kind=RegionKind.REGENCY, parent=province)
    page = client.get(reverse("reports:dashboard"), {"tahun": 2026, "tw": 1}).content.decode()
    assert '<option value="65.99">Kabupaten Baru</option>' in page


def test_a_regency_ratio_borrows_last_years_denominator_and_ignores_later_quarters(bureau):
    members, population, share = participation_by_regency(bureau)
    # Palangka Raya's population is out for 2025 only; its members for TW I and, later, TW II 2026.
    report(population, {"62.71": 200}, year=2025, quarter=4)
    report(members, {"62.71": 30}, year=2026, quarter=1)
    report(members, {"62.71": 90}, year=2026, quarter=2)

    table = regency_tables([share], 2026, 1)[share.pk]
    row = next(row for row in table.rows if row.region.code == "62.71")
    assert row.official.realization == D(15)  # 30 of last year's 200, not TW II's 90
