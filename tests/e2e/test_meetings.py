"""In a real browser: a planner records a meeting, a figure is revised afterwards through the
workflow, and the snapshot shows the old and the new value; the dashboard shows the meeting's
figures as at the meeting; the administrator deletes the snapshot with a reason."""

from decimal import Decimal

from playwright.sync_api import expect

from tests.e2e.screens import VIEWPORTS
from tests.e2e.test_accessibility import problems_on
from tests.meeting_data import record, revise


def problems_at_every_size(page, name):
    """The accessibility and layout checks of every screen, on the page open now (the admin's
    deletion page and a snapshot with a revision are not in the screens the role walks reach)."""
    found = []
    for size, viewport in VIEWPORTS.items():
        page.set_viewport_size(viewport)
        found += problems_on(page, f"{name} ({size})")
    return found


def test_a_recorded_meeting_shows_a_figure_revised_afterwards_with_both_values(
    page, log_in, demo_server, foreign_requests
):
    log_in("perencana")
    page.click("nav.site-nav >> text=Rapat")
    expect(page.locator(".empty")).to_contain_text("Belum ada rapat yang dicatat.")
    page.click("text=Catat rapat")
    page.fill("input[name=name]", "Rapat Koordinasi TW III 2025")
    page.fill("input[name=held_on]", "2025-10-20")
    page.fill("input[name=year]", "2025")
    page.select_option("select[name=quarter]", "3")
    page.click("button:has-text('Catat dan bekukan')")
    # The place was left empty: named next to its field, the rest kept.
    expect(page.locator(".has-error .field-error")).to_contain_text("Tuliskan tempat rapat.")
    expect(page.locator("input[name=name]")).to_have_value("Rapat Koordinasi TW III 2025")
    page.fill("input[name=place]", "Aula Dinas, Palangka Raya")
    page.click("button:has-text('Catat dan bekukan')")
    expect(page.locator("h1")).to_have_text("Rapat Koordinasi TW III 2025")
    expect(page.locator(".revised-count")).to_contain_text("Tidak ada angka yang diubah sejak rapat.")

    revise("volume-usaha-produksi", 2025, 3, Decimal(46_000_000_000))
    page.reload()
    expect(page.locator(".revised-count")).to_contain_text("1 angka diubah sejak rapat")
    figure = page.locator("tr[data-series=volume-usaha-produksi][data-quarter='3']")
    expect(figure).to_contain_text("diubah sejak rapat")
    expect(figure).to_contain_text("Rp 44 miliar → Rp 46 miliar")
    expect(page.locator("tr[data-indicator=volume-usaha-produksi]")).to_contain_text("diubah sejak rapat")
    assert problems_at_every_size(page, "meeting snapshot with a revised figure") == []

    page.click("text=Dasbor per rapat ini")
    expect(page.locator(".meeting-banner")).to_contain_text(
        "Keadaan per rapat Rapat Koordinasi TW III 2025, 20 Oktober 2025"
    )
    expect(page.locator("tr[data-indicator=volume-usaha-produksi]")).to_contain_text("Rp 123 miliar")
    page.click("text=Kembali ke angka hari ini")
    expect(page.locator("tr[data-indicator=volume-usaha-produksi]")).to_contain_text("Rp 125 miliar")
    assert foreign_requests == []


def test_the_administrator_deletes_a_snapshot_only_with_a_reason(page, log_in, demo_server):
    meeting = record()
    log_in("admin")
    page.goto(f"{demo_server.url}/rapat/{meeting.pk}/")
    page.click("text=Hapus snapshot")
    assert problems_at_every_size(page, "meeting deletion") == []
    page.click("button:has-text('Ya, hapus snapshot')")
    expect(page.locator(".field-error")).to_contain_text("Tuliskan alasannya.")
    page.fill("textarea[name=reason]", "Dicatat untuk periode yang salah.")
    page.click("button:has-text('Ya, hapus snapshot')")
    expect(page.locator(".messages")).to_contain_text("Snapshot rapat dihapus; alasannya disimpan.")
    expect(page.locator(".empty")).to_contain_text("Belum ada rapat yang dicatat.")
