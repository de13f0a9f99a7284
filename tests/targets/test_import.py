"""Importing a bureau sheet: all or nothing, drafts only, and export → import gives the same figures."""

from decimal import Decimal as D

import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from targets import sheet
from targets.choices import Status, Step
from targets.models import Indicator, Realization, WorkflowStep

URL = reverse("targets:import", args=["usaha-kecil"])


def row(code, year, q1="", q2="", q3="", q4="", statuses=("", "", "", ""), versions=None):
    """A sheet row as the bureau export lays it out, by default with the row versions stored now (a
    fresh export); the import reads only code, year, TW I–IV and their versions."""
    if versions is None and isinstance(year, int):
        stored = dict(
            Realization.objects.filter(indicator__code=code, year=year).values_list("quarter", "version")
        )
        versions = [stored.get(q, "") for q in (1, 2, 3, 4)]
    return [
        code,
        "nama",
        "satuan",
        year,
        q1,
        q2,
        q3,
        q4,
        *statuses,
        "target",
        "realisasi",
        "capaian",
        "kategori",
        *(versions or [""] * 4),
        *[""] * 8,  # kendala and tindak lanjut of each quarter
        "",  # keterangan
        "",  # kode wilayah: empty, read as the province
        "",  # wilayah
    ]


def upload(rows, kind="csv", headers=sheet.HEADERS):
    data = tablib.Dataset(*rows, headers=headers)
    content = data.export(kind)
    if isinstance(content, str):
        content = content.encode()
    return SimpleUploadedFile(f"usaha-kecil.{kind}", content)


def figures(year):
    return {
        (code, q): (value, status)
        for code, q, value, status in Realization.objects.filter(year=year).values_list(
            "indicator__code", "quarter", "value", "status"
        )
    }


def export_shaped(year, codes):
    """The sheet as the bureau export writes it: one row per series, each quarter's own raw value."""
    stored = figures(year)
    rows = []
    for code in codes:
        values = [stored.get((code, q), (None, ""))[0] for q in (1, 2, 3, 4)]
        states = [stored.get((code, q), (None, ""))[1] for q in (1, 2, 3, 4)]
        rows.append(row(code, year, *["" if v is None else v for v in values], statuses=states))
    return rows


@pytest.fixture
def staff(demo, log_in_as):
    return log_in_as("staf.usahakecil")


def test_the_import_page_explains_the_layout(staff):
    page = staff.get(URL).content.decode()
    assert "Kode, Tahun, dan TW I–TW IV" in page
    assert "Semua atau tidak sama sekali" in page


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_good_file_saves_drafts_never_approvals(staff, kind):
    rows = [
        row("proporsi-ukm", 2026, "3.9", "3.95", statuses=("disetujui", "disetujui", "", "")),
        row("mikro-naik-kelas", 2026, 210),
        row("rasio-kewirausahaan", 2026),
    ]
    response = staff.post(URL, {"sheet": upload(rows, kind)}, follow=True)
    assert "Impor selesai: 3 angka disimpan sebagai draf; 0 tidak berubah." in response.content.decode()
    assert figures(2026) == {
        ("proporsi-ukm", 1): (D("3.9"), Status.DRAFT),
        ("proporsi-ukm", 2): (D("3.95"), Status.DRAFT),
        ("mikro-naik-kelas", 1): (D(210), Status.DRAFT),
    }
    assert sorted(WorkflowStep.objects.filter(year=2026).values_list("action", "quarter")) == [
        (Step.IMPORT, 1),
        (Step.IMPORT, 2),
    ]
    record = Realization.objects.get(indicator__code="mikro-naik-kelas", year=2026).history.first()
    assert record.history_user.username == "staf.usahakecil"
    assert record.history_change_reason == "diimpor dari berkas"


