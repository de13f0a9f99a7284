"""The planners set each kabupaten/kota's annual target of an indicator reported by region."""

import html
import re
from decimal import Decimal as D

import pytest
from django.urls import reverse

from targets.choices import RegionKind
from targets.models import Region, RegionalTarget, Target


@pytest.fixture
def by_region(graduations):
    graduations.by_region = True
    graduations.save()
    Target.objects.create(indicator=graduations, year=2026, value=D(800))
    return graduations


def page_url(indicator, year=2026):
    return reverse("targets:target_edit", args=[indicator.code, year])


def save_url(indicator, year=2026):
    return reverse("targets:regency_targets", args=[indicator.code, year])


def region(code):
    return Region.objects.get(code=code)


def field(code):
    return f"wilayah_{region(code).pk}"


def posted(figures, reason="Pembagian target Rakortek ke kabupaten/kota"):
    return {**{field(code): value for code, value in figures.items()}, "reason": reason}


def saved():
    return {t.region.code: t.value for t in RegionalTarget.objects.select_related("region")}


def test_a_planner_sets_regency_targets_with_a_reason_kept_in_their_history(client, planner, by_region):
    client.force_login(planner)
    response = client.post(save_url(by_region), posted({"62.71": "1.200", "62.01": "300"}))
    assert response.status_code == 302
    assert saved() == {"62.71": D(1200), "62.01": D(300)}
    palangka_raya = RegionalTarget.objects.get(region__code="62.71")
    version = palangka_raya.history.get()
    assert version.history_change_reason == "Pembagian target Rakortek ke kabupaten/kota"
    assert version.history_user == planner
    # The province target stays the one assessed.
    assert Target.objects.get(indicator=by_region, year=2026).value == D(800)
    page = client.get(response.url).content.decode()
    assert "Target 2 kabupaten/kota untuk Usaha mikro naik kelas 2026 tersimpan." in page
    assert 'value="1.200"' in page


def test_a_revision_and_a_removal_keep_their_reason(client, planner, by_region):
    RegionalTarget.objects.create(indicator=by_region, region=region("62.71"), year=2026, value=D(100))
    RegionalTarget.objects.create(indicator=by_region, region=region("62.01"), year=2026, value=D(50))
    client.force_login(planner)
    client.post(save_url(by_region), posted({"62.71": "150", "62.01": ""}, reason="Revisi APBD-P"))
    assert saved() == {"62.71": D(150)}
    reasons = RegionalTarget.history.order_by("history_id").values_list(
        "history_type", "history_change_reason"
    )
    assert set(list(reasons)[-2:]) == {("~", "Revisi APBD-P"), ("-", "Revisi APBD-P")}


def test_nothing_changed_writes_nothing(client, planner, by_region):
    RegionalTarget.objects.create(indicator=by_region, region=region("62.71"), year=2026, value=D(100))
    client.force_login(planner)
    response = client.post(save_url(by_region), posted({"62.71": "100"}), follow=True)
    assert "Tidak ada angka yang berubah; tidak ada yang disimpan." in response.content.decode()
    assert RegionalTarget.history.count() == 1


def test_bad_figures_are_named_next_to_their_regency_and_nothing_typed_is_lost(client, planner, by_region):
    client.force_login(planner)
    response = client.post(
        save_url(by_region), posted({"62.71": "1.200", "62.01": "dua ratus", "62.06": "-5", "62.02": "2,5"})
    )
    assert response.status_code == 200
    page = html.unescape(response.content.decode())

    def row(code):
        return re.search(rf'<tr data-region="{code}"[^>]*>(.*?)</tr>', page, re.S).group(1)

    assert "Target tidak boleh negatif." in row("62.06")
    assert "Satuan ini dihitung utuh: tulis bilangan bulat." in row("62.02")
    assert "field-error" in row("62.01")
    assert 'value="dua ratus"' in row("62.01")
    assert 'value="1.200"' in row("62.71")
    assert "Pembagian target Rakortek ke kabupaten/kota" in page
    assert not RegionalTarget.objects.exists()


