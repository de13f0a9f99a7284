"""With the keyboard alone: the skip link, the focus after a refused save, the chart's bars."""

from playwright.sync_api import expect

from tests.e2e.test_accessibility import problems_on


def test_the_skip_link_is_the_first_stop_and_leads_to_the_content(page, log_in):
    log_in("kadis")
    page.keyboard.press("Tab")
    skip = page.locator(".skip-link")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("main#isi")).to_be_focused()


def test_a_refused_save_moves_focus_to_the_first_field_in_error(page, log_in, demo_server):
    log_in("staf.koperasi")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{demo_server.url}/entri/koperasi/2026/1/")
    page.fill("input[name=volume-usaha-produksi-value]", "enam puluh")
    page.click("button[name=save]")
    field = page.locator("input[name=volume-usaha-produksi-value]")
    expect(field).to_be_focused()
    expect(field).to_be_in_viewport()
    expect(field).to_have_attribute("aria-invalid", "true")
    error = page.locator("[data-series=volume-usaha-produksi] .field-error")
    expect(field).to_have_accessible_description(error.inner_text())
    summary_link = page.locator("[data-error-summary] a")
    expect(summary_link).to_have_count(1)
    expect(summary_link).to_contain_text("Volume usaha koperasi sektor produksi")
    summary_link.focus()
    page.keyboard.press("Enter")
    expect(field).to_be_focused()
    assert problems_on(page, "entry form after a refused save") == []


def test_each_bar_of_the_dashboard_chart_is_reached_by_keyboard_in_its_table(page, log_in, demo_server):
    log_in("kadis")
    page.goto(f"{demo_server.url}/")
    chart_data = page.locator(".chart-card details.chart-data").first
    chart_data.locator("summary").focus()
    page.keyboard.press("Enter")
    links = chart_data.locator("tbody th a")
    expect(links).to_have_count(8)
    expect(chart_data.locator("tr", has_text="Wirausaha baru")).to_contain_text("Sangat Tinggi")
    links.first.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{demo_server.url}/indikator/koperasi-produsen/")


def test_a_refused_login_brings_its_message_into_focus(page, log_in):
    log_in("kadis", password="salah")
    message = page.locator(".form-error")
    expect(message).to_be_focused()
    expect(message).to_contain_text("Nama pengguna atau kata sandi salah")
    assert problems_on(page, "login after a wrong password") == []
