from playwright.sync_api import expect


def test_the_head_logs_in_to_the_worklist_and_the_dashboard_is_one_click_away(page, log_in, foreign_requests):
    log_in("kadis")
    expect(page.locator("h1")).to_have_text("Daftar kerja")
    page.click("nav.site-nav >> text=Dasbor")
    expect(page.locator("h1")).to_contain_text("2025 TW IV")
    expect(page.locator("tr[data-indicator=volume-usaha-produksi]")).to_contain_text("Rp 222 miliar")
    assert foreign_requests == []


def test_a_wrong_password_stays_on_the_login_page_with_a_message(page, log_in):
    log_in("kadis", password="salah")
    expect(page.locator(".form-error")).to_contain_text("Nama pengguna atau kata sandi salah")
    expect(page.locator("input[name=username]")).to_have_value("kadis")