def test_a_file_with_any_bad_row_saves_nothing_and_lists_every_bad_row(staff):
    rows = [
        row("mikro-naik-kelas", 2026, 210),  # good
        row("proporsi-ukm", 2026, "tiga koma sembilan"),  # line 3
        row("rasio-kewirausahaan", 2026, "-1"),  # line 4
        row("wirausaha-baru", 2026, "", "101.5"),  # line 5: half a person
        row("proporsi-ukm", 2027, "100.5"),  # line 6
        row("tidak-ada", 2026, 5),  # line 7
        row("volume-usaha-produksi", 2026, 5),  # line 8: another bureau's series
        row("mikro-naik-kelas", "dua ribu", 5),  # line 9
        row("proporsi-ukm", 2025, "3.10", "3.30"),  # line 10: TW I as stored, TW II approved and changed
        row("wirausaha-baru", 2026, 7),  # line 11: a second row for the same code and year
    ]
    response = staff.post(URL, {"sheet": upload(rows)})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Tidak ada yang disimpan" in page
    bad_lines = {int(line) for line in __import__("re").findall(r'data-line="(\d+)"', page)}
    assert bad_lines == {3, 4, 5, 6, 7, 8, 9, 10, 11}
    assert "TW I: Bukan angka yang dikenali (contoh 1311, 1.12, 1.311 atau 1,12)." in page
    assert "TW I: Realisasi tidak boleh negatif." in page
    assert "TW I: Persentase tidak boleh lebih dari 100." in page
    assert "TW II: Jumlah orang harus bilangan bulat." in page
    assert "Kode tidak-ada tidak dikenal." in page
    assert "Bukan data bidang Bidang Pemberdayaan Usaha Kecil." in page
    assert "Tahun tidak sah: dua ribu." in page
    assert "TW II: triwulan ini disetujui dan terkunci" in page
    assert "Baris ganda" in page
    assert "TW I: triwulan ini" not in page.split('data-line="10"')[1].split("</tr>")[0]
    assert figures(2026) == {}
    assert not WorkflowStep.objects.filter(year=2026).exists()


def test_a_value_equal_to_a_locked_one_is_not_a_change(staff):
    rows = export_shaped(2025, ["proporsi-ukm", "rasio-kewirausahaan", "wirausaha-baru"])
    before = figures(2025)
    response = staff.post(URL, {"sheet": upload(rows)}, follow=True)
    assert "0 angka disimpan sebagai draf; 12 tidak berubah." in response.content.decode()
    assert figures(2025) == before


def test_a_returned_quarter_takes_a_changed_value_as_a_draft(staff):
    response = staff.post(URL, {"sheet": upload([row("mikro-naik-kelas", 2025, "", "", 175)])})
    assert response.status_code == 302
    assert figures(2025)[("mikro-naik-kelas", 3)] == (D(175), Status.DRAFT)


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_export_then_import_gives_back_the_same_figures(staff, kind):
    codes = list(Indicator.objects.filter(bureau__code="usaha-kecil").values_list("code", flat=True))
    staff.post(
        URL,
        {"sheet": upload([row("mikro-naik-kelas", 2026, 210, "190"), row("proporsi-ukm", 2026, "3.875")])},
    )
    exported = export_shaped(2026, codes)
    entered = figures(2026)
    Realization.objects.filter(year=2026).update(value=D(1))

    response = staff.post(URL, {"sheet": upload(exported, kind)})
    assert response.status_code == 302
    assert figures(2026) == entered
    # And the same file again changes nothing.
    response = staff.post(URL, {"sheet": upload(exported, kind)}, follow=True)
    assert "0 angka disimpan sebagai draf; 3 tidak berubah." in response.content.decode()


def test_a_semicolon_separated_csv_is_read_too(staff):
    data = tablib.Dataset(row("mikro-naik-kelas", 2026, 210), headers=sheet.HEADERS)
    content = data.export("csv", delimiter=";").encode()
    response = staff.post(URL, {"sheet": SimpleUploadedFile("u.csv", content)})
    assert response.status_code == 302
    assert figures(2026)[("mikro-naik-kelas", 1)] == (D(210), Status.DRAFT)


def test_a_file_without_the_sheets_columns_is_refused_whole(staff):
    response = staff.post(
        URL, {"sheet": upload([["mikro-naik-kelas", 2026, 210]], headers=["Kode", "Tahun", "Q1"])}
    )
    assert response.status_code == 200
    assert "kolom yang tidak ada: TW I, TW II, TW III, TW IV" in response.content.decode()
    assert figures(2026) == {}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("data.txt", b"Kode,Tahun", "Hanya berkas CSV atau XLSX yang dapat diimpor."),
        ("data.xlsx", b"not a zip", "Berkas tidak dapat dibaca sebagai CSV atau XLSX."),
        (
            "data.csv",
            "Kode,Tahun\n".encode("utf-16"),
            "Berkas CSV harus berupa teks UTF-8 atau Windows-1252.",
        ),
    ],
)
def test_a_file_that_cannot_be_read_gets_a_clear_message(staff, name, content, message):
    response = staff.post(URL, {"sheet": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert message in response.content.decode()


def test_no_file_gets_a_clear_message(staff):
    response = staff.post(URL, {})
    assert "Pilih berkas yang akan diimpor." in response.content.decode()
