"""The "what is missing" page names the kabupaten/kota that have not sent their figures."""

import datetime
import re
from decimal import Decimal as D

import pytest
from django.urls import reverse

from targets.choices import Aggregation, RegionalStatus, RegionKind, Unit
from targets.models import Indicator, Region, RegionalRealization

URL = reverse("targets:missing")


@pytest.fixture(autouse=True)
def _today(today):
    today(datetime.date(2026, 11, 28))


@pytest.fixture
def series(bureau):
    return Indicator.objects.create(
        code="wirausaha-baru",
        name="Wirausaha baru",
        bureau=bureau,
        unit=Unit.ORANG,
        aggregation=Aggregation.SUM,
        by_region=True,
    )


@pytest.fixture
def overseer(client, head):
    client.force_login(head)
    return client


def send(series, codes, quarter, status=RegionalStatus.SUBMITTED, year=2026):
    for code in codes:
        RegionalRealization.objects.create(
            indicator=series,
            region=Region.objects.get(code=code),
            year=year,
            quarter=quarter,
            value=D(5),
            status=status,
        )


def every_regency_but(*codes):
    return [r.code for r in Region.objects.exclude(kind=RegionKind.PROVINCE) if r.code not in codes]


def regions_missing(page, series="wirausaha-baru"):
    """{quarter: [region codes]} listed as missing for one series."""
    row = re.search(rf'<tr data-series="{series}">(.*?)</tr>', page, flags=re.S)
    if row is None:
        return {}
    cells = re.findall(r'data-regional-quarter="(\d)">(.*?)</div>', row.group(1), flags=re.S)
    return {int(q): re.findall(r'data-region="([\d.]+)"', cell) for q, cell in cells}


def test_the_regencies_that_have_not_sent_a_quarter_are_named_in_the_region_trees_order(overseer, series):
    send(series, every_regency_but("62.03", "62.71"), 1)
    send(series, every_regency_but("62.09"), 2, status=RegionalStatus.ACCEPTED)
    # A draft or a figure returned by the bureau is not sent.
    send(series, every_regency_but("62.01"), 3)
    send(series, ["62.01"], 3, status=RegionalStatus.RETURNED)
    page = overseer.get(URL, {"tahun": 2026}).content.decode()
    assert regions_missing(page) == {1: ["62.03", "62.71"], 2: ["62.09"], 3: ["62.01"]}
    assert "Kapuas</span>, <span" in page and "Kota Palangka Raya" in page
    assert "2 dari 14 belum mengajukan" in page
    assert reverse("targets:region_review", args=["koperasi", 2026, 1]) in page


def test_a_province_quarter_is_not_complete_while_regencies_are_missing(overseer, series, bureau):
    # The bureau has nothing to submit of its own: only the regencies' figures are outstanding.
    for quarter in (1, 2, 3):
        send(series, every_regency_but("62.71"), quarter, status=RegionalStatus.ACCEPTED)
    page = overseer.get(URL, {"tahun": 2026}).content.decode()
    assert "Semua bidang telah mengajukan setiap triwulan" not in page
    assert regions_missing(page) == {1: ["62.71"], 2: ["62.71"], 3: ["62.71"]}


def test_once_every_regency_has_sent_the_series_is_no_longer_listed(overseer, series):
    for quarter in (1, 2, 3):
        send(series, every_regency_but(), quarter)
    page = overseer.get(URL, {"tahun": 2026}).content.decode()
    assert regions_missing(page) == {}
    assert 'data-series="wirausaha-baru"' not in page


def test_the_page_can_be_narrowed_to_one_regency(overseer, series):
    send(series, every_regency_but("62.03", "62.71"), 1)
    send(series, ["62.71"], 2)
    page = overseer.get(URL, {"tahun": 2026, "wilayah": "62.71"}).content.decode()
    assert regions_missing(page) == {1: ["62.71"], 3: ["62.71"]}
    assert "Angka Kota Palangka Raya yang belum diajukan" in page
    assert '<option value="62.71" selected>' in page


@pytest.mark.parametrize("wilayah", ["99.99", "62", "<script>", "62.71'"])
def test_an_unknown_regency_in_the_query_string_is_a_404(overseer, series, wilayah):
    assert overseer.get(URL, {"tahun": 2026, "wilayah": wilayah}).status_code == 404


def test_the_regency_part_speaks_english_once_english_is_chosen(overseer, series):
    overseer.cookies["django_language"] = "en"
    page = overseer.get(URL, {"tahun": 2026}).content.decode()
    assert "Regencies and cities that have not submitted" in page
    assert "14 of 14 not yet submitted" in page


@pytest.mark.parametrize("extra_regencies", [0, 14])
def test_the_page_reads_the_regency_figures_in_a_fixed_number_of_queries(
    overseer, series, django_assert_num_queries, extra_regencies
):
    province = Region.objects.get(code="62")
    for i in range(extra_regencies):
        Region.objects.create(
            code=f"62.{80 + i}", name=f"Kabupaten Uji {i}", kind=RegionKind.REGENCY, parent=province
        )
    send(series, every_regency_but("62.71"), 1)
    # session, user, the regencies, bureaus, realization states, the year's log, the planners' due
    # dates, the series reported by region, the regency figures sent
    with django_assert_num_queries(9):
        page = overseer.get(URL, {"tahun": 2026}).content.decode()
    assert len(regions_missing(page)[2]) == 14 + extra_regencies
