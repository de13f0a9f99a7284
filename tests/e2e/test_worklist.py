"""In a real browser: a staff member lands on the worklist, finds the quarter the head returned last
year, with the head's reason, fixes it and submits it again; the head approves after a second look
that warns."""

import datetime

from playwright.sync_api import expect

from targets.models import Realization


def test_staff_find_a_returned_quarter_on_their_worklist_and_fix_it(
    page, log_in, demo_server, foreign_requests, today
):
    today(datetime.date(2026, 11, 28))
    log_in("staf.usahakecil")
    expect(page.locator("h1")).to_have_text("Daftar kerja")
    # The header's count is fetched after the page has loaded: five quarters and one follow-up past
    # its due date.
    expect(page.locator("header .worklist-count")).to_have_text("6")
    expect(page.locator("#tindak-lanjut-terlambat")).to_contain_text("Kasi Pemberdayaan Usaha Mikro")

    returned = page.locator("#dikembalikan .work-item")
    expect(returned).to_have_count(1)
    expect(returned).to_contain_text("2025 TW III")
    expect(returned).to_contain_text("Angka TW III belum disertai daftar nama usaha yang naik kelas.")
    returned.locator("a").click()

    expect(page.locator("h1")).to_contain_text("Bidang Pemberdayaan Usaha Kecil · 2025 TW III")
    expect(page.locator(".quarter-status")).to_contain_text("dikembalikan")
    expect(page.locator("input[name=mikro-naik-kelas-value]")).to_be_editable()
    expect(page.locator(".quarter-due")).to_contain_text("terlambat")

    # Fixed as the head asked, and submitted again: it leaves the list of returned quarters.
    page.fill("input[name=mikro-naik-kelas-value]", "158")
    page.fill(
        "textarea[name=mikro-naik-kelas-kendala]",
        "Daftar nama 158 usaha yang naik kelas terlampir; dua usaha ganda dihapus.",
    )
    page.click("button[name=submit]")
    expect(page.locator(".messages")).to_contain_text("Triwulan ini telah diajukan kepada Kepala Dinas.")
    page.click("nav.site-nav >> text=Daftar kerja")
    expect(page.locator("#dikembalikan .work-item")).to_have_count(0)
    assert foreign_requests == []


def test_the_head_approves_from_the_worklist_after_a_confirmation_that_warns_of_an_earlier_quarter(
    page, log_in, demo_server, today
):
    today(datetime.date(2026, 11, 28))
    slip = Realization.objects.filter(indicator__bureau__code="usaha-kecil", year=2025, quarter=4).first()
    Realization.objects.filter(pk=slip.pk).update(value=slip.value * 1000)
    log_in("kadis")
    waiting = page.locator("#menunggu-persetujuan .work-item[data-bureau=usaha-kecil]")
    expect(waiting).to_contain_text("2025 TW IV")
    waiting.locator("a").click()
    page.click("text=Setujui dan kunci")

    expect(page.locator("h1")).to_have_text("Setujui dan kunci Bidang Pemberdayaan Usaha Kecil 2025 TW IV?")
    warning = page.locator(".earlier-not-approved")
    expect(warning).to_contain_text("belum disetujui")
    expect(warning).to_contain_text("2025 TW III")
    expect(page.locator(".plausibility-warned")).to_contain_text("satu angka jauh dari pembandingnya")
    expect(page.locator(f"tr[data-series={slip.indicator.code}] .figure-warning")).to_contain_text(
        "seribu kali lebih besar"
    )
    page.click("button:has-text('Ya, setujui dan kunci')")
    expect(page.locator(".messages")).to_contain_text("Triwulan ini disetujui dan dikunci.")

    page.click("nav.site-nav >> text=Daftar kerja")
    expect(page.locator("#menunggu-persetujuan .work-item[data-bureau=usaha-kecil]")).to_have_count(0)
