"""The regency operator's entry page and the owning bureau's review page."""

import datetime
from decimal import Decimal as D

import pytest
from django.urls import reverse

from targets import regional_entry
from targets.choices import Aggregation, RegionalStatus, RegionKind, Role, Status, Unit
from targets.models import Indicator, Realization, Region, RegionalRealization, RegionalTarget, User
from targets.regional_entry import RegionalChange


@pytest.fixture
def volume(bureau):
    return Indicator.objects.create(
        code="volume-usaha",
        name="Volume usaha koperasi",
        bureau=bureau,
        unit=Unit.RUPIAH,
        aggregation=Aggregation.SUM,
        by_region=True,
        order=1,
    )


def entry_url(region="62.71", year=2026, quarter=1):
    return reverse("targets:region_entry", args=[region, year, quarter])


def review_url(bureau="koperasi", year=2026, quarter=1):
    return reverse("targets:region_review", args=[bureau, year, quarter])


def figure(series, region, value="10", status=RegionalStatus.SUBMITTED, year=2026, quarter=1):
    return RegionalRealization.objects.create(
        indicator=series, region=region, year=year, quarter=quarter, value=D(value), status=status
    )


def test_the_operator_sees_every_series_of_the_regency_with_target_and_previous_quarter(
    client, operator, palangka_raya, cooperatives, volume
):
    RegionalTarget.objects.create(indicator=cooperatives, region=palangka_raya, year=2026, value=D(150))
    figure(cooperatives, palangka_raya, "120", RegionalStatus.ACCEPTED, year=2025, quarter=4)
    client.force_login(operator)
    page = client.get(entry_url()).content.decode()
    assert "Kota Palangka Raya · 2026 TW I" in page
    assert "Bidang Pemberdayaan dan Pengembangan Koperasi" in page
    assert "Jumlah koperasi aktif" in page and "Volume usaha koperasi" in page
    assert "<dd>150</dd>" in page and '120 <span class="muted">(diterima)</span>' in page
    assert "Ajukan ke bidang" in page and "Simpan draf" in page


def test_the_operator_saves_indonesian_numbers_and_submits(
    client, operator, palangka_raya, cooperatives, volume
):
    client.force_login(operator)
    data = {
        "koperasi-aktif-value": "1.234",
        "koperasi-aktif-version": "0",
        "volume-usaha-value": "2.500.000,5",
    }
    response = client.post(entry_url(), {**data, "save": "1"}, follow=True)
    assert "Tersimpan sebagai draf." in response.content.decode()
    rows = {r.indicator.code: r for r in RegionalRealization.objects.select_related("indicator")}
    assert rows["koperasi-aktif"].value == 1234 and rows["volume-usaha"].value == D("2500000.5")
    response = client.post(
        entry_url(),
        {
            "koperasi-aktif-value": "1.234",
            "koperasi-aktif-version": "1",
            "volume-usaha-value": "2.500.000,5",
            "volume-usaha-version": "1",
            "submit": "1",
        },
        follow=True,
    )
    assert "Angka kabupaten/kota ini telah diajukan ke bidang." in response.content.decode()
    assert set(RegionalRealization.objects.values_list("status", flat=True)) == {RegionalStatus.SUBMITTED}


def test_a_bad_number_gets_a_message_next_to_its_field_and_nothing_typed_is_lost(
    client, operator, cooperatives, volume
):
    client.force_login(operator)
    response = client.post(
        entry_url(), {"koperasi-aktif-value": "12,5", "volume-usaha-value": "abc", "save": "1"}
    )
    page = response.content.decode()
    assert "Jumlah unit harus bilangan bulat." in page
    assert "Bukan angka yang dikenali." in page
    assert 'value="12,5"' in page and 'value="abc"' in page
    assert not RegionalRealization.objects.exists()


