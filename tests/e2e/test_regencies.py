"""The regency table of an indicator reported by region, and the bureau saving the province figure
from it, in a real browser."""

from decimal import Decimal as D

from playwright.sync_api import expect

from targets.choices import RegionalStatus, RegionKind
from targets.models import Indicator, Realization, Region, RegionalRealization


def test_the_regency_chart_draws_the_best_regency_first(page, log_in, demo_server, foreign_requests):
    log_in("kadis")
    page.goto(f"{demo_server.url}/indikator/wirausaha-baru/?tahun=2025&tw=4")
    expect(page.locator("caption.regency-coverage")).to_have_text(
        "14 dari 14 kabupaten/kota melapor untuk TW IV 2025"
    )
    bars = page.locator("#chart-regency-wirausaha-baru .ytick text")
    expect(bars.first).to_be_attached()
    expect(page.locator("tr[data-region]")).to_have_count(14)
    assert foreign_requests == []


def test_the_bureau_saves_the_province_figure_from_eleven_regencies_by_keyboard(page, log_in, demo_server):
    series = Indicator.objects.get(code="wirausaha-baru")
    regions = list(Region.objects.exclude(kind=RegionKind.PROVINCE))
    for region in regions[:11]:
        RegionalRealization.objects.create(
            indicator=series, region=region, year=2026, quarter=1, value=D(20), status=RegionalStatus.ACCEPTED
        )
    log_in("staf.usahakecil")
    page.goto(f"{demo_server.url}/indikator/wirausaha-baru/?tahun=2026&tw=1")
    expect(page.locator(".regency-missing")).to_have_text(
        "Belum melapor: Barito Timur, Murung Raya, Kota Palangka Raya."
    )
    partial = page.get_by_label("Hitung juga walau belum semua kabupaten/kota melapor")
    partial.focus()
    page.keyboard.press("Space")
    expect(partial).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator(".message-success")).to_have_text(
        "Angka provinsi disimpan sebagai draf dari 11 dari 14 kabupaten/kota."
    )
    assert Realization.objects.get(indicator=series, year=2026, quarter=1).value == 220
