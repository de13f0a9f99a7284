"""A regency operator's figures through the owning bureau's review to the head's approval of the province
figure they add up to, in a real browser."""

from decimal import Decimal as D

from django.utils import timezone
from playwright.sync_api import expect

from targets.choices import RegionalStatus, Status
from targets.models import Indicator, Realization, RegionalRealization
from targets.regional_reads import current_period


def test_an_operators_figures_are_reviewed_rolled_up_submitted_and_approved(page, log_in, demo_server):
    # A second series of the bureau reported by region: one bureau reviews both of the operator's figures.
    Indicator.objects.filter(code="anggota-koperasi").update(by_region=True)
    year, quarter = current_period(timezone.localdate())
    base = demo_server.url
    review = f"{base}/entri/kelembagaan/{year}/{quarter}/kabupaten/"

    log_in("operator.palangkaraya")
    page.click("nav.site-nav >> text=Entri Kota Palangka Raya")
    expect(page.locator("h1")).to_contain_text(f"Kota Palangka Raya · {year}")
    page.fill("input[name=koperasi-produsen-value]", "205")
    page.fill("input[name=anggota-koperasi-value]", "3.100,5")
    page.click("button[name=submit]")
    expect(page.locator("[data-series=anggota-koperasi] .field-error")).to_contain_text("bilangan bulat")
    expect(page.locator("input[name=koperasi-produsen-value]")).to_have_value("205")
    page.fill("input[name=anggota-koperasi-value]", "31.005")
    page.click("button[name=submit]")
    expect(page.locator(".messages")).to_contain_text("Angka kabupaten/kota ini telah diajukan ke bidang.")
    page.click("header >> text=Keluar")

    log_in("staf.kelembagaan")
    page.goto(review)
    members = page.locator("section[data-series=anggota-koperasi] tr[data-region='62.71']")
    members.locator("textarea").fill("Jumlah anggota belum termasuk koperasi baru di Jekan Raya.")
    members.locator("button:has-text('Kembalikan')").click()
    expect(page.locator(".messages")).to_contain_text(
        "Angka dikembalikan ke kabupaten/kota dengan alasannya."
    )
    page.locator(
        "section[data-series=koperasi-produsen] tr[data-region='62.71'] button:has-text('Terima')"
    ).click()
    expect(page.locator(".messages")).to_contain_text("Angka kabupaten/kota diterima.")
    page.click("header >> text=Keluar")

    log_in("operator.palangkaraya")
    page.goto(f"{base}/entri/wilayah/62.71/{year}/{quarter}/")
    expect(page.locator("[data-series=anggota-koperasi] [data-return-reason]")).to_contain_text(
        "belum termasuk koperasi baru di Jekan Raya"
    )
    expect(page.locator("input[name=koperasi-produsen-value]")).to_have_count(0)
    page.fill("input[name=anggota-koperasi-value]", "31.240")
    page.click("button[name=submit]")
    expect(page.locator(".messages")).to_contain_text("Angka kabupaten/kota ini telah diajukan ke bidang.")
    page.click("header >> text=Keluar")

    log_in("staf.kelembagaan")
    page.goto(review)
    # Kota Palangka Raya's corrected figure and the demo's figure of Kotawaringin Timur.
    page.click("button[name=accept_all]")
    expect(page.locator(".messages")).to_contain_text("2 angka kabupaten/kota diterima.")
    for code in ("koperasi-produsen", "anggota-koperasi"):
        section = page.locator(f"section[data-series={code}]")
        section.get_by_label("Tulis juga walau baru").check()
        section.locator("button:has-text('Tulis angka provinsi')").click()
        expect(page.locator(".messages")).to_contain_text("Angka provinsi disimpan sebagai draf")
    rolled_up = page.locator("section[data-series=koperasi-produsen] [data-roll-up]").inner_text()
    expect(page.locator("section[data-series=koperasi-produsen] [data-province]")).to_contain_text(rolled_up)
    page.goto(f"{base}/entri/kelembagaan/{year}/{quarter}/")
    expect(page.locator("[data-derived=koperasi-produsen]")).to_contain_text("2 dari 14 kabupaten/kota")
    page.click("button[name=submit]")
    expect(page.locator(".messages")).to_contain_text("Triwulan ini telah diajukan kepada Kepala Dinas.")
    page.click("header >> text=Keluar")

    log_in("kadis")
    page.goto(f"{base}/entri/kelembagaan/{year}/{quarter}/setujui/periksa/")
    page.click("button:has-text('Ya, setujui dan kunci')")
    expect(page.locator(".messages")).to_contain_text("Triwulan ini disetujui dan dikunci.")
    page.goto(review)
    expect(page.locator("section[data-series=koperasi-produsen] [data-roll-up]")).to_have_text(rolled_up)

    accepted = RegionalRealization.objects.filter(
        indicator__code="koperasi-produsen", year=year, quarter=quarter, status=RegionalStatus.ACCEPTED
    )
    province = Realization.objects.get(indicator__code="koperasi-produsen", year=year, quarter=quarter)
    assert province.status == Status.APPROVED
    assert province.value == sum((row.value for row in accepted), D(0)) == D(395)