def test_a_stale_page_is_refused_with_a_clear_message(client, operator, palangka_raya, cooperatives):
    regional_entry.save_drafts(operator, palangka_raya, [RegionalChange(cooperatives, 2026, 1, D(5), seen=0)])
    client.force_login(operator)
    response = client.post(
        entry_url(), {"koperasi-aktif-value": "7", "koperasi-aktif-version": "0", "save": "1"}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "diubah orang lain (versi 1) setelah versi 0" in page
    assert 'value="7"' in page
    assert RegionalRealization.objects.get().value == 5


def test_the_return_reason_shows_to_the_operator_and_the_figure_is_editable_again(
    client, operator, palangka_raya, cooperatives
):
    row = figure(cooperatives, palangka_raya, "10", RegionalStatus.RETURNED)
    row.reason = "Angka belum termasuk koperasi baru."
    row.save()
    client.force_login(operator)
    page = client.get(entry_url()).content.decode()
    assert "Angka belum termasuk koperasi baru." in page
    assert 'name="koperasi-aktif-value"' in page


def test_only_the_regencys_operator_opens_its_page(client, operator, staff, head, planner, cooperatives):
    other = User.objects.create_user(
        "operator.lain", password="x", role=Role.OPERATOR, region=Region.objects.get(code="62.01")
    )
    for user in (other, staff, head, planner):
        client.force_login(user)
        assert client.get(entry_url()).status_code == 403
        assert client.post(entry_url(), {"koperasi-aktif-value": "3", "save": "1"}).status_code == 403
    client.force_login(operator)
    assert client.get(entry_url(region="99.99")).status_code == 404
    assert client.get(entry_url(region="62")).status_code == 404
    assert client.get(entry_url(year=1900)).status_code == 404
    assert client.get(entry_url(quarter=5)).status_code == 404
    assert not RegionalRealization.objects.exists()


def test_the_bureau_accepts_one_returns_another_with_a_reason(
    client, staff, palangka_raya, cooperatives, volume
):
    first = figure(cooperatives, palangka_raya)
    second = figure(volume, palangka_raya, "500")
    client.force_login(staff)
    page = client.get(review_url()).content.decode()
    assert "0 dari 14 kabupaten/kota" in page and "Terima semua yang diajukan (2 angka)" in page
    client.post(review_url(), {"accept": str(first.pk), f"version-{first.pk}": "1"})
    refused = client.post(review_url(), {"return": str(second.pk), f"version-{second.pk}": "1"})
    assert refused.status_code == 400 and "Tuliskan alasannya." in refused.content.decode()
    client.post(
        review_url(),
        {"return": str(second.pk), f"version-{second.pk}": "1", f"reason-{second.pk}": "Cek ulang."},
    )
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == RegionalStatus.ACCEPTED
    assert (second.status, second.reason) == (RegionalStatus.RETURNED, "Cek ulang.")
    page = client.get(review_url()).content.decode()
    assert "1 dari 14 kabupaten/kota" in page


def test_the_bureau_accepts_everything_submitted_at_once(client, staff, cooperatives):
    rows = [figure(cooperatives, region) for region in Region.objects.exclude(kind=RegionKind.PROVINCE)[:3]]
    client.force_login(staff)
    data = {"accept_all": "1", **{f"version-{row.pk}": "1" for row in rows}}
    client.post(review_url(), data)
    assert set(RegionalRealization.objects.values_list("status", flat=True)) == {RegionalStatus.ACCEPTED}


def test_the_bureau_writes_the_province_figure_from_the_review_page(client, staff, cooperatives):
    for region in Region.objects.exclude(kind=RegionKind.PROVINCE):
        figure(cooperatives, region, "3", RegionalStatus.ACCEPTED)
    client.force_login(staff)
    page = client.get(review_url()).content.decode()
    assert reverse("targets:roll_up", args=["koperasi-aktif", 2026, 1]) in page
    response = client.post(
        reverse("targets:roll_up", args=["koperasi-aktif", 2026, 1]), {"next": "review"}, follow=True
    )
    assert response.redirect_chain[-1][0] == review_url()
    assert Realization.objects.get(indicator=cooperatives).value == 42


def test_the_head_and_planners_read_the_review_page_without_acting(
    client, head, planner, other_staff, operator, palangka_raya, cooperatives
):
    row = figure(cooperatives, palangka_raya)
    for user in (head, planner):
        client.force_login(user)
        page = client.get(review_url())
        assert page.status_code == 200
        assert "Kota Palangka Raya" in page.content.decode()
        assert "Terima semua" not in page.content.decode()
    for user in (head, planner, other_staff, operator):
        client.force_login(user)
        assert client.post(review_url(), {"accept": str(row.pk)}).status_code == 403
    client.force_login(operator)
    assert client.get(review_url()).status_code == 403
    client.force_login(other_staff)
    assert client.get(review_url()).status_code == 403
    row.refresh_from_db()
    assert row.status == RegionalStatus.SUBMITTED


def test_crafted_review_posts_are_refused(client, staff, other_bureau, palangka_raya, cooperatives):
    row = figure(cooperatives, palangka_raya)
    client.force_login(staff)
    assert client.post(review_url(), {"accept": "abc"}).status_code == 403
    assert client.post(review_url(), {"accept": "999999"}).status_code == 403
    assert client.post(review_url(), {"nothing": "1"}).status_code == 403
    assert client.post(review_url(bureau="nope"), {"accept": str(row.pk)}).status_code == 404
    row.refresh_from_db()
    assert row.status == RegionalStatus.SUBMITTED


def test_a_province_quarter_approved_locks_the_operators_figures(
    client, operator, palangka_raya, cooperatives
):
    figure(cooperatives, palangka_raya, "4", RegionalStatus.DRAFT)
    Realization.objects.create(
        indicator=cooperatives, year=2026, quarter=1, value=D(4), status=Status.APPROVED
    )
    client.force_login(operator)
    page = client.get(entry_url()).content.decode()
    assert 'name="koperasi-aktif-value"' not in page
    assert "Angka provinsi triwulan ini sudah disetujui; angka ini terkunci." in page


def regencies_in_tree(count):
    """A province tree of `count` regencies: those the migrations load, and more where asked for."""
    province = Region.objects.get(kind=RegionKind.PROVINCE)
    for n in range(Region.objects.exclude(kind=RegionKind.PROVINCE).count(), count):
        Region.objects.create(
            code=f"62.{80 + n}", name=f"Kabupaten Uji {n}", kind=RegionKind.REGENCY, parent=province
        )


@pytest.mark.parametrize("count", [14, 28])
def test_the_entry_page_reads_in_a_fixed_number_of_queries(
    client, operator, palangka_raya, cooperatives, volume, django_assert_num_queries, count
):
    regencies_in_tree(count)
    for region in Region.objects.exclude(kind=RegionKind.PROVINCE):
        figure(cooperatives, region)
    client.force_login(operator)
    # session, user, region, series, targets, figures, province states, the header's bureaus and the
    # operator's regency
    with django_assert_num_queries(9):
        assert client.get(entry_url()).status_code == 200


@pytest.mark.parametrize("count", [14, 28])
def test_the_review_page_reads_in_a_fixed_number_of_queries(
    client, staff, cooperatives, volume, django_assert_num_queries, count
):
    regencies_in_tree(count)
    for region in Region.objects.exclude(kind=RegionKind.PROVINCE):
        figure(cooperatives, region)
        figure(volume, region, "7", RegionalStatus.ACCEPTED)
    client.force_login(staff)
    # session, user, bureau, series, regencies, regency figures, province figures, the header's bureaus
    with django_assert_num_queries(8):
        assert client.get(review_url()).status_code == 200


def test_the_operators_navigation_shows_the_regency_and_the_current_quarter(client, operator, today):
    today(datetime.date(2026, 11, 28))
    client.force_login(operator)
    landing = client.get(reverse("targets:overview"))
    assert landing.url == entry_url(quarter=4)
    page = client.get(landing.url).content.decode()
    assert f'href="{entry_url(quarter=4)}" aria-current="page">Entri Kota Palangka Raya · TW IV 2026' in page


def test_a_stale_return_is_refused_and_the_reason_typed_stays(
    client, staff, operator, palangka_raya, cooperatives
):
    row = figure(cooperatives, palangka_raya)
    client.force_login(staff)
    response = client.post(
        review_url(), {"return": str(row.pk), f"version-{row.pk}": "0", f"reason-{row.pk}": "Periksa lagi."}
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "diubah orang lain (versi 1) setelah versi 0" in page
    assert ">Periksa lagi.</textarea>" in page
    row.refresh_from_db()
    assert row.status == RegionalStatus.SUBMITTED
