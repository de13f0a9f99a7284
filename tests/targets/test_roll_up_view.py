"""The owning bureau writes a series' province figure from its regencies' accepted figures."""

from decimal import Decimal as D

from django.urls import reverse

from targets.choices import RegionalStatus, RegionKind, Status
from targets.models import Realization, Region, RegionalRealization


def report(series, count, year=2026, quarter=1):
    regions = Region.objects.exclude(kind=RegionKind.PROVINCE)[:count]
    for region in regions:
        RegionalRealization.objects.create(
            indicator=series,
            region=region,
            year=year,
            quarter=quarter,
            value=D(10),
            status=RegionalStatus.ACCEPTED,
        )


def roll_up_url(code="koperasi-aktif", year=2026, quarter=1):
    return reverse("targets:roll_up", args=[code, year, quarter])


def test_the_bureaus_staff_write_the_province_figure_from_every_regency(client, staff, cooperatives):
    report(cooperatives, 14)
    client.force_login(staff)
    page = client.get(reverse("reports:indicator", args=["koperasi-aktif"]) + "?tahun=2026&tw=1")
    assert roll_up_url() in page.content.decode()
    response = client.post(roll_up_url(), follow=True)
    assert "Angka provinsi disimpan sebagai draf dari 14 dari 14 kabupaten/kota." in response.content.decode()
    province = Realization.objects.get(indicator=cooperatives, year=2026, quarter=1)
    assert province.value == 140 and province.status == Status.DRAFT and province.updated_by == staff


def test_a_partial_roll_up_needs_the_box_ticked(client, staff, cooperatives):
    report(cooperatives, 11)
    client.force_login(staff)
    refused = client.post(roll_up_url(), follow=True).content.decode()
    assert (
        "Baru 11 dari 14 kabupaten/kota; belum melapor: Barito Timur, Murung Raya, Kota Palangka Raya."
        in refused
    )
    assert not Realization.objects.exists()
    client.post(roll_up_url(), {"partial": "1"})
    assert Realization.objects.get(indicator=cooperatives).value == 110


def test_only_the_owning_bureaus_staff_may_write_it(client, head, other_staff, cooperatives):
    report(cooperatives, 14)
    for user in (head, other_staff):
        client.force_login(user)
        assert client.post(roll_up_url()).status_code == 403
        page = client.get(reverse("reports:indicator", args=["koperasi-aktif"]) + "?tahun=2026&tw=1")
        assert roll_up_url() not in page.content.decode()
    client.cookies.clear()
    assert client.post(roll_up_url()).status_code == 302
    assert not Realization.objects.exists()


def test_a_series_not_reported_by_region_or_a_year_out_of_range_is_not_found(client, staff, cooperatives):
    client.force_login(staff)
    assert client.post(roll_up_url(year=1900)).status_code == 404
    cooperatives.by_region = False
    cooperatives.save()
    assert client.post(roll_up_url()).status_code == 404
    assert client.get(roll_up_url()).status_code == 405