def test_a_missing_reason_is_asked_for(client, planner, by_region):
    client.force_login(planner)
    response = client.post(save_url(by_region), posted({"62.71": "10"}, reason=""))
    assert "Tuliskan alasannya." in response.content.decode()
    assert not RegionalTarget.objects.exists()


def test_the_page_compares_the_sum_of_regency_targets_with_the_province_target(client, planner, by_region):
    client.force_login(planner)
    client.post(save_url(by_region), posted({"62.71": "500", "62.01": "200"}))
    page = client.get(page_url(by_region)).content.decode()
    assert "Jumlah target kabupaten/kota: 700; target provinsi: 800." in page
    assert "jumlahnya berbeda dari target provinsi" in page
    client.post(save_url(by_region), posted({"62.71": "600", "62.01": "200"}))
    page = client.get(page_url(by_region)).content.decode()
    assert "Jumlah target kabupaten/kota: 800; target provinsi: 800." in page
    assert "jumlahnya berbeda dari target provinsi" not in page


def test_percentage_targets_are_not_summed(client, planner, entrepreneurship):
    entrepreneurship.by_region = True
    entrepreneurship.save()
    client.force_login(planner)
    client.post(save_url(entrepreneurship), posted({"62.71": "4,5", "62.01": "101"}))
    assert not RegionalTarget.objects.exists()
    client.post(save_url(entrepreneurship), posted({"62.71": "4,5"}))
    assert saved() == {"62.71": D("4.5")}
    page = client.get(page_url(entrepreneurship)).content.decode()
    assert "tidak dijumlahkan menjadi target provinsi" in page
    assert "Jumlah target kabupaten/kota" not in page


def test_an_indicator_not_reported_by_region_has_no_regency_targets(client, planner, graduations):
    client.force_login(planner)
    assert "Target kabupaten/kota" not in client.get(page_url(graduations)).content.decode()
    response = client.post(save_url(graduations), {"reason": "x"})
    assert response.status_code == 404
    assert not RegionalTarget.objects.exists()


@pytest.mark.parametrize("who", ["staff", "head"])
def test_only_planners_set_regency_targets(client, by_region, request, who):
    RegionalTarget.objects.create(indicator=by_region, region=region("62.71"), year=2026, value=D(100))
    client.force_login(request.getfixturevalue(who))
    page = client.get(page_url(by_region)).content.decode()
    assert re.search(
        r'<tr data-region="62.71"><th scope="row">Kota Palangka Raya</th><td class="num">100</td>', page
    )
    assert "Simpan target kabupaten/kota" not in page
    assert client.post(save_url(by_region), posted({"62.71": "999"})).status_code == 403
    assert saved() == {"62.71": D(100)}


def test_the_page_reads_regency_targets_in_a_fixed_number_of_queries(
    client, planner, by_region, django_assert_num_queries
):
    client.force_login(planner)
    # session, user, indicator with its bureau, the targets of the year and the last, the regency
    # targets, the regencies, the menu's bureaus
    with django_assert_num_queries(7):
        client.get(page_url(by_region))
    province = Region.objects.create(code="63", name="Kalimantan Selatan", kind=RegionKind.PROVINCE)
    Region.objects.bulk_create(
        Region(code=f"63.{i:02d}", name=f"Kabupaten Uji {i}", kind=RegionKind.REGENCY, parent=province)
        for i in range(1, 15)
    )
    with django_assert_num_queries(7):
        response = client.get(page_url(by_region))
    assert response.content.decode().count("<tr data-region=") == 28


def test_english_numbers_are_read_the_english_way(client, planner, by_region):
    client.force_login(planner)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    client.post(save_url(by_region), posted({"62.71": "1,200"}))
    assert saved() == {"62.71": D(1200)}
    page = client.get(page_url(by_region)).content.decode()
    assert "Regency targets 2026" in page


def test_a_reason_too_long_for_the_history_is_refused_with_the_figures_kept(client, planner, by_region):
    client.force_login(planner)
    response = client.post(save_url(by_region), posted({"62.71": "10"}, reason="x" * 101))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="regency_reason"' in page
    assert "100" in re.search(r'<div class="field-error" role="alert">([^<]*)</div>', page).group(1)
    assert 'value="10"' in page
    assert not RegionalTarget.objects.exists()
