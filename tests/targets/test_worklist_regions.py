"""The worklist understands regencies: operators see their kabupaten/kota's figures to send, a bureau's
staff the regency figures waiting for their review, the head how many regencies a province total covers."""

import datetime
import re
from decimal import Decimal as D

import pytest
from django.urls import reverse

from targets.choices import Aggregation, RegionalStatus, RegionKind, Role, Status, Unit
from targets.models import Indicator, Realization, Region, RegionalRealization, User

URL = reverse("targets:worklist")
COUNT_URL = reverse("targets:worklist_count")
TODAY = datetime.date(2026, 11, 28)


@pytest.fixture(autouse=True)
def _today(today):
    today(TODAY)


@pytest.fixture
def series(bureau):
    """New entrepreneurs, reported by each kabupaten/kota."""
    return Indicator.objects.create(
        code="wirausaha-baru",
        name="Wirausaha baru",
        bureau=bureau,
        unit=Unit.ORANG,
        aggregation=Aggregation.SUM,
        by_region=True,
    )


@pytest.fixture
def operator(palangka_raya):
    return User.objects.create_user(
        "operator.palangkaraya", role=Role.OPERATOR, region=palangka_raya, email="op@palangkaraya.go.id"
    )


def figure(series, code, quarter, status, reason="", year=2026, value=10):
    return RegionalRealization.objects.create(
        indicator=series,
        region=Region.objects.get(code=code),
        year=year,
        quarter=quarter,
        value=D(value),
        status=status,
        reason=reason,
    )


def section(page, anchor):
    """The periods ("2026-3") listed in one section of the page, in order."""
    match = re.search(rf'<section[^>]*id="{anchor}">(.*?)</section>', page, flags=re.S)
    return re.findall(r'data-period="(\d+-\d)"', match.group(1)) if match else []


def grow_regencies(count):
    """More kabupaten/kota under the province, to show that no page's queries grow with them."""
    province = Region.objects.get(code="62")
    for i in range(count):
        Region.objects.create(
            code=f"62.{80 + i}", name=f"Kabupaten Uji {i}", kind=RegionKind.REGENCY, parent=province
        )


def test_an_operator_sees_returned_figures_first_with_the_reason_then_late_then_to_fill(
    client, series, operator
):
    figure(series, "62.71", 1, RegionalStatus.ACCEPTED)
    figure(series, "62.71", 2, RegionalStatus.RETURNED, reason="Lampirkan daftar nama wirausaha.")
    figure(series, "62.71", 3, RegionalStatus.DRAFT)
    # Another regency's returned figure is not this operator's business.
    figure(series, "62.01", 1, RegionalStatus.RETURNED, reason="Angka Kotawaringin Barat keliru.")
    client.force_login(operator)
    page = client.get(URL).content.decode()
    assert section(page, "dikembalikan") == ["2026-2"]
    assert "Lampirkan daftar nama wirausaha." in page
    assert "Kotawaringin Barat keliru" not in page
    assert section(page, "terlambat") == ["2026-3"]
    assert section(page, "perlu-diisi") == ["2026-4"]
    assert reverse("targets:region_entry", args=["62.71", 2026, 2]) in page
    # TW III ended on 30 September: due ten working days later.
    assert 'data-due="2026-10-14"' in page
    assert page.index('id="dikembalikan"') < page.index('id="terlambat"')
    assert client.get(COUNT_URL).json() == {"count": 3}


def test_an_operator_sees_nothing_of_the_bureaus_or_of_series_not_reported_by_region(
    client, series, bureau, operator
):
    Indicator.objects.create(
        code="volume-usaha",
        name="Volume usaha koperasi",
        bureau=bureau,
        unit=Unit.RUPIAH,
        aggregation=Aggregation.SUM,
    )
    for quarter in (1, 2, 3, 4):
        figure(series, "62.71", quarter, RegionalStatus.SUBMITTED)
    client.force_login(operator)
    page = client.get(URL).content.decode()
    assert "Tidak ada angka kabupaten/kota yang perlu diajukan." in page
    assert "Volume usaha koperasi" not in page
    assert 'data-bureau="koperasi"' not in page
    assert client.get(COUNT_URL).json() == {"count": 0}


