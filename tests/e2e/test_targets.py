"""In a real browser: a planner sets the Rakortek targets the Indonesian way and is stopped by a
quarterly target that does not add up."""

from decimal import Decimal as D

from playwright.sync_api import expect

from targets.models import Target


def test_a_planner_sets_the_rakortek_targets_the_indonesian_way(page, log_in, demo_server, foreign_requests):
    Target.objects.filter(year=2026, indicator__code__in=["wirausaha-baru", "rasio-kewirausahaan"]).delete()
    log_in("perencana")
    page.click("nav.site-nav >> text=Target")
    page.goto(f"{demo_server.url}/target/?tahun=2026&bidang=usaha-kecil")

    page.click("tr[data-indicator=wirausaha-baru] >> text=Tetapkan")
    page.fill("input[name=value]", "2.872")
    page.fill("input[name=source]", "Rakortek 2025")
    page.fill("textarea[name=reason]", "Target Rakortek 2025 untuk akhir 2026")
    page.click("text=Simpan target")
    expect(page.locator(".messages")).to_contain_text("tersimpan")
    expect(page.locator("tr[data-indicator=wirausaha-baru]")).to_contain_text("2.872")

    page.click("tr[data-indicator=rasio-kewirausahaan] >> text=Tetapkan")
    page.fill("input[name=value]", "3,81")
    page.fill("textarea[name=reason]", "Target Rakortek 2025")
    page.click("text=Simpan target")
    expect(page.locator("tr[data-indicator=rasio-kewirausahaan]")).to_contain_text("3,81%")

    assert Target.objects.get(year=2026, indicator__code="wirausaha-baru").value == D(2872)
    assert Target.objects.get(year=2026, indicator__code="rasio-kewirausahaan").value == D("3.81")
    assert foreign_requests == []


def test_a_tw_i_target_that_does_not_add_up_is_refused_with_the_figures_kept(page, log_in, demo_server):
    log_in("perencana")
    page.goto(f"{demo_server.url}/target/mikro-naik-kelas/2026/")
    page.fill("input[name=value]", "2.872")
    page.fill("input[name=q1]", "700")
    page.fill("textarea[name=reason]", "Coba target triwulan")
    page.click("text=Simpan target")
    expect(page.locator(".field-error")).to_contain_text(
        "jumlahnya sama dengan target tahunan 2.872; yang terisi sekarang berjumlah 700"
    )
    expect(page.locator("input[name=value]")).to_have_value("2.872")
    expect(page.locator("input[name=q1]")).to_have_value("700")
    assert Target.objects.get(year=2026, indicator__code="mikro-naik-kelas").value == D(850)
