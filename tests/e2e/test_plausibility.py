"""In a real browser: a staff member types slips of ten and a thousand times, in both directions, for a
count, a percentage and a Rupiah figure; each is questioned with what was probably meant, and a
figure confirmed is saved as typed."""

import pytest
from playwright.sync_api import expect

from targets.models import Indicator

# (account, bureau, series, [(typed, what the warning says, what was probably meant)])
SLIPS = [
    (
        "staf.kelembagaan",
        "kelembagaan",
        "koperasi-produsen",  # 1.334 cooperatives last quarter
        [
            ("1.334.000", "seribu kali lebih besar", "1.334"),
            ("1", "seribu kali lebih kecil", "1.000"),
            ("13.340", "sepuluh kali lebih besar", "1.334"),
            ("133", "sepuluh kali lebih kecil", "1.330"),
        ],
    ),
    (
        "staf.usahakecil",
        "usaha-kecil",
        "rasio-kewirausahaan",  # 3,66% last quarter
        [
            ("0,0037", "seribu kali lebih kecil", "3,7%"),
            ("36,6", "sepuluh kali lebih besar", "3,66%"),
            ("0,366", "sepuluh kali lebih kecil", "3,66%"),
        ],
    ),
    (
        "staf.koperasi",
        "koperasi",
        "volume-usaha-produksi",  # Rp 49 miliar last quarter
        [
            ("49.000.000.000.000", "seribu kali lebih besar", "Rp 49 miliar"),
            ("49.000.000", "seribu kali lebih kecil", "Rp 49 miliar"),
            ("490.000.000.000", "sepuluh kali lebih besar", "Rp 49 miliar"),
            ("4.900.000.000", "sepuluh kali lebih kecil", "Rp 49 miliar"),
        ],
    ),
]


@pytest.mark.parametrize(("account", "bureau", "series", "slips"), SLIPS, ids=["count", "percent", "rupiah"])
def test_slips_of_ten_and_a_thousand_times_are_questioned_and_a_confirmed_one_is_saved(
    page, log_in, demo_server, account, bureau, series, slips
):
    # The demo's cooperative count is reported by region and rolled up; here the province types it.
    Indicator.objects.filter(code="koperasi-produsen").update(by_region=False)
    log_in(account)
    page.goto(f"{demo_server.url}/entri/{bureau}/2026/1/")
    field = page.locator(f"input[name={series}-value]")
    row = page.locator(f"[data-series={series}]")
    for typed, words, meant in slips:
        field.fill(typed)
        page.click("button[name=save]")
        expect(row.locator(".field-error")).to_contain_text(words)
        expect(row.locator(".field-error")).to_contain_text(f"Apakah maksud Anda {meant}?")
        expect(field).to_have_value(typed)

    row.locator("input[type=checkbox]").check()
    page.click("button[name=save]")
    expect(page.locator(".messages")).to_contain_text("Tersimpan sebagai draf.")
    expect(field).to_have_value(slips[-1][0])


def test_a_percentage_a_thousand_times_too_large_is_refused_with_what_to_type(page, log_in, demo_server):
    log_in("staf.usahakecil")
    page.goto(f"{demo_server.url}/entri/usaha-kecil/2026/1/")
    page.fill("input[name=rasio-kewirausahaan-value]", "3.660")
    page.click("button[name=save]")
    error = page.locator("[data-series=rasio-kewirausahaan] .field-error")
    expect(error).to_contain_text("Persentase tidak boleh lebih dari 100.")
    expect(error).to_contain_text("Bila maksud Anda 3,66%, tulis 3,66.")
