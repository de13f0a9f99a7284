from playwright.sync_api import expect


def test_the_head_sees_every_chart_drawn_with_nothing_from_another_host(
    page, log_in, demo_server, foreign_requests
):
    log_in("kadis")
    page.goto(demo_server.url)
    charts = page.locator("[data-chart]")
    expect(charts).to_have_count(1)
    expect(page.locator("#chart-achievement .main-svg").first).to_be_visible()
    expect(page.get_by_text("Sangat Rendah", exact=True).and_(page.locator(".legendtext"))).to_have_count(1)
    assert foreign_requests == []


def test_the_bureau_page_draws_a_chart_per_indicator(page, log_in, demo_server, foreign_requests):
    log_in("kadis")
    page.click(".nav-menu summary")
    page.click(".nav-menu >> text=Bidang Pemberdayaan Usaha Kecil")
    page.wait_for_load_state("networkidle")
    charts = page.locator("[data-chart]")
    expect(charts).to_have_count(6)  # achievement, one per indicator, and wirausaha baru by regency
    for index in range(6):
        expect(charts.nth(index).locator(".main-svg").first).to_be_attached()
    assert foreign_requests == []


def test_a_charts_axis_reads_numbers_the_indonesian_way(page, log_in, demo_server):
    log_in("kadis")
    page.goto(f"{demo_server.url}/indikator/wirausaha-baru/")
    ticks = page.locator("#chart-path .ytick text")
    expect(ticks.last).to_be_attached()
    assert "1.000" in ticks.all_text_contents()
    page.goto(f"{demo_server.url}/indikator/proporsi-ukm/")
    expect(page.locator("#chart-path .ytick text").first).to_be_attached()
    assert any("," in tick for tick in page.locator("#chart-path .ytick text").all_text_contents())
