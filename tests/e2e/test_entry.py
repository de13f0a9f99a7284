"""In a real browser: staff fill a quarter the Indonesian way and submit; the head approves; the
dashboard shows the new achievement."""

from playwright.sync_api import expect


def test_staff_submit_a_quarter_the_head_approves_it_and_the_dashboard_shows_it(
    page, log_in, demo_server, foreign_requests
):
    log_in("staf.koperasi")
    page.click("nav.site-nav >> text=Entri realisasi")
    # The overview opens on the current year; the clock of these tests is in 2026 or later.
    page.goto(f"{demo_server.url}/entri/?tahun=2026")
    page.click("section[data-bureau=koperasi] a[data-quarter='1']")
    expect(page.locator("h1")).to_contain_text("2026 TW I")

    page.fill("input[name=volume-usaha-produksi-value]", "60.000.000.000")
    page.fill("textarea[name=volume-usaha-produksi-kendala]", "Harga karet turun.")
    page.fill("input[name=volume-usaha-koperasi-value]", "530.000.000.000")
    page.click("button[name=submit]")
    expect(page.locator(".messages")).to_contain_text("Triwulan ini telah diajukan kepada Kepala Dinas.")
    expect(page.locator(".quarter-status")).to_contain_text("menunggu persetujuan")

    page.click("header >> text=Keluar")
    log_in("kadis")
    page.goto(f"{demo_server.url}/entri/koperasi/2026/1/")
    expect(page.locator("[data-series=volume-usaha-produksi]")).to_contain_text("Rp 60 miliar")
    page.click("text=Setujui dan kunci")
    expect(page.locator(".locked-figures")).to_contain_text("Rp 60 miliar")
    page.click("button:has-text('Ya, setujui dan kunci')")
    expect(page.locator(".messages")).to_contain_text("Triwulan ini disetujui dan dikunci.")

    page.goto(f"{demo_server.url}/?tahun=2026&tw=1")
    row = page.locator("tr[data-indicator=volume-usaha-produksi]")
    expect(row).to_contain_text("Rp 60 miliar")
    expect(row).to_contain_text("25,00%")
    assert foreign_requests == []


def test_a_figure_a_thousand_times_off_is_confirmed_before_it_is_saved(page, log_in, demo_server):
    log_in("staf.koperasi")
    page.goto(f"{demo_server.url}/entri/koperasi/2026/1/")
    page.fill("input[name=volume-usaha-produksi-value]", "60.000.000")
    page.fill("textarea[name=volume-usaha-produksi-kendala]", "Harga karet turun.")
    page.click("button[name=save]")
    row = page.locator("[data-series=volume-usaha-produksi]")
    expect(row.locator(".field-error")).to_contain_text("Apakah maksud Anda Rp 60 miliar?")
    expect(page.locator("input[name=volume-usaha-produksi-value]")).to_have_value("60.000.000")
    expect(page.locator("textarea[name=volume-usaha-produksi-kendala]")).to_have_value("Harga karet turun.")
    row.locator("input[type=checkbox]").check()
    page.click("button[name=save]")
    expect(page.locator(".messages")).to_contain_text("Tersimpan sebagai draf.")
    expect(page.locator("input[name=volume-usaha-produksi-value]")).to_have_value("60.000.000")