def test_a_quarter_the_head_has_approved_asks_nothing_more_of_the_operator(client, series, operator):
    Realization.objects.create(indicator=series, year=2026, quarter=3, value=D(100), status=Status.APPROVED)
    client.force_login(operator)
    page = client.get(URL).content.decode()
    assert section(page, "terlambat") == ["2026-1", "2026-2"]


def test_bureau_staff_see_how_many_regency_figures_wait_for_their_review(
    client, series, staff, other_staff, palangka_raya
):
    figure(series, "62.71", 3, RegionalStatus.SUBMITTED)
    figure(series, "62.01", 3, RegionalStatus.SUBMITTED)
    figure(series, "62.02", 3, RegionalStatus.ACCEPTED)
    figure(series, "62.03", 2, RegionalStatus.DRAFT)
    client.force_login(staff)
    page = client.get(URL).content.decode()
    assert section(page, "perlu-diperiksa") == ["2026-3"]
    assert "2 angka kabupaten/kota menunggu diperiksa" in page
    assert reverse("targets:region_review", args=["koperasi", 2026, 3]) in page
    # TW I–III late and TW IV to fill, as before, and the quarter to review.
    assert client.get(COUNT_URL).json() == {"count": 5}
    client.force_login(other_staff)
    assert "menunggu diperiksa" not in client.get(URL).content.decode()


def test_the_head_sees_how_many_regencies_each_series_covers_on_a_quarter_awaiting_approval(
    client, series, head
):
    Realization.objects.create(indicator=series, year=2026, quarter=3, value=D(20), status=Status.SUBMITTED)
    figure(series, "62.71", 3, RegionalStatus.ACCEPTED)
    figure(series, "62.01", 3, RegionalStatus.ACCEPTED)
    figure(series, "62.02", 3, RegionalStatus.SUBMITTED)  # not yet accepted by the bureau
    client.force_login(head)
    page = client.get(URL).content.decode()
    awaiting = page.split('id="menunggu-persetujuan"')[1].split("</section>")[0]
    assert section(page, "menunggu-persetujuan") == ["2026-3"]
    assert "Wirausaha baru: 2 dari 14 kabupaten/kota" in awaiting


def test_the_regency_worklist_speaks_english_once_english_is_chosen(client, series, operator, staff):
    figure(series, "62.71", 2, RegionalStatus.RETURNED, reason="Periksa lagi.")
    figure(series, "62.01", 3, RegionalStatus.SUBMITTED)
    client.force_login(operator)
    client.cookies["django_language"] = "en"
    assert "Not yet submitted" in client.get(URL).content.decode()
    client.force_login(staff)
    client.cookies["django_language"] = "en"
    assert "1 regency figure awaiting review" in client.get(URL).content.decode()


@pytest.mark.parametrize("extra_regencies", [0, 14])
@pytest.mark.parametrize(("who", "queries"), [("operator", 9), ("staff", 9), ("head", 11)])
def test_the_regency_worklist_reads_its_data_in_a_fixed_number_of_queries(
    client, django_assert_num_queries, series, operator, staff, head, who, queries, extra_regencies
):
    grow_regencies(extra_regencies)
    Realization.objects.create(indicator=series, year=2026, quarter=3, value=D(20), status=Status.SUBMITTED)
    for region in Region.objects.exclude(kind=RegionKind.PROVINCE):
        for quarter in (1, 2, 3):
            status = RegionalStatus.RETURNED if quarter == 2 else RegionalStatus.ACCEPTED
            figure(series, region.code, quarter, status, reason="Periksa.")
        figure(series, region.code, 4, RegionalStatus.SUBMITTED)
    assert Region.objects.exclude(kind=RegionKind.PROVINCE).count() == 14 + extra_regencies
    client.force_login({"operator": operator, "staff": staff, "head": head}[who])
    # session, user, the bureaus (for the menu), the first year with a figure; the operator: their
    # regency, the series reported by region, its figures, the approved province figures, the due dates;
    # staff and the head: the worklist's own (see test_worklist) and the regency figures of their part
    with django_assert_num_queries(queries):
        response = client.get(URL)
    assert response.status_code == 200
