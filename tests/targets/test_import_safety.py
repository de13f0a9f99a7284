"""The import through the one write path, its checks per row, and the caps that keep a file from
hurting the server (each cap lowered here through the settings)."""

import io
import zipfile
from decimal import Decimal as D

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from targets import sheet
from targets.choices import Status
from targets.models import Realization, WorkflowStep
from tests.targets.test_import import URL, figures, row, upload


@pytest.fixture
def staff(demo, log_in_as):
    return log_in_as("staf.usahakecil")


def test_an_import_into_a_submitted_quarter_is_refused_with_a_clear_message(staff):
    # 2025 TW IV of the small-business bureau awaits the head's approval.
    response = staff.post(URL, {"sheet": upload([row("mikro-naik-kelas", 2025, "", "", "", 200)])})
    page = response.content.decode()
    assert response.status_code == 200
    assert "TW IV: triwulan ini menunggu persetujuan dan terkunci" in page
    assert ("mikro-naik-kelas", 4) not in figures(2025)
    assert {s for (_c, q), (_v, s) in figures(2025).items() if q == 4} == {Status.SUBMITTED, Status.APPROVED}


def test_importing_an_older_export_refuses_the_rows_changed_since(staff):
    staff.post(URL, {"sheet": upload([row("mikro-naik-kelas", 2026, 210, 190)])})
    older = [row("mikro-naik-kelas", 2026, 210, 190)]  # exported now: versions 1 and 1
    staff.post(URL, {"sheet": upload([row("mikro-naik-kelas", 2026, 220, 190)])})  # a colleague's change

    response = staff.post(URL, {"sheet": upload([[*older[0][:4], 210, 195, *older[0][6:]]])})
    page = response.content.decode()
    assert "TW I: diubah orang lain (versi 2) setelah versi 1 yang Anda pakai." in page
    assert figures(2026)[("mikro-naik-kelas", 1)] == (D(220), Status.DRAFT)
    assert figures(2026)[("mikro-naik-kelas", 2)] == (D(190), Status.DRAFT)  # nothing of the file saved


def test_a_slip_in_a_file_is_listed_and_saved_only_once_confirmed(staff):
    slipped = [row("mikro-naik-kelas", 2026, 2100), row("proporsi-ukm", 2026, "0.0039")]
    response = staff.post(URL, {"sheet": upload(slipped)})
    page = response.content.decode()
    assert "Belum disimpan: periksa angka yang ditandai" in page
    assert "TW I: Anda mengetik 2.100, sekitar sepuluh kali lebih besar" in page
    assert "TW I: Anda mengetik 0,0039%, sekitar seribu kali lebih kecil" in page
    assert figures(2026) == {}

    response = staff.post(URL, {"sheet": upload(slipped), "confirm": "on"})
    assert response.status_code == 302
    assert figures(2026)[("mikro-naik-kelas", 1)] == (D(2100), Status.DRAFT)


def test_a_csv_as_excel_writes_it_in_an_indonesian_locale_is_read(staff):
    data = tablib.Dataset(row("proporsi-ukm", 2026, "3,9", "3,95"), headers=sheet.HEADERS)
    # The province figure of the new entrepreneurs comes from the regencies: a series typed by the bureau.
    data.append(row("mikro-naik-kelas", 2026, "1.311"))
    content = data.export("csv", delimiter=";").replace("nama", "Usaha café").encode("cp1252")
    response = staff.post(URL, {"sheet": SimpleUploadedFile("usaha-kecil.csv", content), "confirm": "on"})
    assert response.status_code == 302
    assert figures(2026)[("proporsi-ukm", 2)] == (D("3.95"), Status.DRAFT)
    assert figures(2026)[("mikro-naik-kelas", 1)] == (D(1311), Status.DRAFT)


def test_a_csv_with_a_byte_order_mark_is_read(staff):
    content = (
        b"\xef\xbb\xbf"
        + tablib.Dataset(row("mikro-naik-kelas", 2026, 210), headers=sheet.HEADERS).export("csv").encode()
    )
    assert staff.post(URL, {"sheet": SimpleUploadedFile("u.csv", content)}).status_code == 302


def test_a_csv_longer_than_the_row_cap_is_refused_before_any_check(staff, settings):
    settings.IMPORT_MAX_ROWS = 3
    rows = [row("mikro-naik-kelas", 2026 - i, 210, versions=["", "", "", ""]) for i in range(4)]
    response = staff.post(URL, {"sheet": upload(rows)})
    assert "Berkas terlalu panjang: paling banyak 3 baris." in response.content.decode()
    assert not WorkflowStep.objects.filter(year=2026).exists()


def _zip_bomb(unpacked_bytes):
    """An XLSX whose one sheet is mostly zeros: tiny on disk, large once unpacked."""
    workbook = Workbook()
    workbook.active.append(sheet.HEADERS)
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/padding.bin", b"0" * unpacked_bytes)
    return buffer.getvalue()


def test_an_xlsx_too_large_once_unpacked_is_refused_before_it_is_parsed(staff, settings):
    settings.IMPORT_MAX_UNPACKED_MB = 1
    content = _zip_bomb(2 * 1024 * 1024)
    assert len(content) < 50_000
    response = staff.post(URL, {"sheet": SimpleUploadedFile("bom.xlsx", content)})
    assert "Isi berkas XLSX terlalu besar setelah dibuka (2 MB; batasnya 1 MB)." in response.content.decode()


def test_the_listed_problems_are_capped_with_a_count_of_the_rest(staff, settings):
    settings.IMPORT_MAX_LISTED = 2
    rows = [row("tidak-ada", 2026, 1, versions=["", "", "", ""]) for _ in range(5)]
    page = staff.post(URL, {"sheet": upload(rows)}).content.decode()
    assert page.count("data-line=") == 2
    assert "… dan 3 baris lainnya." in page


def test_a_file_that_takes_too_long_is_refused(staff, settings):
    settings.IMPORT_MAX_SECONDS = -1
    response = staff.post(URL, {"sheet": upload([row("mikro-naik-kelas", 2026, 210)])})
    assert "Berkas ini terlalu lama dibaca" in response.content.decode()
    assert not Realization.objects.filter(year=2026).exists()
