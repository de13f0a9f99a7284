"""In a real browser: a planner shares a province target out to the kabupaten/kota."""

from decimal import Decimal as D

from playwright.sync_api import expect

from targets.models import RegionalTarget


def test_a_planner_sets_regency_targets_and_sees_them_against_the_province_target(page, log_in, demo_server):
    log_in("perencana")
    page.goto(f"{demo_server.url}/target/wirausaha-baru/2026/")
    section = page.locator("#target-kabupaten")
    section.locator("tr[data-region='62.71'] input").fill("1.000")
    section.locator("tr[data-region='62.06'] input").fill("dua ratus")
    section.locator("textarea[name=reason]").fill("Pembagian target Rakortek")
    section.locator("text=Simpan target kabupaten/kota").click()

    expect(page.locator("tr[data-region='62.06'] .field-error")).to_be_visible()
    expect(page.locator("tr[data-region='62.71'] input")).to_have_value("1.000")
    expect(page.locator("#target-kabupaten textarea[name=reason]")).to_have_value("Pembagian target Rakortek")
    assert not RegionalTarget.objects.filter(year=2026, indicator__code="wirausaha-baru").exists()

    page.locator("tr[data-region='62.06'] input").fill("200")
    page.locator("#target-kabupaten >> text=Simpan target kabupaten/kota").click()
    expect(page.locator(".messages")).to_contain_text(
        "Target 2 kabupaten/kota untuk Wirausaha baru 2026 tersimpan."
    )
    expect(page.locator(".regency-total")).to_contain_text("Jumlah target kabupaten/kota: 1.200")
    expect(page.locator(".regency-total-differs")).to_be_visible()
    saved = RegionalTarget.objects.filter(year=2026, indicator__code="wirausaha-baru")
    assert {t.region.code: t.value for t in saved} == {"62.71": D(1000), "62.06": D(200)}
