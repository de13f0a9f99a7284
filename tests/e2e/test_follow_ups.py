"""In a real browser: a follow-up agreed on the TW III form, reported on at TW IV, and closed."""

from playwright.sync_api import expect

ACTION = "Temu bisnis dengan offtaker karet."


def test_staff_agree_a_follow_up_in_tw_iii_report_on_it_in_tw_iv_and_it_shows_closed(
    page, log_in, demo_server, foreign_requests
):
    log_in("staf.koperasi")
    page.goto(f"{demo_server.url}/entri/koperasi/2026/3/")
    page.fill("input[name=volume-usaha-produksi-value]", "60.000.000.000")
    page.fill("textarea[name=volume-usaha-produksi-kendala]", "Harga karet turun.")
    page.fill("input[name=volume-usaha-koperasi-value]", "530.000.000.000")
    page.fill("textarea[name=volume-usaha-produksi-tl-action]", ACTION)
    page.fill("input[name=volume-usaha-produksi-tl-due_date]", "2026-12-15")
    page.click("button[name=save]")
    # Without its PIC the follow-up is refused beside the field, and what was typed stays.
    expect(page.locator("[data-follow-ups=volume-usaha-produksi] .field-error")).to_contain_text(
        "Tuliskan penanggung jawabnya (PIC)."
    )
    expect(page.locator("textarea[name=volume-usaha-produksi-tl-action]")).to_have_value(ACTION)
    page.fill("input[name=volume-usaha-produksi-tl-pic]", "Kabid Koperasi")
    page.click("button[name=save]")
    expect(page.locator(".messages")).to_contain_text("Tersimpan sebagai draf.")
    expect(page.locator("[data-follow-ups=volume-usaha-produksi]")).to_contain_text(ACTION)

    page.goto(f"{demo_server.url}/entri/koperasi/2026/4/")
    item = page.locator("article.carried-item", has_text=ACTION)
    expect(item).to_contain_text("Harga karet turun.")
    item.locator("select").select_option("in_progress")
    item.locator("textarea").fill("Satu offtaker sudah bertemu koperasi.")
    page.click("button[name=save]")
    expect(page.locator(".messages")).to_contain_text("Tersimpan sebagai draf.")
    item = page.locator("article.carried-item", has_text=ACTION)
    expect(item.locator("select")).to_have_value("in_progress")
    item.locator("select").select_option("done")
    item.locator("textarea").fill("Kontrak pembelian karet ditandatangani.")
    page.click("button[name=save]")
    expect(page.locator(".messages")).to_contain_text("Tersimpan sebagai draf.")

    page.locator("article.carried-item", has_text=ACTION).locator("h3 a").click()
    expect(page.locator("h1")).to_contain_text(ACTION)
    expect(page.locator("[data-status]")).to_contain_text("selesai")
    expect(page.locator("[data-report='2026-4']")).to_contain_text("Kontrak pembelian karet ditandatangani.")
    assert foreign_requests == []
